import { validateOptions } from "../diagnostics/options.ts";
import { NotesOptionsSchema } from "./notes-options.ts";
import { appendAll } from "../collections/append-all.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { toResult, unwrap, type Result } from "../diagnostics/result.ts";
import { binaryContent } from "../files/binary-content.ts";
import { INPUT_LIMITS, readInputFile } from "../files/read-input-file.ts";

/** What to do with a notes file larger than `readNotes` reads whole. */
const LARGE_NOTES = `Read it with streamNotes() (or tallyCodes() / codeNotesStream()), which holds one note at a time; readNotes() and loadNotes() read files up to ${INPUT_LIMITS.textFile / 1024 / 1024} MiB.`;
import { decodeText } from "./decode.ts";
import { notesFileType, officeFormat, unreadableNotesFile, type OfficeFormat } from "./formats.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import { NoteSchema, type Note, type NoteInput } from "./note.ts";
import { parseNotes, type NotesOptions } from "./parse.ts";

/** What {@link readNotes} and {@link loadNotes} read: a path, several paths, or notes as plain objects. */
export type NotesSource = string | readonly string[] | readonly NoteInput[];

const SOURCE = "kodebok:notes";
const ACTION = "Cannot load notes";

/**
 * Reads notes from a file, several files, or plain objects, and returns them with every
 * diagnostic collected on the way (the `readX` convention: a result, never a throw). A string is
 * always a path: to read notes from a text, use {@link parseNotes}. Files are read as bytes and
 * decoded (UTF-8 with or without BOM, or Windows-1252 with a warning); the format comes from the
 * extension (see `NOTES_FILE_TYPES`), from the content for a `.txt` file or a file without an
 * extension, or from `format`. An extension kodebok does not read, binary content (a spreadsheet,
 * PDF or archive), a folder and a missing file are refused with a located error. Ids must be
 * unique across all files.
 *
 * @param input a path, several paths, or an array of `{ id, text, ... }`
 * @param options format and column mapping (see {@link parseNotes})
 * @returns the notes and codings, or the diagnostics that explain why not
 * @example
 * ```ts
 * const result = await readNotes("fixtures/seminars/city-seminar.csv");
 * if (result.ok) console.log(result.value.notes.length);
 * else for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export async function readNotes(input: NotesSource, options: NotesOptions = {}): Promise<Result<LoadedNotes>> {
  const valid = validateOptions(NotesOptionsSchema, options, "load notes", "kodebok:notes");
  if (!valid.ok) return valid;
  if (typeof input === "string") return readNotesFile(input, options);
  if (!Array.isArray(input)) return invalidInput(`expected a path, a list of paths or a list of notes, not ${describe(input)}`);
  const paths = input.filter((x): x is string => typeof x === "string").length;
  if (paths === 0) return notesFromObjects(input as readonly NoteInput[]);
  if (paths !== input.length) {
    const at = input.findIndex((x) => typeof x !== "string");
    return invalidInput(`the list mixes paths and notes (item ${at + 1} is ${describe(input[at])}); pass either paths or notes`, `[${at}]`);
  }
  const files = input as readonly string[];
  if (files.length === 1) return readNotesFile(files[0]!, options);
  const results: Result<LoadedNotes>[] = [];
  for (const path of files) results.push(await readNotesFile(path, options));
  return combineNotes(results);
}

/**
 * Joins the notes of several files, read one by one, into one result: it fails when one file
 * failed (with every file's diagnostics), and an id of one file repeated in another is an error.
 *
 * @param results each file's result, in order
 * @returns the notes and codings of all, or every diagnostic
 * @example
 * ```ts
 * const both = combineNotes([parseNotes("id;text\n1;Tid\n", { format: "csv" }), parseNotes("id;text\n2;Tid\n", { format: "csv" })]);
 * both.ok && both.value.notes.length; // 2
 * ```
 */
export function combineNotes(results: readonly Result<LoadedNotes>[]): Result<LoadedNotes> {
  if (results.length === 1) return results[0]!;
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const codings: LoadedNotes["codings"] = [];
  let failed = false;
  for (const one of results) {
    appendAll(diagnostics, one.diagnostics);
    if (!one.ok) failed = true;
    else {
      appendAll(notes, one.value.notes);
      appendAll(codings, one.value.codings);
    }
  }
  if (failed) return { ok: false, diagnostics };
  // Each file has checked its own ids; a note of one file may repeat an id of another.
  const checked = checkNotes(notes);
  appendAll(diagnostics, checked.diagnostics);
  return toResult({ notes: checked.notes, codings }, diagnostics);
}

/**
 * Loads notes as {@link readNotes} reads them, and throws a `KodebokError` with the located
 * diagnostics when they cannot be read (the `loadX` convention: the value, or a throw). Warnings
 * (an encoding guessed, empty texts skipped) are in `readNotes`' result.
 *
 * @param input a path, several paths, or an array of `{ id, text, ... }`
 * @param options format and column mapping (see {@link parseNotes})
 * @returns the notes and the codings stored beside them
 * @example
 * ```ts
 * const { notes, codings } = await loadNotes(["fixtures/seminars/city-seminar.csv", "fixtures/seminars/followup-seminar.md"]);
 * notes.length; // 133
 * ```
 */
export async function loadNotes(input: NotesSource, options: NotesOptions = {}): Promise<LoadedNotes> {
  return unwrap(await readNotes(input, options));
}

/**
 * Reads one notes file (see {@link readNotes}); internal to the loaders.
 *
 * @param path the file
 * @param options format and column mapping
 * @returns the notes, or located diagnostics
 * @example
 * ```ts
 * const result = await readNotesFile("fixtures/interviews/interview-01.txt");
 * ```
 */
export async function readNotesFile(path: string, options: NotesOptions = {}): Promise<Result<LoadedNotes>> {
  const bytes = await readInputFile(path, { action: ACTION, source: SOURCE, tooLarge: LARGE_NOTES });
  if (!bytes.ok) {
    // A text handed to readNotes is not a path: say which function reads text.
    if (/[\n\r]/u.test(path) || path.length > 1024) bytes.diagnostics[0]!.note = "readNotes and loadNotes take paths: to read notes from a text, use parseNotes(text, { format }).";
    return bytes;
  }
  return parseNotesBytes(bytes.value, { ...options, file: path });
}

/**
 * Parses notes from a file's bytes: an Excel workbook or Word document by its extension (see
 * `NOTES_FILE_TYPES`); otherwise refuses an extension kodebok does not read and binary content,
 * decodes the text, and parses it in its format (see {@link parseNotes}). The file name (in
 * `options.file`) names the format unless `options.format` does. The command line reads standard
 * input through it.
 *
 * @param bytes the file's content
 * @param options format, file name, column mapping
 * @returns the notes, or located diagnostics
 * @example
 * ```ts
 * const result = await parseNotesBytes(new TextEncoder().encode("id;tekst\n1;Tid\n"), { file: "<stdin>", format: "csv" });
 * ```
 */
export async function parseNotesBytes(bytes: Uint8Array, options: NotesOptions = {}): Promise<Result<LoadedNotes>> {
  const file = options.file;
  const office = options.format === undefined && file !== undefined ? officeFormat(file) : undefined;
  if (office !== undefined) return parseOfficeNotes(bytes, office, file!, options);
  if (options.format === undefined && file !== undefined && notesFileType(file) === "unknown") return { ok: false, diagnostics: [unreadableNotesFile(file)] };
  const binary = binaryContent(bytes);
  if (binary !== undefined) return { ok: false, diagnostics: [unreadableNotesFile(file, binary)] };
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return decoded;
  const result = parseNotes(decoded.text, options);
  return result.ok
    ? { ...result, diagnostics: [...decoded.diagnostics, ...result.diagnostics] }
    : { ok: false, diagnostics: [...decoded.diagnostics, ...result.diagnostics] };
}

/** Reads an Excel workbook or a Word document; the readers are loaded only here. */
async function parseOfficeNotes(bytes: Uint8Array, format: OfficeFormat, path: string, options: NotesOptions): Promise<Result<LoadedNotes>> {
  if (format === "xlsx") {
    const { parseNotesXlsx } = await import("./spreadsheet.ts");
    const { format: _format, interviewers: _i, includeInterviewer: _ii, ...table } = options;
    return parseNotesXlsx(bytes, { ...table, file: path });
  }
  const { parseNotesDocx } = await import("./word.ts");
  return parseNotesDocx(bytes, {
    file: path,
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
    ...(options.source ? { source: options.source } : {}),
    ...(options.interviewers ? { interviewers: options.interviewers } : {}),
    ...(options.includeInterviewer ? { includeInterviewer: true } : {}),
  });
}

function invalidInput(why: string, field?: string): Result<LoadedNotes> {
  return { ok: false, diagnostics: [diagnostic({ code: "option-invalid", severity: "error", reason: `${ACTION}: ${why}`, source: SOURCE, ...(field ? { field } : {}) })] };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === "object" ? "an object" : `the ${typeof value} ${String(value)}`;
}

function notesFromObjects(input: readonly NoteInput[]): Result<LoadedNotes> {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  input.forEach((item, i) => {
    const parsed = NoteSchema.safeParse(item);
    if (parsed.success) notes.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        diagnostics.push(diagnostic({ code: "note-invalid", severity: "error", reason: `${ACTION}: note ${i + 1}: ${issue.path.length ? `"${issue.path.join(".")}": ` : ""}${issue.message}`, field: `[${i}].${issue.path.join(".")}` }));
      }
    }
  });
  const checked = checkNotes(notes);
  appendAll(diagnostics, checked.diagnostics);
  return toResult({ notes: checked.notes, codings: [] }, diagnostics);
}
