import { stringify } from "csv-stringify/sync";
import type { CodedNote } from "../match/coded-note.ts";
import type { Summary } from "../rollup/summary.ts";
import { checkReportOptions, type ReportOptions } from "./report-options.ts";
import { codedCell, codedColumns, codedRows, crossRows, summaryRows } from "./tidy.ts";

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
  /**
   * From a roll-up: `themes` (default) writes one row per theme; `cells` one row per cell of the
   * theme × dimension tables (the actors; see `crossRows`), with its quotes in `quote_1`, `quote_2`, ...
   */
  table?: "themes" | "cells";
}

/**
 * Writes a tidy CSV table (RFC 4180: comma-separated, CRLF line ends, quotes doubled) for R,
 * pandas or Polars. From coded notes: one row per note × code application with its evidence
 * (columns `note, seminar, group, participant, question, source, language, code, category,
 * polarity, evidence, rules, terms, offsets, cues, coded_by, probability, model_features,
 * similar_notes, text`, then one column per note attribute; `coded_by` is `rules` or `model`);
 * a note without codes has one row with an empty `code`. From a roll-up: one row per code
 * (`category, category_label, code, code_label, notes, share, helpful, barrier, participants,
 * groups, seminars`), or with `table: "cells"` one row per cell of its theme × actor tables
 * (`dimension, code, code_label, value, value_label, notes, helpful, barrier, share, total,
 * quote_1, ...`). With a codebook that has further dimensions, the rows of coded notes get a column
 * per dimension (`actors`: the note's actors) and `<dimension>_tied` (the actors the row's theme is
 * tied to), before `text`. Note texts are redacted unless `redact: false`.
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
  const settings = settingsOf(options);
  if (isCodedNotes(data)) {
    const rows = codedRows(data, options);
    const columns = codedColumns(rows);
    const records = rows.map((row) => columns.map((c) => codedCell(row, c)));
    return stringify(records, { ...settings, columns });
  }
  if (options.table === "cells") return cellsCsv(crossRows(data), options);
  const rows = summaryRows(data);
  const columns = ["category", "category_label", "code", "code_label", "notes", "share", "helpful", "barrier", "participants", "groups", "seminars"] as const;
  return stringify(rows.map((r) => columns.map((c) => String(r[c]))), { ...settings, columns: [...columns] });
}

function isCodedNotes(data: readonly CodedNote[] | Summary): data is readonly CodedNote[] {
  return Array.isArray(data);
}

/**
 * The CSV of tidy cell rows (shared by `toCsv(summary, { table: "cells" })` and {@link crossTableToCsv}).
 *
 * @param rows the cells
 * @param options CSV options
 * @returns the CSV text
 * @example
 * ```ts
 * cellsCsv(crossRows(summary), {});
 * ```
 */
export function cellsCsv(rows: ReturnType<typeof crossRows>, options: Omit<CsvOptions, "table">): string {
  const most = Math.max(0, ...rows.map((r) => r.quotes.length));
  const fixed = ["dimension", "code", "code_label", "value", "value_label", "notes", "helpful", "barrier", "share", "total"] as const;
  const quoteColumns = Array.from({ length: most }, (_, i) => `quote_${i + 1}`);
  const records = rows.map((r) => [...fixed.map((c) => String(r[c])), ...quoteColumns.map((_, i) => r.quotes[i] ?? "")]);
  return stringify(records, { ...settingsOf(options), columns: [...fixed, ...quoteColumns] });
}

/** csv-stringify's settings from the options: BOM, delimiter, CRLF, formula escaping, a header. */
function settingsOf(options: Omit<CsvOptions, "table">) {
  return {
    bom: options.bom ?? true,
    delimiter: options.delimiter ?? ",",
    record_delimiter: "\r\n",
    escape_formulas: options.escapeFormulas ?? false,
    header: true,
  };
}
