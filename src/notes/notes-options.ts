// The options of the notes readers, as one schema: readNotes, loadNotes, parseNotes, the parsers of
// each format (which take the part of it that concerns them) and streamNotes.
import { z } from "zod";
import { NotesFormatSchema } from "./notes-format.ts";

type NoteFieldEnum = z.ZodEnum<{ id: "id"; text: "text"; seminar: "seminar"; group: "group"; participant: "participant"; question: "question"; source: "source"; language: "language"; cluster: "cluster" }>;

/** The shape of {@link NotesOptionsSchema}, written out for the published types. */
type NotesOptionsShape = {
  format: z.ZodOptional<typeof NotesFormatSchema>;
  file: z.ZodOptional<z.ZodString>;
  delimiter: z.ZodOptional<z.ZodString>;
  columns: z.ZodOptional<z.ZodRecord<NoteFieldEnum & z.core.$partial, z.ZodString>>;
  textColumns: z.ZodOptional<z.ZodArray<z.ZodString>>;
  source: z.ZodOptional<z.ZodString>;
  idPrefix: z.ZodOptional<z.ZodString>;
  interviewers: z.ZodOptional<z.ZodArray<z.ZodString>>;
  includeInterviewer: z.ZodOptional<z.ZodBoolean>;
  sheet: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
  headerRow: z.ZodOptional<z.ZodNumber>;
};
type Strict<K extends keyof NotesOptionsShape> = z.ZodObject<Pick<NotesOptionsShape, K>, z.core.$strict>;

/** A note field a column can be mapped to (see `COLUMN_ALIASES`). */
export const NoteFieldSchema: NoteFieldEnum = z.enum([
  "id",
  "text",
  "seminar",
  "group",
  "participant",
  "question",
  "source",
  "language",
  "cluster",
]);

/** A CSV delimiter: one character. */
const DelimiterSchema: z.ZodString = z.string().refine((d) => [...d].length === 1, 'expected one character, such as ";" or "\\t"');

/**
 * The options of `readNotes`, `loadNotes` and `parseNotes`, checked before any work; an option they
 * do not have is refused. The parsers of each format take the options that concern them.
 */
export const NotesOptionsSchema: z.ZodObject<NotesOptionsShape, z.core.$strict> = z
  .object({
    /** The format; from the file name, then from the content, when left out. */
    format: NotesFormatSchema.optional(),
    /** The file name, for messages, generated ids and the format. */
    file: z.string().optional(),
    /** CSV: the delimiter; detected from the header line when left out (`,`, `;` or tab). */
    delimiter: DelimiterSchema.optional(),
    /** CSV and Excel: explicit mapping of note fields to header names; wins over the built-in aliases. */
    columns: z.partialRecord(NoteFieldSchema, z.string().min(1)).optional(),
    /** CSV and Excel: several free-text columns (one column per question): one note per row and column, the header as question. */
    textColumns: z.array(z.string().min(1)).min(1).optional(),
    /** The `source` of every note without a source column (`survey`, `seminar-note`, ...). */
    source: z.string().min(1).optional(),
    /** Prefix of generated ids (default: the file's base name). */
    idPrefix: z.string().min(1).optional(),
    /** Transcripts: speakers whose turns are questions, not data (default: I, Int, Intervjuer, Interviewer, Moderator, ...). */
    interviewers: z.array(z.string().min(1)).optional(),
    /** Transcripts: keep the interviewers' turns as notes too (default false). */
    includeInterviewer: z.boolean().optional(),
    /** Excel: the sheet to read, by name or number from 1 (default: the first). */
    sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
    /** Excel: the header row, from 1 (default: found; see `parseNotesXlsx`). */
    headerRow: z.number().int().min(1).optional(),
  })
  .strict();

/** The options of the CSV parser (`parseNotesCsv`). */
export const CsvNotesOptionsSchema: Strict<"file" | "delimiter" | "columns" | "textColumns" | "source" | "idPrefix"> = NotesOptionsSchema.pick({ file: true, delimiter: true, columns: true, textColumns: true, source: true, idPrefix: true });
/** The options of the Excel reader (`parseNotesXlsx`). */
export const SpreadsheetNotesOptionsSchema: Strict<"file" | "delimiter" | "columns" | "textColumns" | "source" | "idPrefix" | "sheet" | "headerRow"> = NotesOptionsSchema.pick({
  file: true,
  delimiter: true,
  columns: true,
  textColumns: true,
  source: true,
  idPrefix: true,
  sheet: true,
  headerRow: true,
});
/** The options of the Markdown notes parser (`parseNotesMarkdown`). */
export const MarkdownNotesOptionsSchema: Strict<"file" | "idPrefix" | "source"> = NotesOptionsSchema.pick({ file: true, idPrefix: true, source: true });
/** The options of the transcript parser (`parseTranscript`) and the Word reader (`parseNotesDocx`). */
export const TranscriptOptionsSchema: Strict<"file" | "idPrefix" | "source" | "interviewers" | "includeInterviewer"> = NotesOptionsSchema.pick({ file: true, idPrefix: true, source: true, interviewers: true, includeInterviewer: true });
/** The options of the JSON and JSON Lines parsers. */
export const JsonNotesOptionsSchema: Strict<"file"> = NotesOptionsSchema.pick({ file: true });
