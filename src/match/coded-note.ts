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

/**
 * A note with the codes that apply. A code appears at most once per polarity: a note that
 * names both what helped and what did not about the same theme has two applications.
 */
export const CodedNoteSchema = z.object({
  note: NoteSchema,
  /** The language the note was coded in, or `und` when it could not be determined. */
  language: z.union([LanguageSchema, z.literal("und")]),
  codes: z.array(CodeApplicationSchema),
});
export type CodedNote = z.infer<typeof CodedNoteSchema>;
