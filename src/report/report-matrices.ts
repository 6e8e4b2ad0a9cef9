import { codeMatrix, MISSING_VALUE, type CodeMatrix } from "../rollup/code-matrix.ts";
import { cooccurrence, type Cooccurrence } from "../rollup/cooccurrence.ts";
import type { Summary } from "../rollup/summary.ts";
import type { ReportOptions } from "./report-options.ts";

/** The attributes the report cross-tabulates themes by, when the notes have more than one value. */
export const MATRIX_ATTRIBUTES = ["seminar", "group", "question"] as const;

/** The cross-tabulations of a report: themes by seminar, group and question, and co-occurrence. */
export interface ReportMatrices {
  /** Code id → label, in codebook order. */
  labels: Record<string, string>;
  /** Themes by each attribute with more than one value, in {@link MATRIX_ATTRIBUTES} order; question ids shown as their text. */
  byAttribute: CodeMatrix[];
  /** Notes with both themes; undefined without coded notes. */
  cooccurrence: Cooccurrence | undefined;
}

/**
 * The cross-tabulations the Markdown and HTML reports show, from the coded notes: themes by seminar,
 * group and question where the notes have more than one value, and theme co-occurrence. A question's
 * id is replaced by its text from `options.questions` (`{ q1: "Hva har hjulpet deg mest?" }`).
 *
 * @param summary the roll-up (codes and labels, in codebook order)
 * @param options `coded` (without it there are none), `questions`
 * @returns the labels and the matrices
 * @example
 * ```ts
 * reportMatrices(summary, { coded }).byAttribute.map((m) => m.by); // ["seminar", "group", "question"]
 * ```
 */
export function reportMatrices(summary: Summary, options: ReportOptions = {}): ReportMatrices {
  const labels: Record<string, string> = {};
  const codes: string[] = [];
  for (const category of summary.categories) {
    for (const code of category.codes) {
      labels[code.id] = code.label;
      codes.push(code.id);
    }
  }
  const coded = options.coded;
  if (!coded || coded.length === 0) return { labels, byAttribute: [], cooccurrence: undefined };
  const byAttribute: CodeMatrix[] = [];
  for (const by of MATRIX_ATTRIBUTES) {
    const matrix = codeMatrix(coded, by, { codes });
    if (matrix.values.filter((v) => v !== MISSING_VALUE).length < 2) continue;
    byAttribute.push(by === "question" ? withQuestionTexts(matrix, options.questions ?? {}) : matrix);
  }
  return { labels, byAttribute, cooccurrence: cooccurrence(coded, { codes }) };
}

function withQuestionTexts(matrix: CodeMatrix, questions: Readonly<Record<string, string>>): CodeMatrix {
  const text = (value: string): string => questions[value] ?? value;
  return { ...matrix, values: matrix.values.map(text), cells: matrix.cells.map((c) => ({ ...c, value: text(c.value) })) };
}
