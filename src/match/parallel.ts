import { createReadStream } from "node:fs";
import { Worker } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import type { Codebook } from "../codebook/codebook.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { defaultIdPrefix, detectDelimiter, mapColumns, type CsvRows } from "../notes/csv.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { NoteChecker } from "../notes/note-checker.ts";
import { FILE_SOURCE, NOTE_BATCHES, type NotesStream, type StreamNotesOptions } from "../notes/stream-notes.ts";
import { isUtf8File } from "../notes/utf8-bytes.ts";
import type { LanguageOption } from "../text/language.ts";
import type { CodedNote } from "./coded-note.ts";
import type { WorkerJob, WorkerResult, WorkerSetup } from "./code-worker.ts";

/** Notes per job when coding notes handed over one by one. */
const BATCH = 1000;
/** Bytes per job when workers parse a CSV file themselves (whole records). */
const CHUNK = 1 << 18;

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
 * @param onNote called for each note with its id, the code list and the list's start
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
  onNote: (id: string, codes: readonly number[], at: number) => void,
): Promise<void> {
  for await (const { result, checker, report } of workerResults(source, codebook, workers, language, "codes")) {
    const ids = result.ids === "" || result.ids === undefined ? [] : result.ids.split("\u0000");
    const codes = result.codes ?? [];
    let at = 0;
    for (const id of ids) {
      const problem = checker?.check({ id, text: "x" });
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
  const csv = file ? await csvSetup(file.path, file.options) : undefined;
  const setup: WorkerSetup = { codebook, language, ...(csv ? { rows: csv.rows } : {}) };
  const pool = new Pool(workers, setup);
  try {
    if (csv && file) {
      const report = file.options.onDiagnostic ?? (() => {});
      const checker = new NoteChecker(csv.rows.file);
      let recordOffset = 0;
      for await (const result of pool.run(csvJobs(file.path, csv.bodyStart, csv.bodyLine, output))) {
        for (const d of result.diagnostics) report(d);
        if (result.error) throw new KodebokError([result.error]);
        numberGeneratedIds(result, csv.rows.prefix, recordOffset);
        recordOffset += result.records ?? 0;
        if (file.options.onCoding) for (const c of result.codings) file.options.onCoding(c);
        yield { result, checker, report };
      }
    } else {
      for await (const result of pool.run(noteJobs(source, output))) yield { result, checker: undefined, report: () => {} };
    }
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

/** The header of a CSV file, read here: where the records start, and what workers need. */
async function csvSetup(path: string, options: StreamNotesOptions): Promise<{ rows: CsvRows; bodyStart: number; bodyLine: number } | undefined> {
  const format = options.format ?? (/\.csv$/iu.test(path) ? "csv" : /\.(tsv|tab)$/iu.test(path) ? "tsv" : undefined);
  if (format !== "csv" && format !== "tsv") return undefined;
  if (options.textColumns && options.textColumns.length > 1) return undefined;
  if (!(await isUtf8File(path).catch(() => false))) return undefined;
  const head = await readHead(path);
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const end = recordEnd(head, start);
  if (end < 0) return undefined;
  const headerText = new TextDecoder("utf-8").decode(head.subarray(start, end)).normalize("NFC").replace(/^\uFEFF/u, "");
  const delimiter = format === "tsv" ? "\t" : (options.delimiter ?? detectDelimiter(headerText));
  let fields: string[];
  try {
    fields = (parse(headerText, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
  } catch {
    return undefined;
  }
  const header = fields.map((h) => h.trim());
  const file = options.file ?? path;
  const diagnostics: Diagnostic[] = [];
  const mapping = mapColumns(header, { ...options, file }, file, diagnostics);
  // Without an id column, ids are numbered by record, which a chunk cannot know: read here instead.
  if (mapping === undefined || mapping.fields.id === undefined || diagnostics.length > 0) return undefined;
  const lines = 1 + countLines(head.subarray(start, end));
  start = end;
  return {
    rows: { header, mapping, delimiter, file, prefix: options.idPrefix ?? defaultIdPrefix(file), source: options.source },
    bodyStart: start,
    bodyLine: lines,
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: CHUNK - 1 })) return chunk as Uint8Array;
  return new Uint8Array(0);
}

/** The index just past the first line break outside quotes at or after `from`, or -1. */
function recordEnd(bytes: Uint8Array, from: number): number {
  let quoted = false;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 34) quoted = !quoted;
    else if (b === 10 && !quoted) return i + 1;
  }
  return -1;
}

/**
 * Cuts the file after its header into chunks of about `CHUNK` bytes that end at a line break
 * outside quotes (an even number of `"` since the start: `""` inside a quoted field keeps the
 * count even), each with the line number it starts at.
 */
async function* csvJobs(path: string, bodyStart: number, bodyLine: number, output: "coded" | "codes"): AsyncGenerator<Omit<WorkerJob & { kind: "csv" }, "seq">> {
  let carry: Uint8Array = new Uint8Array(0);
  let line = bodyLine;
  for await (const chunk of createReadStream(path, { start: bodyStart, highWaterMark: CHUNK })) {
    const bytes = carry.length > 0 ? concat(carry, chunk as Uint8Array) : (chunk as Uint8Array);
    const cut = lastRecordEnd(bytes);
    if (cut <= 0) {
      carry = bytes;
      continue;
    }
    // Copies (a Buffer's slice is a view): the piece's memory is transferred to a worker.
    const piece = new Uint8Array(bytes.subarray(0, cut));
    carry = new Uint8Array(bytes.subarray(cut));
    const startLine = line;
    line += countLines(piece);
    yield { kind: "csv", bytes: piece, startLine, output };
  }
  if (carry.length > 0) yield { kind: "csv", bytes: new Uint8Array(carry), startLine: line, output };
}

/** The index just past the last line break outside quotes (quotes counted from index 0), or 0. */
function lastRecordEnd(bytes: Uint8Array): number {
  const quotes: number[] = [];
  for (let q = bytes.indexOf(34); q >= 0; q = bytes.indexOf(34, q + 1)) quotes.push(q);
  let at = bytes.lastIndexOf(10);
  let k = quotes.length; // quotes before `at`: quotes[0..k)
  while (at >= 0) {
    while (k > 0 && quotes[k - 1]! > at) k--;
    if (k % 2 === 0) return at + 1;
    at = bytes.lastIndexOf(10, quotes[k - 1]!); // before the quote that opened the field
  }
  return 0;
}

/**
 * Line breaks in a chunk of whole records, counted as csv-parse counts lines (which the notes'
 * origins come from): every LF; a CR inside quotes (so CRLF inside a quoted field is two lines);
 * a CR outside quotes unless an LF follows.
 */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  let cr = bytes.indexOf(13);
  if (cr < 0) return n;
  let quoted = false;
  let q = bytes.indexOf(34);
  for (; cr >= 0; cr = bytes.indexOf(13, cr + 1)) {
    while (q >= 0 && q < cr) {
      quoted = !quoted;
      q = bytes.indexOf(34, q + 1);
    }
    if (quoted || bytes[cr + 1] !== 10) n++;
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Worker threads that run jobs, at most two each at a time, and hand results back in job order. */
class Pool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: unknown) => void }>();
  private failure: unknown;
  private closing = false;

  constructor(size: number, setup: WorkerSetup) {
    // Deno type-checks this module again inside the worker, where ImportMeta is typed without `url`.
    const here = (import.meta as { url: string }).url;
    const url = new URL(here.endsWith(".ts") ? "./code-worker.ts" : "./code-worker.js", here);
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(url, { workerData: setup });
      worker.on("message", (text: string) => {
        const result = JSON.parse(text) as WorkerResult;
        const waiting = this.pending.get(result.seq);
        this.pending.delete(result.seq);
        waiting?.resolve(result);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing && this.pending.size > 0) this.fail(new Error(`Cannot code notes: a worker thread stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /** Runs jobs in order over the workers; yields their results in the same order. */
  async *run(jobs: AsyncIterable<Omit<WorkerJob, "seq">>): AsyncGenerator<WorkerResult> {
    const queue: Promise<WorkerResult>[] = [];
    const window = this.workers.length * 2;
    let seq = 0;
    for await (const job of jobs) {
      const n = seq++;
      const worker = this.workers[n % this.workers.length]!;
      const result = new Promise<WorkerResult>((resolve, reject) => {
        if (this.failure !== undefined) return reject(this.failure);
        this.pending.set(n, { resolve, reject });
        const message = { ...job, seq: n } as WorkerJob;
        worker.postMessage(message, message.kind === "csv" ? [message.bytes.buffer as ArrayBuffer] : []);
      });
      // A failure rejects every waiting job at once; only the first one awaited reports it.
      result.catch(() => {});
      queue.push(result);
      if (queue.length >= window) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  }

  private fail(error: unknown): void {
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
