import { JUPYTER_DISPLAY, kernelDisplay, showInNotebook, type AsyncDisplayable, type Displayable, type MediaBundle } from "../display/notebook-display.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { Summary } from "../rollup/summary.ts";
import type { CrossTable } from "../rollup/summary.ts";
import { crossChartSpec, renderSvg, type VegaLiteSpec } from "./charts.ts";
import { cellFigure, crossLabel, crossTableHtml, crossTableMarkdown, quotesHtml } from "./dimension-sections.ts";
import { escapeHtml, reportBody, reportCharts, wrapHtml, type HtmlOptions } from "./html.ts";
import { REPORT_LABELS, countOf, formatShare } from "./labels.ts";
import { toMarkdown, totalsLine } from "./markdown.ts";
import { reportLanguage, reportRedactor, type ReportOptions, checkReportOptions } from "./report-options.ts";

export { JUPYTER_DISPLAY, type AsyncDisplayable, type Displayable, type MediaBundle } from "../display/notebook-display.ts";

/** The MIME type of a Vega-Lite chart in a notebook. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

function plainSummary(summary: Summary, options: ReportOptions): string {
  const language = reportLanguage(summary, options);
  const l = REPORT_LABELS[language];
  const lines = [`${summary.codebook.title}: ${countOf(summary.totals.notes, l.counted.notes)}, ${summary.totals.coded} ${l.coded}`];
  for (const category of summary.categories) {
    lines.push(`${category.label}: ${category.notes} (${formatShare(category.share, language)})`);
    for (const code of category.codes) {
      lines.push(`  ${code.label}: ${code.notes} (${formatShare(code.share, language)}; ${l.helpfulLower} ${code.helpful}, ${l.barrierLower} ${code.barrier})`);
    }
  }
  for (const dimension of summary.dimensions ?? []) {
    lines.push(`${dimension.label}: ${dimension.notes} (${formatShare(summary.totals.notes === 0 ? 0 : dimension.notes / summary.totals.notes, language)})`);
    for (const code of dimension.codes.filter((c) => c.notes > 0)) {
      lines.push(`  ${code.label}: ${code.notes} (${formatShare(code.share, language)}; ${l.helpfulLower} ${code.helpful}, ${l.barrierLower} ${code.barrier})`);
    }
  }
  return lines.join("\n");
}

/**
 * The MIME bundle of a roll-up: `text/html` (the report with its tables and quotes; charts as
 * SVG when `svgs` are given), `text/markdown` ({@link toMarkdown}) and `text/plain`. The charts are
 * not in it: a front end shows one MIME type of a bundle, so each chart is an output of its own
 * ({@link chartBundles}).
 *
 * @param summary the roll-up
 * @param options report options (`coded`, `codebook`, `redact`, ...)
 * @param svgs rendered charts by chart id (from {@link displayReport}); none by default
 * @returns the bundle
 * @example
 * ```ts
 * summaryBundle(summary)["text/markdown"]?.startsWith("# "); // true
 * ```
 */
export function summaryBundle(summary: Summary, options: ReportOptions = {}, svgs: ReadonlyMap<string, string> = new Map()): MediaBundle {
  const html: HtmlOptions = { ...options, fragment: true };
  return {
    "text/plain": plainSummary(summary, options),
    "text/html": wrapHtml(summary, html, reportBody(summary, html, svgs)),
    "text/markdown": toMarkdown(summary, options),
  };
}

/**
 * The MIME bundle of one chart: the picture as `text/html` (an `<img>` of the SVG as a data URL, with
 * the description as its alt text) and as `image/svg+xml`, the Vega-Lite spec for front ends that
 * draw it themselves, and the description as `text/plain`. The `<img>` is what nbconvert's HTML,
 * JupyterLab and VS Code show: nbconvert before 7.8 (Debian 12 has 6.5) passes `image/svg+xml`
 * through an HTML cleaner that strips every SVG element and leaves only the chart's words.
 *
 * @param spec a Vega-Lite spec
 * @param svg the spec rendered by `renderSvg`
 * @returns the bundle
 * @example
 * ```ts
 * const spec = categoryChartSpec(summary, "nb");
 * chartBundle(spec, await renderSvg(spec))["image/svg+xml"]?.startsWith("<svg"); // true
 * ```
 */
export function chartBundle(spec: VegaLiteSpec, svg: string): MediaBundle {
  const description = typeof spec.description === "string" ? spec.description : "Vega-Lite chart";
  return {
    "text/plain": description,
    "text/html": `<img src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}" alt="${escapeHtml(description)}" style="max-width:100%;height:auto">`,
    "image/svg+xml": svg,
    [VEGA_LITE_MIME]: spec,
  };
}

/**
 * The report's charts (themes per category; by seminar, group and question and co-occurrence when
 * `coded` is given), each with its title and rendered to SVG, as the bundle of an output of its own.
 *
 * @param summary the roll-up
 * @param options report options; `coded` for all but the first chart
 * @returns one bundle per chart, in report order
 * @example
 * ```ts
 * (await chartBundles(summary, { coded })).length; // 5 for notes from two seminars in groups, on two questions
 * ```
 */
export async function chartBundles(summary: Summary, options: ReportOptions = {}): Promise<MediaBundle[]> {
  options = checkReportOptions(options, "show the charts");
  const bundles: MediaBundle[] = [];
  for (const chart of reportCharts(summary, options)) {
    // Alone in an output, a chart carries its title (in the report, the figure's caption does).
    const spec = { ...chart.spec, title: { text: chart.title, anchor: "start", fontSize: 13 }, description: `${chart.title}: ${chart.description}` };
    bundles.push(chartBundle(spec, await renderSvg(spec, `kodebok-${chart.id}`)));
  }
  return bundles;
}

/**
 * Shows a roll-up in Deno's Jupyter kernel: the report (tables and quotes) and then each chart as
 * outputs of their own, and returns the totals line as the cell's result. Outside the kernel it
 * returns the report's bundle ({@link summaryBundle}). This is what a roll-up from `rollUp` shows
 * as the last expression of a cell.
 *
 * @param summary the roll-up
 * @param options report options (`coded` for the by-seminar, group and question tables and charts)
 * @returns the bundle of the cell's result
 * @example
 * ```ts
 * await showSummary(summary, { coded }); // in a notebook cell: the report, then its charts
 * ```
 */
export async function showSummary(summary: Summary, options: ReportOptions = {}): Promise<MediaBundle> {
  options = checkReportOptions(options, "show the report");
  const report = summaryBundle(summary, options);
  const display = kernelDisplay();
  if (!display) return report;
  await display(report, { raw: true });
  for (const chart of await chartBundles(summary, options)) await display(chart, { raw: true });
  const l = REPORT_LABELS[reportLanguage(summary, options)];
  return { "text/plain": `${summary.codebook.title}: ${totalsLine(summary, l)}` };
}

/**
 * Wraps a roll-up so that, as the last expression of a Deno Jupyter cell, it shows as the report.
 * A roll-up from `rollUp` already shows so; use this for other options (a roster to redact, the
 * codebook's appendix). The wrapper keeps the roll-up under `summary`.
 *
 * @param summary the roll-up
 * @param options report options (`coded` adds the by-seminar/group/question tables, `redact`, ...)
 * @returns a displayable object
 * @example
 * ```ts
 * // in a notebook cell:
 * displayable(rollUp(coded, codebook), { coded });
 * ```
 */
export function displayable(summary: Summary, options: ReportOptions = {}): Displayable & { summary: Summary } {
  options = checkReportOptions(options, "show the report");
  return { summary, [JUPYTER_DISPLAY]: () => summaryBundle(summary, options) };
}

/**
 * Gives the roll-up object itself a Jupyter display method with these report options (a
 * non-enumerable symbol property: JSON, zod and equality checks do not see it), so `summary` alone
 * as a cell's last expression shows the report and its charts ({@link showSummary}). A roll-up
 * from `rollUp` has one already, with the coded notes it was made from.
 *
 * @param summary the roll-up (changed in place)
 * @param options report options
 * @returns the same object
 * @example
 * ```ts
 * const summary = withDisplay(rollUp(coded, codebook), { coded, redact: { roster: ["Kari"] } });
 * summary; // shows the report
 * ```
 */
export function withDisplay<T extends Summary>(summary: T, options: ReportOptions = {}): T & AsyncDisplayable {
  options = checkReportOptions(options, "show the report");
  return showInNotebook(summary, () => showSummary(summary, options)) as T & AsyncDisplayable;
}

/**
 * Renders the report's charts to SVG first, then wraps the roll-up for display: the same as
 * {@link displayable} with the charts drawn in the HTML (one output, as in the HTML file).
 *
 * @param summary the roll-up
 * @param options report options
 * @returns a displayable object
 * @example
 * ```ts
 * await displayReport(summary, { coded, codebook });
 * ```
 */
export async function displayReport(summary: Summary, options: HtmlOptions = {}): Promise<Displayable & { summary: Summary }> {
  options = checkReportOptions(options, "show the report");
  const svgs = new Map<string, string>();
  if (options.charts !== false) {
    for (const chart of reportCharts(summary, options)) svgs.set(chart.id, await renderSvg(chart.spec, `kodebok-${chart.id}`));
  }
  return { summary, [JUPYTER_DISPLAY]: () => summaryBundle(summary, options, svgs) };
}

/**
 * Wraps a Vega-Lite spec for display as a chart of its own ({@link chartBundle}): drawn to SVG when
 * the notebook shows it, unless `svg` (from `renderSvg`) is given.
 *
 * @param spec a Vega-Lite spec
 * @param svg the rendered SVG, optional
 * @returns a displayable object that keeps the spec under `spec`
 * @example
 * ```ts
 * displayChart(categoryChartSpec(summary, "nb"));
 * ```
 */
export function displayChart(spec: VegaLiteSpec, svg?: string): AsyncDisplayable & { spec: VegaLiteSpec } {
  return { spec, [JUPYTER_DISPLAY]: async () => chartBundle(spec, svg ?? (await renderSvg(spec))) };
}

/**
 * Wraps coded notes for display: a table of notes with their codes, polarity and evidence
 * (texts redacted unless turned off), the first `limit` notes (default 50). Coded notes from
 * `codeNotes` show so by themselves (the first 20).
 *
 * @param coded the coded notes
 * @param options report options and `limit`
 * @returns a displayable object that keeps the notes under `coded`
 * @example
 * ```ts
 * displayCoded(coded.slice(0, 10));
 * ```
 */
export function displayCoded(coded: readonly CodedNote[], options: ReportOptions & { limit?: number } = {}): Displayable & { coded: readonly CodedNote[] } {
  options = checkReportOptions(options, "show the coded notes");
  return { coded, [JUPYTER_DISPLAY]: () => codedBundle(coded, options) };
}

/**
 * The MIME bundle of coded notes ({@link displayCoded}): an HTML table of the first `limit` notes
 * (default 50) with their codes (− marks a barrier) and the words that matched, and a text list.
 *
 * @param coded the coded notes
 * @param options report options and `limit`
 * @returns the bundle
 * @example
 * ```ts
 * codedBundle(coded.slice(0, 3), { limit: 2 })["text/plain"]; // "b1: time, relation\nb2: time\n… 1 more"
 * ```
 */
export function codedBundle(coded: readonly CodedNote[], options: ReportOptions & { limit?: number } = {}): MediaBundle {
  const mask = reportRedactor(options);
  const shown = coded.slice(0, options.limit ?? 50);
  // A code a learned model decided is marked with its probability: `time (model 0.81)`.
  const codesOf = (c: CodedNote): string => c.codes.map((a) => `${a.code}${a.polarity === "barrier" ? " (−)" : ""}${a.learned ? ` (model ${a.learned.probability.toFixed(2)})` : ""}`).join(", ");
  const evidenceOf = (c: CodedNote): string => c.codes.flatMap((a) => (a.learned && a.evidence.length === 0 ? a.learned.features.slice(0, 3).map((f) => f.feature) : a.evidence.map((e) => e.text))).join("; ");
  // A codebook with further dimensions adds a column per dimension: its codes, and the themes tied to each.
  const dimensions = [...new Set(shown.flatMap((c) => Object.keys(c.dimensions ?? {})))];
  const dimensionOf = (c: CodedNote, id: string): string =>
    (c.dimensions?.[id] ?? [])
      .map((a) => {
        const tied = [...new Set((c.attributions ?? []).filter((t) => t.dimension === id && t.value === a.code).map((t) => t.code))];
        return tied.length > 0 ? `${a.code} ← ${tied.join(", ")}` : a.code;
      })
      .join("; ");
  const rows = shown.map(
    (c) =>
      `<tr><td>${escapeHtml(c.note.id)}</td><td>${escapeHtml(mask(c.note.text, c.language))}</td><td>${escapeHtml(codesOf(c))}</td><td>${escapeHtml(evidenceOf(c))}</td>${dimensions.map((id) => `<td>${escapeHtml(dimensionOf(c, id))}</td>`).join("")}</tr>`,
  );
  const more = coded.length > shown.length ? `<p>… ${coded.length - shown.length} more</p>` : "";
  const html = `<table class="kodebok-coded"><thead><tr><th>note</th><th>text</th><th>codes</th><th>evidence</th>${dimensions.map((id) => `<th>${escapeHtml(id)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
  const plain = [
    ...shown.map((c) => `${c.note.id}: ${codesOf(c) || "-"}${dimensions.map((id) => ` | ${id}: ${dimensionOf(c, id) || "-"}`).join("")}`),
    ...(coded.length > shown.length ? [`… ${coded.length - shown.length} more`] : []),
  ].join("\n");
  return { "text/plain": plain, "text/html": html };
}

/**
 * Wraps a theme × actor table (a roll-up's `dimensions[i].table`, or `crossTable(...)`) for
 * display: the heatmap as a Vega-Lite spec, the table with its quotes per cell as HTML and
 * Markdown, and `text/plain` ("time × nav: 4 (2 / 2)" lines).
 *
 * @param table the cross table
 * @param options report options (`language`, `redact`) and the columns' `title`
 * @returns a displayable object that keeps the table under `table`
 * @example
 * ```ts
 * displayCrossTable(rollUp(coded, codebook).dimensions![0]!.table, { title: "Aktører" });
 * ```
 */
export function displayCrossTable(table: CrossTable, options: ReportOptions & { title?: string } = {}): Displayable & { table: CrossTable } {
  const language = options.language ?? "nb";
  const l = REPORT_LABELS[language];
  const mask = reportRedactor(options);
  const writing = { mask, languageOf: () => language };
  const title = options.title ?? `${l.code} × ${table.by}`;
  const plain = table.cells.map((c) => `${crossLabel(table, c.code, l)} × ${crossLabel(table, c.value, l)}: ${cellFigure(c)}`).join("\n");
  return {
    table,
    [JUPYTER_DISPLAY]: () => ({
      "text/plain": plain,
      "text/html": `<div class="kodebok-report">${crossTableHtml(table, language, title)}${table.cells
        .filter((c) => c.quotes.length > 0)
        .map((c) => `<h4>${escapeHtml(`${crossLabel(table, c.code, l)} × ${crossLabel(table, c.value, l)}: ${cellFigure(c)}`)}</h4>${quotesHtml(c.quotes, language, writing).join("")}`)
        .join("")}</div>`,
      "text/markdown": crossTableMarkdown(table, language, title, 2, true, writing).join("\n"),
      [VEGA_LITE_MIME]: crossChartSpec(table, language, options.title ?? null),
    }),
  };
}
