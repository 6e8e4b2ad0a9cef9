// The body of a coding worker thread (see parallel.ts): compiles the codebook once, then codes
// batches of notes, or parses and codes row-aligned chunks of a CSV file, and posts the coded
// notes back in order.
import { parentPort, workerData } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { csvErrorDiagnostic, csvRecordNotes, type CsvRows } from "../notes/csv.ts";
import type { Note } from "../notes/note.ts";
import { RawLines } from "../notes/raw-lines.ts";
import { RecordTexts } from "../notes/record-texts.ts";
import { emptyTextDiagnostic, wholeNumberId } from "../notes/note-checker.ts";
import { nfcBytes } from "../notes/utf8-bytes.ts";
import type { LanguageOption } from "../text/language.ts";
import { codeNote, codeNoteCodes } from "./code-note.ts";
import { toNote } from "./to-note.ts";
import { compileCodebook } from "./compile.ts";
import type { CodedNote } from "./coded-note.ts";

/** What a worker is started with. */
export interface WorkerSetup {
  codebook: Codebook;
  language: LanguageOption;
  /** For CSV chunks: the header, its mapping and the file. */
  rows?: CsvRows;
  /** The file's records end with LF (see `lfRecords`): parse without csv-parse's `raw` option. */
  lfRecords?: boolean;
  /** The file's record delimiter, as csv-parse finds it from the header's line ending. */
  recordDelimiter?: string;
}

/** A job: notes to code, or a chunk of CSV text (whole records) starting at a given line. */
export type WorkerJob = (
  | { seq: number; kind: "notes"; notes: unknown[]; offset: number }
  | { seq: number; kind: "csv"; bytes: Uint8Array; startLine: number }
) & {
  /** `coded`: the coded notes; `codes`: only each note's id and codes (for tallies). */
  output: "coded" | "codes";
};

/** A job's result. */
export interface WorkerResult {
  seq: number;
  coded: CodedNote[];
  /** With output `codes`: the notes' ids joined by NUL, or (`wholeNumberIds`) their values when all are whole numbers. */
  ids?: string;
  wholeNumberIds?: Int32Array;
  /** With output `codes`: per note, the number of applications, then `code index * 2 + (barrier ? 1 : 0)` for each. */
  codes?: Int32Array;
  diagnostics: Diagnostic[];
  codings: Coding[];
  /** Set when the chunk could not be parsed. */
  error?: Diagnostic;
  /** CSV chunks: the number of records, so that the calling thread can number records globally. */
  records?: number;
  /**
   * CSV chunks: notes (and codings) whose record has an empty id cell, as pairs of their position in
   * the result and their record's position in the chunk. Their id, `<prefix>-<record number>`, is
   * set by the calling thread, which alone knows how many records came before the chunk.
   */
  generatedIds?: number[];
  generatedCodingIds?: number[];
}

const setup = workerData as WorkerSetup;
const matcher = compileCodebook(setup.codebook);

// Coded notes go back as JSON text: V8 serialises and parses JSON of many small objects several
// times faster than it structured-clones them, and the coded notes are plain JSON data. The codes
// output (ids as one string or as numbers, codes in an Int32Array, whose memory is handed over) is
// cloned as is.
parentPort?.on("message", (job: WorkerJob | { kind: "setup"; setup: Partial<WorkerSetup> }) => {
  if (job.kind === "setup") {
    Object.assign(setup, job.setup);
    return;
  }
  const result = run(job);
  if (job.output === "codes" && result.codes instanceof Int32Array) {
    const transfer = [result.codes.buffer as ArrayBuffer];
    if (result.wholeNumberIds) transfer.push(result.wholeNumberIds.buffer as ArrayBuffer);
    parentPort!.postMessage(result, transfer);
  }
  else parentPort!.postMessage(JSON.stringify(result));
});

function run(job: WorkerJob): WorkerResult {
  if (job.kind === "csv" && job.output === "codes" && setup.rows!.mapping.codes.length === 0) {
    // Counting hands back no notes: their places are needed only for diagnostics. The chunk is
    // read without placing its notes (no raw texts, no line counting), and read again with them
    // should it give any diagnostic.
    const quick = runJob(job, false);
    if (quick.diagnostics.length === 0 && quick.error === undefined) return quick;
  }
  return runJob(job, true);
}

/** Runs a job; `locate`: give notes (and diagnostics) their places in the file. */
function runJob(job: WorkerJob, locate: boolean): WorkerResult {
  const diagnostics: Diagnostic[] = [];
  const codings: Coding[] = [];
  if (job.kind === "notes") {
    const notes = job.notes.map((n, i) => toNote(n as Note, job.offset + i));
    return output(job, notes, diagnostics, codings);
  }
  const rows = setup.rows!;
  const nfc = nfcBytes(job.bytes);
  const text = Buffer.from(nfc.buffer, nfc.byteOffset, nfc.length);
  let records: string[][];
  let raws: (string | null)[] | undefined;
  try {
    ({ records, raws } = parseRecords(text, nfc, rows.delimiter, setup.recordDelimiter, setup.lfRecords === true, locate));
  } catch (error) {
    // csv-parse counts lines from the chunk's start: make its line (and its message) the file's.
    const e = error as { lines?: number; message?: string };
    if (typeof e.lines === "number") {
      const line = e.lines + job.startLine - 1;
      if (typeof e.message === "string") e.message = e.message.replace(`line ${e.lines}`, `line ${line}`);
      e.lines = line;
    }
    return { seq: job.seq, coded: [], diagnostics, codings, error: csvErrorDiagnostic(e, "", rows.delimiter, rows.file) };
  }
  const notes: Note[] = [];
  const kept: Note[] = [];
  const generatedIds: number[] = [];
  const generatedCodingIds: number[] = [];
  const lines = new RawLines();
  const idColumn = rows.mapping.fields.id!;
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const raw = raws === undefined ? null : raws[index]!;
    notes.length = 0;
    const codingsBefore = codings.length;
    csvRecordNotes(rows, record, locate ? job.startLine - 1 + lines.next(raw) : 0, raw, index, notes, codings, diagnostics, locate);
    const generated = record.length === rows.header.length && record[idColumn]!.trim() === "";
    if (generated) for (let k = codingsBefore; k < codings.length; k++) generatedCodingIds.push(k, index);
    // The record's notes, each checked after the record's own diagnostics (as one thread does).
    for (const note of notes) {
      if (note.text.trim() === "") {
        diagnostics.push(emptyTextDiagnostic(note, rows.file));
        continue;
      }
      if (generated) generatedIds.push(kept.length, index);
      // Built by csvRecordNotes, a valid note; counting needs no second check (coded notes go
      // through toNote, whose schema path also fixes the order of their keys).
      kept.push(job.output === "codes" ? note : toNote(note, 0));
    }
  }
  return { ...output(job, kept, diagnostics, codings), records: records.length, generatedIds, generatedCodingIds };
}

/**
 * The records of a chunk with their raw texts. For files whose records end with LF, csv-parse runs
 * without its `raw` option and the raw texts come from {@link RecordTexts} (null for a one-line
 * record without quotes); should the two ever disagree on the number of records, the chunk is
 * parsed again with `raw`. Without `locate` (read without placing notes), no raw texts (`raws`
 * undefined: null for every record).
 */
function parseRecords(
  text: Buffer,
  bytes: Uint8Array,
  delimiter: string,
  recordDelimiter: string | undefined,
  lf: boolean,
  locate: boolean,
): { records: string[][]; raws: (string | null)[] | undefined } {
  const options = { delimiter, relax_column_count: true, skip_empty_lines: true, ...(recordDelimiter !== undefined ? { record_delimiter: recordDelimiter } : {}) };
  if (!locate) return { records: parse(text, options) as string[][], raws: undefined };
  if (lf) {
    const records = parse(text, options) as string[][];
    const raws: (string | null)[] = [];
    const scanner = new RecordTexts();
    scanner.push(bytes, raws);
    scanner.end(raws);
    if (raws.length === records.length) return { records, raws };
  }
  const parsed = parse(text, { ...options, raw: true }) as unknown as { record: string[]; raw: string }[];
  return { records: parsed.map((p) => p.record), raws: parsed.map((p) => p.raw) };
}

function output(job: WorkerJob, notes: Note[], diagnostics: Diagnostic[], codings: Coding[]): WorkerResult {
  if (job.output === "coded") {
    const coded = notes.map((note) => codeNote(note, matcher, setup.language));
    return { seq: job.seq, coded, diagnostics, codings };
  }
  const codes: number[] = [];
  for (const note of notes) {
    const at = codes.length;
    codes.push(0);
    codes[at] = codeNoteCodes(note, matcher, setup.language, codes);
  }
  const result: WorkerResult = { seq: job.seq, coded: [], codes: Int32Array.from(codes), diagnostics, codings };
  const numbers = wholeNumberIds(notes);
  if (numbers) result.wholeNumberIds = numbers;
  else result.ids = notes.map((n) => n.id).join("\u0000");
  return result;
}

/** The notes' ids as numbers when all are whole numbers (row numbers, as most exports have), else undefined. */
function wholeNumberIds(notes: readonly Note[]): Int32Array | undefined {
  const numbers = new Int32Array(notes.length);
  for (let k = 0; k < notes.length; k++) {
    const n = wholeNumberId(notes[k]!.id);
    if (n < 0) return undefined;
    numbers[k] = n;
  }
  return numbers;
}
