import type { z } from "zod";
import { validateOptions } from "../diagnostics/options.ts";
import { NotesOptionsSchema } from "./notes-options.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { csvNotes, type CsvNotesOptions } from "./csv.ts";
import { detectNotesFormat, unreadableNotesFile } from "./formats.ts";
import { jsonlNotes, jsonNotes } from "./json.ts";
import type { LoadedNotes } from "./loaded-notes.ts";
import { markdownNotes } from "./markdown.ts";
import { transcriptNotes } from "./transcript.ts";
import { nfcField } from "../text/nfc.ts";

/** Options of {@link parseNotes}, `readNotes` and `loadNotes`. */
export type NotesOptions = z.input<typeof NotesOptionsSchema>;

/**
 * Parses notes from a text in any supported format (pure: reads no files; the `parseX`
 * convention: a text in, a result out). See the README for each format. Without `format`, the
 * format comes from the extension of `file` (see `NOTES_FILE_TYPES`), and for a `.txt` name or no
 * name from the text; a file name with an extension kodebok does not read is refused.
 *
 * @param input the decoded text
 * @param options format, file name, column mapping
 * @returns the notes and codings, or located diagnostics
 * @example
 * ```ts
 * const r = parseNotes("id;tekst\n1;Hun tok seg tid\n", { format: "csv" });
 * r.ok && r.value.notes.length; // 1
 * ```
 */
export function parseNotes(input: string, options: NotesOptions = {}): Result<LoadedNotes> {
  return fromRecovered(recoverNotes(input, options));
}

/**
 * {@link parseNotes}' core: the notes it could read and every diagnostic, also when some are
 * errors (a repeated id, an invalid note), so that `checkDataset` reports every problem in one run.
 *
 * @param input the decoded text
 * @param options format, file name, column mapping
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * const { value, diagnostics } = recoverNotes("id;tekst\n1;Tid\n1;Mer tid\n", { format: "csv" });
 * value?.notes.length; // 1
 * diagnostics[0]?.code; // "note-duplicate-id"
 * ```
 */
export function recoverNotes(input: string, options: NotesOptions = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(NotesOptionsSchema, options, "load notes", "kodebok:notes");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const format = options.format ?? detectNotesFormat(file, input);
  if (format === undefined) return { diagnostics: [unreadableNotesFile(file)] };
  // A decoded file keeps U+037E (see nfcKeepingDelimiters); only CSV's fields need it kept until
  // they are parsed, in the other formats ";" is no delimiter.
  const text = format === "csv" || format === "tsv" ? input : nfcField(input);
  const withFile = <T extends object>(o: T) => (file !== undefined ? { ...o, file } : o);
  switch (format) {
    case "csv":
      return csvNotes(text, withFile({ ...csvOptions(options) }));
    case "tsv":
      return csvNotes(text, withFile({ ...csvOptions(options), delimiter: "\t" }));
    case "json":
      return jsonNotes(text, withFile({}));
    case "jsonl":
      return jsonlNotes(text, withFile({}));
    case "markdown":
    case "text":
      return markdownNotes(text, withFile({ ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}), ...(options.source ? { source: options.source } : {}) }));
    case "transcript":
      return transcriptNotes(
        text,
        withFile({
          ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
          ...(options.interviewers ? { interviewers: options.interviewers } : {}),
          ...(options.includeInterviewer ? { includeInterviewer: true } : {}),
          ...(options.source ? { source: options.source } : {}),
        }),
      );
    default:
      return { diagnostics: [diagnostic({ code: "unknown-format", severity: "error", reason: `Cannot load notes: unknown format "${String(format)}"`, file })] };
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
