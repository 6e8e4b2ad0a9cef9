import { z } from "zod";
import { CodeMatrixSchema, MatrixCellSchema } from "./code-matrix.ts";

/** A quote chosen to illustrate a code, attributed but never identifying. */
export const QuoteSchema = z.object({
  note: z.string(),
  /** The quoted text: whole words, shortened with "…" when long, redacted unless turned off. */
  text: z.string(),
  code: z.string(),
  /** A theme × actor cell's quote: the actor (the code of the further dimension). */
  value: z.string().optional(),
  polarity: z.enum(["helpful", "barrier"]),
  seminar: z.string().optional(),
  group: z.string().optional(),
  participant: z.string().optional(),
  question: z.string().optional(),
  /** "Seminar Byen, gruppe 2, deltaker P4". */
  attribution: z.string(),
  /** The learned model's probability, when the model (not the rules) coded the note with the code. */
  probability: z.number().optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** Counts for one code or category. */
export const TallySchema = z.object({
  notes: z.number().int(),
  participants: z.number().int(),
  groups: z.number().int(),
  seminars: z.number().int(),
  /** Share of all the notes rolled up (coded or not) that have it: `notes / totals.notes`, 0..1. */
  share: z.number(),
  /** Notes with a helpful mention, and notes with a barrier mention (a note can have both). */
  helpful: z.number().int(),
  barrier: z.number().int(),
  /** Notes a learned model gave the code (or category) without a rule match; only when a model coded. */
  learned: z.number().int().optional(),
});
export type Tally = z.infer<typeof TallySchema>;

export const CodeSummarySchema = TallySchema.extend({
  id: z.string(),
  label: z.string(),
  category: z.string(),
  quotes: z.array(QuoteSchema),
});
export type CodeSummary = z.infer<typeof CodeSummarySchema>;

export const CategorySummarySchema = TallySchema.extend({
  id: z.string(),
  label: z.string(),
  codes: z.array(CodeSummarySchema),
});
export type CategorySummary = z.infer<typeof CategorySummarySchema>;

/** An uncoded note as listed in the summary. */
export const UncodedNoteSchema = z.object({
  note: z.string(),
  text: z.string(),
  seminar: z.string().optional(),
  group: z.string().optional(),
  participant: z.string().optional(),
});

/** Counts and quotes for one code of a further dimension (an actor). */
export const DimensionCodeSummarySchema = TallySchema.extend({
  id: z.string(),
  label: z.string(),
  /** Quotes of notes with a theme tied to this code (`code` is this code's id). */
  quotes: z.array(QuoteSchema),
});
export type DimensionCodeSummary = z.infer<typeof DimensionCodeSummarySchema>;

/** One cell of the theme × dimension table: as a matrix cell, with its quotes. */
export const CrossCellSchema = MatrixCellSchema.extend({ quotes: z.array(QuoteSchema) });
export type CrossCell = z.infer<typeof CrossCellSchema>;

/** A theme × dimension (or × attribute) table: `codeMatrix` with quotes per cell and the labels of its codes. */
export const CrossTableSchema = CodeMatrixSchema.extend({
  cells: z.array(CrossCellSchema),
  /** Labels of the theme and dimension codes, by id, in the roll-up's language. */
  labels: z.record(z.string(), z.string()),
});
export type CrossTable = z.infer<typeof CrossTableSchema>;

/**
 * The roll-up of a further dimension: per code (actor), the notes that name it (or have it as
 * their default; `share` of all notes), the notes in which a theme tied to it is helpful or a
 * barrier, participants, groups, seminars and quotes; and the theme × code table.
 */
export const DimensionSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Notes that name at least one of its codes (or have one as their default). */
  notes: z.number().int(),
  codes: z.array(DimensionCodeSummarySchema),
  table: CrossTableSchema,
});
export type DimensionSummary = z.infer<typeof DimensionSummarySchema>;

/** The roll-up: per category and code, counts and quotes, plus the notes no code matched. */
export const SummarySchema = z.object({
  codebook: z.object({
    id: z.string(),
    title: z.string(),
    version: z.string().optional(),
    /** SHA-256 of the codebook's canonical JSON, for provenance. */
    hash: z.string(),
  }),
  /** The language labels are given in. */
  language: z.enum(["nb", "nn", "en"]),
  totals: z.object({
    notes: z.number().int(),
    coded: z.number().int(),
    uncoded: z.number().int(),
    participants: z.number().int(),
    groups: z.number().int(),
    seminars: z.number().int(),
  }),
  categories: z.array(CategorySummarySchema),
  uncoded: z.array(UncodedNoteSchema),
  /** With a codebook that has further dimensions (actors): each one rolled up, crossed with the themes. */
  dimensions: z.array(DimensionSummarySchema).optional(),
  /** SHA-256 over the notes' ids and texts, for provenance. */
  inputHash: z.string(),
  /** The learned model that coded beside the rules, for provenance: its training set's hash and size. */
  model: z.object({ trainingHash: z.string(), notes: z.number().int(), coder: z.string().optional(), kodebok: z.string() }).optional(),
});
export type Summary = z.infer<typeof SummarySchema>;
