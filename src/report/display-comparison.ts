import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import type { AgreementFigures, Comparison } from "../agreement/compare-codings.ts";
import type { Codebook } from "../codebook/codebook.ts";
import { localize } from "../codebook/label.ts";
import { escapeHtml } from "./html.ts";
import { JUPYTER_DISPLAY, type Displayable } from "./jupyter.ts";
import { REPORT_LABELS, formatShare, type ReportLanguage } from "./labels.ts";
import { escapeMarkdown } from "./markdown.ts";

/** Options of {@link comparisonTable} and {@link displayComparison}. */
export interface ComparisonTableOptions {
  /** Language of the column names (`nb` default). */
  language?: ReportLanguage;
  /** The codebook, for theme and category labels. */
  codebook?: Codebook;
}

const ComparisonTableOptionsSchema: z.ZodType<ComparisonTableOptions, unknown> = z
  .object({
    language: z.enum(["nb", "en", "nn", "no"]).transform((l): ReportLanguage => (l === "en" ? "en" : "nb")).optional(),
    codebook: z.custom<Codebook>((v) => v !== null && typeof v === "object" && Array.isArray((v as Codebook).codes), "expected a codebook (from loadCodebook)").optional(),
  })
  .strict();

const WORDS = {
  nb: { theme: "Tema", units: "Enheter", agreement: "Samsvar", kappa: "Kappa", alpha: "Alfa", overall: "Samlet (note × tema)", coders: "Kodere", ci: "95 % KI" },
  en: { theme: "Theme", units: "Units", agreement: "Agreement", kappa: "Kappa", alpha: "Alpha", overall: "Overall (note × theme)", coders: "Coders", ci: "95% CI" },
} as const;

/** A coefficient with two decimals, its interval when there is one; "–" when undefined (NaN). */
function coefficient(value: number, interval: { lower: number; upper: number } | undefined, language: ReportLanguage): string {
  const fmt = (x: number): string => {
    if (!Number.isFinite(x)) return "–";
    const text = (Math.round(x * 100) / 100).toFixed(2);
    return language === "nb" ? text.replace(".", ",") : text;
  };
  if (!Number.isFinite(value)) return "–";
  return interval ? `${fmt(value)} [${fmt(interval.lower)}–${fmt(interval.upper)}]` : fmt(value);
}

/**
 * The rows of an agreement table: one per code, then one per category, then the pooled figures.
 *
 * @param comparison from `compareCodings`
 * @param options language and codebook (labels)
 * @returns rows of strings: theme, units, percent agreement, kappa (with interval), alpha (with interval), applied per coder
 * @example
 * ```ts
 * comparisonTable(compareCodings(hand, coded, { codebook }), { codebook })[0];
 * // ["Relasjon", "196", "95,4 %", "0,88 [0,80–0,95]", "0,88 [0,80–0,95]", "53 / 48"]
 * ```
 */
export function comparisonTable(comparison: Comparison, options: ComparisonTableOptions = {}): string[][] {
  options = checkOptions(ComparisonTableOptionsSchema, options, "make the agreement table", "kodebok:report");
  const language = options.language ?? "nb";
  const codeLabel = (id: string): string => {
    const code = options.codebook?.codes.find((c) => c.id === id);
    return code ? localize(code.label, language) : id;
  };
  const categoryLabel = (id: string): string => {
    const category = options.codebook?.categories.find((c) => c.id === id);
    return category ? localize(category.label, language) : id;
  };
  const row = (name: string, f: AgreementFigures): string[] => [
    name,
    String(f.units),
    formatShare(f.percentAgreement, language),
    coefficient(f.kappa, f.kappaInterval, language),
    coefficient(f.alpha, f.alphaInterval, language),
    comparison.coders.map((c) => String(f.applied[c] ?? 0)).join(" / "),
  ];
  return [
    ...comparison.codes.map((c) => row(codeLabel(c.code), c)),
    ...comparison.categories.map((c) => row(categoryLabel(c.category), c)),
    row(WORDS[language].overall, comparison.overall),
  ];
}

/**
 * Wraps an agreement comparison for display in a Deno Jupyter notebook: a table of percent
 * agreement, Cohen's (or Fleiss') kappa and Krippendorff's alpha per theme, per category and
 * pooled, with bootstrap intervals when computed, as HTML, Markdown and text.
 *
 * @param comparison from `compareCodings` or `compareCodingsMany`
 * @param options language and codebook (labels)
 * @returns a displayable object that keeps the comparison under `comparison`
 * @example
 * ```ts
 * displayComparison(compareCodings(loaded, coded, { codebook }), { codebook });
 * ```
 */
export function displayComparison(comparison: Comparison, options: ComparisonTableOptions = {}): Displayable & { comparison: Comparison } {
  options = checkOptions(ComparisonTableOptionsSchema, options, "show the agreement table", "kodebok:report");
  const language = options.language ?? "nb";
  const w = WORDS[language];
  const head = [w.theme, w.units, w.agreement, `${w.kappa} (${w.ci})`, `${w.alpha} (${w.ci})`, `${REPORT_LABELS[language].coded}: ${comparison.coders.join(" / ")}`];
  const rows = comparisonTable(comparison, options);
  const nCodes = comparison.codes.length;
  const html = [
    `<table class="kodebok-agreement"><caption>${escapeHtml(`${w.coders}: ${comparison.coders.join(", ")} (${comparison.kappa === "cohen" ? "Cohen's kappa" : "Fleiss' kappa"}, Krippendorff's alpha)`)}</caption>`,
    `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`,
    ...rows.map((r, i) => `<tr${i >= nCodes ? ' class="category"' : ""}>${r.map((c, j) => (j === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`),
    "</tbody></table>",
  ].join("");
  const markdown = [
    `| ${head.map(escapeMarkdown).join(" | ")} |`,
    `|:--|${head.slice(1).map(() => "--:").join("|")}|`,
    ...rows.map((r) => `| ${r.map(escapeMarkdown).join(" | ")} |`),
    "",
  ].join("\n");
  const plain = rows.map((r) => r.join("  ")).join("\n");
  return { comparison, [JUPYTER_DISPLAY]: () => ({ "text/plain": plain, "text/html": html, "text/markdown": markdown }) };
}
