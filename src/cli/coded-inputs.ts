import { codersInHeader } from "../check/check-dataset.ts";
import { looksLikeCodingsFile } from "../check/dataset-codings.ts";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { parseCodings } from "../codings/parse-codings.ts";
import { appendAll } from "../collections/append-all.ts";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { NotesFormat } from "../notes/formats.ts";
import { checkNotes } from "../notes/loaded-notes.ts";
import type { Note } from "../notes/note.ts";
import { parseNotes } from "../notes/parse.ts";
import type { CliIO } from "./io.ts";
import { readDatasetFiles } from "./load-inputs.ts";

/** Human-coded inputs as `agree` and `refine` read them. */
export interface CodedInputs {
  /** The notes of the notes files, in input order. */
  notes: Note[];
  /** Every coding, from `codes:<coder>` columns and codings files. */
  codings: Coding[];
  /** Per coder, the notes the coder saw (a notes file's coder saw all of its notes). */
  seen: Map<string, Set<string>>;
  /** Located diagnostics of every file, and repeated note ids across files. */
  diagnostics: Diagnostic[];
}

/**
 * Reads notes files with `codes:<coder>` columns and codings files (long or wide form) for a
 * command that compares coders: each file is told apart by its header, unknown codes are
 * warnings located in the file, and a note id used in two files is an error. `-` reads standard
 * input (a notes file); a file that cannot be read at all is an error among the diagnostics, and
 * the others are still read.
 *
 * @param files the files as given on the command line
 * @param codebook the codebook (codes not in it are reported)
 * @param io the process's IO (the folder paths are relative to, standard input)
 * @param options `format`: the notes files' format, when their names do not tell it
 * @returns the notes, codings, what each coder saw, and the diagnostics
 * @throws CliError (exit 2) when `-` is given twice
 * @example
 * ```ts
 * const { notes, codings, seen } = await readCodedInputs(["notes.csv", "codings.csv"], codebook, processIO());
 * ```
 */
export async function readCodedInputs(files: readonly string[], codebook: Codebook, io: CliIO, options: { format?: NotesFormat } = {}): Promise<CodedInputs> {
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const seen = new Map<string, Set<string>>();
  const diagnostics: Diagnostic[] = [];
  const add = (coder: string, id: string) => {
    if (!seen.has(coder)) seen.set(coder, new Set());
    seen.get(coder)!.add(id);
  };
  for (const { file, text, diagnostics: read } of await readDatasetFiles(files, io)) {
    appendAll(diagnostics, read ?? []);
    if (hasErrors(read ?? [])) continue;
    if (looksLikeCodingsFile(file, text)) {
      const result = parseCodings(text, { file, codebook, unknown: "warning" });
      appendAll(diagnostics, result.diagnostics);
      if (!result.ok) continue;
      appendAll(codings, result.value.codings);
      for (const s of result.value.seen) for (const id of s.notes) add(s.coder, id);
    } else {
      const result = parseNotes(text, { file, ...(options.format ? { format: options.format } : {}) });
      appendAll(diagnostics, result.diagnostics);
      if (!result.ok) continue;
      const ids = result.value.notes.map((n) => n.id);
      // A coder whose codes:<coder> column is empty throughout saw every note and coded none:
      // taken from the header, not from the codings (it has none).
      const coders = new Set([...codersInHeader(text, file, undefined), ...result.value.codings.map((c) => c.coder)]);
      for (const coder of coders) for (const id of ids) add(coder, id);
      appendAll(notes, result.value.notes);
      appendAll(codings, result.value.codings);
    }
  }
  appendAll(diagnostics, checkNotes(notes).diagnostics.filter((d) => d.code === "note-duplicate-id"));
  return { notes, codings, seen, diagnostics };
}
