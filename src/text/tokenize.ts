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
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    tokens.push({ text: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}
