import { appendAll } from "../collections/append-all.ts";
import type { z } from "zod";
import { validateOptions } from "../diagnostics/options.ts";
import { SpreadsheetNotesOptionsSchema } from "./notes-options.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { toResult, type Result } from "../diagnostics/result.ts";
import { csvRecordNotes, mapColumns, type CsvNotesOptions, type CsvRows } from "./csv.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import type { Note } from "./note.ts";

/** Options for reading notes from an Excel workbook (`.xlsx`): the CSV options, and which sheet and header row. */
export type SpreadsheetNotesOptions = z.input<typeof SpreadsheetNotesOptionsSchema>;

/** A cell as read-excel-file gives it. */
type CellValue = string | number | boolean | Date | null | undefined;

const SOURCE = "kodebok:xlsx";
const HEADER_SEARCH_ROWS = 20;

/**
 * The spreadsheet name of a column: A, B, ..., Z, AA, AB, ...
 *
 * @param index the column's index, from 0
 * @returns its letters
 * @example
 * ```ts
 * columnLetters(0); // "A"
 * columnLetters(27); // "AB"
 * ```
 */
export function columnLetters(index: number): string {
  let out = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * A cell's value as the text a CSV export of the sheet would hold: numbers as JavaScript writes them
 * (`12`, `0.5`), booleans as `TRUE`/`FALSE` (as Excel shows them), dates as `YYYY-MM-DD`, or
 * `YYYY-MM-DD HH:MM:SS` when the time is not midnight (read-excel-file gives dates in UTC).
 *
 * @param value the cell's value
 * @returns its text ("" for an empty cell)
 * @example
 * ```ts
 * cellText(new Date(Date.UTC(2024, 2, 12))); // "2024-03-12"
 * cellText(3); // "3"
 * ```
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    return seconds === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** What a workbook read gives: each sheet's name and rows. */
interface Workbook {
  sheets: Array<{ sheet: string; data: CellValue[][] }>;
}

async function readWorkbook(bytes: Uint8Array, file: string | undefined): Promise<Result<Workbook>> {
  const fail = (why: string): Result<Workbook> => ({
    ok: false,
    diagnostics: [diagnostic({ code: "xlsx-invalid", severity: "error", source: SOURCE, file, reason: `Cannot load notes: the file is not a readable .xlsx workbook: ${why}` })],
  });
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail(bytes[0] === 0xd0 && bytes[1] === 0xcf ? "it is an old binary Excel file (.xls); save it as .xlsx" : "it is not a ZIP archive, as .xlsx files are");
  }
  const { default: readXlsxFile } = await import("read-excel-file/universal");
  try {
    const copy = bytes.slice().buffer;
    const sheets = (await readXlsxFile(copy)) as Workbook["sheets"];
    return { ok: true, value: { sheets }, diagnostics: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/`/gu, "") : String(error);
    return fail(message.charAt(0).toLowerCase() + message.slice(1));
  }
}

/**
 * Picks the header row: explicit, or the first row (among the first rows) that maps a text
 * column, or the first row that is not empty.
 */
function findHeaderRow(rows: string[][], options: SpreadsheetNotesOptions): number | undefined {
  if (options.headerRow !== undefined) return options.headerRow - 1;
  const nonEmpty = rows.findIndex((r) => r.some((c) => c !== ""));
  if (nonEmpty < 0) return undefined;
  for (let i = nonEmpty; i < Math.min(rows.length, nonEmpty + HEADER_SEARCH_ROWS); i++) {
    const header = rows[i]!.map((h) => h.trim());
    if (header.filter((h) => h !== "").length === 0) continue;
    const mapping = mapColumns(header, options, undefined, []);
    if (mapping !== undefined && mapping.texts.length > 0) return i;
  }
  return nonEmpty;
}

/**
 * Reads notes from an Excel workbook (`.xlsx`) with read-excel-file: one sheet (the first, or
 * `sheet`), a header row, then one note per row, with the same column mapping as CSV (English and
 * Norwegian header names, `columns`, `textColumns`, `codes:<coder>` columns, attributes). Title
 * rows above the header are skipped (with an info), empty rows are skipped, line breaks inside
 * cells are kept, numbers and dates become text (`cellText`). Every place is the sheet's row and
 * column (`survey.xlsx:12:3` is row 12, column C), and the messages name the sheet and cell.
 *
 * @param bytes the workbook's bytes
 * @param options file name, sheet, header row, column mapping
 * @returns the notes and codings, or located diagnostics
 * @example
 * ```ts
 * const result = await parseNotesXlsx(await readFile("survey.xlsx"), { file: "survey.xlsx", sheet: "Svar" });
 * if (result.ok) result.value.notes.length;
 * ```
 */
export async function parseNotesXlsx(bytes: Uint8Array, options: SpreadsheetNotesOptions = {}): Promise<Result<LoadedNotes>> {
  const valid = validateOptions(SpreadsheetNotesOptionsSchema, options, "load notes", "kodebok:xlsx");
  if (!valid.ok) return valid;
  const file = options.file;
  const workbook = await readWorkbook(bytes, file);
  if (!workbook.ok) return workbook;
  const names = workbook.value.sheets.map((s) => s.sheet);
  const wanted = options.sheet;
  const sheet =
    wanted === undefined
      ? workbook.value.sheets[0]
      : typeof wanted === "number"
        ? workbook.value.sheets[wanted - 1]
        : workbook.value.sheets.find((s) => s.sheet === wanted) ?? workbook.value.sheets.find((s) => s.sheet.toLowerCase() === wanted.toLowerCase());
  if (sheet === undefined) {
    return {
      ok: false,
      diagnostics: [
        diagnostic({
          code: "xlsx-sheet-not-found",
          severity: "error",
          source: SOURCE,
          file,
          reason: `Cannot load notes: the workbook has no sheet ${typeof wanted === "number" ? `number ${wanted}` : `"${String(wanted)}"`}`,
          actual: String(wanted),
          expected: names.map((n) => `"${n}"`).join(", "),
          note: `Its sheets: ${names.map((n) => `"${n}"`).join(", ") || "(none)"}.`,
        }),
      ],
    };
  }
  const rows = sheet.data.map((r) => r.map(cellText));
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (const r of rows) while (r.length < width) r.push("");
  const headerIndex = findHeaderRow(rows, options);
  if (headerIndex === undefined || headerIndex >= rows.length) {
    return {
      ok: false,
      diagnostics: [
        diagnostic({
          code: "csv-no-header",
          severity: "error",
          source: SOURCE,
          file,
          reason: headerIndex === undefined ? `Cannot load notes: sheet "${sheet.sheet}" is empty` : `Cannot load notes: sheet "${sheet.sheet}" has no row ${headerIndex + 1} to take as the header`,
        }),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  if (headerIndex > 0 && options.headerRow === undefined && rows.slice(0, headerIndex).some((r) => r.some((c) => c !== ""))) {
    diagnostics.push(
      diagnostic({
        code: "xlsx-rows-above-header",
        severity: "info",
        source: SOURCE,
        file,
        start: { line: 1, column: 1 },
        reason: `Took row ${headerIndex + 1} of sheet "${sheet.sheet}" as the header and skipped the ${headerIndex === 1 ? "row" : `${headerIndex} rows`} above it`,
        note: "Set headerRow (--header-row) to choose another row.",
      }),
    );
  }
  // Columns without a header name: dropped when empty, else named by their letters (a merged
  // header cell leaves the cells it covers empty).
  const headerCells = rows[headerIndex]!.map((h) => h.trim());
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    if (headerCells[c] !== "") keep.push(c);
    else if (rows.slice(headerIndex + 1).some((r) => r[c]!.trim() !== "")) {
      headerCells[c] = columnLetters(c);
      keep.push(c);
    }
  }
  const header = keep.map((c) => headerCells[c]!);
  const mapped = mapColumns(header, options, file, diagnostics);
  for (const d of diagnostics) if (d.code !== "xlsx-rows-above-header" && d.start === undefined) d.start = { line: headerIndex + 1, column: 1 };
  if (mapped === undefined) return { ok: false, diagnostics: located(diagnostics, sheet.sheet) };

  const prefix = options.idPrefix ?? (file ?? "notes").replace(/^.*[\\/]/u, "").replace(/\.[^.]+$/u, "");
  if (mapped.fields.id === undefined) {
    diagnostics.push(diagnostic({ code: "note-id-generated", severity: "info", source: SOURCE, file, start: { line: headerIndex + 1, column: 1 }, reason: `No id column: note ids were generated as "${prefix}-<row>"` }));
  }
  const rowsInfo: CsvRows = {
    header,
    mapping: mapped,
    delimiter: ",",
    file,
    prefix,
    source: options.source,
    placeAt: (line, column) => ({ line, column: keep[column]! + 1 }),
  };
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const rowOf: number[] = [];
  let index = 0;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const record = keep.map((c) => rows[r]![c]!);
    if (record.every((c) => c.trim() === "")) continue;
    const before = notes.length;
    // Generated ids count the rows of notes, as for a CSV export of the sheet (empty rows skipped).
    csvRecordNotes(rowsInfo, record, r + 1, null, index, notes, codings, diagnostics);
    for (let k = before; k < notes.length; k++) rowOf.push(r);
    index++;
  }
  const idColumn = mapped.fields.id;
  const checked = checkNotes(notes, file, idColumn === undefined ? undefined : (k) => ({ line: rowOf[k]! + 1, column: keep[idColumn]! + 1 }));
  appendAll(diagnostics, checked.diagnostics);
  if (index === 0) {
    diagnostics.push(diagnostic({ code: "notes-none", severity: "warning", source: SOURCE, file, start: { line: headerIndex + 1, column: 1 }, reason: `Sheet "${sheet.sheet}" has no rows of notes below its header (row ${headerIndex + 1})` }));
  }
  return toResult({ notes: checked.notes, codings }, located(diagnostics, sheet.sheet));
}

/** Adds the sheet and cell to every placed message, so that `file:row:column` also says where in the workbook. */
function located(diagnostics: Diagnostic[], sheet: string): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.start === undefined) return d;
    const cell = `${columnLetters(d.start.column - 1)}${d.start.line}`;
    return d.reason.includes(`sheet "${sheet}"`) ? d : { ...d, reason: `${d.reason} (sheet "${sheet}", cell ${cell})` };
  });
}
