import type { Codebook } from "../codebook/codebook.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { NoteChecker } from "../notes/note-checker.ts";
import { isUtf8File } from "../notes/utf8-bytes.ts";
import { diagnosticReporter, FILE_SOURCE, NOTE_BATCHES, type NotesStream } from "../notes/stream-notes.ts";
import type { LanguageOption } from "../text/language.ts";
import type { CodedNote } from "./coded-note.ts";
import type { WorkerJob, WorkerResult } from "./code-worker.ts";
import { csvJobs, csvSetup } from "./csv-chunks.ts";
import { Pool } from "./worker-pool.ts";

/** Notes per job when coding notes handed over one by one. */
const BATCH = 1000;

/**
 * Codes notes on worker threads, giving exactly the coded notes of one thread in the same order.
 * A stream from `streamNotes` over a UTF-8 CSV file with an id column is cut into chunks of whole
 * records (at line breaks outside quotes), which the workers decode, parse with csv-parse and
 * code; any other source is read here and coded in batches. At most two jobs per worker are in
 * flight, so memory stays bounded.
 *
 * @param source notes, or a stream from `streamNotes`
 * @param codebook the validated codebook (sent to every worker, compiled there once)
 * @param workers number of worker threads (at least 1)
 * @param language the notes' language option
 * @returns the coded notes in input order
 * @example
 * ```ts
 * for await (const c of codeNotesInWorkers(streamNotes("survey.csv"), codebook, 2, "nb")) count(c);
 * ```
 */
export async function* codeNotesInWorkers(
  source: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebook: Codebook,
  workers: number,
  language: LanguageOption,
): AsyncGenerator<CodedNote> {
  for await (const { result, checker, report } of workerResults(source, codebook, workers, language, "coded")) {
    for (const coded of result.coded) {
      const problem = checker?.check(coded.note);
      if (problem) report(problem);
      else yield coded;
    }
  }
}

/**
 * Codes notes on worker threads and hands back, per note in input order, only its id and codes
 * (`[count, code index * 2 + barrier bit, ...]`): what counting needs, without moving the notes
 * and their evidence between threads.
 *
 * @param source notes, or a stream from `streamNotes`
 * @param codebook the validated codebook
 * @param workers number of worker threads
 * @param language the notes' language option
 * @param onNote called for each note with its id (a whole number id as its number), the code list and the list's start
 * @returns when every note has been handed over
 * @example
 * ```ts
 * await codesInWorkers(streamNotes("survey.csv"), codebook, 2, "nb", (id, codes, at) => count(codes, at));
 * ```
 */
export async function codesInWorkers(
  source: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebook: Codebook,
  workers: number,
  language: LanguageOption,
  onNote: (id: string | number, codes: ArrayLike<number>, at: number) => void,
): Promise<void> {
  for await (const { result, checker, report } of workerResults(source, codebook, workers, language, "codes")) {
    const codes: ArrayLike<number> = result.codes ?? [];
    const numbers = result.wholeNumberIds;
    const ids: ArrayLike<string | number> = numbers ?? (result.ids === "" || result.ids === undefined ? [] : result.ids.split("\u0000"));
    let at = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const problem = typeof id === "number" ? checker?.checkWholeNumber(id) : checker?.check({ id, text: "x" });
      if (problem) report(problem);
      else onNote(id, codes, at);
      at += codes[at]! + 1;
    }
  }
}

interface ResultContext {
  result: WorkerResult;
  /** Checks ids across chunks when the workers read the file (null: the caller's notes, unchecked). */
  checker: NoteChecker | undefined;
  report: (d: Diagnostic) => void;
}

async function* workerResults(
  source: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>,
  codebook: Codebook,
  workers: number,
  language: LanguageOption,
  output: "coded" | "codes",
): AsyncGenerator<ResultContext> {
  const file = (source as Partial<NotesStream>)[FILE_SOURCE];
  // The workers start (a V8 isolate each, module imports, compiling the codebook) while the header
  // is read and the file checked here; the CSV part of their setup follows as their first message.
  const pool = new Pool(workers, { codebook, language });
  try {
    const csv = file ? await csvSetup(file.path, file.options) : undefined;
    if (csv && file) {
      pool.configure({ rows: csv.rows, lfRecords: csv.lfRecords, ...(csv.recordDelimiter !== undefined ? { recordDelimiter: csv.recordDelimiter } : {}) });
      // Only a UTF-8 file is cut into chunks (another encoding is read here, as `streamNotes` reads
      // it). The whole file is checked while the first chunks are read and coded; no result is
      // handed on before the check has passed, and should it fail, the chunks are abandoned.
      const utf8 = isUtf8File(file.path).catch(() => false);
      let checked = false;
      const report = diagnosticReporter(file.options);
      const checker = new NoteChecker(csv.rows.file);
      let recordOffset = 0;
      for await (const result of pool.run(csvJobs(file.path, csv.bodyStart, csv.bodyLine, output))) {
        if (!checked) {
          checked = true;
          if (!(await utf8)) break;
        }
        for (const d of result.diagnostics) report(d);
        if (result.error) throw new KodebokError([result.error]);
        numberGeneratedIds(result, csv.rows.prefix, recordOffset);
        recordOffset += result.records ?? 0;
        if (file.options.onCoding) for (const c of result.codings) file.options.onCoding(c);
        yield { result, checker, report };
      }
      if (await utf8) return;
    }
    for await (const result of pool.run(noteJobs(source, output))) yield { result, checker: undefined, report: () => {} };
  } finally {
    await pool.close();
  }
}

/**
 * Notes in batches: a stream from `streamNotes` hands out what csv-parse has ready, one await per
 * batch instead of one per note; any other source comes in batches of one.
 *
 * @param source notes or a notes stream
 * @returns the notes in order, in batches
 * @example
 * ```ts
 * for await (const batch of batches(streamNotes("survey.csv"))) for (const note of batch) use(note);
 * ```
 */
export async function* batches<T>(source: AsyncIterable<T> | Iterable<T>): AsyncGenerator<readonly T[]> {
  const read = (source as { [NOTE_BATCHES]?: () => AsyncIterable<T[]> })[NOTE_BATCHES];
  if (read) {
    yield* read();
    return;
  }
  if (Symbol.iterator in source) {
    yield Array.isArray(source) ? source : Array.from(source);
    return;
  }
  for await (const item of source) yield [item];
}

/** Sets the ids of notes and codings whose record had an empty id cell: `<prefix>-<record number>`. */
function numberGeneratedIds(result: WorkerResult, prefix: string, recordOffset: number): void {
  const generated = result.generatedIds ?? [];
  if (generated.length > 0 && result.ids !== undefined) {
    const ids = result.ids.split("\u0000");
    for (let k = 0; k < generated.length; k += 2) ids[generated[k]!] = `${prefix}-${recordOffset + generated[k + 1]! + 1}`;
    result.ids = ids.join("\u0000");
  }
  for (let k = 0; k < generated.length && result.coded.length > 0; k += 2) {
    result.coded[generated[k]!]!.note.id = `${prefix}-${recordOffset + generated[k + 1]! + 1}`;
  }
  const codings = result.generatedCodingIds ?? [];
  for (let k = 0; k < codings.length; k += 2) result.codings[codings[k]!]!.note = `${prefix}-${recordOffset + codings[k + 1]! + 1}`;
}

/** Jobs of `BATCH` notes from any source. */
async function* noteJobs(source: AsyncIterable<NoteInput | Note> | Iterable<NoteInput | Note>, output: "coded" | "codes"): AsyncGenerator<Omit<WorkerJob & { kind: "notes" }, "seq">> {
  let batch: unknown[] = [];
  let offset = 0;
  for await (const note of source) {
    batch.push(note);
    if (batch.length === BATCH) {
      yield { kind: "notes", notes: batch, offset, output };
      offset += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) yield { kind: "notes", notes: batch, offset, output };
}
