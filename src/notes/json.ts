import { appendAll } from "../collections/append-all.ts";
import { validateOptions } from "../diagnostics/options.ts";
import { JsonNotesOptionsSchema } from "./notes-options.ts";
import { z } from "zod";
import { CodingSchema, type Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { jsonOffsets, JsonSyntaxError, placesIn, scanJson, type JsonPath } from "./json-places.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import { NoteSchema, type Note } from "./note.ts";
import { splitLines } from "./raw-lines.ts";

/** The JSON notes file: an array of notes, or an object with `notes` (and optionally `codings`). */
export const NotesFileSchema = z.union([
  z.array(NoteSchema),
  z.object({ notes: z.array(NoteSchema), codings: z.array(CodingSchema).default([]) }).loose(),
]);

/**
 * The place of a JSON syntax error: found by scanning the text (the engines' messages differ,
 * and V8's names no position for an unexpected token at the start), else from the message.
 *
 * @param text the JSON text that failed to parse
 * @param message the error's message
 * @returns the line and column (from 1)
 * @example
 * ```ts
 * jsonErrorPlace('{"a": 1,\n}', "Expected double-quoted property name in JSON at position 9"); // { line: 2, column: 1 }
 * ```
 */
export function jsonErrorPlace(text: string, message: string): { line: number; column: number } {
  let at: number | undefined;
  try {
    scanJson(text, () => false, () => undefined);
  } catch (error) {
    if (error instanceof JsonSyntaxError) at = error.offset;
  }
  if (at === undefined) {
    const lineCol = /line (\d+) column (\d+)/u.exec(message);
    if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    const position = /position (\d+)/u.exec(message);
    at = position ? Number(position[1]) : text.length;
  }
  return placesIn(text)(at);
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
  return fromRecovered(jsonNotes(text, options));
}

/**
 * {@link parseNotesJson}'s core: the notes it read and every diagnostic, also when some are errors.
 *
 * @param text the text
 * @param options as for {@link parseNotesJson}
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * jsonNotes('[{"id": "1", "text": "Tid"}, {"id": "1", "text": "Mer tid"}]').value?.notes.length; // 1, beside the error for the second
 * ```
 */
export function jsonNotes(text: string, options: { file?: string } = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(JsonNotesOptionsSchema, options, "load notes", "kodebok:json");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const body = text.replace(/^\uFEFF/u, "");
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    return { diagnostics: [diagnostic({ code: "json-parse-error", severity: "error", reason: `Cannot load notes: ${message.replace(/ in JSON at position \d+.*$/u, "")}`, file, start: jsonErrorPlace(body, message), source: "kodebok:json" })] };
  }
  const parsed = NotesFileSchema.safeParse(data);
  const placeOf = placesIn(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(flattenIssue).slice(0, MAX_ISSUES);
    const offsets = jsonOffsets(body, issues.map((issue) => issue.path as JsonPath));
    return {
      diagnostics: issues.map((issue, k) => issueDiagnostic(issue, offsets[k] === undefined ? undefined : placeOf(offsets[k]!), file)),
    };
  }
  const value = parsed.data;
  const notes: Note[] = Array.isArray(value) ? value : value.notes;
  const codings: Coding[] = Array.isArray(value) ? [] : value.codings;
  // Where each note starts: one scan of the text for the elements of the notes array.
  const starts: number[] = [];
  const depth = Array.isArray(value) ? 1 : 2;
  scanJson(body, (d) => d === depth, (path, at) => {
    if (depth === 1 || path[0] === "notes") starts.push(at);
  });
  notes.forEach((note, i) => {
    const at = starts[i];
    if (at !== undefined && !note.origin) note.origin = { ...(file !== undefined ? { file } : {}), ...placeOf(at) };
  });
  const checked = checkNotes(notes, file);
  return { value: { notes: checked.notes, codings }, diagnostics: checked.diagnostics };
}

/** Most schema problems of a JSON notes file reported (a file of 100,000 bad notes gives 100 lines, not 11 MB). */
const MAX_ISSUES = 100;

/** A union reports the errors of its branches: the issues of the branch that got furthest. */
function flattenIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const best = [...issue.errors].sort((a, b) => Math.max(0, ...b.map((x) => x.path.length)) - Math.max(0, ...a.map((x) => x.path.length)))[0]!;
    return best.flatMap((inner) => flattenIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
  }
  return [issue];
}

function issueDiagnostic(issue: z.core.$ZodIssue, start: { line: number; column: number } | undefined, file: string | undefined): Diagnostic {
  const path = issue.path as PropertyKey[];
  return diagnostic({
    code: "note-invalid",
    severity: "error",
    reason: `Cannot load notes: ${path.length ? `"${path.map(String).join(".")}": ` : ""}${issue.message}`,
    file,
    ...(start ? { start } : {}),
    field: path.map(String).join("."),
    source: "kodebok:json",
  });
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
  return fromRecovered(jsonlNotes(text, options));
}

/**
 * {@link parseNotesJsonl}'s core: the notes it read and every diagnostic, also when some are errors.
 *
 * @param text the text
 * @param options as for {@link parseNotesJsonl}
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * jsonlNotes('{"id": "1", "text": "Tid"}\n{"id": 2\n').value?.notes.length; // 1, beside the error for line 2
 * ```
 */
export function jsonlNotes(text: string, options: { file?: string } = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(JsonNotesOptionsSchema, options, "load notes", "kodebok:json");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  splitLines(text.replace(/^\uFEFF/u, "")).forEach((raw, i) => {
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
  appendAll(diagnostics, checked.diagnostics);
  return { value: { notes: checked.notes, codings: [] }, diagnostics };
}
