import { z } from "zod";
import { LanguageSchema } from "../text/language.ts";

/** Where a note came from: the file and the line of its record (1-based). */
export const NoteOriginSchema = z.object({
  file: z.string().optional(),
  line: z.number().int().positive(),
  column: z.number().int().positive().default(1),
});
export type NoteOrigin = z.infer<typeof NoteOriginSchema>;

/** Kinds of source a note can come from; other strings are allowed too. */
export const NOTE_SOURCES = ["seminar-note", "survey", "interview", "focus-group", "observation"] as const;

/**
 * One note: a post-it from a dialogue seminar, a survey answer, an interview turn or an
 * observation note. Only `id` and `text` are required.
 */
export const NoteSchema = z.object({
  id: z.string().min(1, "a note id must not be empty"),
  text: z.string(),
  seminar: z.string().optional(),
  group: z.string().optional(),
  participant: z.string().optional(),
  question: z.string().optional(),
  /** `seminar-note`, `survey`, `interview`, `focus-group`, `observation`, or another word. */
  source: z.string().optional(),
  /** The note's language when known; otherwise detected or taken from the options. */
  language: LanguageSchema.optional(),
  /** The group's own cluster label from the flip-over, when recorded. */
  cluster: z.string().optional(),
  /** Any further columns, kept as strings. */
  attributes: z.record(z.string(), z.string()).optional(),
  /** Where the note was read from, for located messages. */
  origin: NoteOriginSchema.optional(),
});
export type Note = z.infer<typeof NoteSchema>;
/** What callers may pass: plain objects `{ id, text, ... }`. */
export type NoteInput = z.input<typeof NoteSchema>;
