import type { Token } from "./tokenize.ts";
import type { Language } from "./language.ts";

/** Function words that tell the three languages apart. Words shared by nb and nn are left out. */
export const LANGUAGE_MARKERS: Readonly<Record<Language, ReadonlySet<string>>> = {
  nb: new Set([
    "ikke", "jeg", "meg", "hva", "hvordan", "hvor", "hvem", "noe", "mye", "hjelp", "hjelpe", "være", "vært",
    "dette", "det", "de", "som", "fra", "bare", "hun", "hennes", "deres", "oss", "kunne", "skulle", "ville",
    "jo", "også", "sammen", "etter", "mer", "selv", "fikk", "hadde", "meget", "noen", "ingen", "aldri",
    "gang", "når", "fordi", "mitt", "min", "mine", "sin", "vår", "våre", "gjennom", "mellom", "bli", "ble",
  ]),
  nn: new Set([
    "ikkje", "eg", "meg", "kva", "korleis", "kvar", "kven", "noko", "mykje", "hjelpa", "vere", "vore",
    "dette", "dei", "som", "frå", "berre", "ho", "hennar", "deira", "oss", "kunne", "skulle", "ville",
    "jo", "òg", "saman", "etter", "meir", "sjølv", "fekk", "hadde", "nokon", "ingen", "aldri", "gong",
    "når", "fordi", "mitt", "min", "mine", "sin", "vår", "våre", "gjennom", "mellom", "bli", "vart", "vert",
    // Not "seg" or "eller": Bokmål writes them the same ("hun tok seg tid" is Bokmål).
    "ein", "eit", "ei", "heile", "kjem", "korleis", "tilgjengeleg", "saksbehandlaren",
  ]),
  en: new Set([
    // Only words that are not also Norwegian words ("i", "for", "to", "at", "is", "time", "felt" are).
    "the", "and", "of", "me", "my", "was", "were", "not", "it", "that", "they", "she", "he", "with",
    "you", "what", "how", "have", "had", "helped", "help", "always", "never", "would", "could", "about",
    "from", "when", "because", "their", "our", "we", "been", "did", "didn", "don", "this", "who", "in",
    "on", "got", "listened", "really", "very", "caseworker", "staff", "your", "there", "just", "understood",
  ]),
};

/** The result of language detection: a language, or `und` when the text gives too little to judge. */
export type DetectedLanguage = Language | "und";

/**
 * Detects the language of a note from its function words. Returns `und` (undetermined) when no
 * marker word occurs or two languages tie, instead of guessing.
 *
 * @param tokens the note's tokens (from `tokenize`)
 * @returns `nb`, `nn`, `en` or `und`
 * @example
 * ```ts
 * detectLanguage(tokenize("Eg fekk ikkje hjelp")); // "nn"
 * detectLanguage(tokenize("She listened to me")); // "en"
 * detectLanguage(tokenize("Tillit!")); // "und"
 * ```
 */
export function detectLanguage(tokens: readonly Token[]): DetectedLanguage {
  const score = { nb: 0, nn: 0, en: 0 };
  for (const token of tokens) {
    addMarkerScore(score, markerBits(token.text));
    if (/[æøå]/u.test(token.text)) addLetterScore(score);
  }
  return languageOfScores(score);
}

/**
 * Bits of the marker lists a folded word is on: 1 Bokmål, 2 Nynorsk, 4 English.
 *
 * @example
 * ```ts
 * markerBits("ikkje"); // 2
 * markerBits("meg"); // 3 (both Norwegian forms)
 * ```
 */
export function markerBits(word: string): number {
  return (LANGUAGE_MARKERS.nb.has(word) ? 1 : 0) | (LANGUAGE_MARKERS.nn.has(word) ? 2 : 0) | (LANGUAGE_MARKERS.en.has(word) ? 4 : 0);
}

/**
 * Adds what one token on the marker lists `bits` (see {@link markerBits}) says to the scores:
 * words both Norwegian forms share say "Norwegian" but not which.
 *
 * @example
 * ```ts
 * const score = { nb: 0, nn: 0, en: 0 };
 * addMarkerScore(score, markerBits("ikkje")); // score.nn === 1.5
 * ```
 */
export function addMarkerScore(score: Record<Language, number>, bits: number): void {
  const nb = (bits & 1) !== 0;
  const nn = (bits & 2) !== 0;
  if (nb && !nn) score.nb += 1;
  if (nn && !nb) score.nn += 1.5;
  if (nb && nn) {
    score.nb += 0.25;
    score.nn += 0.25;
  }
  if ((bits & 4) !== 0) score.en += 1;
}

/**
 * Adds what `tokens` tokens with æ, ø or å say to the scores: Norwegian, either form.
 *
 * @example
 * ```ts
 * addLetterScore(score, 2); // score.nb and score.nn each 1 more
 * ```
 */
export function addLetterScore(score: Record<Language, number>, tokens = 1): void {
  // Multiples of 0.25: the sums are exact, in any order.
  score.nb += 0.5 * tokens;
  score.nn += 0.5 * tokens;
}

/**
 * The language the scores point to, or `und` when none scored or two tie (Norwegian without a
 * clear Bokmål or Nynorsk signal counts as Bokmål, by far the more common written form).
 *
 * @example
 * ```ts
 * languageOfScores({ nb: 1, nn: 0, en: 0 }); // "nb"
 * languageOfScores({ nb: 0, nn: 0, en: 0 }); // "und"
 * ```
 */
export function languageOfScores(score: Readonly<Record<Language, number>>): DetectedLanguage {
  const ranked = (Object.entries(score) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) {
    if (first && second && first[1] > 0 && score.en < first[1] && score.nb === score.nn) return "nb";
    return "und";
  }
  return first[0];
}
