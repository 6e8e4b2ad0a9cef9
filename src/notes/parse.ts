import { z } from "zod";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import { parseNotesCsv, type CsvNotesOptions } from "./csv.ts";
import { parseNotesJson, parseNotesJsonl } from "./json.ts";
import type { LoadedNotes } from "./loaded-notes.ts";
import { parseNotesMarkdown } from "./markdown.ts";
import { looksLikeTranscript, parseTranscript, type TranscriptOptions } from "./transcript.ts";

/** The notes formats kodebok reads. `text` is the Markdown format without headings: one note per line. */
export const NotesFormatSchema = z.enum(["csv", "tsv", "json", "jsonl", "markdown", "transcript", "text"]);
export type NotesFormat = z.infer<typeof NotesFormatSchema>;

/** Options of {@link parseNotes} and `loadNotes`. */
export interface NotesOptions extends Omit<CsvNotesOptions, "file">, Pick<TranscriptOptions, "interviewers" | "includeInterviewer"> {
  /** The format; detected from the file name, then from the content, when left out. */
  format?: NotesFormat;
  /** The file name, for messages, generated ids and format detection. */
  file?: string;
  /** For an Excel workbook (`.xlsx`): the sheet to read, by name or number from 1 (default: the first). */
  sheet?: string | number;
  /** For an Excel workbook: the header row, from 1 (default: found; see `parseNotesXlsx`). */
  headerRow?: number;
}

/**
 * Chooses a notes format from a file name and, failing that, from the text.
 *
 * @example
 * ```ts
 * detectNotesFormat("seminar.csv", ""); // "csv"
 * detectNotesFormat(undefined, "I: Hva hjalp?\nP1: Tid."); // "transcript"
 * ```
 */
export function detectNotesFormat(file: string | undefined, text: string): NotesFormat {
  const ext = file?.toLowerCase().match(/\.([a-z0-9]+)$/u)?.[1];
  if (ext === "csv") return "csv";
  if (ext === "tsv" || ext === "tab") return "tsv";
  if (ext === "json") return "json";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "md" || ext === "markdown") return "markdown";
  const head = text.replace(/^\uFEFF/u, "").trimStart();
  if (head.startsWith("[") || (head.startsWith("{") && !/\n\s*\{/u.test(head))) return "json";
  if (head.startsWith("{")) return "jsonl";
  if (looksLikeTranscript(text)) return "transcript";
  if (/^#{1,4}\s|^\s*[-*+•]\s/mu.test(head)) return "markdown";
  const firstLine = head.split(/\r?\n/u)[0] ?? "";
  if (ext !== "txt" && /[;\t,]/u.test(firstLine) && /\b(text|tekst|svar|answer|id)\b/iu.test(firstLine)) return "csv";
  return "text";
}

/**
 * Parses notes from text in any supported format (pure: reads no files). See the README for each
 * format; the format is detected when not given.
 *
 * @param text the decoded text
 * @param options format, file name, column mapping
 * @returns the notes and codings, or located diagnostics
 * @example
 * ```ts
 * const r = parseNotes("id;tekst\n1;Hun tok seg tid\n", { format: "csv" });
 * r.ok && r.value.notes.length; // 1
 * ```
 */
export function parseNotes(text: string, options: NotesOptions = {}): Result<LoadedNotes> {
  const format = options.format ?? detectNotesFormat(options.file, text);
  const file = options.file;
  const withFile = <T extends object>(o: T) => (file !== undefined ? { ...o, file } : o);
  switch (format) {
    case "csv":
      return parseNotesCsv(text, withFile({ ...csvOptions(options) }));
    case "tsv":
      return parseNotesCsv(text, withFile({ ...csvOptions(options), delimiter: "\t" }));
    case "json":
      return parseNotesJson(text, withFile({}));
    case "jsonl":
      return parseNotesJsonl(text, withFile({}));
    case "markdown":
    case "text":
      return parseNotesMarkdown(text, withFile({ ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}), ...(options.source ? { source: options.source } : {}) }));
    case "transcript":
      return parseTranscript(
        text,
        withFile({
          ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
          ...(options.interviewers ? { interviewers: options.interviewers } : {}),
          ...(options.includeInterviewer ? { includeInterviewer: true } : {}),
          ...(options.source ? { source: options.source } : {}),
        }),
      );
    default:
      return { ok: false, diagnostics: [diagnostic({ code: "unknown-format", severity: "error", reason: `Cannot load notes: unknown format "${String(format)}"`, file })] };
  }
}

function csvOptions(options: NotesOptions): CsvNotesOptions {
  const out: CsvNotesOptions = {};
  if (options.delimiter) out.delimiter = options.delimiter;
  if (options.columns) out.columns = options.columns;
  if (options.textColumns) out.textColumns = options.textColumns;
  if (options.source) out.source = options.source;
  if (options.idPrefix) out.idPrefix = options.idPrefix;
  return out;
}
