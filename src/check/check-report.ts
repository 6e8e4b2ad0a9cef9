import { z } from "zod";
import { DiagnosticSchema } from "../diagnostics/diagnostic.ts";
import { NotesFormatSchema } from "../notes/formats.ts";
import { LanguageOptionSchema } from "../text/language.ts";

/**
 * Options of `checkDataset` (and of `kodebok check`). The agreement defaults are the customary
 * Krippendorff thresholds: fail under alpha 0.667, warn under 0.800.
 */
export const CheckOptionsSchema = z
  .object({
    /** Fail when Krippendorff's alpha (per code and overall) is below this. */
    minAlpha: z.number().min(-1).max(1).default(0.667),
    /** Warn when Krippendorff's alpha is below this (but not below `minAlpha`). */
    warnAlpha: z.number().min(-1).max(1).default(0.8),
    /** Fail when Cohen's kappa (per code and overall) is below this; no kappa threshold when left out. */
    minKappa: z.number().min(-1).max(1).optional(),
    /** Also compare each human coder with kodebok's own coding under the same codebook. */
    againstAuto: z.boolean().default(false),
    /** Fail when a coder left more than this share of the notes without any code (0..1). */
    maxUncoded: z.number().min(0).max(1).default(0.2),
    /** The notes' language for kodebok's own coding and language detection. */
    language: LanguageOptionSchema.default("auto"),
    /** Warn about e-mail addresses, phone numbers and national identity numbers in note texts. */
    personalData: z.boolean().default(true),
    /** CSV delimiter of notes files (detected when left out). */
    delimiter: z.string().min(1).optional(),
    /** The column that holds the note text, when it is not called text/tekst. */
    textColumn: z.string().min(1).optional(),
    /** The format of the notes files, when their names do not tell it (standard input). */
    format: NotesFormatSchema.optional(),
  })
  .strict();
export type CheckOptions = z.input<typeof CheckOptionsSchema>;
export type ResolvedCheckOptions = z.infer<typeof CheckOptionsSchema>;

/** Whether a figure passed its thresholds. `undefined`: the figure could not be computed. */
export const CheckStatusSchema = z.enum(["pass", "warn", "fail", "undefined"]);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

/** One line of the agreement table: a comparison of coders on one code, one category, or overall. */
export const AgreementRowSchema = z.object({
  /** The coders compared; `kodebok` is kodebok's own coding (with `--against-auto`). */
  coders: z.array(z.string()).min(2),
  /** True when one side is kodebok's own coding. */
  auto: z.boolean(),
  level: z.enum(["code", "category", "overall"]),
  /** The code or category id, or `overall`. */
  id: z.string(),
  /** Notes compared (seen by every coder of the comparison). */
  units: z.number().int().min(0),
  /** Krippendorff's alpha (nominal), or null when undefined for these data. */
  alpha: z.number().nullable(),
  /** Cohen's kappa (two coders) or Fleiss' kappa (more), or null when undefined. */
  kappa: z.number().nullable(),
  /** Share of notes on which the coders agree, 0..1, or null without units. */
  percent: z.number().nullable(),
  status: CheckStatusSchema,
  /** With a codebook that has further dimensions: the dimension of the code (`themes`, `actors`). */
  dimension: z.string().optional(),
});
export type AgreementRow = z.infer<typeof AgreementRowSchema>;

/** The share of notes a coder left without any code. */
export const UncodedRowSchema = z.object({
  coder: z.string(),
  auto: z.boolean(),
  notes: z.number().int().min(0),
  uncoded: z.number().int().min(0),
  share: z.number().min(0).max(1),
  status: CheckStatusSchema,
});
export type UncodedRow = z.infer<typeof UncodedRowSchema>;

/** One input file of the dataset and what was read from it. */
export const CheckedFileSchema = z.object({
  file: z.string(),
  /** `notes` (a notes file, possibly with `codes:<coder>` columns) or `codings` (long form). */
  kind: z.enum(["notes", "codings"]),
  /** False when the file could not be read as its kind (its errors are among the findings). */
  ok: z.boolean(),
  notes: z.number().int().min(0),
  codings: z.number().int().min(0),
  coders: z.array(z.string()),
});
export type CheckedFile = z.infer<typeof CheckedFileSchema>;

/**
 * The result of `checkDataset`, and the JSON that `kodebok check --reporter json` prints. The
 * `schema` field names this version; fields are only ever added within a version.
 */
export const CheckReportSchema = z.object({
  schema: z.literal("kodebok-check/1"),
  /** True when no finding is an error. */
  ok: z.boolean(),
  codebook: z.object({ id: z.string(), title: z.string(), version: z.string().optional(), hash: z.string() }),
  thresholds: z.object({
    minAlpha: z.number(),
    warnAlpha: z.number(),
    minKappa: z.number().nullable(),
    maxUncoded: z.number(),
    againstAuto: z.boolean(),
  }),
  files: z.array(CheckedFileSchema),
  totals: z.object({
    files: z.number().int(),
    notes: z.number().int(),
    codings: z.number().int(),
    coders: z.array(z.string()),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
  }),
  agreement: z.array(AgreementRowSchema),
  uncoded: z.array(UncodedRowSchema),
  /** Every finding, located (`file`, `start.line`, `start.column`) where it has a place. */
  findings: z.array(DiagnosticSchema),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;
