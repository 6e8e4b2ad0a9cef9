import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { compareValues } from "../rollup/code-matrix.ts";
import type { Summary } from "../rollup/summary.ts";
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
});
export type CodedRow = z.infer<typeof CodedRowSchema>;

/** The columns of the tidy table of coded notes, in order (the CSV's and the workbook's), before the attribute columns. */
export const CODED_COLUMNS = ["note", "seminar", "group", "participant", "question", "source", "language", "code", "category",
  "polarity", "evidence", "rules", "terms", "offsets", "cues", "coded_by", "probability", "model_features", "similar_notes", "text"] as const satisfies readonly (keyof CodedRow)[];

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
    if (item.codes.length === 0) {
      rows.push({ ...base, code: "", category: "", polarity: "", evidence: "", rules: "", terms: "", offsets: "", cues: "", coded_by: "", probability: "", model_features: "", similar_notes: "", text, attributes });
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
