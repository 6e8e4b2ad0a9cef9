import type { Codebook } from "../codebook/codebook.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import type { LanguageOption } from "../text/language.ts";
import { codeNote } from "./code-note.ts";
import type { CodedNote } from "./coded-note.ts";
import type { Matcher } from "./compile.ts";
import { showInNotebook } from "../display/notebook-display.ts";
import { toMatcher, toNote } from "./to-note.ts";
import { batches, codeNotesInWorkers } from "./parallel.ts";

/** Options of {@link codeNotes}. */
export interface CodeNotesOptions {
  /** The notes' language: `nb`, `nn`, `en`, or `auto` (default) to detect it per note. A note's own `language` wins. */
  language?: LanguageOption;
  /**
   * `codeNotesStream` only: code on this many worker threads (default 0: on the calling thread).
   * The coded notes are the same and in the same order; a stream from `streamNotes` over a CSV
   * file is also parsed in the workers.
   */
  workers?: number;
}

/**
 * Codes notes against a codebook: one coded note per note, in the same order, each with the
 * codes that apply, their polarity and the evidence. The codebook is compiled once per call;
 * pass a matcher from `compileCodebook` to reuse it across calls. In a Deno Jupyter notebook the
 * array, as a cell's last expression, shows as a table of the first 20 notes with their codes.
 *
 * @param notes notes, or plain objects `{ id, text, ... }`
 * @param codebookOrMatcher a codebook or a compiled matcher
 * @param options the language
 * @returns the coded notes
 * @example
 * ```ts
 * const codebook = await loadCodebook("natland-2021");
 * const coded = codeNotes([{ id: "1", text: "Veilederen tok seg god tid" }], codebook, { language: "nb" });
 * coded[0]!.codes.map((c) => c.code); // ["time"]
 * ```
 */
export function codeNotes(
  notes: Iterable<NoteInput | Note>,
  codebookOrMatcher: Codebook | Matcher,
  options: CodeNotesOptions = {},
): CodedNote[] {
  const matcher = toMatcher(codebookOrMatcher);
  const out: CodedNote[] = [];
  let i = 0;
  for (const note of notes) out.push(codeNote(toNote(note, i++), matcher, options.language ?? "auto"));
  return showInNotebook(out, async () => (await import("../report/jupyter.ts")).codedBundle(out, { limit: 20 }));
}

/**
 * Codes a stream of notes lazily, one at a time, so a corpus never has to be held in memory.
 *
 * @param notes an iterable or async iterable of notes
 * @param codebookOrMatcher a codebook or a compiled matcher
 * @param options the language, and `workers` to code on worker threads
 * @returns an async iterable of coded notes in input order
 * @example
 * ```ts
 * for await (const coded of codeNotesStream(readNotesStream("survey.csv"), codebook)) count(coded);
 * ```
 */
export async function* codeNotesStream(
  notes: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebookOrMatcher: Codebook | Matcher,
  options: CodeNotesOptions = {},
): AsyncGenerator<CodedNote> {
  const workers = options.workers ?? 0;
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new KodebokError([diagnostic({ code: "option-invalid", severity: "error", reason: `Cannot code notes: workers must be a whole number >= 0, not ${String(workers)}` })]);
  }
  if (workers > 0) {
    const codebook = "lookup" in codebookOrMatcher ? codebookOrMatcher.codebook : codebookOrMatcher;
    yield* codeNotesInWorkers(notes, codebook, workers, options.language ?? "auto");
    return;
  }
  const matcher = toMatcher(codebookOrMatcher);
  let i = 0;
  for await (const batch of batches(notes)) {
    for (const note of batch) yield codeNote(toNote(note, i++), matcher, options.language ?? "auto");
  }
}
