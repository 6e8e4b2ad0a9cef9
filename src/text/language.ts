import { z } from "zod";

/** Languages kodebok codes: Norwegian Bokmål, Norwegian Nynorsk, English. */
export const LanguageSchema = z.enum(["nb", "nn", "en"]);
export type Language = z.infer<typeof LanguageSchema>;

/** A language option: a language, or `auto` to detect it per note. */
export const LanguageOptionSchema = z.enum(["nb", "nn", "en", "auto"]);
export type LanguageOption = z.infer<typeof LanguageOptionSchema>;

/** The languages in a fixed order, for output that must be stable. */
export const LANGUAGES: readonly Language[] = ["nb", "nn", "en"];

/**
 * The language a note is coded in under a codebook written in `languages`: the note's own when the
 * codebook has it; Bokmål and Nynorsk fall back on each other (dialect and typos make a Bokmål note
 * look like Nynorsk, and the other way round); otherwise, or when undetermined, `und`, which applies
 * the rules of all of the codebook's languages.
 *
 * @param language the note's given or detected language
 * @param languages the codebook's languages
 * @returns the language to code in
 * @example
 * ```ts
 * codingLanguage("nn", ["nb", "en"]); // "nb"
 * codingLanguage("en", ["nb"]); // "und"
 * ```
 */
export function codingLanguage(language: Language | "und", languages: readonly Language[]): Language | "und" {
  if (language === "und" || languages.includes(language)) return language;
  if (language === "nn" && languages.includes("nb")) return "nb";
  if (language === "nb" && languages.includes("nn")) return "nn";
  return "und";
}
