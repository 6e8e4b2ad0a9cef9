import type { Summary } from "../rollup/summary.ts";
import { CliError } from "./exit-codes.ts";
import { style } from "./io.ts";
import { summaryToText } from "./summary-text.ts";

/** The output formats of `kodebok code`. */
export const SUMMARY_FORMATS = ["text", "json", "csv", "md", "html"] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/**
 * Renders a roll-up in one of the CLI's formats. `text` is the terminal table; the others are the
 * report module's renderers.
 *
 * @param summary the roll-up
 * @param format the format
 * @param colour whether `text` may use colour
 * @returns the output text
 */
export function renderSummary(summary: Summary, format: SummaryFormat, colour: boolean): string {
  switch (format) {
    case "text":
      return summaryToText(summary, style(colour));
    case "json":
      return `${JSON.stringify(summary, null, 2)}\n`;
    default:
      // TODO(cli): toMarkdown/toHtml/toCsv of src/report/ (issue 5) once they are on main.
      throw new CliError(`The format "${format}" is not available in this build yet`);
  }
}
