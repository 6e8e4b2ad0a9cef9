import { z } from "zod";

/** The notes formats kodebok reads. `text` is the Markdown format without headings: one note per line. */
export const NotesFormatSchema: z.ZodEnum<{ csv: "csv"; tsv: "tsv"; json: "json"; jsonl: "jsonl"; markdown: "markdown"; transcript: "transcript"; text: "text" }> = z.enum([
  "csv",
  "tsv",
  "json",
  "jsonl",
  "markdown",
  "transcript",
  "text",
]);
export type NotesFormat = z.infer<typeof NotesFormatSchema>;
