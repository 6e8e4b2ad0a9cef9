import { splitLines } from "./raw-lines.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { NotesFormatSchema, type NotesFormat } from "./notes-format.ts";
import { looksLikeTranscript } from "./transcript.ts";

export { NotesFormatSchema, type NotesFormat };

/** Formats read from a file's bytes, not its text: an Excel workbook, a Word document. */
export type OfficeFormat = "xlsx" | "docx";

/** One kind of notes file kodebok reads: its extensions, and the format they are read in. */
export interface NotesFileType {
  /** What to call it in messages: `CSV`, `Markdown`, ... */
  name: string;
  /** Extensions without the dot, lower case. */
  extensions: readonly string[];
  /**
   * The format: a text format (see {@link NotesFormatSchema}), an Office format read from the
   * bytes, or `undefined` when it is told from the text (transcript, Markdown, one note per line).
   */
  format: NotesFormat | OfficeFormat | undefined;
}

/**
 * The table of notes files by extension: the one place that says which files kodebok reads as
 * notes. A file whose extension is not here is refused with a message naming these (a file
 * without an extension is read by its content); `format` in the options, or `--input-format` on
 * the command line, reads any file in a named format.
 *
 * @example
 * ```ts
 * NOTES_FILE_TYPES.flatMap((t) => t.extensions); // ["csv", "tsv", "tab", "json", "jsonl", "ndjson", "md", "markdown", "txt", "xlsx", "docx"]
 * ```
 */
export const NOTES_FILE_TYPES: readonly NotesFileType[] = [
  { name: "CSV", extensions: ["csv"], format: "csv" },
  { name: "TSV", extensions: ["tsv", "tab"], format: "tsv" },
  { name: "JSON", extensions: ["json"], format: "json" },
  { name: "JSON Lines", extensions: ["jsonl", "ndjson"], format: "jsonl" },
  { name: "Markdown", extensions: ["md", "markdown"], format: "markdown" },
  { name: "text or transcript", extensions: ["txt"], format: undefined },
  { name: "Excel", extensions: ["xlsx"], format: "xlsx" },
  { name: "Word", extensions: ["docx"], format: "docx" },
];

/**
 * The extension of a file name, lower case and without the dot (`undefined` when it has none).
 *
 * @param file a path or file name
 * @returns the extension
 * @example
 * ```ts
 * fileExtension("data/Survey.CSV"); // "csv"
 * fileExtension("notes"); // undefined
 * ```
 */
export function fileExtension(file: string): string | undefined {
  const name = file.split(/[\\/]/u).pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * The notes file type of a file name, by its extension.
 *
 * @param file a path or file name
 * @returns the type, `"none"` when the name has no extension, or `"unknown"` for an extension kodebok does not read
 * @example
 * ```ts
 * notesFileType("seminar.md")?.name; // "Markdown"
 * notesFileType("survey.xlsx"); // "unknown"
 * ```
 */
export function notesFileType(file: string): NotesFileType | "none" | "unknown" {
  const ext = fileExtension(file);
  if (ext === undefined) return "none";
  return NOTES_FILE_TYPES.find((t) => t.extensions.includes(ext)) ?? "unknown";
}

/**
 * The notes files kodebok reads, for messages: each type with its extensions.
 *
 * @returns the list in words
 * @example
 * ```ts
 * describeNotesFileTypes(); // "CSV (.csv), TSV (.tsv, .tab), JSON (.json), JSON Lines (.jsonl, .ndjson), Markdown (.md, .markdown), text or transcript (.txt), Excel (.xlsx) and Word (.docx)"
 * ```
 */
export function describeNotesFileTypes(): string {
  const parts = NOTES_FILE_TYPES.map((t) => `${t.name} (${t.extensions.map((e) => `.${e}`).join(", ")})`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
}

/**
 * The Office format of a file name (`.xlsx`, `.docx`), read from the file's bytes.
 *
 * @param file a path or file name
 * @returns the format, or undefined for any other file
 * @example
 * ```ts
 * officeFormat("survey.XLSX"); // "xlsx"
 * ```
 */
export function officeFormat(file: string): OfficeFormat | undefined {
  const type = notesFileType(file);
  return typeof type === "object" && (type.format === "xlsx" || type.format === "docx") ? type.format : undefined;
}

/**
 * Chooses a text notes format from a file name's extension (see {@link NOTES_FILE_TYPES}) and, for
 * a `.txt` file, a file without an extension or a text without a name, from the text. An
 * extension kodebok does not read, and an Office file (read from its bytes), give `undefined`.
 *
 * @param file the file name, if any
 * @param text the decoded text
 * @returns the format, or `undefined` for a file name whose extension kodebok does not read
 * @example
 * ```ts
 * detectNotesFormat("seminar.csv", ""); // "csv"
 * detectNotesFormat(undefined, "I: Hva hjalp?\nP1: Tid."); // "transcript"
 * detectNotesFormat("survey.xlsx", ""); // undefined
 * ```
 */
export function detectNotesFormat(file: string | undefined, text: string): NotesFormat | undefined {
  const type = file === undefined ? "none" : notesFileType(file);
  if (type === "unknown") return undefined;
  if (type !== "none" && type.format !== undefined) return type.format === "xlsx" || type.format === "docx" ? undefined : type.format;
  const head = text.replace(/^\uFEFF/u, "").trimStart();
  // A transcript's first turn may start with its time, `[00:00:05] I: ...`: not a JSON array.
  // (The white space before `{` or a bullet is read within one line: a pattern whose `\s*` runs
  // over line breaks is tried from every line and takes time quadratic in a run of blank lines.)
  const timed = /^\[\d{1,2}:\d{2}/u.test(head);
  if ((head.startsWith("[") && !timed) || (head.startsWith("{") && !/\n[^\S\n]*\{/u.test(head))) return "json";
  if (head.startsWith("{")) return "jsonl";
  if (looksLikeTranscript(text)) return "transcript";
  if (/^#{1,4}\s|^[^\S\n\r\u2028\u2029]*[-*+•]\s/mu.test(head)) return "markdown";
  const firstLine = splitLines(head)[0] ?? "";
  if (type === "none" && /[;\t,]/u.test(firstLine) && /\b(text|tekst|svar|answer|id)\b/iu.test(firstLine)) return "csv";
  return "text";
}

/**
 * The refusal of a notes file kodebok does not read: by its extension (`file-unsupported-type`),
 * or by its binary content (`file-binary`, with what the bytes look like). Both name the formats
 * kodebok reads and how to read the file anyway.
 *
 * @param file the file
 * @param binary what the content is, when it is binary (see `binaryContent`)
 * @returns the error diagnostic
 * @example
 * ```ts
 * formatDiagnostic(unreadableNotesFile("survey.xlsx"));
 * // 'survey.xlsx: Cannot load notes: kodebok does not read ".xlsx" files; it reads CSV (.csv), ... [file-unsupported-type]'
 * ```
 */
export function unreadableNotesFile(file: string | undefined, binary?: string): Diagnostic {
  const office = file === undefined ? undefined : officeFormat(file);
  if (office !== undefined && binary === undefined) {
    const reason = `Cannot load notes: an ${office === "xlsx" ? "Excel" : "Word"} file is read from its bytes, not from a text: read the file with readNotes, or its bytes with ${office === "xlsx" ? "parseNotesXlsx" : "parseNotesDocx"}`;
    return diagnostic({ code: "file-unsupported-type", severity: "error", reason, file, source: "kodebok:notes" });
  }
  const why = binary !== undefined ? `the file is ${binary}, not text` : `kodebok does not read ".${fileExtension(file ?? "") ?? ""}" files`;
  return diagnostic({
    code: binary !== undefined ? "file-binary" : "file-unsupported-type",
    severity: "error",
    reason: `Cannot load notes: ${why}; it reads ${describeNotesFileTypes()} files`,
    file,
    source: "kodebok:notes",
    note: 'Save a spreadsheet or document as CSV (UTF-8) or text. To read a text file under another name, give its format (format: "csv"; on the command line --input-format csv).',
  });
}
