import type { CodedNote } from "../match/coded-note.ts";
import type { Summary } from "../rollup/summary.ts";
import { categoryChartSpec, renderSvg, type VegaLiteSpec } from "./charts.ts";
import { escapeHtml, reportBody, reportCharts, wrapHtml, type HtmlOptions } from "./html.ts";
import { REPORT_LABELS, formatShare } from "./labels.ts";
import { toMarkdown } from "./markdown.ts";
import { reportLanguage, reportRedactor, type ReportOptions } from "./report-options.ts";

/**
 * The symbol Deno's Jupyter kernel looks for: an object with a method under this key is shown
 * as the MIME bundle the method returns.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** The MIME type of a Vega-Lite chart in a notebook. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** A Jupyter MIME bundle: one rendering per MIME type; the front end shows the richest it knows. */
export interface MediaBundle {
  "text/plain"?: string;
  "text/html"?: string;
  "text/markdown"?: string;
  "image/svg+xml"?: string;
  "application/vnd.vegalite.v5+json"?: VegaLiteSpec;
  "application/json"?: unknown;
}

/** Something Deno's Jupyter kernel displays richly. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MediaBundle;
}

function plainSummary(summary: Summary, options: ReportOptions): string {
  const language = reportLanguage(summary, options);
  const l = REPORT_LABELS[language];
  const lines = [`${summary.codebook.title}: ${summary.totals.notes} ${l.notes.toLowerCase()}, ${summary.totals.coded} ${l.coded}`];
  for (const category of summary.categories) {
    lines.push(`${category.label}: ${category.notes} (${formatShare(category.share, language)})`);
    for (const code of category.codes) {
      lines.push(`  ${code.label}: ${code.notes} (${formatShare(code.share, language)}; ${l.helpfulLower} ${code.helpful}, ${l.barrierLower} ${code.barrier})`);
    }
  }
  return lines.join("\n");
}

/**
 * The MIME bundle of a roll-up: `text/html` (the report with its tables and quotes; charts as
 * SVG when `svgs` are given), `text/markdown` ({@link toMarkdown}), the themes-per-category chart
 * as a Vega-Lite spec (`application/vnd.vegalite.v5+json`), and `text/plain`.
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
  const language = reportLanguage(summary, options);
  return {
    "text/plain": plainSummary(summary, options),
    "text/html": wrapHtml(summary, html, reportBody(summary, html, svgs)),
    "text/markdown": toMarkdown(summary, options),
    [VEGA_LITE_MIME]: categoryChartSpec(summary, language),
  };
}

/**
 * Wraps a roll-up so that, as the last expression of a Deno Jupyter cell, it shows as the report
 * (HTML tables and quotes, Markdown, and the chart as a Vega-Lite spec the front end draws).
 * The wrapper keeps the roll-up under `summary`.
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
  return { summary, [JUPYTER_DISPLAY]: () => summaryBundle(summary, options) };
}

/**
 * Gives the roll-up object itself a Jupyter display method (a non-enumerable symbol property:
 * JSON, zod and equality checks do not see it), so `summary` alone as a cell's last expression
 * shows richly.
 *
 * @param summary the roll-up (changed in place)
 * @param options report options
 * @returns the same object, typed as displayable
 * @example
 * ```ts
 * const summary = withDisplay(rollUp(coded, codebook), { coded });
 * summary; // shows the report
 * ```
 */
export function withDisplay<T extends Summary>(summary: T, options: ReportOptions = {}): T & Displayable {
  Object.defineProperty(summary, JUPYTER_DISPLAY, { value: () => summaryBundle(summary, options), enumerable: false, configurable: true });
  return summary as T & Displayable;
}

/**
 * Renders the report's charts to SVG first, then wraps the roll-up for display: the same as
 * {@link displayable} with the charts drawn in the HTML (no front-end Vega needed).
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
  const svgs = new Map<string, string>();
  if (options.charts !== false) {
    for (const chart of reportCharts(summary, options)) svgs.set(chart.id, await renderSvg(chart.spec, `kodebok-${chart.id}`));
  }
  return { summary, [JUPYTER_DISPLAY]: () => summaryBundle(summary, options, svgs) };
}

/**
 * Wraps a Vega-Lite spec for display: the front end draws the spec; with `svg` (from
 * `renderSvg`) the static picture is included too.
 *
 * @param spec a Vega-Lite spec
 * @param svg the rendered SVG, optional
 * @returns a displayable object
 * @example
 * ```ts
 * displayChart(categoryChartSpec(summary, "nb"));
 * ```
 */
export function displayChart(spec: VegaLiteSpec, svg?: string): Displayable & { spec: VegaLiteSpec } {
  return {
    spec,
    [JUPYTER_DISPLAY]: () => ({
      "text/plain": typeof spec.description === "string" ? spec.description : "Vega-Lite chart",
      [VEGA_LITE_MIME]: spec,
      ...(svg === undefined ? {} : { "image/svg+xml": svg }),
    }),
  };
}

/**
 * Wraps coded notes for display: a table of notes with their codes, polarity and evidence
 * (texts redacted unless turned off), the first `limit` notes (default 50).
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
  const mask = reportRedactor(options);
  const shown = coded.slice(0, options.limit ?? 50);
  const codesOf = (c: CodedNote): string => c.codes.map((a) => `${a.code}${a.polarity === "barrier" ? " (−)" : ""}`).join(", ");
  const evidenceOf = (c: CodedNote): string => c.codes.flatMap((a) => a.evidence.map((e) => e.text)).join("; ");
  const rows = shown.map(
    (c) => `<tr><td>${escapeHtml(c.note.id)}</td><td>${escapeHtml(mask(c.note.text, c.language))}</td><td>${escapeHtml(codesOf(c))}</td><td>${escapeHtml(evidenceOf(c))}</td></tr>`,
  );
  const more = coded.length > shown.length ? `<p>… ${coded.length - shown.length} more</p>` : "";
  const html = `<table class="kodebok-coded"><thead><tr><th>note</th><th>text</th><th>codes</th><th>evidence</th></tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
  const plain = shown.map((c) => `${c.note.id}: ${codesOf(c) || "-"}`).join("\n");
  return { coded, [JUPYTER_DISPLAY]: () => ({ "text/plain": plain, "text/html": html }) };
}
