import { z } from "zod";

/** Languages kodebok codes: Norwegian Bokmål, Norwegian Nynorsk, English. */
export const LanguageSchema = z.enum(["nb", "nn", "en"]);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * A language given by a caller, where a language is needed (not `auto`): `nb`, `nn`, `en`, or `no`
 * (Norwegian), which means Bokmål.
 */
export const GivenLanguageSchema: z.ZodPipe<z.ZodEnum<{ nb: "nb"; nn: "nn"; en: "en"; no: "no" }>, z.ZodTransform<"nb" | "nn" | "en", "nb" | "nn" | "en" | "no">> = z
  .enum(["nb", "nn", "en", "no"])
  .transform((language) => (language === "no" ? "nb" : language));

/** The values a language option takes: the languages, `auto`, and `no` (Norwegian: read as Bokmål). */
export const LANGUAGE_OPTIONS: readonly ["nb", "nn", "en", "auto", "no"] = ["nb", "nn", "en", "auto", "no"];

/**
 * A language option: a language, or `auto` to detect it per note. `no`, the ISO 639-1 code for
 * Norwegian, means Bokmål, as it does in most software (`no` becomes `nb`).
 */
export const LanguageOptionSchema: z.ZodPipe<z.ZodEnum<{ nb: "nb"; nn: "nn"; en: "en"; auto: "auto"; no: "no" }>, z.ZodTransform<"nb" | "nn" | "en" | "auto", "nb" | "nn" | "en" | "auto" | "no">> = z
  .enum(LANGUAGE_OPTIONS)
  .transform((language) => (language === "no" ? "nb" : language));
/** A language option as read: `nb`, `nn`, `en` or `auto`. */
export type LanguageOption = z.output<typeof LanguageOptionSchema>;
/** A language option as given: also `no` (Bokmål). */
export type LanguageOptionInput = z.input<typeof LanguageOptionSchema>;

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
