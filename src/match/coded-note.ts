import { z } from "zod";
import { NoteSchema } from "../notes/note.ts";
import { PolaritySchema } from "../codings/coding.ts";
import { LanguageSchema } from "../text/language.ts";

/** One piece of evidence: which rule matched which text, with offsets into the note's text. */
export const EvidenceSchema = z.object({
  /** The id of the rule that matched (`time.2`, or the rule's own id). */
  rule: z.string(),
  /** The term of the rule that matched, as written in the codebook. */
  term: z.string(),
  /** Offset of the first UTF-16 code unit, from 0: `note.text.slice(start, end) === text`. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  polarity: PolaritySchema,
  /** The cue that decided a barrier polarity (`ikke`, `mangel på`), when one did. */
  cue: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A feature of a note that weighed for a learned code: its name and its weight in the code's classifier. */
export const FeatureWeightSchema = z.object({ feature: z.string(), weight: z.number() });
export type FeatureWeight = z.infer<typeof FeatureWeightSchema>;

/**
 * Why a learned model coded a note (`codeNotes(..., { model })`): the probability its classifier
 * gave the code, the threshold it had to reach, the note's features that weighed most for the code,
 * and the most similar hand-coded notes with the code (ids of training notes).
 */
export const LearnedEvidenceSchema = z.object({
  probability: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  /** The note's features with the largest positive weights for the code, largest first. */
  features: z.array(FeatureWeightSchema),
  /** Training notes with the code whose features are most like this note's (cosine), most similar first. */
  similar: z.array(z.object({ note: z.string(), similarity: z.number() })),
});
export type LearnedEvidence = z.infer<typeof LearnedEvidenceSchema>;

/**
 * A code applied to a note, with its polarity and the evidence for it: the rules' matches, or,
 * for a code a learned model decided (`learned`), the model's reasons (and any rule matches of
 * the code with that polarity).
 */
export const CodeApplicationSchema = z
  .object({
    code: z.string(),
    category: z.string(),
    polarity: PolaritySchema,
    evidence: z.array(EvidenceSchema),
    /** Present when a learned model, not the rules, decided that the code applies. */
    learned: LearnedEvidenceSchema.optional(),
  })
  .refine((a) => a.evidence.length > 0 || a.learned !== undefined, { message: "a code applied by the rules needs evidence", path: ["evidence"] });
export type CodeApplication = z.infer<typeof CodeApplicationSchema>;

/** Evidence of a further dimension's code: as {@link EvidenceSchema}, with a polarity only where the dimension has one. */
export const DimensionEvidenceSchema = EvidenceSchema.extend({ polarity: PolaritySchema.optional() });
export type DimensionEvidence = z.infer<typeof DimensionEvidenceSchema>;

/**
 * A code of a further dimension (an actor) applied to a note: the code and the evidence, with a
 * polarity only when the dimension has one (see `DimensionSchema.polarity`).
 */
export const DimensionApplicationSchema = z.object({
  code: z.string(),
  polarity: PolaritySchema.optional(),
  evidence: z.array(DimensionEvidenceSchema).min(1),
});
export type DimensionApplication = z.infer<typeof DimensionApplicationSchema>;

/**
 * How a theme mention was tied to a code of a further dimension: `sentence` (the nearest mention
 * of the dimension in the same sentence), `note` (the sentence names none, and the whole note
 * names exactly one code of the dimension), `previous` (the sentence names none, the note several:
 * the last one named in an earlier sentence), or `default` (the note names none; the code comes
 * from a note attribute such as `service`).
 */
export const AttributionBasisSchema = z.enum(["sentence", "note", "previous", "default"]);
export type AttributionBasis = z.infer<typeof AttributionBasisSchema>;

/**
 * One theme mention tied to a code of a further dimension: "legen tok seg tid" gives
 * `{ code: "time", polarity: "helpful", dimension: "actors", value: "gp", basis: "sentence" }`,
 * with the theme's evidence first and the actor's second (a `default` has only the theme's).
 */
export const AttributionSchema = z.object({
  /** The primary dimension's code (the theme). */
  code: z.string(),
  polarity: PolaritySchema,
  /** The further dimension, e.g. `actors`. */
  dimension: z.string(),
  /** Its code the mention is tied to, e.g. `gp`. */
  value: z.string(),
  basis: AttributionBasisSchema,
  /** The theme's evidence, then (unless `default`) the evidence of the dimension's code. */
  evidence: z.array(DimensionEvidenceSchema).min(1),
  /** `default` only: the note attribute the code was read from. */
  attribute: z.string().optional(),
});
export type Attribution = z.infer<typeof AttributionSchema>;

/**
 * A note with the codes that apply. A code appears at most once per polarity: a note that
 * names both what helped and what did not about the same theme has two applications. `codes`
 * holds only the primary dimension (the themes), so `codes.length > 0` still means "has a
 * theme"; the codes of further dimensions (actors) and the themes' attributions to them are kept
 * apart, and are absent for a codebook without dimensions.
 */
export const CodedNoteSchema = z.object({
  note: NoteSchema,
  /** The language the note was coded in, or `und` when it could not be determined. */
  language: z.union([LanguageSchema, z.literal("und")]),
  /** The primary dimension's codes (the themes) only. */
  codes: z.array(CodeApplicationSchema),
  /** With a codebook that has further dimensions: their codes, by dimension id (`{ actors: [...] }`). */
  dimensions: z.record(z.string(), z.array(DimensionApplicationSchema)).optional(),
  /** With further dimensions: each theme mention tied to a code of each dimension, where one can be found. */
  attributions: z.array(AttributionSchema).optional(),
});
export type CodedNote = z.infer<typeof CodedNoteSchema>;
