import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { verdict } from "./check-report-text.ts";
import type { CheckReport } from "./check-report.ts";

/**
 * Renders a check report as GitHub Actions workflow commands: one
 * `::error file=...,line=...,col=...,title=...::message` annotation per error finding (`::warning`
 * for warnings, `::notice` for infos), so the findings show on the pull request's changed lines,
 * then the verdict as a plain line.
 *
 * @param report the result of `checkDataset`
 * @returns the lines, ending with a newline
 * @example
 * ```ts
 * checkReportToGithub(report);
 * // "::error file=data/notes.csv,line=4,col=52,title=coding-unknown-code::Coder \"anna\" applied code ..."
 * ```
 */
export function checkReportToGithub(report: CheckReport): string {
  const lines = report.findings.map(annotation);
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}

/**
 * One finding as a GitHub workflow command (`::error`, `::warning` or `::notice`), escaped as the
 * workflow command syntax requires.
 *
 * @param d the finding
 * @returns the command line, without a newline
 * @example
 * ```ts
 * annotation(diagnostic({ code: "note-empty-text", severity: "warning", reason: "Empty", file: "a.csv", start: { line: 2, column: 4 } }));
 * // "::warning file=a.csv,line=2,col=4,title=kodebok note-empty-text::Empty [note-empty-text]"
 * ```
 */
export function annotation(d: Diagnostic): string {
  const command = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
  const props: string[] = [];
  if (d.file !== undefined) props.push(`file=${property(d.file)}`);
  if (d.start) props.push(`line=${d.start.line}`, `col=${d.start.column}`);
  if (d.end) props.push(`endLine=${d.end.line}`, `endColumn=${d.end.column}`);
  props.push(`title=${property(`kodebok ${d.code}`)}`);
  return `::${command} ${props.join(",")}::${message(`${d.reason} [${d.code}]`)}`;
}

function message(text: string): string {
  return text.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

function property(text: string): string {
  return message(text).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}
