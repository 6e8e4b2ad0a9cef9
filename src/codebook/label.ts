import type { LocalizedText } from "./codebook.ts";
import type { Language } from "../text/language.ts";

/**
 * Picks the text for a language from a localized value: the language itself, then Bokmål for
 * Nynorsk (and the reverse), then English, then whatever is there.
 *
 * @example
 * ```ts
 * localize({ nb: "Tid", en: "Time" }, "nn"); // "Tid"
 * localize("Relasjon", "en"); // "Relasjon"
 * ```
 */
export function localize(text: LocalizedText | undefined, language: Language): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  const order: Language[] = language === "en" ? ["en", "nb", "nn"] : language === "nn" ? ["nn", "nb", "en"] : ["nb", "nn", "en"];
  for (const l of order) {
    const value = text[l];
    if (value !== undefined) return value;
  }
  return "";
}
