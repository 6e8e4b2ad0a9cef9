// Function words, which kodebok never proposes as a term or a condition on their own.
import english from "natural/lib/natural/util/stopwords.js";
import norwegian from "natural/lib/natural/util/stopwords_no.js";
import type { Language } from "./language.ts";

/**
 * Nynorsk forms of the words in natural's Norwegian (Bokmål) list, which has none: the pronouns,
 * negation, question words and particles a Nynorsk note is full of.
 */
const NYNORSK: readonly string[] = [
  "eg", "ikkje", "ikkj", "ein", "eit", "ei", "kva", "korleis", "kvifor", "kvar", "kven", "kvifor", "noko", "nokon",
  "berre", "frå", "då", "ho", "dei", "deira", "hennar", "vere", "vore", "vart", "vert", "sjølv", "òg", "mykje",
  "meir", "kjem", "gjekk", "fekk", "seia", "sei", "kan", "skal", "vil", "dykk", "dykkar", "me", "vi", "oss",
];

const NORWEGIAN: ReadonlySet<string> = new Set([...norwegian.words, ...NYNORSK]);
const ENGLISH: ReadonlySet<string> = new Set(english.words);

/**
 * The stop words of a language: natural's lists (English; Norwegian Bokmål, with the Nynorsk
 * forms added for `nn` and `nb` alike, since notes mix the written forms).
 *
 * @param language `nb`, `nn` or `en`
 * @returns the folded stop words
 * @example
 * ```ts
 * stopwords("nn").has("ikkje"); // true
 * ```
 */
export function stopwords(language: Language): ReadonlySet<string> {
  return language === "en" ? ENGLISH : NORWEGIAN;
}

/**
 * True when a folded word is a stop word of the language (of any language for `und`), or has no
 * letter (a number): kodebok's test for words too empty to propose as a term on their own.
 *
 * @param word a folded word
 * @param language the language of the note it is in, or `und`
 * @returns whether it is a stop word
 * @example
 * ```ts
 * isStopword("og", "nb"); // true
 * isStopword("ringte", "nb"); // false
 * ```
 */
export function isStopword(word: string, language: Language | "und"): boolean {
  if (!/\p{L}/u.test(word)) return true;
  return language === "und" ? NORWEGIAN.has(word) || ENGLISH.has(word) : stopwords(language).has(word);
}
