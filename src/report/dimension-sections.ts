// The part of a report about a further dimension (the service actors), as in the InLog report's
// first part: who the users met and what they said about each, with the theme × actor table.
// markdown.ts and html.ts call these and these use their escaping (function imports only).
import { MISSING_VALUE } from "../rollup/code-matrix.ts";
import type { CrossCell, CrossTable, DimensionCodeSummary, DimensionSummary, Quote, Summary, Tally } from "../rollup/summary.ts";
import { escapeHtml } from "./html.ts";
import { REPORT_LABELS, formatShare, type ReportLabels, type ReportLanguage } from "./labels.ts";
import { attribution, escapeMarkdown } from "./markdown.ts";

/** How a report writes quotes: the redactor and each note's language. */
export interface QuoteWriting {
  mask: (text: string, language?: string) => string;
  languageOf: (note: string) => string;
}

/**
 * The label of a row or column of a cross table: the code's label, or "(none)" in the report's language.
 *
 * @param table the table (its `labels`)
 * @param id a code id or {@link MISSING_VALUE}
 * @param l the report's words
 * @returns the label
 * @example
 * ```ts
 * crossLabel(table, "(none)", REPORT_LABELS.nb); // "(ingen)"
 * ```
 */
export function crossLabel(table: Pick<CrossTable, "labels">, id: string, l: ReportLabels): string {
  return id === MISSING_VALUE ? l.none : (table.labels[id] ?? id);
}

/**
 * A cell as the tables write it: notes, then helpful / barrier.
 *
 * @param cell a cross table cell
 * @returns "4 (2 / 2)", or "0"
 * @example
 * ```ts
 * cellFigure({ notes: 4, helpful: 2, barrier: 2 }); // "4 (2 / 2)"
 * ```
 */
export function cellFigure(cell: Pick<CrossCell, "notes" | "helpful" | "barrier">): string {
  return cell.notes === 0 ? "0" : `${cell.notes} (${cell.helpful} / ${cell.barrier})`;
}

/** The cells of one column of a cross table, in row order. */
function column(table: CrossTable, value: string): CrossCell[] {
  return table.cells.filter((c) => c.value === value);
}

/** "Aktører: nevnt i 7 av 8 notater." */
function namedLine(dimension: DimensionSummary, summary: Summary, l: ReportLabels): string {
  return `${dimension.label}: ${l.namedIn} ${dimension.notes} ${l.of} ${summary.totals.notes} ${l.notes.toLowerCase()}.`;
}

/** "5 notes · 5 participants · 4 groups · 2 seminars · helpful 2, barrier 2". */
function tallyLine(t: Tally, l: ReportLabels): string {
  return [
    `${t.notes} ${l.notes.toLowerCase()}`,
    `${t.participants} ${l.participants.toLowerCase()}`,
    `${t.groups} ${l.groups.toLowerCase()}`,
    `${t.seminars} ${l.seminars.toLowerCase()}`,
    `${l.helpfulLower} ${t.helpful}, ${l.barrierLower} ${t.barrier}`,
  ].join(" · ");
}

/**
 * The Markdown of a roll-up's further dimensions: per dimension, a table of its codes (notes,
 * share, helpful, barrier, participants, groups, seminars), the theme × code table, and a part
 * per code with the themes tied to it and their quotes.
 *
 * @param summary the roll-up (its `dimensions`)
 * @param language the report language
 * @param writing the redactor and note languages
 * @returns the lines, empty for a roll-up without dimensions
 * @example
 * ```ts
 * dimensionsMarkdown(summary, "nb", { mask: (t) => t, languageOf: () => "nb" })[0]; // "## Aktører"
 * ```
 */
export function dimensionsMarkdown(summary: Summary, language: ReportLanguage, writing: QuoteWriting): string[] {
  const l = REPORT_LABELS[language];
  const out: string[] = [];
  for (const dimension of summary.dimensions ?? []) {
    out.push(`## ${escapeMarkdown(dimension.label)}`, "");
    out.push(`${escapeMarkdown(namedLine(dimension, summary, l))} ${l.tiedRule}`, "");
    out.push(
      `| ${escapeMarkdown(dimension.label)} | ${l.notes} | ${l.share} | ${l.helpful} | ${l.barrier} | ${l.participants} | ${l.groups} | ${l.seminars} |`,
      "|:--|--:|--:|--:|--:|--:|--:|--:|",
    );
    for (const code of dimension.codes) {
      out.push(`| ${escapeMarkdown(code.label)} | ${code.notes} | ${formatShare(code.share, language)} | ${code.helpful} | ${code.barrier} | ${code.participants} | ${code.groups} | ${code.seminars} |`);
    }
    out.push("");
    out.push(...crossTableMarkdown(dimension.table, language, `${l.code} × ${dimension.label.toLowerCase()}`, 3, false, writing));
    for (const code of dimension.codes.filter((c) => c.notes > 0)) out.push(...codePartMarkdown(dimension, code, l, writing));
  }
  return out;
}

/**
 * A cross table in Markdown: rows the themes, a column per code (with its total), cells "notes
 * (helpful / barrier)"; with `quotes`, then each non-empty cell's quotes.
 *
 * @param table the cross table
 * @param language the report language
 * @param title the heading
 * @param level the heading level (2 for a document of its own, 3 inside a report)
 * @param quotes whether to list each cell's quotes after the table
 * @param writing the redactor and note languages
 * @returns the lines
 * @example
 * ```ts
 * crossTableMarkdown(table, "en", "Theme × service actors", 2, true, writing).join("\n");
 * ```
 */
export function crossTableMarkdown(table: CrossTable, language: ReportLanguage, title: string, level: number, quotes: boolean, writing: QuoteWriting): string[] {
  const l = REPORT_LABELS[language];
  const hashes = "#".repeat(level);
  const out: string[] = [`${hashes} ${escapeMarkdown(title)}`, ""];
  const head = table.values.map((v, j) => `${escapeMarkdown(crossLabel(table, v, l))} (${table.totals[j] ?? 0})`);
  out.push(`| ${l.code} | ${head.join(" | ")} |`, `|:--|${table.values.map(() => "--:").join("|")}|`);
  for (const code of table.codes) {
    const cells = table.values.map((value) => cellFigure(table.cells.find((c) => c.code === code && c.value === value)!));
    out.push(`| ${escapeMarkdown(crossLabel(table, code, l))} | ${cells.join(" | ")} |`);
  }
  out.push("", l.crossCells, "");
  if (quotes) {
    for (const cell of table.cells.filter((c) => c.quotes.length > 0)) {
      out.push(`${hashes}# ${escapeMarkdown(crossLabel(table, cell.code, l))} × ${escapeMarkdown(crossLabel(table, cell.value, l))}: ${cellFigure(cell)}`, "");
      out.push(...quotesMarkdown(cell.quotes, l, writing));
    }
  }
  return out;
}

function codePartMarkdown(dimension: DimensionSummary, code: DimensionCodeSummary, l: ReportLabels, writing: QuoteWriting): string[] {
  const out: string[] = [`### ${escapeMarkdown(code.label)}`, "", tallyLine(code, l), ""];
  const cells = column(dimension.table, code.id).filter((c) => c.notes > 0);
  if (cells.length === 0) out.push(`_${l.noThemesTied}_`, "");
  for (const cell of cells) {
    out.push(`#### ${escapeMarkdown(crossLabel(dimension.table, cell.code, l))}: ${cell.notes} (${l.helpfulLower} ${cell.helpful}, ${l.barrierLower} ${cell.barrier})`, "");
    out.push(...quotesMarkdown(cell.quotes, l, writing));
  }
  return out;
}

function quotesMarkdown(quotes: readonly Quote[], l: ReportLabels, writing: QuoteWriting): string[] {
  const out: string[] = [];
  for (const quote of quotes) {
    const language = writing.languageOf(quote.note);
    const who = writing.mask(quote.attribution || attribution(quote, l), language);
    const polarity = quote.polarity === "helpful" ? l.helpfulLower : l.barrierLower;
    out.push(`> ${escapeMarkdown(writing.mask(quote.text, language))}`, `> — ${escapeMarkdown(who)} (${polarity})`, "");
  }
  return out;
}

/**
 * The HTML of a roll-up's further dimensions: per dimension a section with its codes' table, the
 * theme × code heatmap (the figure given by the caller) with its table, and a part per code with
 * the themes tied to it and their quotes.
 *
 * @param summary the roll-up
 * @param language the report language
 * @param writing the redactor and note languages
 * @param figures the figure markup of each dimension's heatmap, by dimension id
 * @returns the markup, empty for a roll-up without dimensions
 * @example
 * ```ts
 * dimensionsHtml(summary, "nb", writing, new Map([["actors", figureHtml]]));
 * ```
 */
export function dimensionsHtml(summary: Summary, language: ReportLanguage, writing: QuoteWriting, figures: ReadonlyMap<string, string>): string[] {
  const l = REPORT_LABELS[language];
  const out: string[] = [];
  for (const dimension of summary.dimensions ?? []) {
    out.push(`<section class="dimension" data-dimension="${escapeHtml(dimension.id)}"><h2>${escapeHtml(dimension.label)}</h2>`);
    out.push(`<p class="note">${escapeHtml(`${namedLine(dimension, summary, l)} ${l.tiedRule}`)}</p>`);
    const head = [l.notes, l.share, l.helpful, l.barrier, l.participants, l.groups, l.seminars].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
    const rows = dimension.codes.map((code) => {
      const cells = [code.notes, formatShare(code.share, language), code.helpful, code.barrier, code.participants, code.groups, code.seminars]
        .map((v) => `<td class="n">${escapeHtml(String(v))}</td>`)
        .join("");
      return `<tr><th scope="row">${escapeHtml(code.label)}</th>${cells}</tr>`;
    });
    out.push(`<div class="table-wrap"><table><caption>${escapeHtml(dimension.label)}</caption><thead><tr><th scope="col">${escapeHtml(dimension.label)}</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`);
    const figure = figures.get(dimension.id);
    if (figure !== undefined) out.push(figure);
    for (const code of dimension.codes.filter((c) => c.notes > 0)) {
      out.push(`<h3>${escapeHtml(code.label)}</h3>`, `<p class="note">${escapeHtml(tallyLine(code, l))}</p>`);
      const cells = column(dimension.table, code.id).filter((c) => c.notes > 0);
      if (cells.length === 0) out.push(`<p class="note">${escapeHtml(l.noThemesTied)}</p>`);
      for (const cell of cells) {
        out.push(`<h4>${escapeHtml(crossLabel(dimension.table, cell.code, l))} <span class="note">${escapeHtml(`${cell.notes} (${l.helpfulLower} ${cell.helpful}, ${l.barrierLower} ${cell.barrier})`)}</span></h4>`);
        out.push(...quotesHtml(cell.quotes, language, writing));
      }
    }
    out.push("</section>");
  }
  return out;
}

/**
 * A cross table as an accessible HTML table: rows the themes, a column per code with its total,
 * cells "notes (helpful / barrier)".
 *
 * @param table the cross table
 * @param language the report language
 * @param caption the caption
 * @returns the `<table>` markup
 * @example
 * ```ts
 * crossTableHtml(table, "nb", "Tabell over tema × aktører");
 * ```
 */
export function crossTableHtml(table: CrossTable, language: ReportLanguage, caption: string): string {
  const l = REPORT_LABELS[language];
  const head = table.values.map((v, j) => `<th scope="col">${escapeHtml(crossLabel(table, v, l))} <span class="note">(${table.totals[j] ?? 0})</span></th>`).join("");
  const rows = table.codes.map((code) => {
    const cells = table.values.map((value) => {
      const cell = table.cells.find((c) => c.code === code && c.value === value)!;
      return `<td class="n" data-helpful="${cell.helpful}" data-barrier="${cell.barrier}">${escapeHtml(cellFigure(cell))}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(crossLabel(table, code, l))}</th>${cells.join("")}</tr>`;
  });
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><td></td>${head}</tr></thead><tbody>${rows.join("")}</tbody></table><p class="note">${escapeHtml(l.crossCells)}</p>`;
}

/**
 * Quotes as HTML blockquotes, the way the report writes the themes' quotes.
 *
 * @param quotes the quotes
 * @param language the report language
 * @param writing the redactor and note languages
 * @returns one `<blockquote>` per quote
 * @example
 * ```ts
 * quotesHtml(cell.quotes, "nb", writing);
 * ```
 */
export function quotesHtml(quotes: readonly Quote[], language: ReportLanguage, writing: QuoteWriting): string[] {
  const l = REPORT_LABELS[language];
  return quotes.map((quote) => {
    const lang = writing.languageOf(quote.note);
    const who = writing.mask(quote.attribution || attribution(quote, l), lang);
    const polarity = quote.polarity === "helpful" ? l.helpfulLower : l.barrierLower;
    return `<blockquote class="${quote.polarity}" data-note="${escapeHtml(quote.note)}"${lang === language || lang === "und" ? "" : ` lang="${escapeHtml(lang)}"`}><p>${escapeHtml(writing.mask(quote.text, lang))}</p><footer>— ${escapeHtml(who)} <span class="polarity ${quote.polarity}">${escapeHtml(polarity)}</span></footer></blockquote>`;
  });
}
