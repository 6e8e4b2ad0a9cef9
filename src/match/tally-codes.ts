import type { Codebook } from "../codebook/codebook.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { checkCodingArguments, type CodeNotesOptions } from "./coding-options.ts";
import { codeNoteCodes } from "./code-note.ts";
import { toMatcher, toNote } from "./to-note.ts";
import type { Matcher } from "./compile.ts";
import { batches, codesInWorkers } from "./parallel.ts";
import { NOTE_BATCHES } from "../notes/stream-notes.ts";
import { modelFor } from "../learn/model-for.ts";
import { codeNotesStream } from "./code-notes.ts";

/** How many notes one code applies to: in all, with a helpful mention, with a barrier mention. */
export interface CodeTally {
  code: string;
  category: string;
  notes: number;
  helpful: number;
  barrier: number;
}

/** The counts of a coding run: notes, notes with at least one code, and one tally per code in codebook order. */
export interface CodeTallies {
  notes: number;
  coded: number;
  codes: CodeTally[];
}

/** Options of {@link tallyCodes}: the notes' language (default `auto`; `no` means `nb`), the worker threads (default 0), and a learned model with its way of combining (default: the codebook's own model, if it names one). */
export type TallyCodesOptions = CodeNotesOptions;

/**
 * Codes notes and counts, per code, the notes it applies to (and those with a helpful or a barrier
 * mention), holding neither the notes nor the coded notes: the streaming path from a file to
 * per-theme counts. With `workers` and a stream from `streamNotes`, the workers read, parse and
 * code the file and hand back only each note's codes. The counts equal those of `rollUp` over
 * `codeNotes` of the same notes.
 *
 * @param notes notes, an async iterable of notes, or a stream from `streamNotes`
 * @param codebookOrMatcher a codebook or a compiled matcher
 * @param options language and workers
 * @returns the tallies
 * @example
 * ```ts
 * const tallies = await tallyCodes(streamNotes("survey.csv"), codebook, { language: "nb", workers: 2 });
 * tallies.codes.map((c) => `${c.code}\t${c.notes}`);
 * ```
 */
export async function tallyCodes(
  notes: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebookOrMatcher: Codebook | Matcher,
  options: TallyCodesOptions = {},
): Promise<CodeTallies> {
  const { language, workers } = checkCodingArguments(notes, codebookOrMatcher, options, "count codes");
  const codebook = "lookup" in codebookOrMatcher ? codebookOrMatcher.codebook : codebookOrMatcher;
  const counter = new Counter(codebook);
  if (modelFor(codebook, options.model) !== undefined) {
    // With a model, every note is coded in full (the model needs the rules' evidence); same counts as codeNotes.
    const index = new Map(codebook.codes.map((c, i) => [c.id, i]));
    const codes: number[] = [];
    const stream = codeNotesStream(notes, codebookOrMatcher, { language, workers, ...(options.model !== undefined ? { model: options.model } : {}), ...(options.combine !== undefined ? { combine: options.combine } : {}) });
    for await (const coded of stream) {
      codes.length = 1;
      for (const a of coded.codes) codes.push(index.get(a.code)! * 2 + (a.polarity === "barrier" ? 1 : 0));
      codes[0] = codes.length - 1;
      counter.addCodes(codes, 0);
    }
    return counter.result();
  }
  if (workers > 0) {
    await codesInWorkers(notes, { ...codebook, model: undefined }, workers, language, (_id, codes, at) => counter.addCodes(codes, at));
  } else {
    const matcher = toMatcher(codebookOrMatcher);
    const codes: number[] = [];
    let i = 0;
    // Notes from `streamNotes` were built and checked by the reader: no second validation per note.
    const trusted = typeof notes === "object" && notes !== null && NOTE_BATCHES in notes;
    for await (const batch of batches(notes)) {
      for (const note of batch) {
        codes.length = 1;
        codes[0] = codeNoteCodes(trusted ? (note as Note) : toNote(note, i), matcher, language, codes);
        i++;
        counter.addCodes(codes, 0);
      }
    }
  }
  return counter.result();
}

class Counter {
  private notes = 0;
  private coded = 0;
  private readonly counts: Float64Array;
  private readonly seen: Uint8Array;

  constructor(private readonly codebook: Codebook) {
    this.counts = new Float64Array(codebook.codes.length * 3);
    this.seen = new Uint8Array(codebook.codes.length);
  }

  addCodes(codes: ArrayLike<number>, at: number): void {
    this.notes++;
    const n = codes[at]!;
    if (n > 0) this.coded++;
    this.seen.fill(0);
    for (let k = 1; k <= n; k++) {
      const v = codes[at + k]!;
      this.add(v >> 1, (v & 1) === 1);
    }
  }

  private add(i: number, barrier: boolean): void {
    if (this.seen[i] === 0) {
      this.seen[i] = 1;
      this.counts[i * 3]!++;
    }
    this.counts[i * 3 + (barrier ? 2 : 1)]!++;
  }

  result(): CodeTallies {
    return {
      notes: this.notes,
      coded: this.coded,
      codes: this.codebook.codes.map((c, i) => ({
        code: c.id,
        category: c.category,
        notes: this.counts[i * 3]!,
        helpful: this.counts[i * 3 + 1]!,
        barrier: this.counts[i * 3 + 2]!,
      })),
    };
  }
}
