/** A sentence span: offsets into the text, from 0, end exclusive. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * Abbreviations that end with a full stop but do not end a sentence (Norwegian and English).
 * Compared in lower case, without the final full stop.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "kl", "f.eks", "feks", "bl.a", "dvs", "osv", "ca", "jf", "jfr", "mht", "nr", "tlf", "evt", "ev", "mv",
  "m.m", "etc", "o.l", "pga", "iflg", "ift", "vs", "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e",
  "no", "approx", "min", "maks", "kap", "s", "pkt", "avd", "sml", "bl", "m.a",
]);

/** Titles before a name: a full stop after them never ends a sentence ("Dr. Hansen"). */
const TITLES: ReadonlySet<string> = new Set(["dr", "mr", "mrs", "ms", "prof", "st"]);

// A run of terminators is tried from its first character only (the lookbehind): tried from each
// character of a long run of dots that does not end a sentence, it was quadratic in the run.
const TERMINATOR = /(?<![.!?…])[.!?…]+["»”')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•]\s)/gu;

/**
 * Splits text into sentences. A sentence ends at `.`, `!`, `?` or `…` followed by a space or the
 * end, at a blank line, or before a bullet on a new line. A full stop between digits ("10.30"),
 * after a title ("Dr. Hansen"), or after another known abbreviation when the text goes on in lower
 * case or with a digit ("kl. 10", "f.eks. tid") does not end a sentence.
 *
 * @param text the text
 * @returns sentence spans covering the text, without surrounding whitespace
 * @example
 * ```ts
 * const text = "Møtet var kl. 10. Hun tok seg tid!";
 * sentences(text).map((s) => text.slice(s.start, s.end)); // ["Møtet var kl. 10.", "Hun tok seg tid!"]
 * ```
 */
export function sentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(text); m !== null; m = TERMINATOR.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith(".") && isAbbreviation(text, m.index, end)) continue;
    push(spans, text, start, end);
    start = end;
  }
  push(spans, text, start, text.length);
  return spans;
}

/**
 * A full stop after a known abbreviation does not end a sentence: after a title always, after
 * another abbreviation only when the text goes on in lower case or with a digit ("kl. 10", "f.eks.
 * tid"). Several abbreviations are also words that end sentences ("veilederen min.", Nynorsk "no"
 * for now), so before a capital letter the full stop ends the sentence.
 */
function isAbbreviation(text: string, dot: number, end: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (word.length === 0 || !ABBREVIATIONS.has(word)) return false;
  if (TITLES.has(word)) return true;
  let next = end;
  while (next < text.length && /\s/u.test(text[next]!)) next++;
  return next < text.length && /[\p{Ll}\p{N}]/u.test(text[next]!);
}

function push(spans: SentenceSpan[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  if (e > s) spans.push({ start: s, end: e });
}
