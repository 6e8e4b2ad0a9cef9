import { checkReportOptions } from "./report-options.ts";
import type { CrossTable, Summary } from "../rollup/summary.ts";
import { unzipSync } from "fflate";
import { writeZipDeterministic } from "../refi-qda/zip.ts";
import type { ReportOptions } from "./report-options.ts";
import { codedCell, codedColumns, codedRows, crossRows, summaryRows, type CodedRow, type CrossRow, type SummaryRow } from "./tidy.ts";

/** Options of {@link toXlsx}: the coded notes for the second sheet, and redaction of their texts. */
export type XlsxOptions = Pick<ReportOptions, "coded" | "redact">;

/** The names of the workbook's sheets. */
export const XLSX_SHEETS = { themes: "Themes", codedNotes: "Coded notes" } as const;

/** A cell for write-excel-file: a value, or a value with a number format, or empty. */
type Cell = { value: string | number; type?: NumberConstructor | StringConstructor; format?: string; fontWeight?: "bold" } | null;

const SUMMARY_COLUMNS = ["category", "category_label", "code", "code_label", "notes", "share", "helpful", "barrier", "participants", "groups", "seminars"] as const;

const header = (names: readonly string[]): Cell[] => names.map((value) => ({ value, type: String, fontWeight: "bold" }));
const text = (value: string): Cell => (value === "" ? null : { value, type: String });

function summarySheet(rows: readonly SummaryRow[]): Cell[][] {
  return [
    header(SUMMARY_COLUMNS),
    ...rows.map((r) =>
      SUMMARY_COLUMNS.map((c): Cell => {
        const value = r[c];
        if (typeof value === "string") return text(value);
        return c === "share" ? { value, type: Number, format: "0.0%" } : { value, type: Number };
      }),
    ),
  ];
}

function codedSheet(rows: readonly CodedRow[]): Cell[][] {
  // The columns of toCsv(coded): with a codebook's dimension columns (actors, actors_tied) before the text.
  const columns = codedColumns(rows);
  return [header(columns), ...rows.map((r) => columns.map((c) => text(codedCell(r, c))))];
}

const CELL_COLUMNS = ["dimension", "code", "code_label", "value", "value_label", "notes", "helpful", "barrier", "share", "total"] as const;

/** The tidy rows of a theme × actor table (see `crossRows`), the quotes in `quote_1`, `quote_2`, ... */
function cellsSheet(rows: readonly CrossRow[]): Cell[][] {
  const most = Math.max(0, ...rows.map((r) => r.quotes.length));
  const quotes = Array.from({ length: most }, (_, i) => `quote_${i + 1}`);
  return [
    header([...CELL_COLUMNS, ...quotes]),
    ...rows.map((r) => [
      ...CELL_COLUMNS.map((c): Cell => {
        const value = r[c];
        if (typeof value === "string") return text(value);
        return c === "share" ? { value, type: Number, format: "0.0%" } : { value, type: Number };
      }),
      ...quotes.map((_, i) => text(r.quotes[i] ?? "")),
    ]),
  ];
}

function widths(data: readonly Cell[][]): Array<{ width: number }> {
  const out: Array<{ width: number }> = [];
  for (const row of data) {
    row.forEach((cell, i) => {
      const length = cell === null ? 0 : Math.max(...String(cell.value).split("\n").map((l) => l.length));
      out[i] = { width: Math.min(60, Math.max(out[i]?.width ?? 8, length + 2)) };
    });
  }
  return out;
}

/**
 * Writes a roll-up (and, with `coded`, the tidy note × code table) as an Excel workbook (`.xlsx`),
 * with write-excel-file: a sheet "Themes" with one row per code (`category, category_label, code,
 * code_label, notes, share, helpful, barrier, participants, groups, seminars`; counts as numbers,
 * the share as a percentage) and a sheet "Coded notes" with the columns of `toCsv(coded)` (one row per
 * note × code application, evidence included; a note without codes has one row with an empty
 * code; attributes as further columns), and with a codebook that has further dimensions a sheet
 * per theme × actor table ("Themes x actors", its tidy cell rows). Header rows are bold and frozen; æ, ø and å are kept as
 * they are (no BOM or encoding to choose). Note texts are redacted unless `redact: false`. The ZIP is
 * written with a fixed time, so the same input gives the same bytes.
 *
 * @param summary the roll-up
 * @param options `coded` for the second sheet, `redact`
 * @returns the `.xlsx` bytes
 * @example
 * ```ts
 * const bytes = await toXlsx(rollUp(coded, codebook), { coded });
 * await writeFile("results.xlsx", bytes);
 * ```
 */
export async function toXlsx(summary: Summary, options: XlsxOptions = {}): Promise<Uint8Array> {
  options = checkReportOptions(options, "write the Excel workbook");
  const themes = summarySheet(summaryRows(summary));
  const sheets: Sheet[] = [{ sheet: XLSX_SHEETS.themes, data: themes, columns: widths(themes), stickyRowsCount: 1 }];
  if (options.coded !== undefined) {
    const coded = codedSheet(codedRows(options.coded, options));
    sheets.push({ sheet: XLSX_SHEETS.codedNotes, data: coded, columns: widths(coded), stickyRowsCount: 1 });
  }
  // A codebook with further dimensions: a sheet per theme × dimension table ("Themes x actors").
  for (const dimension of summary.dimensions ?? []) {
    const cells = cellsSheet(crossRows({ dimension: dimension.id, table: dimension.table }));
    sheets.push({ sheet: `Themes x ${dimension.id}`.slice(0, 31), data: cells, columns: widths(cells), stickyRowsCount: 1 });
  }
  return workbook(sheets);
}

/**
 * Writes a theme × actor table (`crossTable`, what `kodebok code --by actor --format xlsx` prints) as a
 * one-sheet workbook of its tidy cell rows (`dimension, code, code_label, value, value_label, notes,
 * helpful, barrier, share, total, quote_1, ...`), byte-stable. Quotes are written as the table has them.
 *
 * @param table the cross table
 * @returns the `.xlsx` bytes
 * @example
 * ```ts
 * await writeFile("actors.xlsx", await crossTableToXlsx(crossTable(coded, codebook, "actor")));
 * ```
 */
export async function crossTableToXlsx(table: CrossTable): Promise<Uint8Array> {
  const cells = cellsSheet(crossRows({ dimension: table.by, table }));
  return workbook([{ sheet: `Themes x ${table.by}`.slice(0, 31), data: cells, columns: widths(cells), stickyRowsCount: 1 }]);
}

type Sheet = { sheet: string; data: Cell[][]; columns: Array<{ width: number }>; stickyRowsCount: number };

/** The workbook of the sheets, zipped again with a fixed time. */
async function workbook(sheets: Sheet[]): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import("write-excel-file/universal");
  const blob = await writeXlsxFile(sheets as unknown as Parameters<typeof writeXlsxFile>[0] & unknown[]).toBlob();
  // write-excel-file zips with the current time; the entries again with a fixed one give stable bytes.
  const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return writeZipDeterministic(Object.entries(entries));
}
