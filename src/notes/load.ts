import { readFile } from "node:fs/promises";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { toResult, type Result } from "../diagnostics/result.ts";
import { decodeText } from "./decode.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import { NoteSchema, type Note, type NoteInput } from "./note.ts";
import { parseNotes, type NotesOptions } from "./parse.ts";

/**
 * Loads notes from a file, several files, a text, or plain objects, and returns them with every
 * diagnostic collected on the way. Files are read as bytes and decoded (UTF-8 with or without BOM,
 * or Windows-1252 with a warning); the format comes from the file name or the content. Ids must be
 * unique across all files.
 *
 * @param input a path, several paths, the text itself, or an array of `{ id, text, ... }`
 * @param options format and column mapping (see {@link parseNotes})
 * @returns the notes and codings, or the diagnostics that explain why not
 * @example
 * ```ts
 * const result = await loadNotes("fixtures/seminars/city-seminar.csv");
 * if (result.ok) console.log(result.value.notes.length);
 * else for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export async function loadNotes(input: string | readonly string[] | readonly NoteInput[], options: NotesOptions = {}): Promise<Result<LoadedNotes>> {
  if (Array.isArray(input) && input.every((x) => typeof x === "string")) {
    const diagnostics: Diagnostic[] = [];
    const notes: Note[] = [];
    const codings: LoadedNotes["codings"] = [];
    let failed = false;
    for (const path of input as readonly string[]) {
      const one = await loadNotesFile(path, options);
      diagnostics.push(...one.diagnostics);
      if (!one.ok) failed = true;
      else {
        notes.push(...one.value.notes);
        codings.push(...one.value.codings);
      }
    }
    if (failed) return { ok: false, diagnostics };
    const checked = checkNotes(notes);
    return toResult({ notes: checked.notes, codings }, [...diagnostics, ...checked.diagnostics]);
  }
  if (Array.isArray(input)) return notesFromObjects(input as readonly NoteInput[]);
  const text = input as string;
  if (!text.includes("\n") && text.length < 4096) {
    const exists = await readFile(text).then(() => true, () => false);
    if (exists || /\.(csv|tsv|tab|json|jsonl|ndjson|md|markdown|txt|xlsx|docx)$/iu.test(text)) return loadNotesFile(text, options);
  }
  return parseNotes(text, options);
}

/**
 * Reads one notes file. A missing file is a diagnostic, not a thrown error.
 *
 * @example
 * ```ts
 * const result = await loadNotesFile("fixtures/interviews/interview-01.txt");
 * ```
 */
export async function loadNotesFile(path: string, options: NotesOptions = {}): Promise<Result<LoadedNotes>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        diagnostic({ code: "file-not-found", severity: "error", reason: `Cannot load notes: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (error as Error).message}`, file: path, source: "kodebok:notes" }),
      ],
    };
  }
  const office = await parseOfficeNotes(bytes, path, options);
  if (office !== undefined) return office;
  const decoded = decodeText(bytes, path);
  const result = parseNotes(decoded.text, { ...options, file: path });
  return result.ok
    ? { ...result, diagnostics: [...decoded.diagnostics, ...result.diagnostics] }
    : { ok: false, diagnostics: [...decoded.diagnostics, ...result.diagnostics] };
}

/**
 * Reads an Excel workbook (`.xlsx`) or a Word document (`.docx`), chosen by the file's extension;
 * undefined for any other file. The readers (read-excel-file, mammoth) are loaded only here.
 */
async function parseOfficeNotes(bytes: Uint8Array, path: string, options: NotesOptions): Promise<Result<LoadedNotes> | undefined> {
  const ext = /\.([a-z0-9]+)$/iu.exec(path)?.[1]?.toLowerCase();
  if (ext === "xlsx") {
    const { parseNotesXlsx } = await import("./spreadsheet.ts");
    const { format: _format, interviewers: _i, includeInterviewer: _ii, ...table } = options;
    return parseNotesXlsx(bytes, { ...table, file: path });
  }
  if (ext === "docx") {
    const { parseNotesDocx } = await import("./word.ts");
    return parseNotesDocx(bytes, {
      file: path,
      ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
      ...(options.source ? { source: options.source } : {}),
      ...(options.interviewers ? { interviewers: options.interviewers } : {}),
      ...(options.includeInterviewer ? { includeInterviewer: true } : {}),
    });
  }
  return undefined;
}

function notesFromObjects(input: readonly NoteInput[]): Result<LoadedNotes> {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  input.forEach((item, i) => {
    const parsed = NoteSchema.safeParse(item);
    if (parsed.success) notes.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        diagnostics.push(diagnostic({ code: "note-invalid", severity: "error", reason: `Cannot load notes: note ${i + 1}: ${issue.path.length ? `"${issue.path.join(".")}": ` : ""}${issue.message}`, field: `[${i}].${issue.path.join(".")}` }));
      }
    }
  });
  const checked = checkNotes(notes);
  return toResult({ notes: checked.notes, codings: [] }, [...diagnostics, ...checked.diagnostics]);
}
