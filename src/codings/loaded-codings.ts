import { z } from "zod";
import { CodingSchema } from "./coding.ts";

/**
 * Human codings as loaded from a file: the codings in long form, plus which notes each coder
 * saw. A coder who saw a note and gave it no code (an empty cell in wide form, a row with an
 * empty code in long form) appears in `seen` but has no coding for that note: for agreement,
 * "saw it and found nothing" differs from "never saw it".
 */
export const LoadedCodingsSchema = z.object({
  /** `long` (`note_id, coder, code` rows) or `wide` (one column per coder). */
  form: z.enum(["long", "wide"]),
  /** The coders, in order of first appearance. */
  coders: z.array(z.string()),
  /** The note ids, in order of first appearance. */
  notes: z.array(z.string()),
  codings: z.array(CodingSchema),
  /** For each coder, the notes the coder saw (coded or explicitly left uncoded). */
  seen: z.array(z.object({ coder: z.string(), notes: z.array(z.string()) })),
});
export type LoadedCodings = z.infer<typeof LoadedCodingsSchema>;
