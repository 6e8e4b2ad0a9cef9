import { z } from "zod";
import { NoteOriginSchema } from "../notes/note.ts";

/** Whether a coded mention describes what helped or what stood in the way. */
export const PolaritySchema = z.enum(["helpful", "barrier"]);
export type Polarity = z.infer<typeof PolaritySchema>;

/**
 * One human (or imported) coding decision in long form: coder `coder` applied code `code`
 * to note `note`. Codings of several coders over the same notes are what agreement compares.
 */
export const CodingSchema = z.object({
  note: z.string().min(1),
  coder: z.string().min(1),
  code: z.string().min(1),
  polarity: PolaritySchema.optional(),
  /** Where the coding was read from. */
  origin: NoteOriginSchema.optional(),
});
export type Coding = z.infer<typeof CodingSchema>;
