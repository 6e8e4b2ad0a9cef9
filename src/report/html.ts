import type { Codebook, LocalizedText, TermList } from "../codebook/codebook.ts";
import { capColumns, type CodeMatrix } from "../rollup/code-matrix.ts";
import type { Cooccurrence } from "../rollup/cooccurrence.ts";
import type { Summary, Tally } from "../rollup/summary.ts";
import { categoryChartSpec, cooccurrenceChartSpec, crossChartSpec, matrixChartSpec, renderSvg, type VegaLiteSpec } from "./charts.ts";
import { crossTableHtml, dimensionsHtml } from "./dimension-sections.ts";
import { REPORT_LABELS, formatShare, type ReportLabels, type ReportLanguage } from "./labels.ts";
import { attribution, formatProbability, noteLanguages, provenanceParts, reportTitle, totalsLine } from "./markdown.ts";
import { reportMatrices } from "./report-matrices.ts";
import { redactionOn, reportLanguage, reportRedactor, type ReportOptions, checkReportOptions } from "./report-options.ts";

/** Options of {@link toHtml}. */
export interface HtmlOptions extends ReportOptions {
  /** Return only the report's `<div>` with its style (for embedding, e.g. in a notebook); default a whole document. */
  fragment?: boolean;
  /** Leave the charts out and keep their tables (smaller output, no rendering). Default `true`: charts. */
  charts?: boolean;
  /**
   * The codebook's appendix (with `codebook`): `short` (default: each code's definition and up to three
   * examples in the report's language, a page or two), `full` (also inclusion and exclusion notes, every
   * example, every search term and barrier term), or `none`.
   */
  appendix?: AppendixMode;
}

/** A chart of the report: its id, title, Vega-Lite spec, and its data as an HTML table. */
export interface ReportChart {
  id: string;
  title: string;
  description: string;
  spec: VegaLiteSpec;
  table: string;
}

export { MATRIX_ATTRIBUTES } from "./report-matrices.ts";

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @param text any text
 * @returns the text with `& < > " '` escaped
 * @example
 * ```ts
 * escapeHtml('<b>"æ"</b>'); // "&lt;b&gt;&quot;æ&quot;&lt;/b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`);
}

function localized(text: LocalizedText | undefined, language: ReportLanguage): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[language] ?? text.nb ?? text.nn ?? text.en ?? "";
}

function termList(list: TermList | undefined): string[] {
  if (list === undefined) return [];
  if (Array.isArray(list)) return list;
  return Object.entries(list).flatMap(([lang, terms]) => (terms ?? []).map((t) => `${t} (${lang})`));
}

/**
 * The style sheet of kodebok's HTML reports (scoped to `.kodebok-report`; print rules included).
 *
 * @example
 * ```ts
 * const html = `<style>${REPORT_CSS}</style><div class="kodebok-report">…</div>`;
 * ```
 */
export const REPORT_CSS: string = `
.kodebok-report{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;line-height:1.45;max-width:60rem;margin:0 auto;padding:1rem}
.kodebok-report h1{font-size:1.6rem;margin:.2rem 0 .4rem}
.kodebok-report h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.kodebok-report h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.kodebok-report h4{font-size:.95rem;margin:.9rem 0 .3rem}
.kodebok-report .totals{color:#444}
.kodebok-report table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
.kodebok-report .table-wrap{overflow-x:auto;max-width:100%}
.kodebok-report caption{text-align:left;font-weight:600;padding:.2rem 0}
.kodebok-report th,.kodebok-report td{border:1px solid #d0d0d0;padding:.2rem .5rem;vertical-align:top}
.kodebok-report th{background:#f3f3f3;text-align:left}
.kodebok-report td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.kodebok-report tr.category th,.kodebok-report tr.category td{background:#eef3f8;font-weight:600}
.kodebok-report figure{margin:1rem 0 .4rem}
.kodebok-report figure + .table-wrap{margin-bottom:1.5rem}
.kodebok-report figcaption{font-weight:600}
.kodebok-report figcaption span{display:block;font-weight:400;color:#555;font-size:.9rem}
.kodebok-report .chart svg{max-width:100%;height:auto}
.kodebok-report blockquote{margin:.5rem 0 .8rem;padding:.3rem .8rem;border-left:4px solid #3b75af;background:#f7f9fb}
.kodebok-report blockquote.barrier{border-left-color:#e1812c;background:#fdf6ef}
.kodebok-report blockquote p{margin:0}
.kodebok-report blockquote footer{font-size:.85rem;color:#555;margin-top:.2rem}
.kodebok-report .polarity{font-size:.75rem;text-transform:uppercase;letter-spacing:.03em;padding:0 .3rem;border-radius:3px;color:#fff;background:#3b75af}
.kodebok-report .polarity.barrier{background:#b35f12}
.kodebok-report .note{color:#555;font-size:.9rem}
.kodebok-report dl.code dt{font-weight:600;margin-top:.3rem}
.kodebok-report dl.code dd{margin-left:1rem}
.kodebok-report footer.provenance{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.8rem;color:#555}
@media print{
.kodebok-report{max-width:none;padding:0;font-size:10.5pt}
.kodebok-report figure,.kodebok-report blockquote,.kodebok-report table,.kodebok-report dl.code{break-inside:avoid}
.kodebok-report h2,.kodebok-report h3{break-after:avoid}
.kodebok-report section.appendix{break-before:page}
.kodebok-report th,.kodebok-report tr.category td{background:none}
.kodebok-report .polarity{background:none;color:#1f4e7a;border:1px solid currentColor}
.kodebok-report .polarity.barrier{background:none;color:#8a4a0f}
.kodebok-report .table-wrap{overflow:visible}
}
`.trim();

function tallyCells(t: Tally, language: ReportLanguage, learned: boolean): string {
  return [t.notes, formatShare(t.share, language), t.helpful, t.barrier, ...(learned ? [t.learned ?? 0] : []), t.participants, t.groups, t.seminars]
    .map((v) => `<td class="n">${escapeHtml(String(v))}</td>`)
    .join("");
}

function categoryTable(summary: Summary, l: ReportLabels, language: ReportLanguage, caption: string): string {
  // A model's codes are counted apart, in a column of their own, when a model coded.
  const learned = summary.categories.some((c) => c.learned !== undefined);
  const head = [l.notes, l.share, l.helpful, l.barrier, ...(learned ? [l.learned] : []), l.participants, l.groups, l.seminars]
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join("");
  const rows = summary.categories.flatMap((category) => [
    `<tr class="category"><th scope="rowgroup">${escapeHtml(category.label)}</th>${tallyCells(category, language, learned)}</tr>`,
    ...category.codes.map((code) => `<tr><th scope="row">${escapeHtml(code.label)}</th>${tallyCells(code, language, learned)}</tr>`),
  ]);
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(`${l.category} / ${l.code.toLowerCase()}`)}</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function matrixTable(matrix: CodeMatrix, labels: Record<string, string>, caption: string, language: ReportLanguage): string {
  const head = matrix.values.map((v, j) => `<th scope="col">${escapeHtml(v)} <span class="note">(${matrix.totals[j] ?? 0})</span></th>`).join("");
  const rows = matrix.codes.map((code, i) => {
    const cells = matrix.values.map((_, j) => {
      const n = matrix.counts[i]?.[j] ?? 0;
      const total = matrix.totals[j] ?? 0;
      return `<td class="n">${n} <span class="note">(${formatShare(total === 0 ? 0 : n / total, language)})</span></td>`;
    });
    return `<tr><th scope="row">${escapeHtml(labels[code] ?? code)}</th>${cells.join("")}</tr>`;
  });
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><td></td>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function cooccurrenceTable(data: Cooccurrence, labels: Record<string, string>, caption: string): string {
  const names = data.codes.map((c) => escapeHtml(labels[c] ?? c));
  const head = names.map((n) => `<th scope="col">${n}</th>`).join("");
  const rows = data.codes.map(
    (_, i) => `<tr><th scope="row">${names[i]}</th>${data.codes.map((__, j) => `<td class="n">${data.counts[i]?.[j] ?? 0}</td>`).join("")}</tr>`,
  );
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><td></td>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * The charts of a report, as Vega-Lite specs with their accessible tables: themes per category
 * always; themes by seminar, group and question (where the notes have more than one value) and
 * theme co-occurrence when the coded notes are given; theme × code of each further dimension
 * (actors) when the roll-up has dimensions.
 *
 * @param summary the roll-up
 * @param options `coded` for the matrices, `language`
 * @returns the charts in report order
 * @example
 * ```ts
 * const charts = reportCharts(summary, { coded });
 * charts.map((c) => c.id); // ["categories", "by-seminar", "by-group", "by-question", "cooccurrence", "by-dimension-actors"]
 * ```
 */
export function reportCharts(summary: Summary, options: ReportOptions = {}): ReportChart[] {
  options = checkReportOptions(options, "draw the report's charts");
  const language = reportLanguage(summary, options);
  const l = REPORT_LABELS[language];
  const charts: ReportChart[] = [
    {
      id: "categories",
      title: l.themesPerCategory,
      description: l.themesPerCategoryDesc,
      spec: categoryChartSpec(summary, language),
      table: categoryTable(summary, l, language, `${l.tableOf} ${l.themesPerCategory.toLowerCase()}`),
    },
  ];
  const { labels, byAttribute, cooccurrence: co } = reportMatrices(summary, options);
  for (const matrix of byAttribute) {
    const title = l.themeBy[matrix.by] ?? matrix.by;
    charts.push({
      id: `by-${matrix.by}`,
      title,
      description: l.themeByDesc,
      // The chart shows the values with the most notes and the rest as one column; the table all.
      spec: matrixChartSpec(capColumns(matrix, MAX_CHART_COLUMNS, (n) => `${OTHER[language]} (${n})`), labels, language),
      table: matrixTable(matrix, labels, `${l.tableOf} ${title.toLowerCase()}`, language),
    });
  }
  if (co) {
    charts.push({
      id: "cooccurrence",
      title: l.cooccurrence,
      description: l.cooccurrenceDesc,
      spec: cooccurrenceChartSpec(co, labels, language),
      table: cooccurrenceTable(co, labels, `${l.tableOf} ${l.cooccurrence.toLowerCase()}`),
    });
  }
  for (const dimension of summary.dimensions ?? []) {
    const title = `${l.code} × ${dimension.label.toLowerCase()}`;
    charts.push({
      id: `${DIMENSION_CHART_PREFIX}${dimension.id}`,
      title,
      description: l.crossDesc,
      spec: crossChartSpec(dimension.table, language, dimension.label),
      table: crossTableHtml(dimension.table, language, `${l.tableOf} ${title.toLowerCase()}`),
    });
  }
  return charts;
}

/** The ids of the theme × dimension charts start with this, then the dimension id (`by-dimension-actors`). */
export const DIMENSION_CHART_PREFIX = "by-dimension-";

/**
 * Most columns of a theme-by-attribute chart: the values with the most notes, and the rest as
 * one column (Vega cannot draw 500 or more columns, and nobody could read them).
 */
const MAX_CHART_COLUMNS = 30;
const OTHER: Record<ReportLanguage, string> = { nb: "andre", en: "other" };

/**
 * A chart's figure: its caption and picture, kept on one printed page, then its data table (inside
 * the figure when there is no picture, so the caption stays with the table).
 */
function figure(chart: ReportChart, svg: string | undefined): string {
  const captionId = `chart-${chart.id}`;
  const caption = `<figcaption id="${captionId}">${escapeHtml(chart.title)}<span>${escapeHtml(chart.description)}</span></figcaption>`;
  const table = `<div class="table-wrap" data-table="${chart.id}">${chart.table}</div>`;
  if (svg === undefined) return `<figure id="figure-${chart.id}" data-chart="${chart.id}">${caption}${table}</figure>`;
  return `<figure id="figure-${chart.id}" data-chart="${chart.id}">${caption}<div class="chart" role="img" aria-labelledby="${captionId}">${svg}</div></figure>${table}`;
}

/** How much of the codebook the HTML report's appendix shows. */
export type AppendixMode = "short" | "full" | "none";

/** The examples a short appendix shows for a code: those in the report's language (Nynorsk for `nb` too), at most three. */
function shortExamples(code: Codebook["codes"][number], language: ReportLanguage): string[] {
  const fits = (lang: string | undefined): boolean => lang === undefined || lang === language || (language === "nb" && lang === "nn");
  return code.examples
    .map((e) => (typeof e === "string" ? { text: e, lang: undefined } : e))
    .filter((e) => fits(e.lang))
    .slice(0, 3)
    .map((e) => e.text);
}

function appendix(codebook: Codebook, l: ReportLabels, language: ReportLanguage, mode: "short" | "full"): string {
  const out: string[] = [`<section class="appendix ${mode}"><h2>${escapeHtml(l.appendix)}</h2>`];
  out.push(`<p>${escapeHtml(localized(codebook.title, language))}${codebook.version ? ` ${escapeHtml(codebook.version)}` : ""} <code>${escapeHtml(codebook.id)}</code></p>`);
  if (codebook.description) out.push(`<p>${escapeHtml(localized(codebook.description, language))}</p>`);
  if (codebook.reference) out.push(`<p class="note reference">${escapeHtml(codebook.reference)}</p>`);
  if (mode === "short") out.push(`<p class="note">${escapeHtml(l.appendixShortNote.replace("{id}", codebook.id))}</p>`);
  const list = (items: string[]): string => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  for (const category of codebook.categories) {
    out.push(`<h3>${escapeHtml(localized(category.label, language))}</h3>`);
    if (category.description) out.push(`<p>${escapeHtml(localized(category.description, language))}</p>`);
    for (const code of codebook.codes.filter((c) => c.category === category.id)) {
      const parts: string[] = [`<dt>${escapeHtml(localized(code.label, language))} <code>${escapeHtml(code.id)}</code></dt>`];
      parts.push(`<dd><strong>${escapeHtml(l.definition)}:</strong> ${escapeHtml(localized(code.definition, language))}</dd>`);
      const sections: Array<readonly [string, string[]]> =
        mode === "short"
          ? [[l.examples, shortExamples(code, language)]]
          : [
              [l.include, code.include.map((t) => localized(t, language))],
              [l.exclude, code.exclude.map((t) => localized(t, language))],
              [l.examples, code.examples.map((e) => (typeof e === "string" ? e : e.text))],
              [l.terms, [...termList(code.terms), ...code.rules.flatMap((r) => termList(r.terms))]],
              [l.barrierTerms, termList(code.barrierTerms)],
            ];
      for (const [title, items] of sections) {
        if (items.length > 0) parts.push(`<dd><strong>${escapeHtml(title)}:</strong>${list(items)}</dd>`);
      }
      out.push(`<dl class="code">${parts.join("")}</dl>`);
    }
  }
  out.push("</section>");
  return out.join("\n");
}

/**
 * Builds the report's `<div>` with the given chart pictures; charts without a picture keep their table.
 *
 * @param summary the roll-up
 * @param options the HTML options
 * @param svgs rendered SVG by chart id (`categories`, `by-seminar`, ...)
 * @returns the markup
 * @example
 * ```ts
 * const body = reportBody(summary, { coded }, new Map()); // tables only
 * ```
 */
export function reportBody(summary: Summary, options: HtmlOptions, svgs: ReadonlyMap<string, string>): string {
  const language = reportLanguage(summary, options);
  const l = REPORT_LABELS[language];
  const mask = reportRedactor(options);
  const languageOf = noteLanguages(summary, options);
  const out: string[] = [];
  out.push(`<div class="kodebok-report" lang="${language}">`);
  out.push(`<h1>${escapeHtml(reportTitle(summary, options, language))}</h1>`);
  out.push(`<p class="totals">${escapeHtml(totalsLine(summary, l))}</p>`);
  const charts = reportCharts(summary, options);
  out.push(`<h2>${escapeHtml(l.categoriesAndThemes)}</h2>`);
  for (const chart of charts) if (!chart.id.startsWith(DIMENSION_CHART_PREFIX)) out.push(figure(chart, svgs.get(chart.id)));
  if (summary.categories.some((c) => c.learned !== undefined)) out.push(`<p class="note">${escapeHtml(l.learnedNote)}</p>`);

  out.push(`<section class="quotes"><h2>${escapeHtml(l.quotes)}</h2>`);
  out.push(`<p class="note">${escapeHtml(redactionOn(options) ? l.redactionNote : l.redactionOff)}</p>`);
  for (const category of summary.categories) {
    for (const code of category.codes) {
      out.push(`<h3>${escapeHtml(code.label)} <span class="note">(${escapeHtml(category.label)})</span></h3>`);
      if (code.quotes.length === 0) out.push(`<p class="note">${escapeHtml(l.noQuotes)}</p>`);
      for (const quote of code.quotes) {
        const lang = languageOf(quote.note);
        const who = mask(quote.attribution || attribution(quote, l), lang);
        const polarity = quote.polarity === "helpful" ? l.helpfulLower : l.barrierLower;
        const byModel = quote.probability !== undefined ? ` <span class="learned">${escapeHtml(`${l.learnedQuote}, p = ${formatProbability(quote.probability, language)}`)}</span>` : "";
        out.push(
          `<blockquote class="${quote.polarity}" data-note="${escapeHtml(quote.note)}"${lang === language || lang === "und" ? "" : ` lang="${escapeHtml(lang)}"`}><p>${escapeHtml(mask(quote.text, lang))}</p><footer>— ${escapeHtml(who)} <span class="polarity ${quote.polarity}">${escapeHtml(polarity)}</span>${byModel}</footer></blockquote>`,
        );
      }
    }
  }
  out.push("</section>");

  const dimensionFigures = new Map(
    charts.filter((c) => c.id.startsWith(DIMENSION_CHART_PREFIX)).map((c) => [c.id.slice(DIMENSION_CHART_PREFIX.length), figure(c, svgs.get(c.id))] as const),
  );
  out.push(...dimensionsHtml(summary, language, { mask, languageOf }, dimensionFigures));

  out.push(`<section class="uncoded"><h2>${escapeHtml(`${l.uncoded} (${summary.uncoded.length})`)}</h2>`);
  if (summary.uncoded.length === 0) out.push(`<p>${escapeHtml(l.noUncoded)}</p>`);
  else {
    out.push("<ul>");
    for (const note of summary.uncoded) {
      const where = attribution(note, l);
      out.push(`<li data-note="${escapeHtml(note.note)}">${escapeHtml(mask(note.text, languageOf(note.note)))} <span class="note">(${escapeHtml(note.note)}${where ? `; ${escapeHtml(where)}` : ""})</span></li>`);
    }
    out.push("</ul>");
  }
  out.push("</section>");

  const mode = options.appendix ?? "short";
  if (options.codebook && mode !== "none") out.push(appendix(options.codebook, l, language, mode));
  out.push(`<footer class="provenance">${escapeHtml(`${l.provenance}: ${provenanceParts(summary, options, language).join(" · ")}`)}</footer>`);
  out.push("</div>");
  return out.join("\n");
}

/**
 * Writes the roll-up as one self-contained HTML file: totals, charts (themes per category split
 * into helpful and barrier; themes by seminar, group and question; co-occurrence) rendered to
 * static SVG with Vega, each with its data as an accessible table; the redacted quotes; the
 * uncoded notes; the codebook as an appendix; a provenance footer. No scripts, fonts or other
 * resources are fetched (a Content-Security-Policy forbids it), and print styles are included.
 * The same input gives the same bytes.
 *
 * @param summary the roll-up from `rollUp()`
 * @param options `coded` (for the matrix and co-occurrence charts), `codebook` (for the appendix),
 *   language, redaction, date, title, `fragment` (only the `<div>`), `charts: false` (tables only)
 * @returns the HTML text
 * @example
 * ```ts
 * const html = await toHtml(summary, { coded, codebook });
 * await Deno.writeTextFile("report.html", html);
 * ```
 */
export async function toHtml(summary: Summary, options: HtmlOptions = {}): Promise<string> {
  options = checkReportOptions(options, "write the HTML report");
  const svgs = new Map<string, string>();
  if (options.charts !== false) {
    for (const chart of reportCharts(summary, options)) svgs.set(chart.id, await renderSvg(chart.spec, `kodebok-${chart.id}`));
  }
  return wrapHtml(summary, options, reportBody(summary, options, svgs));
}

/**
 * Wraps a report body into a fragment with its style (`fragment: true`), or a whole document with a
 * Content-Security-Policy that forbids every fetch.
 *
 * @param summary the roll-up (title, language)
 * @param options the HTML options
 * @param body from {@link reportBody}
 * @returns the HTML
 * @example
 * ```ts
 * wrapHtml(summary, {}, reportBody(summary, {}, new Map())).startsWith("<!DOCTYPE html>"); // true
 * ```
 */
export function wrapHtml(summary: Pick<Summary, "language" | "codebook">, options: HtmlOptions, body: string): string {
  const style = `<style>\n${REPORT_CSS}\n</style>`;
  if (options.fragment) return `${style}\n${body}\n`;
  const language = reportLanguage(summary, options);
  return [
    "<!DOCTYPE html>",
    `<html lang="${language}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="kodebok">',
    `<title>${escapeHtml(reportTitle(summary, options, language))}</title>`,
    style,
    "</head>",
    "<body>",
    body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
