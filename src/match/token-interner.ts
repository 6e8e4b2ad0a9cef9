import { foldWord } from "../text/tokenize.ts";

/** Token characters, as in `tokenize`: letters, combining marks and digits. */
const TOKEN_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const MARK = /^\p{M}$/u;

/** Class table values besides a folded character code (which is >= 0). */
const UNKNOWN = -3;
const SEPARATOR = -1;
/** A token character whose folding is not a plain per-character map: the token is folded by `foldWord`. */
const SLOW = -2;

/** Distinct tokens kept before the table is cleared (a vocabulary this large starts over). */
const MAX_TOKENS = 500_000;

/**
 * Tokenizes text exactly as `tokenize` does and interns every folded token as a small integer id
 * without slicing a string per token: while scanning, each character is folded through a class
 * table and mixed into a hash; at the end of a token one probe of an open-addressing table,
 * confirmed by comparing the characters in place, finds its id. A token's text is materialised
 * once, when it is first seen. Offsets and ids go into reused typed arrays; `scan` returns the
 * token count.
 *
 * Characters fold one by one (lower case) when that equals `foldWord` on the whole token; tokens
 * with combining marks, astral characters, or characters whose lower case depends on context or
 * has several characters (Greek capital sigma, dotted capital I) take the exact path (`foldWord`
 * on the slice). Both paths hash the folded code units, so one folded text has one id.
 */
export class TokenInterner {
  /** Offsets of the tokens of the last `scan`. */
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** Token ids of the last `scan`. */
  ids = new Int32Array(256);
  /** 1 where a token of the last `scan` is written as its folded text (no character changed by folding). */
  asWritten = new Uint8Array(256);
  /** Folded text of each token id. */
  readonly texts: string[] = [];
  /** Incremented whenever the table is cleared (ids from before are then meaningless). */
  generation = 0;

  /** Folded code unit of each BMP code unit, or UNKNOWN, SEPARATOR, SLOW. */
  private readonly fold = new Int32Array(0x10000).fill(UNKNOWN);
  private hashes = new Int32Array(1024);
  private table = new Int32Array(2048).fill(-1);
  private mask = 2047;

  /** Number of distinct tokens interned since the last clear. */
  get size(): number {
    return this.texts.length;
  }

  /**
   * Tokenizes `text`, filling `starts`, `ends` and `ids`.
   * @param text the note's text
   * @returns the number of tokens
   */
  scan(text: string): number {
    const n = text.length;
    if (this.texts.length > MAX_TOKENS) this.clear();
    if (this.starts.length < n + 1) this.growTokens(n + 1);
    const fold = this.fold;
    let count = 0;
    let start = -1;
    let hash = 0;
    let slow = false;
    let folded = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let f = fold[c]!;
      if (f >= 0) {
        // The common case first: a token character that folds on its own.
        if (start < 0) {
          start = i;
          hash = 0;
        }
        hash = Math.imul(hash ^ f, 0x01000193);
        if (f !== c) folded = true;
        continue;
      }
      if (f === UNKNOWN) {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            // An astral code point: a token character or a separator, as a whole.
            if (TOKEN_CHAR.test(text.slice(i, i + 2))) {
              if (start < 0) {
                start = i;
                hash = 0;
              }
              slow = true;
            } else if (start >= 0) {
              count = this.emit(text, start, i, hash, slow, folded, count);
              start = -1;
              slow = false;
              folded = false;
            }
            i++;
            continue;
          }
        }
        f = this.classify(c);
      }
      if (f === SEPARATOR) {
        if (start >= 0) {
          count = this.emit(text, start, i, hash, slow, folded, count);
          start = -1;
          slow = false;
          folded = false;
        }
        continue;
      }
      if (start < 0) {
        start = i;
        hash = 0;
      }
      if (f === SLOW) slow = true;
      else {
        hash = Math.imul(hash ^ f, 0x01000193);
        if (f !== c) folded = true;
      }
    }
    if (start >= 0) count = this.emit(text, start, n, hash, slow, folded, count);
    return count;
  }

  /** Forgets every token (ids start again from 0). */
  clear(): void {
    this.table = new Int32Array(2048).fill(-1);
    this.mask = 2047;
    this.hashes = new Int32Array(1024);
    this.texts.length = 0;
    this.generation++;
  }

  private emit(text: string, start: number, end: number, hash: number, slow: boolean, folded: boolean, count: number): number {
    let id: number;
    if (slow) {
      const folded = foldWord(text.slice(start, end));
      let h = 0;
      for (let j = 0; j < folded.length; j++) h = Math.imul(h ^ folded.charCodeAt(j), 0x01000193);
      id = this.find(h, folded, text, 0, 0, true);
    } else {
      id = this.find(hash, undefined, text, start, end, folded);
    }
    this.starts[count] = start;
    this.ends[count] = end;
    this.ids[count] = id;
    this.asWritten[count] = slow || folded ? 0 : 1;
    return count + 1;
  }

  /** The id of a folded token: given as a string (`folded`), or as `text[start..end)` folded by the table. */
  private find(hash: number, folded: string | undefined, text: string, start: number, end: number, changed: boolean): number {
    const { table, hashes, texts, mask } = this;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0) break;
      if (hashes[id] === hash) {
        const known = texts[id]!;
        if (
          folded !== undefined
            ? known === folded
            : known.length === end - start && (changed ? this.sameFolded(known, text, start, end) : text.startsWith(known, start))
        ) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = texts.length;
    texts.push(folded ?? foldWord(text.slice(start, end)));
    if (id >= hashes.length) {
      const grown = new Int32Array(hashes.length * 2);
      grown.set(hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    table[slot] = id;
    if (texts.length * 2 > mask) this.rehash();
    return id;
  }

  private sameFolded(known: string, text: string, start: number, end: number): boolean {
    if (known.length !== end - start) return false;
    const fold = this.fold;
    for (let j = 0; j < known.length; j++) if (fold[text.charCodeAt(start + j)] !== known.charCodeAt(j)) return false;
    return true;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let id = 0; id < this.texts.length; id++) {
      const h = this.hashes[id]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }

  private growTokens(n: number): void {
    let size = this.starts.length;
    while (size < n) size *= 2;
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.ids = new Int32Array(size);
    this.asWritten = new Uint8Array(size);
  }

  /** Classifies a BMP code unit on first sight: its folded code unit, SEPARATOR or SLOW. */
  private classify(c: number): number {
    const f = foldedCodeUnit(c);
    if (c < 0xd800 || c > 0xdfff) this.fold[c] = f;
    return f;
  }
}

/**
 * How the tokenizer sees one BMP code unit: its folded (lower-case) code unit when the character
 * is a token character that folds on its own, `SEPARATOR` (-1) when it separates tokens, `SLOW`
 * (-2) when it is a token character whose token must be folded by `foldWord` as a whole
 * (combining marks, characters whose lower case has several characters or depends on context).
 * A lone surrogate is a separator; pairs are the caller's to handle. Internal to src/match.
 *
 * @example
 * ```ts
 * foldedCodeUnit(0x41); // 0x61 ("A" folds to "a")
 * foldedCodeUnit(0x20); // -1 (a space separates)
 * ```
 */
export function foldedCodeUnit(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return SEPARATOR;
  const ch = String.fromCharCode(c);
  if (!TOKEN_CHAR.test(ch)) return SEPARATOR;
  const lower = ch.toLowerCase();
  const plain =
    lower.length === 1 &&
    !MARK.test(ch) &&
    !MARK.test(lower) &&
    ch.normalize("NFC") === ch &&
    lower.normalize("NFC") === lower &&
    !(c >= 0x1100 && c <= 0x11ff) && // Hangul jamo compose under NFC
    !(c >= 0xd7b0 && c <= 0xd7ff) &&
    c !== 0x03a3; // capital sigma folds by context (final ς)
  return plain ? lower.charCodeAt(0) : SLOW;
}
