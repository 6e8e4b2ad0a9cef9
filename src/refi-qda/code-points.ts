/**
 * Converts UTF-16 offsets (JavaScript string indices) to Unicode code point offsets, the unit of
 * REFI-QDA text positions (spec §10.2), and back. Characters outside the BMP (emoji, some CJK) are
 * two UTF-16 units but one code point; æ, ø and å are one of each.
 */
export interface CodePointIndex {
  /** Code point offset of a UTF-16 offset (an offset inside a surrogate pair rounds down). */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code point offset (clamped to the text). */
  toUtf16(codePoint: number): number;
  /** Number of code points in the text. */
  readonly length: number;
}

/**
 * Builds a {@link CodePointIndex} over a text.
 *
 * @param text - the text whose offsets are converted
 * @returns the index
 * @example
 * ```ts
 * const index = codePointIndex("😀 tid");
 * index.toCodePoint(3); // 2 ("t" is UTF-16 offset 3, code point 2)
 * index.toUtf16(2); // 3
 * ```
 */
export function codePointIndex(text: string): CodePointIndex {
  // utf16Of[cp] = UTF-16 offset of code point cp; utf16Of[length] = text.length
  const utf16Of: number[] = [];
  for (let i = 0; i < text.length; ) {
    utf16Of.push(i);
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
  }
  const length = utf16Of.length;
  utf16Of.push(text.length);
  return {
    length,
    toUtf16(cp: number): number {
      if (cp <= 0) return 0;
      return utf16Of[Math.min(cp, length)]!;
    },
    toCodePoint(u: number): number {
      if (u <= 0) return 0;
      if (u >= text.length) return length;
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (utf16Of[mid]! <= u) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
