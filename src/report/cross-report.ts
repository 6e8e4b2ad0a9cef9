import { z } from "zod";
import { CrossTableSchema, type CrossTable } from "../rollup/summary.ts";
import { crossChartSpec, renderSvg } from "./charts.ts";
import { cellsCsv, type CsvOptions } from "./csv.ts";
import { crossTableHtml, crossTableMarkdown, quotesHtml, type QuoteWriting } from "./dimension-sections.ts";
import { escapeHtml, wrapHtml } from "./html.ts";
import { REPORT_LABELS, type ReportLanguage } from "./labels.ts";
import { escapeMarkdown } from "./markdown.ts";
import { KODEBOK_VERSION, redactionOn, reportRedactor, type ReportOptions } from "./report-options.ts";
import { CrossRowSchema, crossRows } from "./tidy.ts";

/** Options of the theme × actor (or × attribute) table renderers. */
export interface CrossReportOptions extends Pick<ReportOptions, "redact" | "date" | "version"> {
  /** The language of the report's words (default `nb`). */
  language?: ReportLanguage;
  /** The title; default "Theme × <by>". */
  title?: string;
  /** The columns' title in the chart (the dimension's label); default none. */
  columnTitle?: string;
}

/** The schema id written into the JSON of a cross table. */
export const CROSS_JSON_SCHEMA = "kodebok/cross-table@1";

/** The JSON form of a cross table ({@link crossTableToJson}): the table, and its cells as tidy rows. */
export const CrossJsonSchema = z.object({
  schema: z.literal(CROSS_JSON_SCHEMA),
  kodebok: z.string(),
  date: z.string().optional(),
  redacted: z.boolean(),
  title: z.string(),
  table: CrossTableSchema,
  rows: z.array(CrossRowSchema),
});
export type CrossJson = z.infer<typeof CrossJsonSchema>;

function writing(options: CrossReportOptions, language: ReportLanguage): QuoteWriting {
  const mask = reportRedactor(options);
  return { mask, languageOf: () => language };
}

function titleOf(table: CrossTable, options: CrossReportOptions, language: ReportLanguage): string {
  return options.title ?? `${REPORT_LABELS[language].code} × ${table.by}`;
}

/**
 * Writes a theme × actor table (from `crossTable`, or a roll-up's `dimensions[i].table`) as a
 * Markdown document: the title, the table (cells "notes (helpful / barrier)", column totals), then
 * each non-empty cell's quotes. Byte-stable.
 *
 * @param table the cross table
 * @param options language, title, redaction
 * @returns the Markdown, ending in a newline
 * @example
 * ```ts
 * crossTableToMarkdown(crossTable(coded, codebook, "actor"), { title: "Tema × aktører" });
 * ```
 */
export function crossTableToMarkdown(table: CrossTable, options: CrossReportOptions = {}): string {
  const language = options.language ?? "nb";
  const lines = crossTableMarkdown(table, language, titleOf(table, options, language), 1, true, writing(options, language));
  if (!redactionOn(options)) lines.push(REPORT_LABELS[language].redactionOff, "");
  lines.push("---", "", `${REPORT_LABELS[language].madeWith} ${escapeMarkdown(options.version ?? KODEBOK_VERSION)}`, "");
  return lines.join("\n");
}

/**
 * Writes a theme × actor table as one self-contained HTML file: the heatmap (notes per cell,
 * coloured by the balance of helpful and barrier; static SVG rendered with Vega), its data as an
 * accessible table, and each non-empty cell's quotes. Byte-stable; nothing is fetched.
 *
 * @param table the cross table
 * @param options language, title, redaction, `columnTitle`
 * @returns the HTML document
 * @example
 * ```ts
 * await Deno.writeTextFile("actors.html", await crossTableToHtml(table, { title: "Tema × aktører" }));
 * ```
 */
export async function crossTableToHtml(table: CrossTable, options: CrossReportOptions = {}): Promise<string> {
  const language = options.language ?? "nb";
  const l = REPORT_LABELS[language];
  const title = titleOf(table, options, language);
  const svg = await renderSvg(crossChartSpec(table, language, options.columnTitle ?? null), "kodebok-cross");
  const w = writing(options, language);
  const body = [
    `<div class="kodebok-report" lang="${language}">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<figure id="figure-cross" data-chart="cross"><figcaption id="chart-cross">${escapeHtml(title)}<span>${escapeHtml(l.crossDesc)}</span></figcaption><div class="chart" role="img" aria-labelledby="chart-cross">${svg}</div><div class="table-wrap">${crossTableHtml(table, language, `${l.tableOf} ${title.toLowerCase()}`)}</div></figure>`,
    `<section class="quotes"><h2>${escapeHtml(l.quotes)}</h2><p class="note">${escapeHtml(redactionOn(options) ? l.redactionNote : l.redactionOff)}</p>`,
    ...table.cells
      .filter((c) => c.quotes.length > 0)
      .flatMap((c) => [
        `<h3>${escapeHtml(`${table.labels[c.code] ?? c.code} × ${c.value === "(none)" ? l.none : (table.labels[c.value] ?? c.value)}`)} <span class="note">${escapeHtml(`${c.notes} (${l.helpfulLower} ${c.helpful}, ${l.barrierLower} ${c.barrier})`)}</span></h3>`,
        ...quotesHtml(c.quotes, language, w),
      ]),
    "</section>",
    `<footer class="provenance">${escapeHtml(`${l.madeWith} ${options.version ?? KODEBOK_VERSION}${options.date === undefined ? "" : ` · ${l.date.toLowerCase()} ${options.date}`}`)}</footer>`,
    "</div>",
  ].join("\n");
  return wrapHtml({ language, codebook: { id: "", title, hash: "" } }, { language, title }, body);
}

/**
 * Writes a theme × actor table as JSON ({@link CrossJsonSchema}): the table with its quotes (redacted
 * unless turned off) and its cells as tidy rows. Byte-stable.
 *
 * @param table the cross table
 * @param options title, redaction, date, version
 * @returns the JSON text
 * @example
 * ```ts
 * JSON.parse(crossTableToJson(table)).schema; // "kodebok/cross-table@1"
 * ```
 */
export function crossTableToJson(table: CrossTable, options: CrossReportOptions = {}): string {
  const language = options.language ?? "nb";
  const mask = reportRedactor(options);
  const redacted: CrossTable = {
    ...table,
    cells: table.cells.map((c) => ({ ...c, quotes: c.quotes.map((q) => ({ ...q, text: mask(q.text), attribution: mask(q.attribution) })) })),
  };
  const value: CrossJson = {
    schema: CROSS_JSON_SCHEMA,
    kodebok: options.version ?? KODEBOK_VERSION,
    ...(options.date === undefined ? {} : { date: options.date }),
    redacted: redactionOn(options),
    title: titleOf(table, options, language),
    table: redacted,
    rows: crossRows({ dimension: table.by, table: redacted }),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes a theme × actor table as a tidy CSV table, one row per cell: `dimension, code,
 * code_label, value, value_label, notes, helpful, barrier, share, total, quote_1, ...`. The quotes
 * are redacted unless turned off.
 *
 * @param table the cross table
 * @param options CSV options (`bom`, `delimiter`, `escapeFormulas`, `redact`)
 * @returns the CSV text
 * @example
 * ```ts
 * crossTableToCsv(table, { delimiter: ";" });
 * ```
 */
export function crossTableToCsv(table: CrossTable, options: Omit<CsvOptions, "table"> = {}): string {
  const mask = reportRedactor(options);
  const rows = crossRows({ dimension: table.by, table }).map((r) => ({ ...r, quotes: r.quotes.map((q) => mask(q)) }));
  return cellsCsv(rows, options);
}
