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
   * @param raw the record's raw text (records must come in order); null for a one-line record ended by a line break
   * @returns the line of the record's first character, from 1
   */
  next(raw: string | null): number {
    if (raw === null) return 1 + this.before++; // one line, ended by its LF
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
  if (!leadingOnly) {
    // Every LF, and every CR not followed by an LF: the engine's native searches, not a loop per character.
    let n = 0;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
    for (let i = text.indexOf("\r"); i >= 0; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
    return n;
  }
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

/** A line break as an editor counts one: CRLF, LF or a lone CR. */
const LINE_BREAK = /\r\n|\r|\n/u;

/**
 * Splits a text into lines as an editor shows them: CRLF, LF and a lone CR (old Mac files, some
 * exports) each end a line. Every line-based reader uses it, so a file with CR-only endings is
 * read line by line everywhere, as CSV reads it.
 *
 * @param text the text
 * @returns its lines, without the breaks
 * @example
 * ```ts
 * splitLines("a\r\nb\rc\nd"); // ["a", "b", "c", "d"]
 * ```
 */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}
