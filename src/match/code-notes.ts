import type { Codebook } from "../codebook/codebook.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { checkCodingArguments, type CodeNotesOptions } from "./coding-options.ts";
import { codeNote } from "./code-note.ts";
import type { CodedNote } from "./coded-note.ts";
import type { Matcher } from "./compile.ts";
import { showInNotebook } from "../display/notebook-display.ts";
import { toMatcher, toNote } from "./to-note.ts";
import { batches, codeNotesInWorkers } from "./parallel.ts";
import { applyModel } from "../learn/apply-model.ts";
import { modelFor } from "../learn/model-for.ts";

export type { CodeNotesOptions };

/**
 * Codes notes against a codebook: one coded note per note, in the same order, each with the
 * codes that apply, their polarity and the evidence. The codebook is compiled once per call;
 * pass a matcher from `compileCodebook` to reuse it across calls. In a Deno Jupyter notebook the
 * array, as a cell's last expression, shows as a table of the first 20 notes with their codes.
 *
 * @param notes notes, or plain objects `{ id, text, ... }`
 * @param codebookOrMatcher a codebook or a compiled matcher
 * @param options the language (`no` means `nb`); checked before any work
 * @returns the coded notes
 * @throws KodebokError (`option-invalid`) for an option it does not have or a bad value, notes that are not a list, a codebook that is not one
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
  const { language, workers } = checkCodingArguments(notes, codebookOrMatcher, options, "code notes");
  if (workers > 0) throw new KodebokError([diagnostic({ code: "option-invalid", severity: "error", source: "kodebok:match", field: "workers", actual: String(workers), reason: "Cannot code notes: codeNotes codes on the calling thread; to code on worker threads, use codeNotesStream(notes, codebook, { workers })" })]);
  const matcher = toMatcher(codebookOrMatcher);
  const model = modelFor(matcher.codebook, options.model);
  const out: CodedNote[] = [];
  let i = 0;
  for (const note of notes) {
    const coded = codeNote(toNote(note, i++), matcher, language);
    out.push(model === undefined ? coded : applyModel(coded, model, matcher.codebook, options.combine));
  }
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
 * for await (const coded of codeNotesStream(streamNotes("survey.csv"), codebook, { workers: 2 })) count(coded);
 * ```
 */
export async function* codeNotesStream(
  notes: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebookOrMatcher: Codebook | Matcher,
  options: CodeNotesOptions = {},
): AsyncGenerator<CodedNote> {
  const { language, workers } = checkCodingArguments(notes, codebookOrMatcher, options, "code notes");
  const codebook = "lookup" in codebookOrMatcher ? codebookOrMatcher.codebook : codebookOrMatcher;
  const model = modelFor(codebook, options.model);
  const withModel = (coded: CodedNote) => (model === undefined ? coded : applyModel(coded, model, codebook, options.combine));
  if (workers > 0) {
    // The workers code with the rules; the model is applied here, on the calling thread.
    for await (const coded of codeNotesInWorkers(notes, { ...codebook, model: undefined }, workers, language)) yield withModel(coded);
    return;
  }
  const matcher = toMatcher(codebookOrMatcher);
  let i = 0;
  for await (const batch of batches(notes)) {
    for (const note of batch) yield withModel(codeNote(toNote(note, i++), matcher, language));
  }
}
