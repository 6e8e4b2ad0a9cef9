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

/** A code applied to a note, with its polarity and the evidence for it. */
export const CodeApplicationSchema = z.object({
  code: z.string(),
  category: z.string(),
  polarity: PolaritySchema,
  evidence: z.array(EvidenceSchema).min(1),
});
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
