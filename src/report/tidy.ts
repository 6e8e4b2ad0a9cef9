import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { compareValues } from "../rollup/code-matrix.ts";
import type { CrossTable, Summary } from "../rollup/summary.ts";
import { reportRedactor, type ReportOptions, checkReportOptions } from "./report-options.ts";

/**
 * One row of the tidy table of coded notes: a note × code application, with its evidence.
 * A note no code matched has one row with empty `code`, `category`, `polarity` and evidence,
 * so the notes can still be counted. Multiple pieces of evidence are joined with `; `.
 */
export const CodedRowSchema = z.object({
  note: z.string(),
  seminar: z.string(),
  group: z.string(),
  participant: z.string(),
  question: z.string(),
  source: z.string(),
  /** The language the note was coded in (`nb`, `nn`, `en`, `und`). */
  language: z.string(),
  code: z.string(),
  category: z.string(),
  /** `helpful`, `barrier`, or empty for an uncoded note. */
  polarity: z.string(),
  /** The matched text of each piece of evidence, `; `-separated. */
  evidence: z.string(),
  /** The rule ids, in the same order. */
  rules: z.string(),
  /** The codebook terms that matched, in the same order. */
  terms: z.string(),
  /** `start-end` offsets (UTF-16, from 0) into the ORIGINAL note text, in the same order. */
  offsets: z.string(),
  /** The cues that made a piece of evidence a barrier, in the same order (empty where none). */
  cues: z.string(),
  /** Who decided the code applies: `rules` (the codebook's rules) or `model` (a learned model); empty for an uncoded note. */
  coded_by: z.string(),
  /** The learned model's probability for the code (empty when the rules decided). */
  probability: z.string(),
  /** The note's features that weighed most for a learned code, `feature weight`, `; `-separated. */
  model_features: z.string(),
  /** The most similar hand-coded notes with the code (ids), `; `-separated. */
  similar_notes: z.string(),
  /** The note's text, redacted unless redaction is off. */
  text: z.string(),
  /** Further note attributes, by key. */
  attributes: z.record(z.string(), z.string()),
  /**
   * With a codebook that has further dimensions, per dimension id: the note's codes of it
   * (`actors`: "gp; nav"), and under `<id>_tied` the codes this row's theme mentions are tied to.
   */
  dimensions: z.record(z.string(), z.string()).optional(),
});
export type CodedRow = z.infer<typeof CodedRowSchema>;

/** The columns of the tidy table of coded notes, in order (the CSV's and the workbook's), before the attribute columns. */
export const CODED_COLUMNS = ["note", "seminar", "group", "participant", "question", "source", "language", "code", "category",
  "polarity", "evidence", "rules", "terms", "offsets", "cues", "coded_by", "probability", "model_features", "similar_notes", "text"] as const satisfies readonly (keyof CodedRow)[];

/**
 * The columns of the tidy table of coded notes, in order: {@link CODED_COLUMNS} with, before `text`,
 * the dimension columns of a codebook that has them (`actors`, `actors_tied`), then one column per
 * note attribute.
 *
 * @param rows tidy rows of coded notes
 * @returns the column names
 * @example
 * ```ts
 * codedColumns(codedRows(coded)).slice(-3); // ["actors_tied", "text", "kommune"]
 * ```
 */
export function codedColumns(rows: readonly CodedRow[]): string[] {
  const fixed: readonly string[] = CODED_COLUMNS;
  const dimensions = dimensionKeys(rows).filter((k) => !fixed.includes(k));
  const named = [...fixed.slice(0, -1), ...dimensions, "text"];
  return [...named, ...attributeKeys(rows).filter((k) => !named.includes(k))];
}

/**
 * One cell of the tidy table of coded notes: a fixed column, a dimension column or an attribute.
 *
 * @param row a tidy row of a coded note
 * @param column a name from {@link codedColumns}
 * @returns the cell's text ("" when the row has none)
 * @example
 * ```ts
 * codedCell(codedRows(coded)[0]!, "actors"); // "nav; gp"
 * ```
 */
export function codedCell(row: CodedRow, column: string): string {
  if ((CODED_COLUMNS as readonly string[]).includes(column)) return row[column as (typeof CODED_COLUMNS)[number]];
  return row.dimensions?.[column] ?? row.attributes[column] ?? "";
}

/** One row of the tidy table of a roll-up: one code, with its category and counts. */
export const SummaryRowSchema = z.object({
  category: z.string(),
  category_label: z.string(),
  code: z.string(),
  code_label: z.string(),
  notes: z.number().int(),
  /** Share of all the notes rolled up (coded or not) that have it: `notes / totals.notes`, 0..1. */
  share: z.number(),
  helpful: z.number().int(),
  barrier: z.number().int(),
  participants: z.number().int(),
  groups: z.number().int(),
  seminars: z.number().int(),
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

/**
 * Flattens coded notes into tidy rows, one per note × code application, with evidence.
 *
 * @param coded the coded notes
 * @param options `redact` for the note texts (on by default)
 * @returns the rows, in note order and, within a note, in the order of its applications
 * @example
 * ```ts
 * codedRows(coded)[0]; // { note: "b1", code: "time", polarity: "helpful", evidence: "tid", offsets: "8-11", ... }
 * ```
 */
export function codedRows(coded: readonly CodedNote[], options: ReportOptions = {}): CodedRow[] {
  options = checkReportOptions(options, "make the table of coded notes");
  const mask = reportRedactor(options);
  const rows: CodedRow[] = [];
  for (const item of coded) {
    const n = item.note;
    const base = {
      note: n.id,
      seminar: n.seminar ?? "",
      group: n.group ?? "",
      participant: n.participant ?? "",
      question: n.question ?? "",
      source: n.source ?? "",
      language: item.language,
    };
    const text = mask(n.text, item.language);
    const attributes = { ...(n.attributes ?? {}) };
    const dimensionsOf = (code: string, polarity: string): { dimensions?: Record<string, string> } => {
      if (item.dimensions === undefined) return {};
      const out: Record<string, string> = {};
      for (const [id, applications] of Object.entries(item.dimensions)) {
        out[id] = applications.map((a) => a.code).join("; ");
        const tied = (item.attributions ?? []).filter((a) => a.dimension === id && a.code === code && a.polarity === polarity).map((a) => a.value);
        out[`${id}_tied`] = [...new Set(tied)].join("; ");
      }
      return { dimensions: out };
    };
    if (item.codes.length === 0) {
      rows.push({ ...base, code: "", category: "", polarity: "", evidence: "", rules: "", terms: "", offsets: "", cues: "", coded_by: "", probability: "", model_features: "", similar_notes: "", text, attributes, ...dimensionsOf("", "") });
    }
    for (const application of item.codes) {
      const ev = application.evidence;
      rows.push({
        ...base,
        code: application.code,
        category: application.category,
        polarity: application.polarity,
        evidence: ev.map((e) => e.text).join("; "),
        rules: ev.map((e) => e.rule).join("; "),
        terms: ev.map((e) => e.term).join("; "),
        offsets: ev.map((e) => `${e.start}-${e.end}`).join("; "),
        cues: ev.some((e) => e.cue) ? ev.map((e) => e.cue ?? "").join("; ") : "",
        coded_by: application.learned !== undefined ? "model" : "rules",
        probability: application.learned !== undefined ? String(application.learned.probability) : "",
        model_features: (application.learned?.features ?? []).map((f) => `${f.feature} ${f.weight}`).join("; "),
        similar_notes: (application.learned?.similar ?? []).map((x) => x.note).join("; "),
        text,
        attributes,
        ...dimensionsOf(application.code, application.polarity),
      });
    }
  }
  return rows;
}

/**
 * The attribute keys of the rows, sorted, for CSV columns.
 *
 * @param rows tidy rows of coded notes
 * @returns the keys
 * @example
 * ```ts
 * attributeKeys(codedRows(coded)); // ["kommune"]
 * ```
 */
export function attributeKeys(rows: readonly CodedRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.attributes)))].sort(compareValues);
}

/**
 * Flattens a roll-up into tidy rows, one per code, in codebook order.
 *
 * @param summary the roll-up
 * @returns the rows
 * @example
 * ```ts
 * summaryRows(summary)[0]; // { category: "relational", code: "relation", notes: 4, share: 0.36, ... }
 * ```
 */
export function summaryRows(summary: Summary): SummaryRow[] {
  return summary.categories.flatMap((category) =>
    category.codes.map((code) => ({
      category: category.id,
      category_label: category.label,
      code: code.id,
      code_label: code.label,
      notes: code.notes,
      share: code.share,
      helpful: code.helpful,
      barrier: code.barrier,
      participants: code.participants,
      groups: code.groups,
      seminars: code.seminars,
    })),
  );
}

/**
 * The dimension columns of the rows (`actors`, `actors_tied`, ...), in the order they first occur.
 *
 * @param rows tidy rows of coded notes
 * @returns the column names; empty for a codebook without dimensions
 * @example
 * ```ts
 * dimensionKeys(codedRows(coded)); // ["actors", "actors_tied"]
 * ```
 */
export function dimensionKeys(rows: readonly CodedRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.dimensions ?? {})) keys.add(key);
  return [...keys];
}

/** One row of the tidy table of a roll-up's theme × dimension tables: one cell. */
export const CrossRowSchema = z.object({
  dimension: z.string(),
  code: z.string(),
  code_label: z.string(),
  /** The dimension's code (the actor), or `(none)`. */
  value: z.string(),
  value_label: z.string(),
  notes: z.number().int(),
  helpful: z.number().int(),
  barrier: z.number().int(),
  /** `notes` divided by the notes of the column (that name the actor). */
  share: z.number(),
  /** The column's total: notes that name the actor (or have it as default). */
  total: z.number().int(),
  /** The cell's quotes, as shown (redacted by the roll-up). */
  quotes: z.array(z.string()),
});
export type CrossRow = z.infer<typeof CrossRowSchema>;

/**
 * Flattens the theme × dimension tables of a roll-up into tidy rows, one per cell, theme by theme.
 *
 * @param summary the roll-up (its `dimensions`), or one table with its dimension id
 * @returns the rows; empty for a roll-up without dimensions
 * @example
 * ```ts
 * crossRows(summary)[0]; // { dimension: "actors", code: "relation", value: "nav", notes: 40, helpful: 25, barrier: 18, ... }
 * ```
 */
export function crossRows(summary: Pick<Summary, "dimensions"> | { dimension: string; table: CrossTable }): CrossRow[] {
  const tables = "table" in summary ? [{ id: summary.dimension, table: summary.table }] : (summary.dimensions ?? []).map((d) => ({ id: d.id, table: d.table }));
  return tables.flatMap(({ id, table }) =>
    table.cells.map((cell) => ({
      dimension: id,
      code: cell.code,
      code_label: table.labels[cell.code] ?? cell.code,
      value: cell.value,
      value_label: table.labels[cell.value] ?? cell.value,
      notes: cell.notes,
      helpful: cell.helpful,
      barrier: cell.barrier,
      share: cell.share,
      total: table.totals[table.values.indexOf(cell.value)] ?? 0,
      quotes: cell.quotes.map((q) => q.text),
    })),
  );
}
