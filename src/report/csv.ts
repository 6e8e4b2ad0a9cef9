import { stringify } from "csv-stringify/sync";
import type { CodedNote } from "../match/coded-note.ts";
import type { Summary } from "../rollup/summary.ts";
import { checkReportOptions, type ReportOptions } from "./report-options.ts";
import { attributeKeys, CODED_COLUMNS, codedRows, summaryRows } from "./tidy.ts";

/** Options of {@link toCsv}. */
export interface CsvOptions extends Pick<ReportOptions, "redact"> {
  /**
   * Start with a UTF-8 byte order mark, so Excel opens æ, ø and å correctly when the file is
   * double-clicked. Default `true`: R's readr, pandas, Polars and csv-parse (`bom: true`) skip it;
   * base R's `read.csv` needs `fileEncoding = "UTF-8-BOM"`. Give `false` for other tools.
   */
  bom?: boolean;
  /** Field separator; default `,`. Excel with a Norwegian locale expects `;`. */
  delimiter?: "," | ";" | "\t";
  /** Prefix cells starting with `=`, `+`, `-`, `@` with `'` so spreadsheets do not run them. Default `false`. */
  escapeFormulas?: boolean;
}

/**
 * Writes a tidy CSV table (RFC 4180: comma-separated, CRLF line ends, quotes doubled) for R,
 * pandas or Polars. From coded notes: one row per note × code application with its evidence
 * (columns `note, seminar, group, participant, question, source, language, code, category,
 * polarity, evidence, rules, terms, offsets, cues, coded_by, probability, model_features,
 * similar_notes, text`, then one column per note attribute; `coded_by` is `rules` or `model`);
 * a note without codes has one row with an empty `code`. From a roll-up: one row per code
 * (`category, category_label, code, code_label, notes, share, helpful, barrier, participants,
 * groups, seminars`). Note texts are redacted unless `redact: false`.
 *
 * @param data coded notes (`CodedNote[]`) or a roll-up (`Summary`)
 * @param options `bom` (default true), `delimiter`, `escapeFormulas`, `redact`
 * @returns the CSV text
 * @example
 * ```ts
 * await Deno.writeTextFile("coded.csv", toCsv(coded));
 * await Deno.writeTextFile("themes.csv", toCsv(summary, { delimiter: ";" }));
 * ```
 */
export function toCsv(data: readonly CodedNote[] | Summary, options: CsvOptions = {}): string {
  options = checkReportOptions(options, "write the CSV table");
  const settings = {
    bom: options.bom ?? true,
    delimiter: options.delimiter ?? ",",
    record_delimiter: "\r\n",
    escape_formulas: options.escapeFormulas ?? false,
    header: true,
  };
  if (isCodedNotes(data)) {
    const rows = codedRows(data, options);
    const keys = attributeKeys(rows);
    const fixed = CODED_COLUMNS;
    const columns = [...fixed, ...keys.filter((k) => !(fixed as readonly string[]).includes(k))];
    const records = rows.map((row) => columns.map((c) => ((fixed as readonly string[]).includes(c) ? row[c as (typeof fixed)[number]] : row.attributes[c] ?? "")));
    return stringify(records, { ...settings, columns });
  }
  const rows = summaryRows(data);
  const columns = ["category", "category_label", "code", "code_label", "notes", "share", "helpful", "barrier", "participants", "groups", "seminars"] as const;
  return stringify(rows.map((r) => columns.map((c) => String(r[c]))), { ...settings, columns: [...columns] });
}

function isCodedNotes(data: readonly CodedNote[] | Summary): data is readonly CodedNote[] {
  return Array.isArray(data);
}
