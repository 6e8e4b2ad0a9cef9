import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { stem } from "../text/stem.ts";
import { tokenize } from "../text/tokenize.ts";
import type { Language } from "../text/language.ts";

/**
 * What a learned model looks at in a note. Every feature is binary (present or not):
 * - `w:<stem>`: a word's Snowball stem in the note's language; `w2:<stem> <stem>` (and `w3:`) for
 *   runs of two (three) consecutive words, up to `ngrams` words;
 * - `code:<code>` and `code:<code>:<polarity>`: the codebook's rules found the code (with that
 *   polarity); `rule:<rule id>`: that rule matched (from the rules' evidence, `rules`);
 * - `lang:<language>`: the language the note was coded in (`language`);
 * - `attr:<name>=<value>`: the note's attribute, for the attributes named (the gold's `kind`:
 *   post-it, survey, interview, observation, report).
 */
export const FeatureSettingsSchema: z.ZodType<FeatureSettings, FeatureSettingsInput> = z
  .object({
    /** The longest run of consecutive words taken as one feature (1: single words only). */
    ngrams: z.number().int().min(1).max(3).default(2),
    /** The codebook's rule hits as features. */
    rules: z.boolean().default(true),
    /** The note's language as a feature. */
    language: z.boolean().default(true),
    /** Note attributes whose values are features. */
    attributes: z.array(z.string().min(1)).default(["kind"]),
  })
  .strict();
/** Settings of the features (see {@link FeatureSettingsSchema}). */
export interface FeatureSettings {
  ngrams: number;
  rules: boolean;
  language: boolean;
  attributes: string[];
}
/** Feature settings as given, with defaults left out. */
export interface FeatureSettingsInput {
  ngrams?: number | undefined;
  rules?: boolean | undefined;
  language?: boolean | undefined;
  attributes?: string[] | undefined;
}

/**
 * The features of a note coded by the codebook's rules (the output of `codeNotes` without a model):
 * stems and word n-grams of its text, the rules' hits, its language and the named attributes.
 * Sorted and without repeats, so the same note always gives the same list.
 *
 * @param coded the note as the rules coded it
 * @param settings which features to take
 * @returns the feature names
 * @example
 * ```ts
 * noteFeatures(codeNotes([{ id: "1", text: "Hun tok seg tid" }], codebook, { language: "nb" })[0]!,
 *   { ngrams: 1, rules: true, language: true, attributes: [] });
 * // ["code:time", "code:time:helpful", "lang:nb", "rule:time.took-time", "w:hun", "w:seg", "w:tid", "w:tok"]
 * ```
 */
export function noteFeatures(coded: CodedNote, settings: FeatureSettings): string[] {
  const language: Language = coded.language === "und" ? "nb" : coded.language;
  const out = new Set<string>();
  const stems = tokenize(coded.note.text).map((t) => stem(t.text, language));
  for (let i = 0; i < stems.length; i++) {
    out.add(`w:${stems[i]!}`);
    if (settings.ngrams >= 2 && i + 1 < stems.length) out.add(`w2:${stems[i]!} ${stems[i + 1]!}`);
    if (settings.ngrams >= 3 && i + 2 < stems.length) out.add(`w3:${stems[i]!} ${stems[i + 1]!} ${stems[i + 2]!}`);
  }
  if (settings.rules) {
    for (const application of coded.codes) {
      if (application.learned !== undefined) continue;
      out.add(`code:${application.code}`);
      out.add(`code:${application.code}:${application.polarity}`);
      for (const e of application.evidence) out.add(`rule:${e.rule}`);
    }
  }
  if (settings.language) out.add(`lang:${coded.language}`);
  for (const name of settings.attributes) {
    const value = coded.note.attributes?.[name];
    if (value !== undefined && value !== "") out.add(`attr:${name}=${value}`);
  }
  return [...out].sort(byCodeUnits);
}

/**
 * Compares strings by UTF-16 code units (not locale), for orders that never change between machines.
 *
 * @param a a string
 * @param b another
 * @returns negative, zero or positive
 * @example
 * ```ts
 * ["b", "a", "B"].sort(byCodeUnits); // ["B", "a", "b"]
 * ```
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
