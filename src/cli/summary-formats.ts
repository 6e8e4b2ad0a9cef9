import type { Codebook } from "../codebook/codebook.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { AppendixMode } from "../report/html.ts";
import type { ReportOptions } from "../report/report-options.ts";
import type { Summary } from "../rollup/summary.ts";
import { style } from "./io.ts";
import { summaryToText } from "./summary-text.ts";

/** The output formats of `kodebok code`. */
export const SUMMARY_FORMATS = ["text", "json", "csv", "md", "html", "xlsx"] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** What {@link renderSummary} needs besides the roll-up. */
export interface RenderSummaryOptions {
  /** The coded notes (for the HTML report's charts by seminar, group and question, and co-occurrence). */
  coded: readonly CodedNote[];
  codebook: Codebook;
  /** False when `--no-redact`: the reports then say that redaction is off. */
  redact: boolean;
  /** Whether `text` may use colour. */
  colour: boolean;
  /** The HTML report's codebook appendix (`--appendix`); default short. */
  appendix?: AppendixMode;
  /** Question texts by id (`--question q1="..."`), for the tables and charts by question. */
  questions?: Readonly<Record<string, string>>;
}

/**
 * Renders a roll-up in one of the CLI's formats: `text` is the terminal table; the others are the
 * report module's renderers (`toJson`, `toCsv`, `toMarkdown`, `toHtml`, and `toXlsx` with the
 * themes and the coded notes as two sheets, as bytes), so the CLI and the library give the same bytes.
 *
 * @param summary the roll-up
 * @param format the format
 * @param options coded notes, codebook, redaction, colour
 * @returns the output text
 * @example
 * ```ts
 * const md = await renderSummary(summary, "md", { coded, codebook, redact: true, colour: false });
 * ```
 */
export async function renderSummary(summary: Summary, format: SummaryFormat, options: RenderSummaryOptions): Promise<string | Uint8Array> {
  const report: ReportOptions = {
    coded: options.coded,
    codebook: options.codebook,
    ...(options.redact ? {} : { redact: false }),
    ...(options.questions ? { questions: options.questions } : {}),
  };
  switch (format) {
    case "text":
      return summaryToText(summary, style(options.colour));
    // The renderers load on demand: the HTML report brings vega, which the other formats do not need.
    case "json":
      return (await import("../report/json.ts")).toJson(summary, report);
    case "csv":
      return (await import("../report/csv.ts")).toCsv(summary, report);
    case "md":
      return (await import("../report/markdown.ts")).toMarkdown(summary, report);
    case "html":
      return (await import("../report/html.ts")).toHtml(summary, { ...report, ...(options.appendix ? { appendix: options.appendix } : {}) });
    case "xlsx":
      return (await import("../report/xlsx.ts")).toXlsx(summary, report);
  }
}
