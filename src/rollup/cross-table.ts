import type { Codebook } from "../codebook/codebook.ts";
import { codebookDimensions, resolveDimension } from "../codebook/dimensions.ts";
import { localize } from "../codebook/label.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { Language } from "../text/language.ts";
import { attributeOf, codeMatrix, MISSING_VALUE, qualifiesBySeminar, type MatrixBy } from "./code-matrix.ts";
import { chooseQuotesWhere, themeQuote, type QuoteCandidate, type QuoteOptions } from "./quotes.ts";
import { redact as redactText } from "./redact.ts";
import type { CrossCell, CrossTable } from "./summary.ts";

/** Options of {@link crossTable}. */
export interface CrossTableOptions {
  /** Language of labels and attributions (default: the codebook's first language). */
  language?: Language;
  /** Quotes per cell (default 2). */
  quotesPerCell?: number;
  /** Longest quote in characters (default 240). */
  quoteLength?: number;
  /** As `rollUp`'s `redact`: a function for every quote, or `false` for none; default `redact`. */
  redact?: false | ((text: string, language?: Language) => string);
  /** Column values in order; default: a dimension's codes in codebook order, else the values sorted. */
  values?: readonly string[];
}

/**
 * The themes of a codebook crossed with a further dimension (`actor`) or a note attribute
 * (`seminar`, `question`, ...), with quotes per cell: `codeMatrix` in codebook order, each cell
 * with the quotes of its notes (for a dimension, the notes whose theme mention is tied to the
 * cell's code, with that mention in view). Columns of a dimension are its codes that occur, in
 * codebook order, then {@link MISSING_VALUE} when some theme mention is tied to none.
 *
 * @param coded the coded notes
 * @param codebook the codebook they were coded with
 * @param by a dimension (`actor`, `actors`), a note attribute, or a function of the note
 * @param options language, quotes per cell, redaction, column order
 * @returns the table, with `labels` for its rows and columns
 * @example
 * ```ts
 * const table = crossTable(coded, codebook, "actor", { quotesPerCell: 1 });
 * table.cells.find((c) => c.code === "time" && c.value === "nav")?.quotes[0]?.text;
 * ```
 */
export function crossTable(coded: readonly CodedNote[], codebook: Codebook, by: MatrixBy, options: CrossTableOptions = {}): CrossTable {
  const language = options.language ?? codebook.languages[0] ?? "nb";
  const redact: (text: string, language?: Language) => string =
    options.redact === false ? (t) => t : (options.redact ?? ((t, noteLanguage) => redactText(t, { language: noteLanguage ?? language })));
  const quotes: QuoteOptions = { perCode: options.quotesPerCell ?? 2, maxLength: options.quoteLength ?? 240, redact, language };
  const themes = codebook.codes.map((c) => c.id);
  const dimensions = codebookDimensions(codebook).filter((d) => !d.primary);
  const dimension = typeof by === "string" ? resolveDimension(dimensions.map((d) => d.id), by) : undefined;
  let values = options.values;
  if (values === undefined && dimension !== undefined) {
    const found = codeMatrix(coded, dimension, { codes: themes }).values;
    const order = dimensions.find((d) => d.id === dimension)!.codes;
    values = [...order.filter((v) => found.includes(v)), ...found.filter((v) => !order.includes(v))];
  }
  const matrix = codeMatrix(coded, dimension ?? by, { codes: themes, ...(values ? { values } : {}) });
  const qualify = qualifiesBySeminar(coded, by);
  const cells: CrossCell[] = matrix.cells.map((cell) => ({
    ...cell,
    quotes:
      cell.notes === 0
        ? []
        : chooseQuotesWhere(
            coded,
            cell.code,
            dimension !== undefined ? (c) => tiedQuote(c, dimension, cell.code, cell.value) : (c) => (attributeOf(c.note, by, qualify) === cell.value ? themeQuote(c, cell.code) : undefined),
            quotes,
            cell.value,
          ),
  }));
  const labels: Record<string, string> = {};
  for (const code of codebook.codes) labels[code.id] = localize(code.label, language);
  for (const d of codebook.dimensions ?? []) for (const code of d.codes) labels[code.id] = localize(code.label, language);
  return { ...matrix, cells, labels };
}

/**
 * A note as a quote of a dimension's code (`theme` undefined: any theme tied to it; the code's
 * words in view) or of a theme tied to it (the theme's words in view); for {@link MISSING_VALUE},
 * the theme's mentions tied to no code.
 *
 * @param c the coded note
 * @param dimension the dimension's id
 * @param theme the theme, or undefined for any
 * @param value the dimension's code, or {@link MISSING_VALUE}
 * @returns what the note offers as a quote, or `undefined`
 * @example
 * ```ts
 * tiedQuote(coded[0]!, "actors", "time", "gp")?.polarity; // "helpful"
 * ```
 */
export function tiedQuote(c: CodedNote, dimension: string, theme: string | undefined, value: string): QuoteCandidate | undefined {
  if (value === MISSING_VALUE) {
    const tied = new Set((c.attributions ?? []).filter((a) => a.dimension === dimension && a.code === theme).map((a) => `${a.evidence[0]!.start}:${a.evidence[0]!.end}`));
    const loose = c.codes.filter((a) => a.code === theme).flatMap((a) => a.evidence.filter((e) => !tied.has(`${e.start}:${e.end}`)).map((e) => ({ e, polarity: a.polarity })));
    if (loose.length === 0) return undefined;
    return { polarity: loose.some((x) => x.polarity === "helpful") ? "helpful" : "barrier", hasBarrier: loose.some((x) => x.polarity === "barrier"), evidence: loose.length, focus: loose[0]!.e.text };
  }
  const tied = (c.attributions ?? []).filter((a) => a.dimension === dimension && a.value === value && (theme === undefined || a.code === theme));
  if (tied.length === 0) return undefined;
  const first = tied[0]!;
  return {
    polarity: tied.some((a) => a.polarity === "helpful") ? "helpful" : "barrier",
    hasBarrier: tied.some((a) => a.polarity === "barrier"),
    evidence: tied.length,
    focus: (theme === undefined ? (first.evidence[1] ?? first.evidence[0]) : first.evidence[0])!.text,
  };
}
