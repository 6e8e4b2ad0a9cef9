import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { z } from "zod";
import type { Codebook } from "../codebook/codebook.ts";
import { diagnostic, type Diagnostic, type Place } from "../diagnostics/diagnostic.ts";
import type { DiagnosticCode } from "../diagnostics/codes.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { validateOptions } from "../diagnostics/options.ts";
import type { Coding } from "./coding.ts";
import type { LoadedCodings } from "./loaded-codings.ts";
import { detectDelimiter, fieldOffsets } from "../notes/csv.ts";
import { RawLines } from "../notes/raw-lines.ts";

/** Header names (case-insensitive, after trimming) that name each column of long-form codings. */
export const CODING_COLUMN_ALIASES = {
  note: ["note", "note_id", "noteid", "note id", "notat", "notat_id", "notatid", "id"],
  coder: ["coder", "koder", "rater", "coder_id"],
  code: ["code", "kode", "code_id", "actor", "aktør"],
  polarity: ["polarity", "polaritet"],
} as const;

/** Columns of a wide-form file that hold note fields, not a coder's codes. */
const NOTE_FIELD_COLUMNS = new Set([
  "text", "tekst", "seminar", "group", "gruppe", "participant", "deltaker", "question", "spørsmål",
  "source", "kilde", "language", "språk", "cluster", "klynge",
]);

/** Wide-form cells that mean "this coder did not see the note" (an empty cell means "saw it, no code"). */
const NOT_SEEN = new Set(["NA", "N/A", "-"]);

/** Prefixes that mark a wide-form coder column: `codes:anna`, `koder:anna`. */
const CODER_PREFIX = /^(?:codes?|koder?)\s*:\s*(.+)$/i;

/** Options of {@link parseCodings}. */
export const ParseCodingsOptionsSchema = z
  .object({
    /** The file name used in diagnostics. */
    file: z.string().optional(),
    /** `csv` (delimiter `,`, `;` or tab, detected), `json`, or `auto` (default: by the first character). */
    format: z.enum(["csv", "json", "auto"]).default("auto"),
    /** A codebook: codes not in it (in none of its dimensions) are reported. */
    codebook: z.custom<Pick<Codebook, "codes"> & Partial<Pick<Codebook, "dimensions">>>().optional(),
    /** The known notes (ids, or objects with an id): other note ids are reported. */
    notes: z.array(z.union([z.string(), z.object({ id: z.string() }).loose()])).optional(),
    /**
     * What an unknown note id or code is: `error` (default; the result is not ok) or `warning`
     * (the coding is skipped and reported).
     */
    unknown: z.enum(["error", "warning"]).default("error"),
  })
  .strict();
export type ParseCodingsOptions = z.input<typeof ParseCodingsOptionsSchema>;

/** A cell with where it starts. */
interface Cell {
  value: string | string[];
  place: Place;
}
interface Row {
  line: number;
  cells: Map<string, Cell>;
}
interface Table {
  headers: { name: string; place: Place }[];
  rows: Row[];
}

const SOURCE = "kodebok:codings";

/** The place of an offset inside a record that starts at `line`. */
function placeIn(raw: string, offset: number, line: number): Place {
  const before = raw.slice(0, offset);
  const breaks = before.split("\n");
  return breaks.length === 1
    ? { line, column: offset + 1 }
    : { line: line + breaks.length - 1, column: (breaks[breaks.length - 1] as string).length + 1 };
}

function csvTable(text: string, file: string | undefined, diagnostics: Diagnostic[]): Table | undefined {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parseCsv(text, {
      delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; message: string; lines?: number; column?: number };
    const code: DiagnosticCode = e.code === "CSV_QUOTE_NOT_CLOSED" ? "csv-unclosed-quote"
      : e.code === "CSV_INVALID_CLOSING_QUOTE" || e.code === "INVALID_OPENING_QUOTE" ? "csv-invalid-quote" : "csv-parse-error";
    diagnostics.push(diagnostic({
      code, severity: "error", source: SOURCE, ...(file === undefined ? {} : { file }),
      reason: `Cannot load codings: ${e.message.replace(/^Invalid Record Length: |^Quote Not Closed: /, "")}`,
      ...(e.lines ? { start: { line: e.lines, column: 1 } } : {}),
    }));
    return undefined;
  }
  if (records.length === 0) {
    diagnostics.push(diagnostic({ code: "csv-no-header", severity: "error", source: SOURCE, ...(file === undefined ? {} : { file }),
      reason: "Cannot load codings: the file is empty (no header row)" }));
    return undefined;
  }
  // Lines counted as an editor shows them (CRLF once); the breaks of skipped empty lines open a raw text.
  const lines = new RawLines();
  const startLines = new Map<(typeof records)[number], number>();
  for (const r of records) {
    startLines.set(r, lines.next(r.raw));
    r.raw = r.raw.replace(/^[\r\n]+/u, "");
  }
  const lineOf = (r: (typeof records)[number]): number => startLines.get(r)!;
  const first = records[0] as (typeof records)[number];
  const headerLine = lineOf(first);
  const headerOffsets = fieldOffsets(first.raw.replace(/^\uFEFF/, ""), delimiter);
  const headers = first.record.map((name, i) => ({ name: name.trim(), place: placeIn(first.raw, headerOffsets[i] ?? 0, headerLine) }));
  const rows: Row[] = [];
  for (const r of records.slice(1)) {
    const line = lineOf(r);
    if (r.record.length !== headers.length) {
      diagnostics.push(diagnostic({
        code: "csv-ragged-row", severity: "error", source: SOURCE, ...(file === undefined ? {} : { file }),
        start: { line, column: 1 },
        reason: `Cannot load codings: row has ${r.record.length} fields, the header has ${headers.length}`,
        actual: String(r.record.length), expected: String(headers.length),
      }));
      continue;
    }
    const offsets = fieldOffsets(r.raw, delimiter);
    const cells = new Map<string, Cell>();
    r.record.forEach((value, i) => {
      const offset = offsets[i] ?? 0;
      // A quoted field's text starts one column after its quote.
      const quoted = r.raw[offset] === '"' ? 1 : 0;
      cells.set((headers[i] as { name: string }).name, { value, place: placeIn(r.raw, offset + quoted, line) });
    });
    rows.push({ line, cells });
  }
  return { headers, rows };
}

function jsonTable(text: string, file: string | undefined, diagnostics: Diagnostic[]): Table | undefined {
  const fileField = file === undefined ? {} : { file };
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    diagnostics.push(diagnostic({ code: "json-parse-error", severity: "error", source: SOURCE, ...fileField,
      reason: `Cannot load codings: the JSON text could not be parsed: ${(error as Error).message}` }));
    return undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, " "), { lineCounter: counter });
  const placeOf = (node: YamlNode | null | undefined): Place => {
    const pos = counter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  let list: YamlNode | null = doc.contents as YamlNode | null;
  if (isMap(list)) {
    const inner = list.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === "codings");
    list = (inner?.value as YamlNode | undefined) ?? null;
  }
  if (!isSeq(list)) {
    diagnostics.push(diagnostic({ code: "coding-invalid", severity: "error", source: SOURCE, ...fileField, start: placeOf(list),
      reason: "Cannot load codings: the JSON is not an array of codings (or an object with a \"codings\" array)" }));
    return undefined;
  }
  const headers = new Map<string, Place>();
  const rows: Row[] = [];
  for (const item of list.items) {
    const node = item as YamlNode;
    if (!isMap(node)) {
      diagnostics.push(diagnostic({ code: "coding-invalid", severity: "error", source: SOURCE, ...fileField, start: placeOf(node),
        reason: "Cannot load codings: an entry of the array is not an object" }));
      continue;
    }
    const cells = new Map<string, Cell>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value).trim() : "";
      if (!headers.has(key)) headers.set(key, placeOf(pair.key as YamlNode));
      const value = pair.value as YamlNode | null;
      let v: string | string[];
      if (isSeq(value)) v = value.items.map((x) => (isScalar(x) && x.value !== null ? String(x.value) : ""));
      else if (isScalar(value)) v = value.value === null ? "" : String(value.value);
      else v = "";
      cells.set(key, { value: v, place: placeOf(value ?? (pair.key as YamlNode)) });
    }
    rows.push({ line: placeOf(node).line, cells });
  }
  return { headers: [...headers].map(([name, place]) => ({ name, place })), rows };
}

function findColumn(headers: readonly { name: string }[], aliases: readonly string[]): string | undefined {
  return headers.find((h) => aliases.includes(h.name.toLowerCase()))?.name;
}

/** Splits a wide-form cell: `;`-separated text, or an array from JSON. */
function splitCodes(cell: Cell): { code: string; place: Place }[] {
  if (Array.isArray(cell.value)) {
    return cell.value.map((code) => ({ code: code.trim(), place: cell.place })).filter((x) => x.code !== "");
  }
  const out: { code: string; place: Place }[] = [];
  let offset = 0;
  for (const part of cell.value.split(";")) {
    const lead = part.length - part.trimStart().length;
    const code = part.trim();
    if (code !== "" && !cell.value.includes("\n")) {
      out.push({ code, place: { line: cell.place.line, column: cell.place.column + offset + lead } });
    } else if (code !== "") out.push({ code, place: cell.place });
    offset += part.length + 1;
  }
  return out;
}

/**
 * Parses human codings from CSV or JSON text (pure; no file access). Two layouts:
 * - **long form**: one row per coding, columns `note_id, coder, code` (aliases: note / note_id /
 *   notat, coder / koder, code / kode; optional `polarity`). A row with an empty code records that
 *   the coder saw the note and gave it no code.
 * - **wide form**: one row per note and one column per coder holding `;`-separated codes (columns
 *   `codes:<coder>` when present; otherwise every column but the note id and note fields such as
 *   `text`). An empty cell records that the coder saw the note and gave it no code; `NA` or `-`
 *   that the coder did not see it.
 * The CSV delimiter (`,`, `;` or tab) is detected from the header. Unknown note ids (when `notes`
 * are given) and codes not in the codebook (when `codebook` is given) are reported with their
 * file, line and column.
 *
 * @param text The file's text.
 * @param options `file`, `format`, `codebook`, `notes`, `unknown` (see {@link ParseCodingsOptionsSchema}).
 * @returns The codings (long form), coders, notes and what each coder saw, with diagnostics.
 * @example
 * ```ts
 * const result = parseCodings("note_id;coder;code\nn1;anna;time\nn1;bjørn;relation\n", { file: "codings.csv" });
 * if (result.ok) result.value.codings.length; // 2
 * ```
 */
export function parseCodings(text: string, options?: ParseCodingsOptions): Result<LoadedCodings> {
  return fromRecovered(recoverCodings(text, options));
}

/**
 * {@link parseCodings}' core: the codings it could read and every diagnostic, also when some are
 * errors, so that `checkDataset` reports every problem of a dataset in one run.
 *
 * @param text The file's text.
 * @param options As for {@link parseCodings}.
 * @returns The codings, when a table could be read, and the diagnostics.
 * @example
 * ```ts
 * recoverCodings("note_id;coder;code\nn1;anna;time\nn2;anna\n").value?.codings.length; // 1, beside the ragged row
 * ```
 */
export function recoverCodings(text: string, options?: ParseCodingsOptions): Recovered<LoadedCodings> {
  const parsedOptions = validateOptions(ParseCodingsOptionsSchema, options, "load codings", SOURCE);
  if (!parsedOptions.ok) return { diagnostics: parsedOptions.diagnostics };
  const opts = parsedOptions.value;
  const file = opts.file;
  const fileField = file === undefined ? {} : { file };
  const diagnostics: Diagnostic[] = [];
  const format = opts.format !== "auto" ? opts.format
    : /^\uFEFF?\s*[[{]/.test(text) || (file !== undefined && /\.json$/i.test(file)) ? "json" : "csv";
  const table = format === "json" ? jsonTable(text, file, diagnostics) : csvTable(text, file, diagnostics);
  if (!table) return { diagnostics };

  const noteColumn = findColumn(table.headers, CODING_COLUMN_ALIASES.note);
  const coderColumn = findColumn(table.headers, CODING_COLUMN_ALIASES.coder);
  const codeColumn = findColumn(table.headers, CODING_COLUMN_ALIASES.code);
  const polarityColumn = findColumn(table.headers, CODING_COLUMN_ALIASES.polarity);
  if (noteColumn === undefined) {
    diagnostics.push(diagnostic({ code: "coding-missing-column", severity: "error", source: SOURCE, ...fileField,
      start: table.headers[0]?.place ?? { line: 1, column: 1 },
      reason: "Cannot load codings: no column names the note (note_id, note or notat)",
      actual: table.headers.map((h) => h.name).join(", ") }));
    return { diagnostics };
  }
  const form: "long" | "wide" = coderColumn !== undefined && codeColumn !== undefined ? "long" : "wide";
  let coderColumns: { column: string; coder: string }[] = [];
  if (form === "wide") {
    const prefixed = table.headers.flatMap((h) => {
      const m = CODER_PREFIX.exec(h.name);
      return m ? [{ column: h.name, coder: (m[1] as string).trim() }] : [];
    });
    coderColumns = prefixed.length > 0 ? prefixed
      : table.headers.filter((h) => h.name !== noteColumn && h.name !== "" && !NOTE_FIELD_COLUMNS.has(h.name.toLowerCase()))
        .map((h) => ({ column: h.name, coder: h.name }));
    if (coderColumns.length === 0) {
      diagnostics.push(diagnostic({ code: "coding-missing-column", severity: "error", source: SOURCE, ...fileField,
        start: table.headers[0]?.place ?? { line: 1, column: 1 },
        reason: "Cannot load codings: no coder columns (long form needs coder and code columns; wide form one column per coder)",
        actual: table.headers.map((h) => h.name).join(", ") }));
      return { diagnostics };
    }
  }

  const knownCodes = opts.codebook
    ? new Set([...opts.codebook.codes.map((c) => c.id), ...(opts.codebook.dimensions ?? []).flatMap((d) => d.codes.map((c) => c.id))])
    : undefined;
  const knownNotes = opts.notes ? new Set(opts.notes.map((n) => (typeof n === "string" ? n : n.id))) : undefined;
  const codings: Coding[] = [];
  const coders: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, Set<string>>();
  const keys = new Set<string>();
  const noteSet = new Set<string>();
  const see = (coder: string, note: string): void => {
    if (!seen.has(coder)) { seen.set(coder, new Set()); coders.push(coder); }
    (seen.get(coder) as Set<string>).add(note);
  };
  const report = (code: DiagnosticCode, severity: "error" | "warning", place: Place, reason: string, extra: Partial<Diagnostic> = {}): void => {
    diagnostics.push(diagnostic({ code, severity, source: SOURCE, ...fileField, start: place, reason, ...extra }));
  };
  const add = (note: string, coder: string, code: string, codePlace: Place, polarity?: Cell): void => {
    if (knownCodes && !knownCodes.has(code)) {
      const lower = code.toLowerCase();
      const near = [...knownCodes].find((k) => k === lower);
      report("coding-unknown-code", opts.unknown, codePlace,
        `${opts.unknown === "error" ? "Cannot load" : "Skipped"} coding of note "${note}" by ${coder}: code "${code}" is not in the codebook`,
        { actual: code, ...(near ? { note: `Did you mean "${near}"? Code ids are case-sensitive.` } : {}) });
      return;
    }
    const coding: Coding = { note, coder, code };
    if (polarity && typeof polarity.value === "string" && polarity.value.trim() !== "") {
      const p = polarity.value.trim().toLowerCase();
      if (p !== "helpful" && p !== "barrier") {
        report("coding-unknown-polarity", "error", polarity.place, `Cannot load coding of note "${note}": polarity "${polarity.value}" is neither helpful nor barrier`, { actual: polarity.value });
        return;
      }
      coding.polarity = p;
    }
    const key = JSON.stringify([note, coder, code, coding.polarity ?? ""]);
    if (keys.has(key)) {
      report("coding-duplicate", "warning", codePlace, `Skipped a duplicate coding: ${coder} applied "${code}" to note "${note}" twice`);
      return;
    }
    keys.add(key);
    coding.origin = { ...(file === undefined ? {} : { file }), line: codePlace.line, column: codePlace.column };
    codings.push(coding);
  };

  for (const row of table.rows) {
    const noteCell = row.cells.get(noteColumn);
    const note = typeof noteCell?.value === "string" ? noteCell.value.trim() : "";
    const notePlace = noteCell?.place ?? { line: row.line, column: 1 };
    if (note === "") {
      report("coding-invalid", "error", notePlace, "Cannot load codings: a row has no note id");
      continue;
    }
    if (knownNotes && !knownNotes.has(note)) {
      report("coding-unknown-note", opts.unknown, notePlace,
        `${opts.unknown === "error" ? "Cannot load" : "Skipped"} codings of note "${note}": the note is not in the notes`, { actual: note });
      continue;
    }
    if (!noteSet.has(note)) { noteSet.add(note); notes.push(note); }
    if (form === "long") {
      const coderCell = row.cells.get(coderColumn as string);
      const coder = typeof coderCell?.value === "string" ? coderCell.value.trim() : "";
      if (coder === "") {
        report("coding-invalid", "error", coderCell?.place ?? notePlace, `Cannot load coding of note "${note}": the coder is empty`);
        continue;
      }
      see(coder, note);
      const codeCell = row.cells.get(codeColumn as string) as Cell;
      for (const { code, place } of splitCodes(codeCell)) add(note, coder, code, place, polarityColumn ? row.cells.get(polarityColumn) : undefined);
    } else {
      for (const { column, coder } of coderColumns) {
        const cell = row.cells.get(column);
        // A missing key (JSON) or a cell `NA` / `-` means the coder did not see the note.
        if (!cell || (typeof cell.value === "string" && NOT_SEEN.has(cell.value.trim().toUpperCase()))) continue;
        see(coder, note);
        for (const { code, place } of splitCodes(cell)) add(note, coder, code, place);
      }
    }
  }
  const value: LoadedCodings = {
    form,
    coders,
    notes,
    codings,
    seen: coders.map((coder) => ({ coder, notes: [...(seen.get(coder) as Set<string>)] })),
  };
  return { value, diagnostics };
}
