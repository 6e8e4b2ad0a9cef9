/**
 * The line csv-parse's `info.lines` gives for each record (the line the record ends on), from the
 * records' raw texts in order: csv-parse counts every CR and LF inside quotes, one per record
 * delimiter (its raw text keeps the CR of a CRLF delimiter and drops the LF) and one per skipped
 * empty line (whose characters open the next record's raw text). So the line is 1 + the line breaks
 * of every earlier raw text + those of this one, its final delimiter excepted. Checked against
 * `info.lines` on LF, CRLF and mixed files with empty lines and breaks inside quotes.
 *
 * @example
 * ```ts
 * const lines = new RawLines();
 * [lines.next("id;tekst\n"), lines.next('1;"a\nb"\n')]; // [1, 3]
 * ```
 */
export class RawLines {
  private before = 0;

  /**
   * The end line of the next record.
   * @param raw the record's raw text (records must come in order)
   * @returns the line the record ends on, from 1
   */
  next(raw: string): number {
    let breaks = 0;
    for (let i = raw.indexOf("\n"); i >= 0; i = raw.indexOf("\n", i + 1)) breaks++;
    for (let i = raw.indexOf("\r"); i >= 0; i = raw.indexOf("\r", i + 1)) breaks++;
    const last = raw.charCodeAt(raw.length - 1);
    const line = 1 + this.before + breaks - (last === 10 || last === 13 ? 1 : 0);
    this.before += breaks;
    return line;
  }
}
