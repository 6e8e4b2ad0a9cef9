import { validateOptions } from "../diagnostics/options.ts";
import { JsonNotesOptionsSchema } from "./notes-options.ts";
import { parseDocument } from "yaml";
import { z } from "zod";
import { CodingSchema, type Coding } from "../codings/coding.ts";
import { LineCounter, locator } from "../codebook/locate.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { toResult, type Result } from "../diagnostics/result.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import { NoteSchema, type Note } from "./note.ts";

/** The JSON notes file: an array of notes, or an object with `notes` (and optionally `codings`). */
export const NotesFileSchema = z.union([
  z.array(NoteSchema),
  z.object({ notes: z.array(NoteSchema), codings: z.array(CodingSchema).default([]) }).loose(),
]);

/**
 * Turns a JSON.parse error message into a place, when the message names a position.
 *
 * @param text the JSON text that failed to parse
 * @param message the error's message
 * @returns the line and column (from 1), or the end of the text when the message names none
 * @example
 * ```ts
 * jsonErrorPlace('{"a": 1,\n}', "Expected double-quoted property name in JSON at position 9"); // { line: 2, column: 1 }
 * ```
 */
export function jsonErrorPlace(text: string, message: string): { line: number; column: number } {
  const lineCol = /line (\d+) column (\d+)/u.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /position (\d+)/u.exec(message);
  const at = position ? Number(position[1]) : text.length;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}

/**
 * Parses notes from JSON: an array of `{ id, text, ... }` or `{ "notes": [...], "codings": [...] }`.
 * Syntax errors and schema problems are located at line and column.
 *
 * @example
 * ```ts
 * const r = parseNotesJson('[{"id": "1", "text": "Hun tok seg tid"}]', { file: "notes.json" });
 * r.ok && r.value.notes.length; // 1
 * ```
 */
export function parseNotesJson(text: string, options: { file?: string } = {}): Result<LoadedNotes> {
  const valid = validateOptions(JsonNotesOptionsSchema, options, "load notes", "kodebok:json");
  if (!valid.ok) return valid;
  const file = options.file;
  const body = text.replace(/^\uFEFF/u, "");
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, diagnostics: [diagnostic({ code: "json-parse-error", severity: "error", reason: `Cannot load notes: ${message.replace(/ in JSON at position \d+.*$/u, "")}`, file, start: jsonErrorPlace(body, message), source: "kodebok:json" })] };
  }
  const parsed = NotesFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = new LineCounter();
    const place = locator(parseDocument(body, { lineCounter: lines }), lines);
    return {
      ok: false,
      diagnostics: parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, place, file)),
    };
  }
  const value = parsed.data;
  const notes: Note[] = Array.isArray(value) ? value : value.notes;
  const codings: Coding[] = Array.isArray(value) ? [] : value.codings;
  const lines = new LineCounter();
  const place = locator(parseDocument(body, { lineCounter: lines }), lines);
  notes.forEach((note, i) => {
    const start = place.place(Array.isArray(value) ? [i] : ["notes", i]);
    if (start && !note.origin) note.origin = { ...(file !== undefined ? { file } : {}), ...start };
  });
  const checked = checkNotes(notes, file);
  return toResult({ notes: checked.notes, codings }, checked.diagnostics);
}

function issueDiagnostics(issue: z.core.$ZodIssue, place: ReturnType<typeof locator>, file: string | undefined): Diagnostic[] {
  // A union reports the errors of its branches; report the branch that got furthest.
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const best = [...issue.errors].sort((a, b) => Math.max(0, ...b.map((x) => x.path.length)) - Math.max(0, ...a.map((x) => x.path.length)))[0]!;
    return best.flatMap((inner) => issueDiagnostics({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, place, file));
  }
  const path = issue.path as PropertyKey[];
  return [
    diagnostic({
      code: "note-invalid",
      severity: "error",
      reason: `Cannot load notes: ${path.length ? `"${path.map(String).join(".")}": ` : ""}${issue.message}`,
      file,
      start: place.place(path),
      field: path.map(String).join("."),
      source: "kodebok:json",
    }),
  ];
}

/**
 * Parses notes from JSON Lines: one note object per line; blank lines are skipped. Each bad line
 * is reported with its line number, and the other lines are still read.
 *
 * @example
 * ```ts
 * parseNotesJsonl('{"id":"1","text":"Tid"}\n{"id":"2","text":"Tillit"}\n').ok; // true
 * ```
 */
export function parseNotesJsonl(text: string, options: { file?: string } = {}): Result<LoadedNotes> {
  const valid = validateOptions(JsonNotesOptionsSchema, options, "load notes", "kodebok:json");
  if (!valid.ok) return valid;
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  text.replace(/^\uFEFF/u, "").split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      const message = (error as Error).message;
      const at = jsonErrorPlace(raw, message);
      diagnostics.push(diagnostic({ code: "json-parse-error", severity: "error", reason: `Cannot load notes: ${message.replace(/ in JSON at position \d+.*$/u, "")}`, file, start: { line, column: at.column }, source: "kodebok:jsonl" }));
      return;
    }
    const parsed = NoteSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".");
        const key = issue.path[0] !== undefined ? raw.indexOf(`"${String(issue.path[0])}"`) : -1;
        diagnostics.push(diagnostic({ code: "note-invalid", severity: "error", reason: `Cannot load notes: ${field ? `"${field}": ` : ""}${issue.message}`, file, start: { line, column: key >= 0 ? key + 1 : 1 }, field, source: "kodebok:jsonl" }));
      }
      return;
    }
    const note = parsed.data;
    note.origin ??= { ...(file !== undefined ? { file } : {}), line, column: 1 };
    notes.push(note);
  });
  const checked = checkNotes(notes, file);
  diagnostics.push(...checked.diagnostics);
  return toResult({ notes: checked.notes, codings: [] }, diagnostics);
}
