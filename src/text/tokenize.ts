/** A token: a maximal run of letters, marks and digits, with its offsets into the original text. */
export interface Token {
  /** The token folded for matching: NFC, lower case. */
  text: string;
  /** Offset of the first UTF-16 code unit in the original text, from 0. */
  start: number;
  /** Offset just past the last code unit: `original.slice(start, end)` is the token as written. */
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ASCII_SIMPLE = /^[a-z0-9]*$/;

/**
 * Folds a word for matching: Unicode NFC (so a decomposed "å" equals the composed one) and lower case.
 *
 * @param word the word as written
 * @returns the folded word
 * @example
 * ```ts
 * foldWord("NAV-Kontoret"); // "nav-kontoret"
 * foldWord("a\u030A"); // "å"
 * ```
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return ASCII_SIMPLE.test(lower) ? lower : lower.normalize("NFC");
}

/**
 * Splits text into word tokens with offsets. Letters include æ, ø, å and every other Unicode
 * letter; combining marks stay inside their word; digits are tokens of their own kind; everything
 * else (spaces, punctuation, hyphens, apostrophes) separates tokens. Offsets refer to the text as
 * given, so evidence can always be cut out of the original note.
 *
 * @param text the note's text
 * @returns the tokens in order
 * @example
 * ```ts
 * tokenize("Fikk direktenummer, på NAV-kontoret!").map((t) => t.text);
 * // ["fikk", "direktenummer", "på", "nav", "kontoret"]
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (word, start, end) => tokens.push({ text: foldWord(word), start, end }));
  return tokens;
}

/**
 * Calls `visit` with each word of a text as written (not folded; `foldWord` gives the token's
 * `text`) and its offsets: the words `tokenize` makes tokens of, without making them. For a
 * caller that memoises per word as written.
 *
 * @param text the text
 * @param visit receives each word as written, its start and its end offset
 * @returns nothing
 * @example
 * ```ts
 * const words: string[] = [];
 * forEachWord("Fikk direktenummer, på NAV-kontoret!", (w) => words.push(w));
 * words; // ["Fikk", "direktenummer", "på", "NAV", "kontoret"]
 * ```
 */
export function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  const word = new RegExp(WORD.source, WORD.flags);
  for (let m = word.exec(text); m !== null; m = word.exec(text)) visit(m[0], m.index, m.index + m[0].length);
}
