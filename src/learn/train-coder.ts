import { z } from "zod";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { codeNotes } from "../match/code-notes.ts";
import { toNote } from "../match/to-note.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import { LanguageOptionSchema } from "../text/language.ts";
import { defaultFoldGroup } from "../validity/folds.ts";
import { assembleModel } from "./assemble-model.ts";
import { crossValidate, type CrossValidateOptions, type HeldOutCodings } from "./cross-validate.ts";
import { FeatureSettingsSchema } from "./features.ts";
import { fitCoder } from "./fit-coder.ts";
import { CombineSchema, type CrossValidation, type LearnedModel, type ModelSettings } from "./model.ts";
import { codeIds, prepareNotes, type PreparedWithRules } from "./prepare-notes.ts";
import { trainingSet } from "./training-set.ts";

/** The default L2 penalty of the regressions (chosen by cross-validation on ../shared/gold; see docs/learn.md). */
export const DEFAULT_L2 = 1;

/** Options of {@link trainCoder}; checked before any work. */
export const TrainCoderOptionsSchema = z
  .object({
    /** The codebook whose codes are learned (its rules' hits are features). */
    codebook: z.custom<Codebook>((v) => typeof v === "object" && v !== null && Array.isArray((v as Codebook).codes), "expected a codebook"),
    /** The coder to learn from, when the codings hold several. */
    coder: z.string().min(1).optional(),
    /** The notes' language for the rules (as `codeNotes`; a note's own language wins). */
    language: LanguageOptionSchema.default("auto"),
    /** A note's group for the folds (default: its seminar, else its source, else itself). */
    groupOf: z.custom<(note: Note, index: number) => string>((v) => typeof v === "function", "expected a function").optional(),
    /** Folds of the inner cross-validation that chooses the thresholds (and of the figures). */
    folds: z.number().int().min(2).max(50).default(5),
    /** L2 penalty of the regressions. */
    l2: z.number().positive().default(DEFAULT_L2),
    /** A feature is kept when it occurs in at least this many training notes. */
    minCount: z.number().int().min(1).default(2),
    features: FeatureSettingsSchema.default({ ngrams: 2, rules: true, language: true, attributes: ["kind"] }),
    /** The default way of combining for `codeNotes` with this model. */
    combine: CombineSchema.default("both"),
    /** How many similar hand-coded notes a learned code's evidence names (0: keep no training notes in the model). */
    similar: z.number().int().min(0).max(20).default(3),
    /** Cross-validate and store the figures in the model (default true); `false` trains only. */
    crossValidate: z.boolean().default(true),
    /** With `crossValidate`, also compute the learning curve (default true). */
    learningCurve: z.boolean().default(true),
    /** Seed of the learning curve's subsets. */
    seed: z.number().int().default(1),
  })
  .strict();
/** Options of {@link trainCoder} (see {@link TrainCoderOptionsSchema}). */
export type TrainCoderOptions = z.input<typeof TrainCoderOptionsSchema>;

/** Fewer hand-coded notes than this cannot train a model. */
export const MIN_TRAINING_NOTES = 10;

/**
 * Trains a coder from hand-coded notes: one L2-regularised logistic regression per code over
 * each note's features (stems and word pairs, the codebook's rule hits, language, the `kind`
 * attribute), with thresholds chosen by cross-validation by group (a seminar or source never
 * trains and tests at once), polarity regressions for the codes it adds, and, unless
 * `crossValidate: false`, cross-validated figures of rules alone, model alone and both, with a
 * learning curve. Deterministic: the same notes and codings (in any order) give the same model.
 *
 * @param notes the notes (at least the hand-coded ones)
 * @param codings one coder's codings of them: from `readCodings` (which knows the notes a coder
 *   saw and left uncoded) or a plain array (then every note given counts as hand-coded)
 * @param options the codebook (required), the coder, folds, features, penalty, combining
 * @returns the model, to save as JSON and pass to `codeNotes(notes, codebook, { model })`
 * @throws KodebokError on bad options, codings of unknown notes or codes, or too few notes
 * @example
 * ```ts
 * const codings = unwrap(await readCodings("codings.csv"));
 * const model = trainCoder(notes, codings, { codebook, coder: "anna" });
 * model.crossValidation?.meanKappa; // { rules, model, both }
 * const coded = codeNotes(more, codebook, { model });
 * ```
 */
export function trainCoder(notes: readonly (NoteInput | Note)[], codings: readonly Coding[] | LoadedCodings, options: TrainCoderOptions): LearnedModel {
  const t = prepareForTraining(notes, codings, options);
  const fitted = fitCoder(t.prepared, { codes: codeIds(t.codebook), l2: t.settings.l2, minCount: t.settings.minCount, folds: t.settings.folds });
  const crossValidation = t.options.crossValidate ? crossValidate(t.prepared, t.crossValidateOptions).figures : null;
  return assembleModel(fitted, {
    codebook: t.codebook,
    training: { hash: t.training.hash, coder: t.training.coder },
    notes: t.prepared.map((p) => ({ id: p.note.id, codes: p.codes })),
    settings: t.settings,
    crossValidation,
  });
}

/** What {@link crossValidateCoder} gives: the figures, and every hand-coded note coded by a model that never saw its fold. */
export interface CoderCrossValidation {
  figures: CrossValidation;
  /** The hand-coded notes (sorted by id), coded by rules alone, model alone and both; each by the model of the folds without it. */
  heldOut: HeldOutCodings;
}

/**
 * Cross-validates training without keeping a model: the figures `trainCoder` stores in a model
 * (`crossValidation`), and the held-out codings behind them, for comparisons of your own
 * (`compareCodings`, figures per seminar or kind of note).
 *
 * @param notes the notes
 * @param codings one coder's codings (as for `trainCoder`)
 * @param options as for `trainCoder`; `folds` is the number of folds
 * @returns the figures and the held-out codings
 * @throws KodebokError as `trainCoder`
 * @example
 * ```ts
 * const { figures, heldOut } = crossValidateCoder(notes, codings, { codebook, folds: 5 });
 * figures.meanKappa; // { rules, model, both }
 * ```
 */
export function crossValidateCoder(notes: readonly (NoteInput | Note)[], codings: readonly Coding[] | LoadedCodings, options: TrainCoderOptions): CoderCrossValidation {
  const t = prepareForTraining(notes, codings, { ...options, crossValidate: true });
  return crossValidate(t.prepared, t.crossValidateOptions);
}

/** Checks the options, joins notes and codings, codes the notes by the rules and computes their features. */
function prepareForTraining(notes: readonly (NoteInput | Note)[], codings: readonly Coding[] | LoadedCodings, options: TrainCoderOptions) {
  const parsed = TrainCoderOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new KodebokError(parsed.error.issues.map((issue) => diagnostic({
      code: "option-invalid", severity: "error", source: "kodebok:learn", field: issue.path.join("."),
      reason: `Cannot train a model: option "${issue.path.join(".")}": ${issue.message}${gotValue(options, issue.path)}`,
    })));
  }
  const o = parsed.data;
  const codebook = o.codebook;
  const training = trainingSet(notes.map((n, i) => toNote(n, i)), codings, codebook, o.coder);
  if (training.notes.length < MIN_TRAINING_NOTES) {
    throw new KodebokError([diagnostic({ code: "learn-too-few-notes", severity: "error", source: "kodebok:learn", reason: `Cannot train a model: only ${training.notes.length} hand-coded notes; at least ${MIN_TRAINING_NOTES} are needed (a few hundred for useful figures)` })]);
  }
  const settings: ModelSettings = { features: o.features, l2: o.l2, minCount: o.minCount, folds: o.folds, combine: o.combine, similar: o.similar };
  const prepared = prepareTraining(training.notes, codebook, settings, o.language, o.groupOf ?? defaultFoldGroup);
  const groups = new Set(prepared.map((p) => p.group)).size;
  if (o.crossValidate && groups < 2) {
    throw new KodebokError([diagnostic({ code: "learn-too-few-notes", severity: "error", source: "kodebok:learn", reason: `Cannot cross-validate a model: the ${prepared.length} hand-coded notes are all of one group (seminar or source), and a group never trains and tests at once`, note: "Code notes from several seminars or sources, or train without cross-validation (crossValidate: false, --no-cv)." })]);
  }
  const crossValidateOptions: CrossValidateOptions = { k: Math.min(o.folds, groups), settings, codebook, learningCurve: o.learningCurve, seed: o.seed };
  return { options: o, codebook, training, settings, prepared, crossValidateOptions };
}

/**
 * Codes hand-coded notes with the codebook's rules (no model) and prepares their features.
 *
 * @param notes the hand-coded notes, sorted by id
 * @param codebook the codebook
 * @param settings the model settings (features)
 * @param language the notes' language option
 * @param groupOf a note's cross-validation group
 * @returns the prepared notes
 * @example
 * ```ts
 * const prepared = prepareTraining(trainingSet(notes, codings, codebook).notes, codebook, settings, "auto", defaultFoldGroup);
 * ```
 */
export function prepareTraining(notes: Parameters<typeof prepareNotes>[0], codebook: Codebook, settings: ModelSettings, language: z.infer<typeof LanguageOptionSchema>, groupOf: (note: Note, index: number) => string): PreparedWithRules[] {
  return prepareNotes(notes, (ns) => codeNotes(ns, codebook, { language, model: false }), settings.features, groupOf);
}

/** ` (got <value>)` for the option at `path`, when it is a plain value. */
function gotValue(options: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = options;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === undefined || typeof value === "object" || typeof value === "function" ? "" : ` (got ${JSON.stringify(value)})`;
}
