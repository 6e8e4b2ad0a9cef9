import { LanguageSchema } from "../text/language.ts";
import type { Note } from "../notes/note.ts";

/** The first line of the `Description` kodebok writes on a note's selection: `kodebok-note: <id>`. */
export const KODEBOK_NOTE_PREFIX = "kodebok-note: ";

/** The line that records a coder who read the note and gave it no code. */
const SEEN_KEY = "seen, no code";
const ATTRIBUTE_KEY = "attribute ";

/** The note fields a `Description` carries, in the order they are written and read. */
const FIELDS = ["seminar", "group", "participant", "question", "source", "language", "cluster"] as const;

/** What a note selection's `Description` records: the note's fields, and who saw it without coding it. */
export interface NoteFieldsRecord {
  /** The note's id. */
  id: string;
  /** The note's fields besides its id and text (`attributes` included, `origin` never). */
  fields: Omit<Note, "id" | "text" | "origin">;
  /** The coders (users) who read the note and gave it no code. */
  seenUncoded: string[];
}

// A value is written as it is, unless reading it back could change it: then as a JSON string.
const NEEDS_QUOTING = /^$|^\s|\s$|^"|[\u0000-\u001f\u007f\u2028\u2029]/u;

function encode(value: string): string {
  return NEEDS_QUOTING.test(value) ? JSON.stringify(value) : value;
}

function decode(value: string): string | undefined {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `Description` that carries a note's fields through a REFI-QDA project, so that an import
 * gives the note back exactly: a first line `kodebok-note: <id>`, then one `field: value` line per
 * field the note has (`seminar`, `group`, `participant`, `question`, `source`, `language`,
 * `cluster`, then `attribute <name>: value` in name order), then one `seen, no code: <coder>` line
 * per coder who read the note and gave it no code. A value that starts or ends with a space,
 * starts with `"`, is empty or holds a line break is written as a JSON string; so is an attribute
 * name with `:` in it. Other tools show the text as the selection's memo.
 *
 * @param note the note
 * @param seenUncoded the coders who saw the note and gave it no code, in the order to write them
 * @returns the description text (no trailing newline)
 * @example
 * ```ts
 * noteFieldsDescription({ id: "n1", text: "Tid", question: "q1", language: "nb" }, ["anna"]);
 * // "kodebok-note: n1\nquestion: q1\nlanguage: nb\nseen, no code: anna"
 * ```
 */
export function noteFieldsDescription(note: Note, seenUncoded: readonly string[]): string {
  const lines = [`${KODEBOK_NOTE_PREFIX}${encode(note.id)}`];
  for (const field of FIELDS) {
    const value = note[field];
    if (value !== undefined) lines.push(`${field}: ${encode(value)}`);
  }
  const attributes = note.attributes ?? {};
  for (const name of Object.keys(attributes).sort()) {
    const key = name.includes(":") || NEEDS_QUOTING.test(name) ? JSON.stringify(name) : name;
    lines.push(`${ATTRIBUTE_KEY}${key}: ${encode(attributes[name]!)}`);
  }
  for (const coder of seenUncoded) lines.push(`${SEEN_KEY}: ${encode(coder)}`);
  return lines.join("\n");
}

/**
 * Reads back what {@link noteFieldsDescription} wrote: the lines up to the first blank line of a
 * selection's `Description`, when its first line is `kodebok-note: <id>`. Lines it does not know
 * are left alone; a description that is not kodebok's gives `undefined`.
 *
 * @param description the selection's `Description` text
 * @returns the note's id, fields and the coders who saw it uncoded; or undefined
 * @example
 * ```ts
 * parseNoteFieldsDescription("kodebok-note: n1\nlanguage: nb\nseen, no code: anna");
 * // { id: "n1", fields: { language: "nb" }, seenUncoded: ["anna"] }
 * ```
 */
export function parseNoteFieldsDescription(description: string | undefined): NoteFieldsRecord | undefined {
  if (description === undefined) return undefined;
  const lines = description.replace(/\r\n?/gu, "\n").replace(/^\s+/u, "").split("\n");
  const first = lines[0] ?? "";
  if (!first.startsWith(KODEBOK_NOTE_PREFIX)) return undefined;
  const id = decode(first.slice(KODEBOK_NOTE_PREFIX.length).trim());
  if (id === undefined || id === "") return undefined;
  const record: NoteFieldsRecord = { id, fields: {}, seenUncoded: [] };
  const attributes: Record<string, string> = {};
  let anyAttribute = false;
  for (const line of lines.slice(1)) {
    if (line.trim() === "") break;
    if (line.startsWith(ATTRIBUTE_KEY)) {
      const rest = line.slice(ATTRIBUTE_KEY.length);
      const quoted = /^"(?:[^"\\]|\\.)*"/u.exec(rest);
      const name = quoted ? decode(quoted[0]) : rest.slice(0, Math.max(0, rest.indexOf(": ")));
      const after = quoted ? rest.slice(quoted[0].length) : rest.slice(rest.indexOf(": "));
      const value = after.startsWith(": ") ? decode(after.slice(2)) : undefined;
      if (name !== undefined && name !== "" && value !== undefined) {
        attributes[name] = value;
        anyAttribute = true;
      }
      continue;
    }
    const colon = line.indexOf(": ");
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const value = decode(line.slice(colon + 2));
    if (value === undefined) continue;
    if (key === SEEN_KEY) record.seenUncoded.push(value);
    else if (key === "language") {
      const language = LanguageSchema.safeParse(value);
      if (language.success) record.fields.language = language.data;
    } else if ((FIELDS as readonly string[]).includes(key)) record.fields[key as Exclude<(typeof FIELDS)[number], "language">] = value;
  }
  if (anyAttribute) record.fields.attributes = attributes;
  return record;
}
