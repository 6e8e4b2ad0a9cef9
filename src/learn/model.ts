import { z } from "zod";
import { FeatureSettingsSchema } from "./features.ts";

/** The `format` field of every kodebok model file. */
export const MODEL_FORMAT = "kodebok-model";
/** The version of the model file's layout; a file of another version is refused. */
export const MODEL_FORMAT_VERSION = 1;

/**
 * How the codebook's rules and a learned model decide together whether a code applies:
 * - `both` (default): a rule hit codes; the model adds the code to a note the rules missed when
 *   its probability is at least the code's `add` threshold;
 * - `model`: the model alone decides (probability at least the code's `model` threshold); the
 *   rules still feed it their hits as features;
 * - `rules`: the rules alone, as without a model.
 * The thresholds are chosen per code on the training notes by cross-validation.
 */
export const CombineSchema: z.ZodEnum<{ both: "both"; model: "model"; rules: "rules" }> = z.enum(["both", "model", "rules"]);
/** How rules and model combine (see {@link CombineSchema}). */
export type Combine = z.infer<typeof CombineSchema>;

const probability = z.number().min(0).max(1);
const count = z.number().int().min(0);
const hash = z.string().regex(/^[0-9a-f]{64}$/u, "a SHA-256 hash is 64 lower-case hex digits");

/** Agreement of one way of coding with the hand coding on held-out notes (null: undefined). */
export const FoldFiguresSchema: z.ZodType<FoldFigures> = z
  .object({
    kappa: z.number().nullable(),
    precision: z.number().nullable(),
    recall: z.number().nullable(),
    truePositives: count,
    falsePositives: count,
    falseNegatives: count,
  })
  .strict();
/** Agreement figures of one code (see {@link FoldFiguresSchema}). */
export interface FoldFigures {
  kappa: number | null;
  precision: number | null;
  recall: number | null;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Cross-validated figures: per code and way of combining, the mean, polarity and a learning curve. */
export const CrossValidationSchema: z.ZodType<CrossValidation> = z
  .object({
    /** Folds; a group (seminar, source, survey block) is never in two folds. */
    k: z.number().int().min(2),
    notes: count,
    groups: count,
    codes: z.array(
      z.object({ code: z.string(), notes: count, rules: FoldFiguresSchema, model: FoldFiguresSchema, both: FoldFiguresSchema }).strict(),
    ),
    /** Mean per-code kappa of each way of combining (codes with an undefined kappa left out). */
    meanKappa: z.object({ rules: z.number().nullable(), model: z.number().nullable(), both: z.number().nullable() }).strict(),
    /**
     * Polarity of `both`: of the (note, code) pairs both the hand coding (with a polarity) and
     * `both` found, how many have the same polarity (helpful, barrier, or both); `learned`: the
     * same for the pairs the model added (their polarity is the model's; the others', the rules').
     */
    polarity: z.object({ pairs: count, same: count, agreement: z.number().nullable(), learned: z.object({ pairs: count, same: count, agreement: z.number().nullable() }).strict() }).strict(),
    /** Mean per-code kappa of `both` and `model` when trained on this many hand-coded notes. */
    learningCurve: z.array(z.object({ notes: count, model: z.number().nullable(), both: z.number().nullable() }).strict()),
  })
  .strict();
/** Cross-validated figures (see {@link CrossValidationSchema}). */
export interface CrossValidation {
  k: number;
  notes: number;
  groups: number;
  codes: { code: string; notes: number; rules: FoldFigures; model: FoldFigures; both: FoldFigures }[];
  meanKappa: { rules: number | null; model: number | null; both: number | null };
  polarity: PolarityAgreement & { learned: PolarityAgreement };
  learningCurve: { notes: number; model: number | null; both: number | null }[];
}

/** Polarity agreement on (note, code) pairs: how many pairs, how many with the same polarity, the share. */
export interface PolarityAgreement {
  pairs: number;
  same: number;
  agreement: number | null;
}

/** A fitted logistic regression: a bias and one weight per feature of the model's vocabulary. */
export const RegressionSchema: z.ZodType<Regression> = z.object({ bias: z.number(), weights: z.array(z.number()) }).strict();
/** A fitted logistic regression (see {@link RegressionSchema}). */
export interface Regression {
  bias: number;
  weights: number[];
}

/** Settings a model was trained with (recorded so a model can be retrained the same way). */
export const ModelSettingsSchema: z.ZodType<ModelSettings> = z
  .object({
    features: FeatureSettingsSchema,
    /** L2 penalty of every regression. */
    l2: z.number().positive(),
    /** A feature is kept when it occurs in at least this many training notes. */
    minCount: z.number().int().min(1),
    /** Folds of the cross-validation that chose the thresholds. */
    folds: z.number().int().min(2),
    /** The default way of combining rules and model for `codeNotes`. */
    combine: CombineSchema,
    /** How many similar hand-coded notes a learned code's evidence names. */
    similar: z.number().int().min(0),
  })
  .strict();
/** Settings of a model (see {@link ModelSettingsSchema}). */
export interface ModelSettings {
  features: z.infer<typeof FeatureSettingsSchema>;
  l2: number;
  minCount: number;
  folds: number;
  combine: Combine;
  similar: number;
}

/** One code's classifier and thresholds. */
export const CodeModelSchema: z.ZodType<CodeModel> = z
  .object({
    code: z.string().min(1),
    /** Training notes with the code. */
    notes: count,
    regression: RegressionSchema,
    /** Per way of combining, the least probability that codes (chosen by cross-validation). */
    thresholds: z.object({ model: probability, add: probability }).strict(),
  })
  .strict();
/** One code's classifier and thresholds (see {@link CodeModelSchema}). */
export interface CodeModel {
  code: string;
  notes: number;
  regression: Regression;
  thresholds: { model: number; add: number };
}

/**
 * A trained model (`kodebok learn`), as stored in its JSON file: for which codebook (its id,
 * version and hash: a model is refused for any other codebook), from which training notes (their
 * hash), by which kodebok, with which settings, the vocabulary of features, one regression per
 * code with its thresholds, the polarity regressions, the training notes' features (for the
 * "most similar hand-coded notes" of the evidence; ids, never texts) and cross-validated figures.
 */
export const LearnedModelSchema: z.ZodType<LearnedModel> = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_FORMAT_VERSION),
    /** The kodebok version that trained it. */
    kodebok: z.string(),
    codebook: z.object({ id: z.string(), version: z.string().optional(), hash, codes: z.array(z.string()) }).strict(),
    training: z
      .object({
        /** SHA-256 over the training notes and their codings (sorted by note id). */
        hash,
        notes: count,
        /** The coder whose codings were learned. */
        coder: z.string().optional(),
        /** Training (note, code) pairs with a polarity. */
        polarityPairs: count,
      })
      .strict(),
    settings: ModelSettingsSchema,
    /** Feature names (see `FeatureSettingsSchema`), sorted; weights and examples index into it. */
    features: z.array(z.string()),
    codes: z.array(CodeModelSchema),
    /** P(the mention is helpful) and P(it is a barrier), for codes the model adds; null without polarity in the training codings. */
    polarity: z.object({ helpful: RegressionSchema, barrier: RegressionSchema }).strict().nullable(),
    /** The training notes: id, codes, and the indices of their features. */
    examples: z.array(z.object({ note: z.string(), codes: z.array(z.string()), features: z.array(z.number().int().min(0)) }).strict()),
    crossValidation: CrossValidationSchema.nullable(),
  })
  .strict()
  .superRefine((model, ctx) => {
    const size = model.features.length;
    const regressions: [Regression, (string | number)[]][] = model.codes.map((c, i) => [c.regression, ["codes", i, "regression", "weights"]]);
    if (model.polarity) {
      regressions.push([model.polarity.helpful, ["polarity", "helpful", "weights"]], [model.polarity.barrier, ["polarity", "barrier", "weights"]]);
    }
    for (const [regression, path] of regressions) {
      if (regression.weights.length !== size) {
        ctx.addIssue({ code: "custom", path, message: `has ${regression.weights.length} weights, but the model has ${size} features` });
      }
    }
    model.examples.forEach((example, i) => {
      const j = example.features.findIndex((f) => f >= size);
      if (j >= 0) ctx.addIssue({ code: "custom", path: ["examples", i, "features", j], message: `feature ${example.features[j]} does not exist (the model has ${size} features)` });
    });
    const seen = new Set<string>();
    model.codes.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: "custom", path: ["codes", i, "code"], message: `code "${c.code}" has two classifiers` });
      seen.add(c.code);
    });
  });
/** A trained model (see {@link LearnedModelSchema}). */
export interface LearnedModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  kodebok: string;
  codebook: { id: string; version?: string | undefined; hash: string; codes: string[] };
  training: { hash: string; notes: number; coder?: string | undefined; polarityPairs: number };
  settings: ModelSettings;
  features: string[];
  codes: CodeModel[];
  polarity: { helpful: Regression; barrier: Regression } | null;
  examples: { note: string; codes: string[]; features: number[] }[];
  crossValidation: CrossValidation | null;
}
