import { appendAll } from "../collections/append-all.ts";
import { detectLanguage } from "../text/detect-language.ts";
import { tokenize } from "../text/tokenize.ts";
import type { Codebook } from "../codebook/codebook.ts";
import { codebookHash } from "../codebook/hash.ts";
import { checkCodebookArgument, checkOptions, invalidArgument } from "../diagnostics/options.ts";
import { codebookDimensions, dimensionOfCode } from "../codebook/dimensions.ts";
import { localize } from "../codebook/label.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, hasErrors, type Diagnostic, type Place } from "../diagnostics/diagnostic.ts";
import { codeNotes } from "../match/code-notes.ts";
import { compileCodebook } from "../match/compile.ts";
import { detectDelimiter, withoutSepLine } from "../notes/csv.ts";
import { checkNotes } from "../notes/loaded-notes.ts";
import { splitLines } from "../notes/raw-lines.ts";
import type { Note, NoteOrigin } from "../notes/note.ts";
import { recoverNotes, type NotesOptions } from "../notes/parse.ts";
import { agreementTable, type CoderSet } from "./check-agreement.ts";
import {
  CheckOptionsSchema,
  type CheckOptions,
  type CheckReport,
  type AgreementRow,
  type CheckedFile,
  type ResolvedCheckOptions,
  type UncodedRow,
} from "./check-report.ts";
import { looksLikeCodingsFile, parseDatasetCodings } from "./dataset-codings.ts";
import { findSpans, type RedactionKind } from "../rollup/redact.ts";

/** One file of a coded dataset: its name (for messages) and its decoded text. */
export interface DatasetFile {
  file: string;
  text: string;
  /**
   * Diagnostics from reading the file, reported with the findings: an encoding warning, say, or
   * the error that it could not be read at all (then `text` is not looked at).
   */
  diagnostics?: Diagnostic[];
}

/** The kinds of personal data `checkDataset` warns about. */
export const PERSONAL_DATA_KINDS: readonly RedactionKind[] = ["email", "phone", "id-number"];

/** The coder name kodebok's own coding gets in agreement tables (`--against-auto`). */
export const AUTO_CODER = "kodebok";

const SOURCE = "kodebok:check";

/**
 * Checks a coded dataset against a codebook, as `kodebok check` does in CI: the schema of every
 * file, duplicate note ids, empty texts, codes not in the codebook, codes applied to notes in a
 * language the codebook does not cover, agreement between coders per code and overall against the
 * thresholds, optionally each coder against kodebok's own coding, the share of uncoded notes, and
 * personal data in the texts. Pure: it reads no files; every finding is a located diagnostic.
 *
 * A dataset is notes files (CSV, JSON, Markdown, ...) whose `codes:<coder>` columns hold each
 * coder's codes, and/or long-form codings files (`note_id, coder, code`).
 *
 * @param files the dataset's files, already read and decoded
 * @param codebook the codebook the dataset is coded with
 * @param options thresholds and reading options (see {@link CheckOptionsSchema})
 * @returns the report: `ok` is false when any finding is an error
 * @example
 * ```ts
 * const codebook = await loadCodebook("natland-2021");
 * const text = await readFile("fixtures/seminars/city-seminar.csv", "utf8");
 * const report = checkDataset([{ file: "city-seminar.csv", text }], codebook, { minAlpha: 0.7 });
 * report.ok; // true when nothing failed
 * report.findings.map(formatDiagnostic);
 * ```
 */
export function checkDataset(files: readonly DatasetFile[], codebook: Codebook, options: CheckOptions = {}): CheckReport {
  const opts = checkOptions(CheckOptionsSchema, options, "check the dataset", SOURCE);
  checkCodebookArgument(codebook, "check the dataset", SOURCE);
  if (!Array.isArray(files as unknown) || !files.every((f) => f !== null && typeof f === "object" && typeof f.file === "string" && typeof f.text === "string")) {
    throw invalidArgument("check the dataset", 'the files must be a list of { file, text } (each file\'s name and its text)', "files", SOURCE);
  }
  const findings: Diagnostic[] = [];
  const lines = new Map<string, string[]>();
  const checkedFiles: CheckedFile[] = [];
  const notes: Note[] = [];
  const codings: Coding[] = [];
  /** For each coder, the notes the coder saw (coded or deliberately left uncoded). */
  const seen = new Map<string, Set<string>>();
  const fromCodingsFiles: Coding[] = [];

  const notesOptions: NotesOptions = {};
  if (opts.delimiter) notesOptions.delimiter = opts.delimiter;
  if (opts.textColumn) notesOptions.columns = { text: opts.textColumn };
  if (opts.format) notesOptions.format = opts.format;

  for (const input of files) {
    lines.set(input.file, input.text.split(/\r?\n/u));
    appendAll(findings, input.diagnostics ?? []);
    if (hasErrors(input.diagnostics ?? [])) {
      checkedFiles.push({ file: input.file, kind: "notes", ok: false, notes: 0, codings: 0, coders: [] });
      continue;
    }
    // What a file holds is checked even when the file has errors (a repeated id, a broken row), so
    // that one run reports every problem: its errors fail the check, and the rest is still read.
    if (looksLikeCodingsFile(input.file, input.text)) {
      const { value, diagnostics } = parseDatasetCodings(input.text, input.file);
      appendAll(findings, diagnostics);
      const ok = value !== undefined && !hasErrors(diagnostics);
      checkedFiles.push({ file: input.file, kind: "codings", ok, notes: value?.notes.length ?? 0, codings: value?.codings.length ?? 0, coders: value?.coders ?? [] });
      if (value === undefined) continue;
      appendAll(fromCodingsFiles, value.codings);
      for (const { coder, notes: ids } of value.seen) addSeen(seen, coder, ids);
      continue;
    }
    const { value, diagnostics } = recoverNotes(input.text, { ...notesOptions, file: input.file });
    appendAll(findings, diagnostics);
    const coders = codersInHeader(input.text, input.file, opts.delimiter);
    if (value === undefined) {
      checkedFiles.push({ file: input.file, kind: "notes", ok: false, notes: 0, codings: 0, coders });
      continue;
    }
    const kept = new Set(value.notes.map((n) => n.id));
    // Codings of a note skipped for its empty text go with it (the empty text is reported).
    const fileCodings = value.codings.filter((c) => kept.has(c.note));
    for (const c of fileCodings) if (!coders.includes(c.coder)) coders.push(c.coder);
    for (const coder of coders) addSeen(seen, coder, kept);
    appendAll(notes, value.notes);
    appendAll(codings, fileCodings);
    checkedFiles.push({ file: input.file, kind: "notes", ok: !hasErrors(diagnostics), notes: value.notes.length, codings: fileCodings.length, coders });
  }

  // Ids must be unique across files too (each file has checked its own).
  const across = checkNotes(notes).diagnostics.filter((d) => d.code === "note-duplicate-id");
  appendAll(findings, across.map((d) => ({ ...d, source: SOURCE })));
  const noteById = new Map<string, Note>();
  for (const note of notes) if (!noteById.has(note.id)) noteById.set(note.id, note);

  // Long-form codings must name known notes (when the dataset has notes at all).
  for (const coding of fromCodingsFiles) {
    if (notes.length > 0 && !noteById.has(coding.note)) {
      findings.push(
        located(lines, coding.origin && { ...coding.origin, column: 1 }, coding.note, {
          code: "coding-unknown-note",
          severity: "error",
          reason: `Coder "${coding.coder}" coded note "${coding.note}", which is in none of the notes files`,
          actual: coding.note,
        }),
      );
      continue;
    }
    codings.push(coding);
  }

  // kodebok's own coding: for the language of each note, and for --against-auto.
  const matcher = compileCodebook(codebook);
  const coded = codeNotes(notes, matcher, { language: opts.language });
  // The note's own language (stated, else detected), not the one it was coded in: Bokmål rules
  // code a Nynorsk note (see codingLanguage), but the codebook still does not cover Nynorsk.
  const languageOf = new Map(coded.map((c) => [c.note.id, c.note.language ?? detectLanguage(tokenize(c.note.text))]));

  // Codes not in the codebook, and codes on notes in a language the codebook does not cover.
  const dimensionOf = dimensionOfCode(codebook);
  const known = new Set(dimensionOf.keys());
  const valid: Coding[] = [];
  for (const coding of codings) {
    if (!known.has(coding.code)) {
      findings.push(
        located(lines, coding.origin, coding.code, {
          code: "coding-unknown-code",
          severity: "error",
          reason: `Coder "${coding.coder}" applied code "${coding.code}" to note "${coding.note}", but the codebook "${codebook.id}" has no such code`,
          actual: coding.code,
          note: nearest(coding.code, [...known]),
        }),
      );
      continue;
    }
    const language = languageOf.get(coding.note);
    if (language !== undefined && language !== "und" && !codebook.languages.includes(language)) {
      // A language the note states is certain: an error. A detected one may be wrong (post-its are
      // short): a warning that says so.
      const stated = noteById.get(coding.note)?.language !== undefined;
      findings.push(
        located(lines, coding.origin, coding.code, {
          code: "check-language-not-covered",
          severity: stated ? "error" : "warning",
          reason: `Coder "${coding.coder}" applied code "${coding.code}" to note "${coding.note}" in language "${language}"${stated ? "" : " (detected)"}, which the codebook "${codebook.id}" does not cover (${codebook.languages.join(", ")})`,
          actual: language,
          expected: codebook.languages.join(", "),
        }),
      );
    }
    valid.push(coding);
  }

  const humanCoders = [...seen.keys()];
  const human: CoderSet[] = humanCoders.map((coder) => ({
    coder,
    auto: false,
    seen: [...seen.get(coder)!].filter((id) => notes.length === 0 || noteById.has(id)),
    codings: valid.filter((c) => c.coder === coder),
  }));
  const auto: CoderSet = {
    coder: AUTO_CODER,
    auto: true,
    seen: notes.map((n) => n.id),
    codings: coded.flatMap((c) => [
      ...c.codes.map((a) => ({ note: c.note.id, coder: AUTO_CODER, code: a.code, polarity: a.polarity })),
      ...Object.values(c.dimensions ?? {}).flatMap((applications) => applications.map((a) => ({ note: c.note.id, coder: AUTO_CODER, code: a.code }))),
    ]),
  };

  // A coder who saw only part of the notes: that coder's figures cover fewer notes (say so).
  if (notes.length > 0) {
    for (const set of human) {
      if (set.seen.length >= notes.length) continue;
      findings.push(
        diagnostic({
          code: "check-partial-coverage",
          severity: "warning",
          reason: `Coder "${set.coder}" saw ${set.seen.length} of the ${notes.length} notes: agreement and the uncoded share for this coder cover only those`,
          note: "A note a coder read and left uncoded needs a codings row with an empty code (or an empty cell in a codes:<coder> column); projects from other REFI-QDA tools record only what was coded.",
          source: SOURCE,
        }),
      );
    }
  }

  // A dataset of headers only has nothing to check: that must not pass.
  if (notes.length === 0 && valid.length === 0) {
    findings.push(
      diagnostic({
        code: "notes-none",
        severity: "error",
        reason: "The dataset holds no notes and no codings: every file is empty or has a header only",
        note: "Check that the files are the right ones, and that the rows were saved.",
        source: SOURCE,
      }),
    );
  }
  if (opts.againstAuto && humanCoders.includes(AUTO_CODER)) {
    findings.push(
      diagnostic({
        code: "coder-name-reserved",
        severity: "error",
        reason: `A human coder is named "${AUTO_CODER}", the name of kodebok's own coding that --against-auto compares with`,
        note: `Rename the coder (the column codes:${AUTO_CODER}, or the coder field of the codings file).`,
        source: SOURCE,
      }),
    );
  }
  if (humanCoders.length === 0) {
    findings.push(diagnostic({ code: "check-no-codings", severity: "warning", reason: "The dataset holds no human codings: add codes:<coder> columns or a codings file", source: SOURCE }));
  } else if (humanCoders.length === 1 && !opts.againstAuto) {
    findings.push(
      diagnostic({
        code: "check-single-coder",
        severity: "info",
        reason: `Only one coder ("${humanCoders[0]}"): agreement between coders is not computed`,
        note: "Add a second coder's column, or compare with kodebok's own coding with --against-auto.",
        source: SOURCE,
      }),
    );
  }

  // Agreement between human coders, and of each with kodebok.
  const comparisons: CoderSet[][] = [];
  if (human.length >= 2) comparisons.push(human);
  if (opts.againstAuto && notes.length > 0) for (const h of human) comparisons.push([h, auto]);
  const agreement: AgreementRow[] = [];
  // Per dimension of the codebook: the themes, then each further dimension a human coded at all.
  const dimensions = codebookDimensions(codebook);
  const humanCodes = new Set(valid.map((c) => c.code));
  for (const sets of comparisons) {
    for (const dimension of dimensions) {
      if (!dimension.primary && !dimension.codes.some((c) => humanCodes.has(c))) continue;
      const table = agreementTable(sets, codebook, opts, dimensions.length > 1 ? dimension : undefined);
      agreement.push(...table.rows);
      appendAll(findings, table.diagnostics);
    }
  }
  for (const row of agreement) {
    const within = row.dimension === undefined ? "" : ` (${row.dimension})`;
    const label = row.level === "overall" ? `overall${within}` : `${row.level} "${row.id}"${within}`;
    const who = row.coders.join(" × ");
    const figures = `alpha ${fmt(row.alpha)}${row.kappa !== null ? `, kappa ${fmt(row.kappa)}` : ""} over ${row.units} notes`;
    if (row.status === "fail") {
      const reasons: string[] = [];
      if (row.alpha !== null && row.alpha < opts.minAlpha) reasons.push(`alpha is under the minimum ${opts.minAlpha}`);
      if (opts.minKappa !== undefined && row.kappa !== null && row.kappa < opts.minKappa) reasons.push(`kappa is under the minimum ${opts.minKappa}`);
      findings.push(diagnostic({ code: "check-agreement-below-minimum", severity: "error", reason: `Agreement ${who} on ${label}: ${figures}; ${reasons.join(" and ")}`, field: row.id, source: SOURCE }));
    } else if (row.status === "warn") {
      findings.push(diagnostic({ code: "check-agreement-below-warning", severity: "warning", reason: `Agreement ${who} on ${label}: ${figures}; alpha is under ${opts.warnAlpha}`, field: row.id, source: SOURCE }));
    } else if (row.status === "undefined" && row.level !== "category") {
      findings.push(
        diagnostic({
          code: "check-agreement-undefined",
          severity: "info",
          reason: `Agreement ${who} on ${label} is undefined over ${row.units} notes (${row.units < 2 ? "too few notes" : "no variation: every note has the same value"})`,
          field: row.id,
          source: SOURCE,
        }),
      );
    }
  }

  // Share of notes without any code (any theme: the codes of further dimensions do not count), per
  // coder (kodebok's own when there are no human coders).
  const uncoded: UncodedRow[] = [];
  const primary = dimensions[0]!.id;
  for (const set of human.length > 0 ? (opts.againstAuto ? [...human, auto] : human) : notes.length > 0 ? [auto] : []) {
    const codedIds = new Set(set.codings.filter((c) => dimensionOf.get(c.code) === primary).map((c) => c.note));
    const count = set.seen.filter((id) => !codedIds.has(id)).length;
    const share = set.seen.length === 0 ? 0 : count / set.seen.length;
    const fails = !set.auto && share > opts.maxUncoded;
    uncoded.push({ coder: set.coder, auto: set.auto, notes: set.seen.length, uncoded: count, share, status: set.seen.length === 0 ? "undefined" : fails ? "fail" : "pass" });
    if (fails) {
      findings.push(
        diagnostic({
          code: "check-uncoded-share",
          severity: "error",
          reason: `Coder "${set.coder}" left ${count} of ${set.seen.length} notes (${pct(share)}) without a code; the maximum is ${pct(opts.maxUncoded)}`,
          actual: String(share),
          expected: `<= ${opts.maxUncoded}`,
          source: SOURCE,
        }),
      );
    }
  }

  // Personal data in note texts.
  if (opts.personalData) {
    // The report module's detectors (the same that redact quotes), without name detection: a
    // name is not flagged, since texts name helpers and places as well as participants.
    const names: Record<RedactionKind, string> = { email: "an e-mail address", phone: "a phone number", "id-number": "a national identity number", name: "a name" };
    for (const note of notes) {
      for (const match of findSpans(note.text, { kinds: PERSONAL_DATA_KINDS, detectNames: false })) {
        findings.push(
          located(lines, note.origin, match.text, {
            code: "check-personal-data",
            severity: "warning",
            reason: `Note "${note.id}" seems to contain ${names[match.kind]}`,
            field: "text",
            note: "Remove or pseudonymise it in the data; reports redact it, but the dataset should not hold it.",
          }),
        );
      }
    }
  }

  const count = (severity: Diagnostic["severity"]) => findings.filter((d) => d.severity === severity).length;
  return {
    schema: "kodebok-check/1",
    ok: count("error") === 0,
    codebook: {
      id: codebook.id,
      title: localize(codebook.title, codebook.languages[0] ?? "nb"),
      ...(codebook.version !== undefined ? { version: codebook.version } : {}),
      hash: codebookHash(codebook),
    },
    thresholds: thresholds(opts),
    files: checkedFiles,
    totals: {
      files: files.length,
      notes: notes.length,
      codings: valid.length,
      coders: humanCoders,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
    },
    agreement,
    uncoded,
    findings,
  };
}

function thresholds(opts: ResolvedCheckOptions): CheckReport["thresholds"] {
  return { minAlpha: opts.minAlpha, warnAlpha: opts.warnAlpha, minKappa: opts.minKappa ?? null, maxUncoded: opts.maxUncoded, againstAuto: opts.againstAuto };
}

function addSeen(seen: Map<string, Set<string>>, coder: string, ids: Iterable<string>): void {
  let set = seen.get(coder);
  if (!set) seen.set(coder, (set = new Set()));
  for (const id of ids) set.add(id);
}

/**
 * The coders of a delimited notes file's `codes:<coder>` columns, in header order: each of them
 * read every note of the file, also those they left without a code.
 *
 * @param text the file's text
 * @param file the file name (its extension tells the delimiter of a TSV file)
 * @param delimiter the delimiter, when known; otherwise detected
 * @returns the coders' names
 * @example
 * ```ts
 * codersInHeader("id;text;codes:anna;codes:bo\n", "notes.csv", undefined); // ["anna", "bo"]
 * ```
 */
export function codersInHeader(text: string, file: string, delimiter: string | undefined): string[] {
  if (!/\.(csv|tsv|tab|txt)$/iu.test(file) && !/^[^\n]*codes?:/iu.test(text)) return [];
  const declared = withoutSepLine(text.replace(/^\uFEFF/u, ""));
  const body = declared.text;
  const first = splitLines(body).find((line) => line !== "") ?? "";
  const sep = /\.(tsv|tab)$/iu.test(file) ? "\t" : (delimiter ?? declared.delimiter ?? detectDelimiter(body));
  return first
    .split(sep)
    .map((h) => h.trim().replace(/^"(.*)"$/u, "$1").trim())
    .map((h) => /^codes?:(.+)$/iu.exec(h)?.[1]?.trim())
    .filter((c): c is string => c !== undefined && c !== "");
}

/**
 * A diagnostic at a record's origin, moved to the exact column of `needle` when it is found on the
 * record's line (or the next few lines of a multi-line record).
 */
function located(
  lines: Map<string, string[]>,
  origin: NoteOrigin | undefined,
  needle: string,
  rest: Omit<Parameters<typeof diagnostic>[0], "file" | "start" | "source">,
): Diagnostic {
  const file = origin?.file;
  let start: Place | undefined = origin ? { line: origin.line, column: origin.column } : undefined;
  const text = file !== undefined ? lines.get(file) : undefined;
  if (origin && text && needle !== "") {
    for (let line = origin.line; line < origin.line + 20 && line <= text.length; line++) {
      const from = line === origin.line ? origin.column - 1 : 0;
      const at = text[line - 1]!.indexOf(needle, from);
      if (at >= 0) {
        start = { line, column: at + 1 };
        break;
      }
    }
  }
  return diagnostic({ ...rest, ...(file !== undefined ? { file } : {}), ...(start ? { start } : {}), source: SOURCE });
}

/** A hint naming the most similar known code, when one is close. */
function nearest(code: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = levenshtein(code.toLowerCase(), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(code.length / 3)) ? `Did you mean "${best}"?` : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function fmt(x: number | null): string {
  return x === null ? "undefined" : x.toFixed(3);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
