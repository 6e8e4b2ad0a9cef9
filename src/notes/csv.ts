import { appendAll } from "../collections/append-all.ts";
import type { z } from "zod";
import { validateOptions } from "../diagnostics/options.ts";
import { CsvNotesOptionsSchema } from "./notes-options.ts";
import { parse } from "csv-parse/sync";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { fieldForHeader, parseLanguageCell, type NoteField } from "./columns.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import type { Note } from "./note.ts";
import { RawLines } from "./raw-lines.ts";
import { nfcField } from "../text/nfc.ts";

/** Options for reading notes from CSV or TSV. */
export type CsvNotesOptions = z.input<typeof CsvNotesOptionsSchema>;

const CODES_COLUMN = /^codes?:(.+)$/iu;
const LOCATION = { source: "kodebok:csv" } as const;

/** Excel's first line `sep=;` that declares the delimiter (and is no record). */
const SEP_LINE = /^sep=([^\r\n"])(?:\r\n|\r|\n|$)/u;

/**
 * Excel's `sep=<c>` first line: the delimiter it declares, and the text with that line blanked (its
 * line break kept, so every later line keeps its number; csv-parse skips the empty line).
 *
 * @param text CSV text
 * @returns the text without the line's content, and the declared delimiter (undefined without the line)
 * @example
 * ```ts
 * withoutSepLine("sep=;\nid;tekst\n"); // { text: "\nid;tekst\n", delimiter: ";" }
 * ```
 */
export function withoutSepLine(text: string): { text: string; delimiter: string | undefined } {
  const declared = SEP_LINE.exec(text);
  if (!declared) return { text, delimiter: undefined };
  return { text: text.slice("sep=;".length), delimiter: declared[1]! };
}

/**
 * Detects a CSV delimiter from the header line: the one Excel's first line `sep=;` declares, or
 * the most frequent of `,`, `;` and tab outside quotes (Norwegian Excel writes `;`).
 *
 * @example
 * ```ts
 * detectDelimiter("id;tekst;gruppe\n1;Hei;A"); // ";"
 * ```
 */
export function detectDelimiter(text: string): string {
  const declared = SEP_LINE.exec(text);
  if (declared) return declared[1]!;
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses notes from CSV or TSV text with csv-parse. Header names are matched in English and
 * Norwegian (`text`/`tekst`, `participant`/`deltaker`, `group`/`gruppe`, `question`/`spørsmål`,
 * ...) or mapped explicitly; other columns become attributes; `codes:<coder>` columns become
 * codings. Ragged rows, unclosed quotes, empty texts and duplicate ids are reported with line
 * and column, never dropped silently.
 *
 * @param text the CSV text (already decoded)
 * @param options file name, delimiter, column mapping
 * @returns the notes and codings, or located diagnostics
 * @example
 * ```ts
 * const result = parseNotesCsv("id;tekst;deltaker\n1;Hun tok seg tid;P1\n", { file: "notes.csv" });
 * result.ok && result.value.notes[0]?.participant; // "P1"
 * ```
 */
export function parseNotesCsv(text: string, options: CsvNotesOptions = {}): Result<LoadedNotes> {
  return fromRecovered(csvNotes(text, options));
}

/**
 * {@link parseNotesCsv}'s core: the notes it read and every diagnostic, also when some are errors.
 *
 * @param text the text
 * @param options as for {@link parseNotesCsv}
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * csvNotes("id;tekst\n1;Tid\n1;Mer tid\n").value?.notes.length; // 1, beside the error for the repeated id
 * ```
 */
export function csvNotes(text: string, options: CsvNotesOptions = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(CsvNotesOptionsSchema, options, "load notes", "kodebok:csv");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const declared = withoutSepLine(text.replace(/^\uFEFF/u, ""));
  const body = declared.text;
  const delimiter = options.delimiter ?? declared.delimiter ?? detectDelimiter(body);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(body, {
      delimiter,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    return { diagnostics: [csvErrorDiagnostic(error, body, delimiter, file)] };
  }
  if (records.length === 0) {
    return { diagnostics: [diagnostic({ ...LOCATION, code: "csv-no-header", severity: "error", reason: "Cannot load notes: the CSV file is empty", file })] };
  }
  const diagnostics: Diagnostic[] = [];
  const header = records[0]!.record.map((h) => nfcField(h).trim());
  const mapping = mapColumns(header, options, file, diagnostics);
  if (mapping === undefined) return { diagnostics };

  const prefix = options.idPrefix ?? stem(file);
  if (mapping.fields.id === undefined) {
    diagnostics.push(diagnostic({ ...LOCATION, code: "note-id-generated", severity: "info", reason: `No id column: note ids were generated as "${prefix}-<row>"`, file, start: { line: 1, column: 1 } }));
  }
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const rows: CsvRows = { header, mapping, delimiter, file, prefix, source: options.source };
  const lines = new RawLines();
  lines.next(records[0]!.raw);
  // Each note's record and its line, to place a repeated id at its own cell.
  const recordOf: number[] = [];
  const lineOf: number[] = [];
  records.slice(1).forEach(({ record, raw }, index) => {
    const line = lines.next(raw);
    lineOf.push(line);
    const before = notes.length;
    csvRecordNotes(rows, record, line, raw, index, notes, codings, diagnostics);
    for (let k = before; k < notes.length; k++) recordOf.push(index);
  });
  const idColumn = mapping.fields.id;
  const idPlace =
    idColumn === undefined
      ? undefined
      : (k: number) => {
          const index = recordOf[k]!;
          const { record, raw } = records[index + 1]!;
          return csvFieldPlaces(record, lineOf[index]!, raw, delimiter)(idColumn);
        };
  const checked = checkNotes(notes, file, idPlace);
  appendAll(diagnostics, checked.diagnostics);
  return { value: { notes: checked.notes, codings }, diagnostics };
}

/** What turning CSV records into notes needs besides the record: the header and its mapping. */
export interface CsvRows {
  header: string[];
  mapping: ColumnMapping;
  delimiter: string;
  file: string | undefined;
  /** Prefix of generated ids. */
  prefix: string;
  source: string | undefined;
  /**
   * Where field `column` of the record starting on `line` is, for a table that is not CSV text (a
   * spreadsheet: its row and column); by default it is found in the record's raw text.
   */
  placeAt?: (line: number, column: number) => { line: number; column: number };
}

/**
 * Turns one CSV data record into notes (one per text column) and codings, as `parseNotesCsv` does;
 * shared with the streaming reader so both give the same notes.
 *
 * @param rows the header, column mapping and file
 * @param record the record's fields
 * @param line the line the record starts on (from {@link RawLines})
 * @param raw the record as written (csv-parse's raw text), or null for a one-line record without quotes (see RecordTexts)
 * @param index the record's position among the data records, from 0
 * @param notes, codings, diagnostics where the results go
 * @param locate false, for a reader that only counts codes: the notes get no origin and only their
 *   id, text and language (all that counting reads); diagnostics are then not placed either
 * @example
 * ```ts
 * csvRecordNotes(rows, ["1", "Hun tok seg tid"], 2, "1;Hun tok seg tid\n", 0, notes, codings, diagnostics);
 * ```
 */
export function csvRecordNotes(
  rows: CsvRows,
  record: string[],
  line: number,
  rawText: string | null,
  index: number,
  notes: Note[],
  codings: Coding[],
  diagnostics: Diagnostic[],
  locate = true,
): void {
  const { header, mapping, delimiter, file, prefix } = rows;
  // Fields in full NFC: the file was normalised with U+037E kept, as its NFC form ";" is a delimiter.
  for (let k = 0; k < record.length; k++) if (record[k]!.includes("\u037E")) record[k] = nfcField(record[k]!);
  let places: ((column: number) => { line: number; column: number }) | undefined;
  const place = rows.placeAt
    ? (column: number) => rows.placeAt!(line, column)
    : (column: number) => (places ??= csvFieldPlaces(record, line, rawText, delimiter))(column);
  if (record.length !== header.length) {
    diagnostics.push(
      diagnostic({
        ...LOCATION,
        code: "csv-ragged-row",
        severity: "error",
        reason: `Cannot load notes: row has ${record.length} fields, the header has ${header.length}`,
        file,
        start: place(Math.min(record.length, header.length) - (record.length > header.length ? 0 : 1)),
        actual: String(record.length),
        expected: String(header.length),
        note: delimiter === "," ? "A comma inside a text must be quoted: \"like, this\"." : "Check for a delimiter inside an unquoted text.",
      }),
    );
    return;
  }
  const cell = (field: NoteField) => {
    const column = mapping.fields[field];
    return column === undefined ? undefined : record[column]!.trim();
  };
  const rowId = cell("id") || `${prefix}-${index + 1}`;
  const textColumns = mapping.texts;
  // One text column (the usual case): the note is built directly, its keys in the order of
  // `{ id, text, ...base, origin }`; several: the fields shared by the row's notes first.
  const single = textColumns.length === 1 ? ({ id: rowId, text: record[textColumns[0]!]!.trim() } as Note) : undefined;
  const base: Omit<Note, "id" | "text"> = single ?? {};
  if (locate) {
    for (const field of NOTE_FIELDS) {
      const value = cell(field);
      if (value) base[field] = value;
    }
    const source = cell("source") || rows.source;
    if (source) base.source = source;
  }
  const languageCell = cell("language");
  if (languageCell) {
    const language = parseLanguageCell(languageCell);
    if (language) base.language = language;
    else {
      diagnostics.push(diagnostic({ ...LOCATION, code: "note-invalid-language", severity: "warning", reason: `Note "${rowId}": language "${languageCell}" is not nb, nn or en; it will be detected`, file, start: place(mapping.fields.language!), field: "language" }));
    }
  }
  if (locate && mapping.attributes.length > 0) {
    const attributes: Record<string, string> = {};
    let any = false;
    for (let k = 0; k < mapping.attributes.length; k++) {
      const value = record[mapping.attributes[k]!]!.trim();
      if (value !== "") {
        attributes[mapping.attributeNames[k]!] = value;
        any = true;
      }
    }
    if (any) base.attributes = attributes;
  }
  const origin = (column: number): NonNullable<Note["origin"]> => {
    const at = place(column);
    return file !== undefined ? { file, line: at.line, column: at.column } : { line: at.line, column: at.column };
  };
  if (single) {
    if (locate) single.origin = origin(textColumns[0]!);
    notes.push(single);
  } else {
    for (const column of textColumns) {
      const id = `${rowId}-${slug(header[column]!)}`;
      const note: Note = { id, text: record[column]!.trim(), ...base };
      if (locate) note.origin = origin(column);
      note.question = header[column]!;
      notes.push(note);
    }
  }
  for (const { column, coder } of mapping.codes) {
    const at = place(column);
    for (const code of record[column]!.split(/[;,|]/u).map((c) => c.trim()).filter((c) => c !== "")) {
      codings.push({ note: rowId, coder, code, origin: { ...(file !== undefined ? { file } : {}), ...at } });
    }
  }
}

/**
 * Where each field of a CSV record starts: a function from a field's index to its line and column
 * (from 1), as the notes' origins and the diagnostics give them.
 *
 * @param record the record's fields
 * @param line the line the record starts on
 * @param rawText the record as written, or null for a one-line record without quotes (see RecordTexts)
 * @param delimiter the field delimiter
 * @returns the place of field `column`
 * @example
 * ```ts
 * csvFieldPlaces(["d1", "G3", "Hun hørte på meg"], 6, null, ";")(2); // { line: 6, column: 7 }
 * ```
 */
export function csvFieldPlaces(record: readonly string[], line: number, rawText: string | null, delimiter: string): (column: number) => { line: number; column: number } {
  // The line breaks of skipped empty lines open the raw text; the record starts after them.
  // No raw text (null): a one-line record without quotes, its fields joined by the delimiter.
  const raw = rawText === null ? "" : rawText.charCodeAt(0) === 10 || rawText.charCodeAt(0) === 13 ? rawText.replace(/^[\r\n]+/u, "") : rawText;
  const offsets = rawText === null ? joinedOffsets(record, delimiter.length) : fieldOffsets(raw, delimiter);
  return (column) => {
    const at = offsets[column] ?? 0;
    if (rawText === null) return { line, column: at + 1 };
    let newlines = 0;
    let last = -1;
    for (let nl = raw.indexOf("\n"); nl >= 0 && nl < at; nl = raw.indexOf("\n", nl + 1)) {
      newlines++;
      last = nl;
    }
    return { line: line + newlines, column: newlines === 0 ? at + 1 : at - last };
  };
}

/** The optional note fields read from their own columns, in the order of a note's keys. */
const NOTE_FIELDS = ["seminar", "group", "participant", "question", "cluster"] as const;

/** Which columns hold which note fields. */
export interface ColumnMapping {
  fields: Partial<Record<NoteField, number>>;
  texts: number[];
  attributes: number[];
  /** The key of each attribute column in `attributes` (its header; a repeated header gets " (2)", " (3)", ...). */
  attributeNames: string[];
  codes: { column: number; coder: string }[];
}

/**
 * Maps a CSV header onto note fields: explicit `columns` first, then `textColumns`, `codes:<coder>`
 * columns, and the built-in English and Norwegian names; other columns become attributes.
 *
 * @param header the trimmed header fields
 * @param options the column options
 * @param file the file, for messages
 * @param diagnostics where problems go
 * @returns the mapping, or undefined when no text column can be found
 * @example
 * ```ts
 * mapColumns(["id", "tekst", "kommune"], {}, "notes.csv", [])?.attributes; // [2]
 * ```
 */
export function mapColumns(header: string[], options: CsvNotesOptions, file: string | undefined, diagnostics: Diagnostic[]): ColumnMapping | undefined {
  const fields: Partial<Record<NoteField, number>> = {};
  const codes: { column: number; coder: string }[] = [];
  const taken = new Set<number>();
  for (const [field, name] of Object.entries(options.columns ?? {}) as [NoteField, string][]) {
    const column = header.findIndex((h) => h === name || h.toLowerCase() === name.toLowerCase());
    if (column < 0) {
      diagnostics.push(diagnostic({ ...LOCATION, code: "csv-no-text-column", severity: "error", reason: `Cannot load notes: the column "${name}" given for ${field} is not in the header`, file, start: { line: 1, column: 1 }, expected: name, actual: header.join(", ") }));
      return undefined;
    }
    fields[field] = column;
    taken.add(column);
  }
  const texts = (options.textColumns ?? []).map((name) => {
    const column = header.findIndex((h) => h === name);
    if (column < 0) diagnostics.push(diagnostic({ ...LOCATION, code: "csv-no-text-column", severity: "error", reason: `Cannot load notes: the text column "${name}" is not in the header`, file, start: { line: 1, column: 1 }, expected: name }));
    taken.add(column);
    return column;
  });
  if (texts.some((c) => c < 0)) return undefined;
  header.forEach((name, column) => {
    if (taken.has(column)) return;
    const codesMatch = CODES_COLUMN.exec(name);
    if (codesMatch) {
      codes.push({ column, coder: codesMatch[1]!.trim() });
      taken.add(column);
      return;
    }
    const field = fieldForHeader(name);
    if (field === undefined || (field === "text" && texts.length > 0)) return;
    if (fields[field] !== undefined) {
      diagnostics.push(diagnostic({ ...LOCATION, code: "csv-duplicate-column", severity: "warning", reason: `Column "${name}" also maps to ${field}; the first such column ("${header[fields[field]!]}") is used and this one kept as an attribute`, file, start: { line: 1, column: 1 } }));
      return;
    }
    fields[field] = column;
    taken.add(column);
  });
  if (texts.length === 0) {
    if (fields.text === undefined) {
      diagnostics.push(
        diagnostic({
          ...LOCATION,
          code: "csv-no-text-column",
          severity: "error",
          reason: `Cannot load notes: no column holds the note text (header: ${header.map((h) => `"${h}"`).join(", ")})`,
          file,
          start: { line: 1, column: 1 },
          note: 'Name the column "text" or "tekst", or map it with the option columns: { text: "..." } (CLI: --text-column).',
        }),
      );
      return undefined;
    }
    texts.push(fields.text);
  }
  delete fields.text;
  const attributes = header.map((_, i) => i).filter((i) => !taken.has(i) && !texts.includes(i));
  // Two attribute columns with one name would write one key: the later would silently win.
  const used = new Map<string, number>();
  const attributeNames = attributes.map((column) => {
    const name = header[column]!;
    const count = (used.get(name) ?? 0) + 1;
    used.set(name, count);
    if (count === 1) return name;
    const renamed = `${name} (${count})`;
    diagnostics.push(
      diagnostic({
        ...LOCATION,
        code: "csv-duplicate-column",
        severity: "warning",
        reason: `Column ${column + 1} is named "${name}" like an earlier column; its values are kept as the attribute "${renamed}"`,
        file,
        start: { line: 1, column: 1 },
        note: "Give each column its own name.",
      }),
    );
    return renamed;
  });
  return { fields, texts, attributes, attributeNames, codes };
}

/** Offsets (from 0) of each field's first character in a record written as its fields joined by a delimiter. */
function joinedOffsets(record: readonly string[], delimiterLength: number): number[] {
  const offsets = new Array<number>(record.length);
  let at = 0;
  for (let i = 0; i < record.length; i++) {
    offsets[i] = at;
    at += record[i]!.length + delimiterLength;
  }
  return offsets;
}

/** Offsets (from 0) of each field's first character in a raw record (its first line break outside quotes ends it). */
export function fieldOffsets(raw: string, delimiter: string): number[] {
  const offsets = [0];
  let quoted = false;
  if (delimiter.length === 1) {
    const d = delimiter.charCodeAt(0);
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (!quoted && c === d) offsets.push(i + 1);
      else if (!quoted && (c === 10 || c === 13)) break;
    }
    return offsets;
  }
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && raw.startsWith(delimiter, i)) offsets.push(i + delimiter.length);
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
  }
  return offsets;
}

/**
 * Turns an error thrown by csv-parse into a located diagnostic (an unclosed quote is located where
 * it was opened when the whole text is given).
 *
 * @param error what csv-parse threw
 * @param text the CSV text, or "" when it is not at hand (streaming)
 * @param delimiter the delimiter
 * @param file the file, for the message
 * @returns the diagnostic
 * @example
 * ```ts
 * csvErrorDiagnostic({ code: "CSV_QUOTE_NOT_CLOSED", lines: 3 }, "", ";", "a.csv").code; // "csv-unclosed-quote"
 * ```
 */
export function csvErrorDiagnostic(error: unknown, text: string, delimiter: string, file: string | undefined): Diagnostic {
  const e = error as { code?: string; message?: string; lines?: number; column?: number };
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    const open = findUnclosedQuote(text, delimiter);
    return diagnostic({ ...LOCATION, code: "csv-unclosed-quote", severity: "error", reason: "Cannot load notes: a quoted field is not closed", file, start: open ?? { line: e.lines ?? 1, column: 1 }, note: 'Close the quote, or write a quote inside a quoted text as "".' });
  }
  if (e.code === "INVALID_OPENING_QUOTE" || e.code === "CSV_INVALID_CLOSING_QUOTE") {
    return diagnostic({ ...LOCATION, code: "csv-invalid-quote", severity: "error", reason: `Cannot load notes: ${e.message?.replace(/^[^:]*:\s*/u, "") ?? "invalid quote"}`, file, start: { line: e.lines ?? 1, column: 1 }, note: 'Quote the whole field and write an inner quote as "".' });
  }
  return diagnostic({ ...LOCATION, code: "csv-parse-error", severity: "error", reason: `Cannot load notes: ${e.message ?? String(error)}`, file, start: { line: e.lines ?? 1, column: 1 } });
}

/** Finds where the quote that is never closed was opened. */
function findUnclosedQuote(text: string, delimiter: string): { line: number; column: number } | undefined {
  let line = 1;
  let column = 1;
  let fieldStart = true;
  let open: { line: number; column: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (open) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          i++;
          column += 2;
          continue;
        }
        open = undefined;
      }
    } else if (ch === '"' && fieldStart) open = { line, column };
    fieldStart = !open && (ch === "\n" || text.startsWith(delimiter, i));
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return open;
}

/**
 * The prefix of generated note ids for a file: its base name without the extension.
 *
 * @example
 * ```ts
 * defaultIdPrefix("data/survey.csv"); // "survey"
 * ```
 */
export function defaultIdPrefix(file: string | undefined): string {
  return stem(file);
}

function stem(file: string | undefined): string {
  if (!file) return "note";
  const base = file.split(/[\\/]/u).pop() ?? file;
  return base.replace(/\.[^.]+$/u, "") || "note";
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/gu, "") || "text";
}
