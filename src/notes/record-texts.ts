/**
 * The raw text of each CSV record, found by scanning the bytes fed to csv-parse, for files whose
 * records end with a lone LF. It stands in for csv-parse's `raw` option, which copies every byte
 * into a second buffer and decodes it again per record: here a record's raw text is only decoded
 * when it is needed to place its fields, that is when it holds a quote, a CR, or is preceded by
 * skipped empty lines. For every other record (one line, no quotes) `null` stands for its raw text,
 * which is then its fields joined by the delimiter, plus the LF.
 *
 * The records are cut as csv-parse cuts them with `skip_empty_lines`: at an LF outside quotes
 * (quotes counted from the start; a `""` inside a quoted field keeps the count even), empty lines
 * joining the next record's raw text. The line breaks and quotes are found with the engine's native
 * searches, not with a loop per byte.
 *
 * @example
 * ```ts
 * const texts = new RecordTexts();
 * const out: (string | null)[] = [];
 * texts.push(new TextEncoder().encode('1;a\n\n2;"b\nc"\n3;d'), out);
 * texts.end(out);
 * out; // [null, '\n2;"b\nc"\n', null]
 * ```
 */
export class RecordTexts {
  private quoted = false;
  /** The bytes of the record being read, from earlier pieces. */
  private parts: Uint8Array[] = [];
  /** The record being read has a byte other than LF. */
  private content = false;
  /** The record being read needs its raw text (a quote, a CR, or skipped empty lines before it). */
  private special = false;
  private readonly decoder = new TextDecoder("utf-8");

  /**
   * Scans the next piece of the file (the bytes csv-parse gets next).
   * @param bytes the piece
   * @param out where each record ended in it gets its raw text, or null for a plain one-line record
   */
  push(bytes: Uint8Array, out: (string | null)[]): void {
    const length = bytes.length;
    let start = 0; // where the current record's bytes in this piece begin
    let pos = 0;
    let quote = bytes.indexOf(34);
    let cr = bytes.indexOf(13);
    while (pos < length) {
      const nl = bytes.indexOf(10, pos);
      const end = nl < 0 ? length : nl;
      if (quote >= 0 && quote < end) {
        this.special = true;
        while (quote >= 0 && quote < end) {
          this.quoted = !this.quoted;
          quote = bytes.indexOf(34, quote + 1);
        }
      }
      if (cr >= 0 && cr < end) {
        this.special = true;
        cr = bytes.indexOf(13, end);
      }
      if (nl < 0) {
        if (end > pos) this.content = true;
        break;
      }
      if (nl > pos) this.content = true;
      pos = nl + 1;
      if (this.quoted) continue;
      if (!this.content) {
        // An empty line: csv-parse skips it, and its line break opens the next record's raw text.
        this.special = true;
        continue;
      }
      if (this.special) out.push(this.text(bytes, start, pos));
      else out.push(null);
      start = pos;
      this.parts.length = 0;
      this.content = false;
      this.special = false;
    }
    if (start < length) this.parts.push(bytes.slice(start, length));
  }

  /**
   * Ends the file: a last record without a final line break.
   * @param out where the last record's raw text goes, if there is one
   */
  end(out: (string | null)[]): void {
    if (this.content) out.push(this.special ? this.text(new Uint8Array(0), 0, 0) : null);
    this.parts.length = 0;
    this.content = false;
    this.special = false;
    this.quoted = false;
  }

  private text(bytes: Uint8Array, from: number, to: number): string {
    if (this.parts.length === 0) return this.decoder.decode(bytes.subarray(from, to));
    let size = to - from;
    for (const p of this.parts) size += p.length;
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    all.set(bytes.subarray(from, to), at);
    return this.decoder.decode(all);
  }
}

/**
 * True when the records of a CSV file can be cut by {@link RecordTexts}: its first line (the
 * header) ends with a lone LF and holds no quote or CR, so csv-parse takes LF as the record
 * delimiter; and the delimiter is one character other than a quote or a line break.
 *
 * @param head the file's first bytes (after the byte order mark)
 * @param delimiter the field delimiter
 * @returns whether the raw texts can be found without csv-parse's `raw` option
 * @example
 * ```ts
 * lfRecords(new TextEncoder().encode("id;text\n1;a\n"), ";"); // true
 * ```
 */
export function lfRecords(head: Uint8Array, delimiter: string): boolean {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") return false;
  const nl = head.indexOf(10);
  if (nl < 0) return false;
  const first = head.subarray(0, nl);
  return first.indexOf(13) < 0 && first.indexOf(34) < 0;
}
