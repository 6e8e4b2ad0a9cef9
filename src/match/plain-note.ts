import type { Note } from "../notes/note.ts";

/** Note keys in the order `NoteSchema` writes them. */
const KEYS = ["id", "text", "seminar", "group", "participant", "question", "source", "language", "cluster", "attributes", "origin"];
const ORIGIN_KEYS = ["file", "line", "column"];
const LANGUAGES = new Set(["nb", "nn", "en"]);

/**
 * Returns the input itself when it is already a note exactly as `NoteSchema.parse` would return it
 * (a plain object with only note keys, in the schema's order, every value valid, the origin's column
 * filled in), so that coding a loaded note skips a schema parse and a copy; otherwise `undefined`
 * and the caller validates with the schema (same result, or a located error).
 *
 * @param input anything
 * @returns the note, or undefined when the schema must decide
 * @example
 * ```ts
 * plainNote({ id: "1", text: "Tid" }); // the same object
 * plainNote({ text: "Tid", id: "1" }); // undefined: key order differs from the schema's output
 * ```
 */
export function plainNote(input: unknown): Note | undefined {
  if (!isPlainObject(input)) return undefined;
  const o = input as Record<string, unknown>;
  let k = 0;
  for (const key in o) {
    while (k < KEYS.length && KEYS[k] !== key) k++;
    if (k === KEYS.length) return undefined;
    const v = o[key];
    k++;
    if (v === undefined && key !== "id" && key !== "text") continue;
    switch (key) {
      case "id":
        if (typeof v !== "string" || v.length === 0) return undefined;
        break;
      case "language":
        if (!LANGUAGES.has(v as string)) return undefined;
        break;
      case "attributes":
        if (!isPlainObject(v)) return undefined;
        for (const a in v as Record<string, unknown>) if (typeof (v as Record<string, unknown>)[a] !== "string") return undefined;
        break;
      case "origin":
        if (!plainOrigin(v)) return undefined;
        break;
      default:
        if (typeof v !== "string") return undefined;
    }
  }
  return typeof o.id === "string" && typeof o.text === "string" ? (o as unknown as Note) : undefined;
}

function plainOrigin(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const o = v as Record<string, unknown>;
  let k = 0;
  for (const key in o) {
    while (k < ORIGIN_KEYS.length && ORIGIN_KEYS[k] !== key) k++;
    if (k === ORIGIN_KEYS.length) return false;
    k++;
    const x = o[key];
    if (key === "file") {
      if (x !== undefined && typeof x !== "string") return false;
    } else if (!(typeof x === "number" && Number.isInteger(x) && x > 0)) return false;
  }
  return typeof o.line === "number" && typeof o.column === "number";
}

function isPlainObject(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
