import { z } from "zod";

/** Languages kodebok codes: Norwegian Bokmål, Norwegian Nynorsk, English. */
export const LanguageSchema = z.enum(["nb", "nn", "en"]);
export type Language = z.infer<typeof LanguageSchema>;

/** A language option: a language, or `auto` to detect it per note. */
export const LanguageOptionSchema = z.enum(["nb", "nn", "en", "auto"]);
export type LanguageOption = z.infer<typeof LanguageOptionSchema>;

/** The languages in a fixed order, for output that must be stable. */
export const LANGUAGES: readonly Language[] = ["nb", "nn", "en"];
