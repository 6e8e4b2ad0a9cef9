import { z } from "zod";
import { BootstrapOptionsSchema } from "../agreement/bootstrap.ts";
import { checkOptions } from "../diagnostics/options.ts";
import type { Note } from "../notes/note.ts";
import { LanguageOptionSchema } from "../text/language.ts";
import { KeynessCorrectionSchema, KeynessMeasureSchema } from "./keyness.ts";

/**
 * Options of {@link refineCodebook}. Every number has a floor that keeps the method honest: a
 * candidate term is never proposed from a single note (`minNotes` ≥ 2).
 */
export const RefineOptionsSchema = z
  .object({
    /** The human coder whose coding is the reference; needed when the codings hold several. */
    coder: z.string().min(1).optional(),
    /** The codes to refine (default: every code of the codebook). */
    codes: z.array(z.string().min(1)).min(1).optional(),
    /** The notes' language for coding (`auto` detects it per note; a note's own language wins). */
    language: LanguageOptionSchema.default("auto"),
    /** Keyness statistic: `lr` (log-likelihood G², default) or `chi2`. */
    measure: KeynessMeasureSchema.default("lr"),
    /** Correction of the keyness statistic (default `williams`; see {@link keyness}). */
    correction: KeynessCorrectionSchema.default("williams"),
    /** Least number of notes a candidate term or exclusion must be found in (never fewer than 2). */
    minNotes: z.number().int().min(2).max(1000).default(2),
    /**
     * Least number of fold groups (seminars, sources) the notes a change puts right must come from
     * (default 2: a word of one seminar only is listed, flagged as a possible one-off, not proposed).
     */
    minGroups: z.number().int().min(1).max(1000).default(2),
    /** Least share of the notes an added term newly codes that the coder coded too (default 0.5). */
    minPrecision: z.number().min(0).max(1).default(0.5),
    /** Least gain in the code's kappa for a change to be taken (default 0.005). */
    minGain: z.number().min(0).max(1).default(0.005),
    /** Most changes proposed per code (default 8). */
    maxChanges: z.number().int().min(0).max(100).default(8),
    /** How many candidates of each kind are tried per code and step, best keyness first (default 25). */
    candidates: z.number().int().min(1).max(1000).default(25),
    /** How many context words are tried as exclusions per rule and step, best keyness first (default 10). */
    exclusions: z.number().int().min(0).max(1000).default(10),
    /** Words on either side a proposed `notNear` looks (default 5; a rule's own `notNear.within` wins). */
    within: z.number().int().min(1).max(100).default(5),
    /** Least length of a candidate word; stems and compound ends need one more letter (default 3). */
    minLength: z.number().int().min(1).max(50).default(3),
    /** Example notes shown per list in the report (default 3; every note id is in the JSON). */
    examples: z.number().int().min(0).max(1000).default(3),
    /** Cross-validation: `false` to skip it, or the number of folds (default 5) and how notes are grouped. */
    crossValidate: z
      .union([
        z.literal(false),
        z
          .object({
            k: z.number().int().min(2).max(100).default(5),
            /** The fold group of a note (default: its seminar, else its source, else the note). */
            groupOf: z.custom<(note: Note, index: number) => string>((v) => typeof v === "function", "groupOf must be a function").optional(),
            /** What the grouping is, in words, for the report (default "seminar, else source"). */
            groupedBy: z.string().optional(),
          })
          .strict(),
      ])
      .default({ k: 5 }),
    /** Bootstrap interval of each kappa (over notes; seeded, so repeatable). */
    interval: BootstrapOptionsSchema.default({ samples: 1000, seed: 1, level: 0.95, minimum: [0.667, 0.8] }),
    /** What the patch's `extends:` names: the codebook's file or bundled name (default: the codebook's id). */
    extends: z.string().min(1).optional(),
  })
  .strict();
export type RefineOptions = z.output<typeof RefineOptionsSchema>;
export type RefineOptionsInput = z.input<typeof RefineOptionsSchema>;

/**
 * Parses the options of {@link refineCodebook}; throws a `KodebokError` naming the bad option.
 *
 * @param options what the caller passed
 * @returns the options with defaults
 * @example
 * ```ts
 * parseRefineOptions({ minNotes: 3 }).measure; // "lr"
 * ```
 */
export function parseRefineOptions(options: RefineOptionsInput | undefined): RefineOptions {
  return checkOptions(RefineOptionsSchema, options, "refine the codebook", "kodebok:refine");
}
