import type { TopLevelSpec } from "vega-lite";
import { MISSING_VALUE, type CodeMatrix } from "../rollup/code-matrix.ts";
import type { Cooccurrence } from "../rollup/cooccurrence.ts";
import type { Summary } from "../rollup/summary.ts";
import { REPORT_LABELS, formatShare, type ReportLanguage } from "./labels.ts";

/**
 * Vega and Vega-Lite, imported on the first chart rendered: they take most of a second to load,
 * which a program that never renders a chart (the CLI's `code`, a library user's `codeNotes`)
 * should not pay.
 */
let renderer: Promise<{ vega: typeof import("vega"); compile: (typeof import("vega-lite"))["compile"] }> | undefined;
const vegaModules = () => (renderer ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => ({ vega, compile: vegaLite.compile })));

/** A Vega-Lite specification as plain JSON (the `application/vnd.vegalite.v5+json` MIME type). */
export type VegaLiteSpec = Record<string, unknown>;

/** Colours of the two polarities (blue and orange, distinguishable with common colour blindness). */
export const POLARITY_COLORS = { helpful: "#3b75af", barrier: "#e1812c" } as const;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * Text sizes in pixels: the SVG is drawn at its own size (scaled down only where the page is
 * narrower), so 13 px labels print at about 10 pt, the size of the report's tables.
 */
const FONT = { label: 13, title: 13, header: 14, cell: 13 } as const;

/** Number formats as the tables write them (see `formatShare`): "27,8 %" in Norwegian, "27.8%" in English. */
const LOCALES = {
  nb: { decimal: ",", thousands: " ", grouping: [3], currency: ["", " kr"], percent: " %" },
  en: { decimal: ".", thousands: ",", grouping: [3], currency: ["£", ""], percent: "%" },
} as const;

function config(language: ReportLanguage): Record<string, unknown> {
  return {
    font: "sans-serif",
    view: { stroke: null },
    axis: { labelFontSize: FONT.label, titleFontSize: FONT.title, labelLimit: 260 },
    legend: { labelFontSize: FONT.label, titleFontSize: FONT.title },
    header: { labelFontSize: FONT.header, labelFontWeight: "bold", labelAnchor: "start", labelAngle: 0, labelOrient: "top" },
    locale: { number: LOCALES[language] },
  };
}

/** Breaks a label into lines of at most `width` characters, at spaces (a longer word keeps its own line). */
function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [text];
}

/** Characters per line of a wrapped column label, and the widest a column gets (px). */
const LABEL_WIDTH = 22;
const MAX_STEP = 190;

/**
 * The chart of themes per category: one horizontal bar per theme, stacked into helpful and
 * barrier notes, in codebook order, one panel per category.
 *
 * @param summary the roll-up
 * @param language the language of the chart's words
 * @returns a Vega-Lite spec with its data inline
 * @example
 * ```ts
 * const spec = categoryChartSpec(summary, "nb");
 * const svg = await renderSvg(spec);
 * ```
 */
export function categoryChartSpec(summary: Summary, language: ReportLanguage): VegaLiteSpec {
  const l = REPORT_LABELS[language];
  const rows: Array<Record<string, string | number>> = [];
  const order: string[] = [];
  for (const category of summary.categories) {
    for (const code of category.codes) {
      order.push(code.label);
      for (const [polarity, count] of [[l.helpful, code.helpful], [l.barrier, code.barrier]] as const) {
        if (count > 0) {
          rows.push({ category: category.label, theme: code.label, polarity, notes: count, desc: `${code.label}, ${polarity.toLowerCase()}: ${count}` });
        }
      }
    }
  }
  return {
    $schema: SCHEMA,
    description: l.themesPerCategoryDesc,
    data: { values: rows },
    facet: { row: { field: "category", type: "nominal", title: null, sort: summary.categories.map((c) => c.label) } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 480,
      height: { step: 24 },
      mark: { type: "bar" },
      encoding: {
        y: { field: "theme", type: "nominal", title: null, sort: order },
        x: { field: "notes", type: "quantitative", title: l.notesCount, axis: { tickMinStep: 1, format: "d" } },
        color: {
          field: "polarity",
          type: "nominal",
          title: null,
          scale: { domain: [l.helpful, l.barrier], range: [POLARITY_COLORS.helpful, POLARITY_COLORS.barrier] },
          legend: { orient: "bottom" },
        },
        order: { field: "polarity", sort: "descending" },
        description: { field: "desc" },
      },
    },
    config: config(language),
  };
}

/**
 * A heatmap of themes by an attribute (seminar, group, question): the number of notes in each cell,
 * coloured by the share of the column's notes.
 *
 * @param matrix from `codeMatrix(coded, by)`
 * @param labels code id → label, for the rows
 * @param language the language of the chart's words
 * @returns a Vega-Lite spec with its data inline
 * @example
 * ```ts
 * const spec = matrixChartSpec(codeMatrix(coded, "seminar"), { time: "Tid" }, "nb");
 * ```
 */
export function matrixChartSpec(matrix: CodeMatrix, labels: Record<string, string>, language: ReportLanguage): VegaLiteSpec {
  const l = REPORT_LABELS[language];
  const label = (code: string): string => labels[code] ?? code;
  const title = l.byValue[matrix.by] ?? matrix.by;
  const { wrapped, step } = wrapColumns(matrix.values);
  const spec = heatmap(
    matrix.cells.map((c) => ({
      row: label(c.code),
      column: wrapped.get(c.value) ?? c.value,
      notes: c.notes,
      share: Math.round(c.share * 1000) / 1000,
      desc: `${label(c.code)}, ${c.value}: ${c.notes} (${formatShare(c.share, language)})`,
    })),
    matrix.codes.map(label),
    matrix.values.map((v) => wrapped.get(v) ?? v),
    title,
    { field: "share", type: "quantitative", title: l.share, legend: { format: ".1%", orient: "bottom" }, scale: { scheme: "blues", zero: true } },
    l.themeByDesc,
    language,
  );
  return flatColumns(spec, step);
}

/**
 * Column labels that lie flat, broken into lines (a question's text, a seminar's name, an actor),
 * under the cells: each column as wide as its longest line, within bounds.
 */
function wrapColumns(values: readonly string[]): { wrapped: Map<string, string>; step: number } {
  const wrapped = new Map(values.map((v) => [v, wrapLines(v, LABEL_WIDTH).join("\n")]));
  const longest = Math.max(0, ...[...wrapped.values()].flatMap((v) => v.split("\n").map((line) => line.length)));
  return { wrapped, step: Math.min(MAX_STEP, Math.max(64, Math.ceil(longest * FONT.label * 0.58) + 16)) };
}

/** A heatmap with its column labels flat under the cells (see {@link wrapColumns}). */
function flatColumns(spec: VegaLiteSpec, step: number): VegaLiteSpec {
  const encoding = spec.encoding as { x: Record<string, unknown> };
  return {
    ...spec,
    width: { step },
    // Under the cells, where a label of several lines grows away from them. Vega measures text with an
    // estimate wider than the real font, so labels are not cut short by it.
    encoding: { ...encoding, x: { ...encoding.x, axis: { orient: "bottom", labelAngle: 0, labelAlign: "center", labelBaseline: "top", labelExpr: "split(datum.label, '\\n')", labelLimit: 1000, titlePadding: 8 } } },
  };
}

/**
 * A heatmap of theme co-occurrence: notes with both themes, the diagonal being notes with the theme.
 *
 * @param data from `cooccurrence(coded)`
 * @param labels code id → label
 * @param language the language of the chart's words
 * @returns a Vega-Lite spec with its data inline
 * @example
 * ```ts
 * const spec = cooccurrenceChartSpec(cooccurrence(coded), { time: "Tid" }, "nb");
 * ```
 */
export function cooccurrenceChartSpec(data: Cooccurrence, labels: Record<string, string>, language: ReportLanguage): VegaLiteSpec {
  const l = REPORT_LABELS[language];
  const names = data.codes.map((c) => labels[c] ?? c);
  const rows = data.codes.flatMap((_, i) =>
    data.codes.map((__, j) => {
      const notes = data.counts[i]?.[j] ?? 0;
      // The diagonal (notes with the theme) is drawn grey so it does not set the colour scale.
      return { row: names[i] ?? "", column: names[j] ?? "", notes, pair: i === j ? 0 : notes, desc: `${names[i]} + ${names[j]}: ${notes}` };
    }),
  );
  const color = {
    condition: { test: "datum.row === datum.column", value: "#e8e8e8" },
    field: "pair",
    type: "quantitative",
    title: l.notesCount,
    legend: { orient: "bottom", format: "d" },
    scale: { scheme: "oranges", zero: true },
  };
  const diagonalInk = (r: Record<string, string | number>): Record<string, string | number> =>
    r.row === r.column ? { ...r, ink: "#111111" } : r;
  const spec = heatmap(rows, names, names, null, color, l.cooccurrenceDesc, language);
  const inked = spec.data as { values: Array<Record<string, string | number>> };
  return { ...spec, data: { values: inked.values.map(diagonalInk) } };
}

/**
 * A heatmap of themes by the codes of a further dimension (theme × actor, from `crossTable`):
 * one row per actor, one column per theme, the number of notes in each cell, coloured by the
 * balance of helpful (blue) and barrier (orange) notes, `(helpful − barrier) / notes`; empty cells
 * grey.
 *
 * @param table from `crossTable(coded, codebook, "actor")` or a roll-up's `dimensions[i].table`
 * @param language the language of the chart's words
 * @param rowTitle the dimension's label (kept for the caller's caption; the rows need no title)
 * @returns a Vega-Lite spec with its data inline
 * @example
 * ```ts
 * const spec = crossChartSpec(summary.dimensions![0]!.table, "nb", "Aktører");
 * ```
 */
export function crossChartSpec(table: CodeMatrix & { labels: Record<string, string> }, language: ReportLanguage, rowTitle: string | null = null): VegaLiteSpec {
  void rowTitle;
  const l = REPORT_LABELS[language];
  const label = (id: string): string => (id === MISSING_VALUE ? l.none : (table.labels[id] ?? id));
  // The actors down the side and the themes across (labels at a slant, as in the co-occurrence
  // chart): a dimension has more codes than a page has room for columns, and its labels are long.
  const rows = table.cells.map((c) => {
    const balance = c.notes === 0 ? 0 : Math.round(((c.helpful - c.barrier) / c.notes) * 1000) / 1000;
    return {
      row: label(c.value),
      column: label(c.code),
      notes: c.notes,
      balance,
      // Grey for an empty cell, white on the strongest colours, else near-black.
      ink: c.notes === 0 ? "#999999" : Math.abs(balance) > 0.6 ? "#ffffff" : "#111111",
      desc: `${label(c.code)}, ${label(c.value)}: ${c.notes} (${l.helpfulLower} ${c.helpful}, ${l.barrierLower} ${c.barrier})`,
    };
  });
  const color = {
    condition: { test: "datum.notes === 0", value: "#f2f2f2" },
    field: "balance",
    type: "quantitative",
    title: l.balance,
    legend: { orient: "bottom", format: ".1f" },
    scale: { scheme: "blueorange", domain: [-1, 1], reverse: true },
  };
  return heatmap(rows, table.values.map(label), table.codes.map(label), null, color, l.crossDesc, language);
}

/** Ink for a cell's number: grey for 0, white on the darkest cells, else near-black; kept where a row has its own. */
function withInk(rows: Array<Record<string, string | number>>, field: string): Array<Record<string, string | number>> {
  const max = Math.max(0, ...rows.map((r) => Number(r[field] ?? 0)));
  return rows.map((r) => {
    if (r.ink !== undefined) return r;
    const value = Number(r[field] ?? 0);
    const ink = Number(r.notes ?? 0) === 0 ? "#999999" : max > 0 && value / max > 0.6 ? "#ffffff" : "#111111";
    return { ...r, ink };
  });
}

function heatmap(
  rows: Array<Record<string, string | number>>,
  rowOrder: string[],
  columnOrder: string[],
  columnTitle: string | null,
  color: Record<string, unknown>,
  description: string,
  language: ReportLanguage,
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    description,
    data: { values: withInk(rows, String(color.field)) },
    width: { step: 64 },
    height: { step: 28 },
    encoding: {
      y: { field: "row", type: "nominal", title: null, sort: rowOrder },
      x: { field: "column", type: "nominal", title: columnTitle, sort: columnOrder, axis: { orient: "top", labelAngle: -30, labelAlign: "left" } },
    },
    layer: [
      { mark: { type: "rect" }, encoding: { color, description: { field: "desc" } } },
      {
        mark: { type: "text", fontSize: FONT.cell },
        encoding: {
          text: { field: "notes", type: "quantitative" },
          color: {
            condition: [
              { test: "datum.ink === '#999999'", value: "#999999" },
              { test: "datum.ink === '#ffffff'", value: "#ffffff" },
            ],
            value: "#111111",
          },
          description: { field: "desc" },
        },
      },
    ],
    config: config(language),
  };
}

/**
 * Renders a Vega-Lite spec to a static SVG string on the server, with no canvas and no network:
 * the same spec gives the same bytes. Vega numbers gradient and clip ids with a process-wide
 * counter; they are renamed `<idPrefix>-1`, `<idPrefix>-2`, ... so the output is byte-stable and
 * several charts can share one HTML page.
 *
 * @param spec a Vega-Lite spec with inline data
 * @param idPrefix prefix of the ids inside the SVG (default `chart`); give each chart on a page its own
 * @returns the SVG markup (`<svg ...>...</svg>`)
 * @example
 * ```ts
 * const svg = await renderSvg(categoryChartSpec(summary, "nb"));
 * svg.startsWith("<svg"); // true
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec, idPrefix = "chart"): Promise<string> {
  const { vega, compile } = await vegaModules();
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return renameIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

function renameIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/(\bid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
    const renamed = ids.get(id);
    return renamed === undefined ? whole : `${lead}${renamed}`;
  });
}
