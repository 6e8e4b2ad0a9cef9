// The two stemmers only: natural's stemmer index loads every language's (about 40 ms at start-up,
// in every worker thread too).
import { describeValue, invalidArgument } from "../diagnostics/options.ts";
import porterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import porterStemmerNo from "natural/lib/natural/stemmers/porter_stemmer_no.js";
import type { Language } from "./language.ts";

interface Stemmer {
  stem(word: string): string;
}

const STEMMERS: Record<Language, Stemmer> = {
  // Snowball's Norwegian algorithm serves both written forms.
  nb: porterStemmerNo,
  nn: porterStemmerNo,
  en: porterStemmer,
};

const memo: Record<Language, Map<string, string>> = { nb: new Map(), nn: new Map(), en: new Map() };

/**
 * Stems a folded word with natural's Snowball stemmer for the language (Norwegian for `nb` and
 * `nn`, Porter for `en`). Results are memoised per language.
 *
 * @param word a folded word (lower case, NFC)
 * @param language the language whose stemmer to use
 * @returns the stem
 * @example
 * ```ts
 * stem("saksbehandlingstiden", "nb"); // "saksbehandlingstid"
 * stem("listened", "en"); // "listen"
 * ```
 */
export function stem(word: string, language: Language): string {
  const table = memo[language];
  if (table === undefined) {
    // `no` (Norwegian) is Bokmål; anything else is a mistake worth a clear message.
    if ((language as string) === "no") return stem(word, "nb");
    throw invalidArgument("stem a word", `the language must be "nb", "nn" or "en", not ${describeValue(language)}`, "language", "kodebok:text");
  }
  let stemmed = table.get(word);
  if (stemmed === undefined) {
    stemmed = STEMMERS[language].stem(word);
    if (table.size > 200_000) table.clear();
    table.set(word, stemmed);
  }
  return stemmed;
}
