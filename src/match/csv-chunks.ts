// Cutting a CSV file into chunks of whole records for the coding workers (see parallel.ts).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { defaultIdPrefix, detectDelimiter, mapColumns, type CsvRows } from "../notes/csv.ts";
import type { StreamNotesOptions } from "../notes/stream-notes.ts";
import { lfRecords } from "../notes/record-texts.ts";
import type { WorkerJob } from "./code-worker.ts";
import { nfcField, nfcKeepingDelimiters } from "../text/nfc.ts";

/** Bytes per job when workers parse a CSV file themselves (whole records). */
const CHUNK = 1 << 18;

/**
 * Reads the header of a CSV file: what the workers need (header, column mapping, delimiter), where
 * the records start, and the line they start on. Undefined when the file should be read in the
 * calling thread instead (not CSV, not UTF-8, several text columns, no id column, header problems).
 *
 * @param path the file
 * @param options the streaming options
 * @returns the setup, or undefined
 * @example
 * ```ts
 * (await csvSetup("fixtures/seminars/city-seminar.csv", {}))?.bodyLine; // 2
 * ```
 */
export async function csvSetup(path: string, options: StreamNotesOptions): Promise<{ rows: CsvRows; bodyStart: number; bodyLine: number; lfRecords: boolean; recordDelimiter: string | undefined } | undefined> {
  const format = options.format ?? (/\.csv$/iu.test(path) ? "csv" : /\.(tsv|tab)$/iu.test(path) ? "tsv" : undefined);
  if (format !== "csv" && format !== "tsv") return undefined;
  if (options.textColumns && options.textColumns.length > 1) return undefined;
  // A file that cannot be read is reported by the one-thread reader, with its located error.
  const head = await readHead(path).catch(() => undefined);
  if (head === undefined) return undefined;
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const end = recordEnd(head, start);
  if (end < 0) return undefined;
  // A lone CR before the first LF ends the header (CR-only or mixed line endings, as old Mac
  // files and some exports have): the chunks, cut at LFs, would lose the records before that
  // LF, so the one-thread reader takes such a file.
  if (loneCarriageReturn(head.subarray(start, end))) return undefined;
  // Excel's `sep=;` first line: the one-thread reader skips it.
  if (head[start] === 0x73 && new TextDecoder("utf-8").decode(head.subarray(start, start + 4)) === "sep=") return undefined;
  const headerText = new TextDecoder("utf-8").decode(head.subarray(start, end)).replace(/^\uFEFF/u, "");
  const delimiter = format === "tsv" ? "\t" : (options.delimiter ?? detectDelimiter(headerText));
  let fields: string[];
  try {
    fields = (parse(headerText, { delimiter, relax_column_count: true }) as string[][])[0] ?? [];
  } catch {
    return undefined;
  }
  const header = fields.map((h) => nfcField(nfcKeepingDelimiters(h).trim()));
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
    lfRecords: lfRecords(head.subarray(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0), delimiter),
    recordDelimiter: recordDelimiter(head.subarray(0, end)),
  };
}

/**
 * The record delimiter csv-parse finds in the whole file (the header's line ending, CRLF or LF), to
 * be given to the parser of every chunk: left to itself, a chunk's parser would take the first line
 * break it meets, which can be a lone CR inside a text. Undefined when the header holds another CR.
 */
function recordDelimiter(headerLine: Uint8Array): string | undefined {
  const crlf = headerLine.length >= 2 && headerLine[headerLine.length - 2] === 13;
  if (headerLine.subarray(0, headerLine.length - (crlf ? 2 : 1)).indexOf(13) >= 0) return undefined;
  return crlf ? "\r\n" : "\n";
}

async function readHead(path: string): Promise<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: CHUNK - 1 })) return chunk as Uint8Array;
  return new Uint8Array(0);
}

/** True when the bytes hold a CR outside quotes that is not the CR of a CRLF. */
function loneCarriageReturn(bytes: Uint8Array): boolean {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 34) quoted = !quoted;
    else if (b === 13 && !quoted && bytes[i + 1] !== 10) return true;
  }
  return false;
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
 *
 * @param path the file
 * @param bodyStart the byte offset of the first record
 * @param bodyLine the line of the first record
 * @param output what the workers hand back
 * @returns the jobs in file order
 * @example
 * ```ts
 * for await (const job of csvJobs("big.csv", setup.bodyStart, setup.bodyLine, "codes")) pool.send(job);
 * ```
 */
export async function* csvJobs(path: string, bodyStart: number, bodyLine: number, output: "coded" | "codes"): AsyncGenerator<Omit<WorkerJob & { kind: "csv" }, "seq">> {
  let carry: Uint8Array = new Uint8Array(0);
  let line = bodyLine;
  const handle = await open(path, "r");
  try {
    let position = bodyStart;
    for (;;) {
      // Each chunk is read into memory of its own, after the unfinished record carried over, and
      // that memory is transferred to a worker as it is: no copy of the bytes on this thread.
      let size = CHUNK;
      while (size < carry.length * 2) size *= 2;
      const bytes = new Uint8Array(carry.length + size);
      bytes.set(carry);
      const { bytesRead } = await handle.read(bytes, carry.length, size, position);
      position += bytesRead;
      const filled = bytes.subarray(0, carry.length + bytesRead);
      if (bytesRead === 0) break;
      const cut = lastRecordEnd(filled);
      if (cut <= 0) {
        carry = filled;
        continue;
      }
      carry = bytes.slice(cut, filled.length);
      const piece = bytes.subarray(0, cut);
      const startLine = line;
      line += countLines(piece);
      yield { kind: "csv", bytes: piece, startLine, output };
    }
  } finally {
    await handle.close();
  }
  if (carry.length > 0) yield { kind: "csv", bytes: carry.byteOffset === 0 && carry.byteLength === carry.buffer.byteLength ? carry : carry.slice(), startLine: line, output };
}

/**
 * The index just past the last line break outside quotes (quotes counted from index 0), or 0.
 *
 * @param bytes UTF-8 text that starts at a record
 * @returns where the last whole record ends
 * @example
 * ```ts
 * lastRecordEnd(new TextEncoder().encode('1;a\n2;"b\nc')); // 4
 * ```
 */
export function lastRecordEnd(bytes: Uint8Array): number {
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
 * Line breaks in a chunk of whole records, counted as an editor counts lines (as `RawLines` does,
 * which the notes' origins come from): CRLF, a lone LF and a lone CR each end one line.
 *
 * @param bytes UTF-8 text of whole records
 * @returns the number of line breaks in it
 * @example
 * ```ts
 * countLines(new TextEncoder().encode('1;"a\r\nb"\r\n')); // 2
 * ```
 */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  for (let cr = bytes.indexOf(13); cr >= 0; cr = bytes.indexOf(13, cr + 1)) if (bytes[cr + 1] !== 10) n++;
  return n;
}
