import type { Summary, Tally } from "../rollup/summary.ts";
import { REPORT_LABELS, countOf, formatShare, type ReportLabels, type ReportLanguage } from "./labels.ts";
import { reportMatrices } from "./report-matrices.ts";
import { KODEBOK_VERSION, redactionOn, reportLanguage, reportRedactor, type ReportOptions, checkReportOptions } from "./report-options.ts";
import { dimensionsMarkdown } from "./dimension-sections.ts";

/**
 * Escapes the characters that Markdown would read as formatting inside running text, and folds
 * line breaks into spaces.
 *
 * @param text note text or a label
 * @returns the text, safe inside a paragraph, a list item or a table cell
 * @example
 * ```ts
 * escapeMarkdown("*viktig* | tid"); // "\\*viktig\\* \\| tid"
 * ```
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_<>|]/g, (c) => `\\${c}`)
    .replace(/^([#>+-]|\d+\.)(?=\s|$)/, "\\$1");
}

/**
 * A lookup from note id to the note's language, from the coded notes when given.
 *
 * @param summary the roll-up (its language is the fallback)
 * @param options the report options (`coded`)
 * @returns `(noteId) => language`
 * @example
 * ```ts
 * noteLanguages(summary, { coded })("lds-001"); // "en"
 * ```
 */
export function noteLanguages(summary: Summary, options: ReportOptions): (note: string) => string {
  const map = new Map<string, string>();
  for (const item of options.coded ?? []) map.set(item.note.id, item.language);
  return (note) => map.get(note) ?? summary.language;
}

/**
 * Where a note came from, from the parts that are known: "Byen, gruppe 2, deltaker P4".
 *
 * @param part seminar, group and participant
 * @param l the report's words
 * @returns the attribution, or "" when nothing is known
 * @example
 * ```ts
 * attribution({ seminar: "Byen", group: "2" }, REPORT_LABELS.nb); // "Byen, gruppe 2"
 * ```
 */
export function attribution(
  part: { seminar?: string | undefined; group?: string | undefined; participant?: string | undefined },
  l: ReportLabels,
): string {
  const parts: string[] = [];
  if (part.seminar) parts.push(part.seminar);
  if (part.group) parts.push(`${l.group} ${part.group}`);
  if (part.participant) parts.push(`${l.participant} ${part.participant}`);
  return parts.join(", ");
}

/**
 * The parts of the provenance line shared by the Markdown and HTML footers.
 *
 * @param summary the roll-up (codebook id, version, hash; input hash)
 * @param options `version`, `date`
 * @param language the report language
 * @returns the parts, to be joined with " · "
 * @example
 * ```ts
 * provenanceParts(summary, {}, "en")[0]; // "Made with kodebok 0.1.0"
 * ```
 */
export function provenanceParts(summary: Summary, options: ReportOptions, language: ReportLanguage): string[] {
  const l = REPORT_LABELS[language];
  const book = summary.codebook;
  const parts = [
    `${l.madeWith} ${options.version ?? KODEBOK_VERSION}`,
    `${l.codebook.toLowerCase()} ${book.id}${book.version ? ` ${book.version}` : ""} (${book.hash})`,
    `${l.input.toLowerCase()} ${summary.inputHash}`,
  ];
  if (summary.model !== undefined) parts.push(`${l.model} ${summary.model.trainingHash} (${summary.model.notes} ${l.notes.toLowerCase()})`);
  if (options.date !== undefined) parts.push(`${l.date.toLowerCase()} ${options.date}`);
  return parts;
}

/**
 * A learned model's probability with two decimals, the way the language writes it.
 *
 * @param p the probability
 * @param language the report language
 * @returns the number as text
 * @example
 * ```ts
 * formatProbability(0.8349, "nb"); // "0,83"
 * ```
 */
export function formatProbability(p: number, language: ReportLanguage): string {
  const text = p.toFixed(2);
  return language === "nb" ? text.replace(".", ",") : text;
}

/**
 * The report's title: the option, or "<codebook title>: results".
 *
 * @param summary the roll-up
 * @param options `title`
 * @param language the report language
 * @returns the title
 * @example
 * ```ts
 * reportTitle(summary, {}, "nb"); // "Hva hjelper ...: resultater"
 * ```
 */
export function reportTitle(summary: Pick<Summary, "codebook">, options: ReportOptions, language: ReportLanguage): string {
  return options.title ?? `${summary.codebook.title}: ${REPORT_LABELS[language].results}`;
}

/**
 * The line of totals under the title.
 *
 * @param summary the roll-up
 * @param l the report's words
 * @returns the line
 * @example
 * ```ts
 * totalsLine(summary, REPORT_LABELS.nb); // "13 notater, 11 kodet, 2 uten kode · 12 deltakere · 4 grupper · 2 seminarer"
 * ```
 */
export function totalsLine(summary: Summary, l: ReportLabels): string {
  const t = summary.totals;
  return [
    `${countOf(t.notes, l.counted.notes)}, ${t.coded} ${l.coded}, ${t.uncoded} ${l.uncodedShort}`,
    countOf(t.participants, l.counted.participants),
    countOf(t.groups, l.counted.groups),
    countOf(t.seminars, l.counted.seminars),
  ].join(" · ");
}

/** The tables of themes by seminar, group and question, and of co-occurrence (with coded notes). */
function matrixSections(summary: Summary, options: ReportOptions, l: ReportLabels, language: ReportLanguage): string[] {
  const { labels, byAttribute, cooccurrence: co } = reportMatrices(summary, options);
  const out: string[] = [];
  for (const matrix of byAttribute) {
    out.push(`### ${l.themeBy[matrix.by] ?? escapeMarkdown(matrix.by)}`, "", l.themeByTableNote, "");
    out.push(`| ${l.code} | ${matrix.values.map((v, j) => `${escapeMarkdown(v)} (${matrix.totals[j] ?? 0})`).join(" | ")} |`);
    out.push(`|:--|${matrix.values.map(() => "--:").join("|")}|`);
    matrix.codes.forEach((code, i) => {
      const cells = matrix.values.map((_, j) => {
        const n = matrix.counts[i]?.[j] ?? 0;
        const total = matrix.totals[j] ?? 0;
        return `${n} (${formatShare(total === 0 ? 0 : n / total, language)})`;
      });
      out.push(`| ${escapeMarkdown(labels[code] ?? code)} | ${cells.join(" | ")} |`);
    });
    out.push("");
  }
  if (co) {
    const names = co.codes.map((c) => escapeMarkdown(labels[c] ?? c));
    out.push(`### ${l.cooccurrence}`, "", l.cooccurrenceDesc, "");
    out.push(`| | ${names.join(" | ")} |`, `|:--|${names.map(() => "--:").join("|")}|`);
    co.codes.forEach((_, i) => out.push(`| ${names[i]} | ${co.codes.map((__, j) => co.counts[i]?.[j] ?? 0).join(" | ")} |`));
    out.push("");
  }
  return out;
}

/**
 * Writes the roll-up as Markdown a researcher can paste into a report: totals; a table of
 * categories and themes with notes, share, helpful and barrier counts, participants, groups and
 * seminars; with the coded notes (`coded`), tables of themes by seminar, group and question and of
 * co-occurrence; the quotes with attribution; for a codebook with further dimensions (actors), a
 * part per dimension with its codes, the theme × actor table and the quotes per actor and theme;
 * the notes no code matched; and a provenance footer
 * (kodebok version, codebook id and hash, input hash, and the date only when given).
 * Quotes and uncoded notes are redacted unless `redact: false`. The same input gives the same bytes.
 *
 * @param summary the roll-up from `rollUp()`
 * @param options language, redaction (`{ roster }`, a function, or `false`), date, title, coded notes
 * @returns the Markdown text, ending in a newline
 * @example
 * ```ts
 * const md = toMarkdown(summary, { date: "2026-11-27" });
 * md.startsWith("# "); // true
 * ```
 */
export function toMarkdown(summary: Summary, options: ReportOptions = {}): string {
  options = checkReportOptions(options, "write the Markdown report");
  const language = reportLanguage(summary, options);
  const l = REPORT_LABELS[language];
  const mask = reportRedactor(options);
  const languageOf = noteLanguages(summary, options);
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(reportTitle(summary, options, language))}`, "", totalsLine(summary, l), "");

  out.push(`## ${l.categoriesAndThemes}`, "");
  // A model's codes are counted apart, in a column of their own, when a model coded.
  const learned = summary.categories.some((c) => c.learned !== undefined);
  out.push(
    `| ${l.category} / ${l.code.toLowerCase()} | ${l.notes} | ${l.share} | ${l.helpful} | ${l.barrier} |${learned ? ` ${l.learned} |` : ""} ${l.participants} | ${l.groups} | ${l.seminars} |`,
    `|:--|--:|--:|--:|--:|${learned ? "--:|" : ""}--:|--:|--:|`,
  );
  for (const category of summary.categories) {
    const row = (name: string, t: Tally): string =>
      `| ${name} | ${t.notes} | ${formatShare(t.share, language)} | ${t.helpful} | ${t.barrier} |${learned ? ` ${t.learned ?? 0} |` : ""} ${t.participants} | ${t.groups} | ${t.seminars} |`;
    out.push(row(`**${escapeMarkdown(category.label)}**`, category));
    for (const code of category.codes) out.push(row(escapeMarkdown(code.label), code));
  }
  out.push("", `${l.shareNote}`, "");
  if (learned) out.push(l.learnedNote, "");
  out.push(...matrixSections(summary, options, l, language));

  out.push(`## ${l.quotes}`, "", redactionOn(options) ? l.redactionNote.replace(/[[\]]/g, "\\$&") : l.redactionOff, "");
  for (const category of summary.categories) {
    for (const code of category.codes) {
      out.push(`### ${escapeMarkdown(code.label)} (${escapeMarkdown(category.label)})`, "");
      if (code.quotes.length === 0) out.push(`_${l.noQuotes}_`, "");
      for (const quote of code.quotes) {
        const who = mask(quote.attribution || attribution(quote, l), languageOf(quote.note));
        const polarity = quote.polarity === "helpful" ? l.helpfulLower : l.barrierLower;
        const byModel = quote.probability !== undefined ? `; ${l.learnedQuote}, p = ${formatProbability(quote.probability, language)}` : "";
        // The attribution is a paragraph of its own in the quote: lines of one paragraph run together.
        out.push(`> ${escapeMarkdown(mask(quote.text, languageOf(quote.note)))}`, ">", `> — ${escapeMarkdown(who)} (${polarity}${byModel})`, "");
      }
    }
  }

  out.push(...dimensionsMarkdown(summary, language, { mask, languageOf }));

  out.push(`## ${l.uncoded} (${summary.uncoded.length})`, "");
  if (summary.uncoded.length === 0) out.push(l.noUncoded, "");
  else {
    for (const note of summary.uncoded) {
      const where = attribution(note, l);
      out.push(`- ${escapeMarkdown(mask(note.text, languageOf(note.note)))} (${escapeMarkdown(note.note)}${where ? `; ${escapeMarkdown(where)}` : ""})`);
    }
    out.push("");
  }

  out.push("---", "", `${l.provenance}: ${provenanceParts(summary, options, language).map(escapeMarkdown).join(" · ")}`, "");
  return out.join("\n");
}
