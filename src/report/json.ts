import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { CodeMatrixSchema, codeMatrix } from "../rollup/code-matrix.ts";
import { CooccurrenceSchema, cooccurrence } from "../rollup/cooccurrence.ts";
import { SummarySchema, type Quote, type Summary } from "../rollup/summary.ts";
import { MATRIX_ATTRIBUTES } from "./html.ts";
import { KODEBOK_VERSION, redactionOn, reportRedactor, type ReportOptions, checkReportOptions } from "./report-options.ts";
import { CodedRowSchema, CrossRowSchema, SummaryRowSchema, codedRows, crossRows, summaryRows } from "./tidy.ts";

/** The schema id written into a report JSON; the number changes only with incompatible changes. */
export const REPORT_JSON_SCHEMA = "kodebok/report@1";
/** The schema id written into a coded-notes JSON. */
export const CODED_JSON_SCHEMA = "kodebok/coded-notes@1";

/**
 * The JSON form of a roll-up (`toJson(summary)`): the summary itself (quotes and uncoded notes
 * redacted unless turned off), its tidy per-code rows, and, when the coded notes are given, the
 * code × seminar / group / question matrices and the co-occurrence matrix.
 */
export const ReportJsonSchema = z.object({
  schema: z.literal(REPORT_JSON_SCHEMA),
  kodebok: z.string(),
  /** Present only when the caller gave a date. */
  date: z.string().optional(),
  redacted: z.boolean(),
  summary: SummarySchema,
  rows: z.array(SummaryRowSchema),
  /** With further dimensions: one row per cell of the theme × actor tables (see `crossRows`). */
  cells: z.array(CrossRowSchema).optional(),
  matrices: z.object({ seminar: CodeMatrixSchema, group: CodeMatrixSchema, question: CodeMatrixSchema }).optional(),
  cooccurrence: CooccurrenceSchema.optional(),
});
export type ReportJson = z.infer<typeof ReportJsonSchema>;

/** The JSON form of coded notes (`toJson(coded)`): the tidy rows of {@link toCsv}. */
export const CodedJsonSchema = z.object({
  schema: z.literal(CODED_JSON_SCHEMA),
  kodebok: z.string(),
  date: z.string().optional(),
  redacted: z.boolean(),
  rows: z.array(CodedRowSchema),
});
export type CodedJson = z.infer<typeof CodedJsonSchema>;

/**
 * Builds the JSON document of a roll-up or of coded notes as a value (see {@link toJson}).
 *
 * @param data a roll-up or coded notes
 * @param options `coded` (matrices for a roll-up), `redact`, `date`, `version`
 * @returns a value matching {@link ReportJsonSchema} or {@link CodedJsonSchema}
 * @example
 * ```ts
 * ReportJsonSchema.parse(reportJson(summary)); // passes
 * ```
 */
export function reportJson(data: Summary, options?: ReportOptions): ReportJson;
export function reportJson(data: readonly CodedNote[], options?: ReportOptions): CodedJson;
export function reportJson(data: Summary | readonly CodedNote[], options: ReportOptions = {}): ReportJson | CodedJson {
  options = checkReportOptions(options, "write the JSON report");
  const head = {
    kodebok: options.version ?? KODEBOK_VERSION,
    ...(options.date === undefined ? {} : { date: options.date }),
    redacted: redactionOn(options),
  };
  if (Array.isArray(data)) return { schema: CODED_JSON_SCHEMA, ...head, rows: codedRows(data as readonly CodedNote[], options) };
  const summary = data as Summary;
  const mask = reportRedactor(options);
  const languages = new Map((options.coded ?? []).map((c) => [c.note.id, c.language] as const));
  const lang = (note: string): string => languages.get(note) ?? summary.language;
  const redacted: Summary = {
    ...summary,
    categories: summary.categories.map((category) => ({
      ...category,
      codes: category.codes.map((code) => ({
        ...code,
        quotes: code.quotes.map((q) => ({ ...q, text: mask(q.text, lang(q.note)), attribution: mask(q.attribution, lang(q.note)) })),
      })),
    })),
    uncoded: summary.uncoded.map((u) => ({ ...u, text: mask(u.text, lang(u.note)) })),
  };
  const redactQuote = (q: Quote): Quote => ({ ...q, text: mask(q.text, lang(q.note)), attribution: mask(q.attribution, lang(q.note)) });
  if (summary.dimensions !== undefined) {
    redacted.dimensions = summary.dimensions.map((d) => ({
      ...d,
      codes: d.codes.map((code) => ({ ...code, quotes: code.quotes.map(redactQuote) })),
      table: { ...d.table, cells: d.table.cells.map((cell) => ({ ...cell, quotes: cell.quotes.map(redactQuote) })) },
    }));
  }
  const out: ReportJson = { schema: REPORT_JSON_SCHEMA, ...head, summary: redacted, rows: summaryRows(summary) };
  if (redacted.dimensions !== undefined) out.cells = crossRows(redacted);
  if (options.coded && options.coded.length > 0) {
    const codes = summary.categories.flatMap((c) => c.codes.map((code) => code.id));
    const [seminar, group, question] = MATRIX_ATTRIBUTES.map((by) => codeMatrix(options.coded ?? [], by, { codes }));
    if (seminar && group && question) out.matrices = { seminar, group, question };
    out.cooccurrence = cooccurrence(options.coded, { codes });
  }
  return out;
}

/**
 * Writes a roll-up or coded notes as JSON with a documented, stable schema
 * ({@link ReportJsonSchema}, {@link CodedJsonSchema}; the `schema` field names the version):
 * two-space indentation, keys in a fixed order, a final newline; byte-stable.
 *
 * @param data a roll-up or coded notes
 * @param options `coded` (adds matrices to a roll-up), `redact`, `date`, `version`
 * @returns the JSON text
 * @example
 * ```ts
 * const json = toJson(summary, { coded });
 * JSON.parse(json).schema; // "kodebok/report@1"
 * ```
 */
export function toJson(data: Summary | readonly CodedNote[], options: ReportOptions = {}): string {
  const value = Array.isArray(data) ? reportJson(data as readonly CodedNote[], options) : reportJson(data as Summary, options);
  return `${JSON.stringify(value, null, 2)}\n`;
}
