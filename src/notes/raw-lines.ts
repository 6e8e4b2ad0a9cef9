/**
 * The line each CSV record starts on, from the records' raw texts in order (csv-parse's `raw`
 * option). Lines are counted as an editor counts them: CRLF, a lone LF and a lone CR each end one
 * line. csv-parse's own `info.lines` is not used: it counts the CR and the LF of a CRLF inside a
 * quoted field as two lines, so every record after a multi-line text in a Windows file would be
 * placed too low. csv-parse's raw text of a record keeps the CR of a CRLF record delimiter (not its
 * LF), and the line breaks of skipped empty lines open the next record's raw text.
 *
 * @example
 * ```ts
 * const lines = new RawLines();
 * [lines.next("id;tekst\r"), lines.next('1;"a\r\nb"\r'), lines.next("\r2;c\r")]; // [1, 2, 5]
 * ```
 */
export class RawLines {
  private before = 0;

  /**
   * The line the next record starts on.
   * @param raw the record's raw text (records must come in order)
   * @returns the line of the record's first character, from 1
   */
  next(raw: string): number {
    const leading = countLineBreaks(raw, true);
    const line = 1 + this.before + leading;
    this.before += countLineBreaks(raw, false);
    return line;
  }
}

/**
 * Counts line breaks in a text: CRLF, LF and CR each count once.
 *
 * @param text the text
 * @param leadingOnly count only the breaks before the first other character
 * @returns the number of line breaks
 * @example
 * ```ts
 * countLineBreaks('1;"a\r\nb"\r', false); // 2
 * ```
 */
export function countLineBreaks(text: string, leadingOnly: boolean): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c === 10) n++;
    else if (leadingOnly) break;
  }
  return n;
}
