import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { formatDiagnostic } from "../diagnostics/diagnostic.ts";
import type { AgreementRow, CheckReport } from "./check-report.ts";

/** Options of {@link checkReportToText}. */
export interface CheckTextOptions {
  /** Include the findings as `file:line:column: message [code]` lines (default true). */
  findings?: boolean;
  /** Include info findings (default false). */
  infos?: boolean;
}

const CheckTextOptionsSchema: z.ZodType<CheckTextOptions, unknown> = z.object({ findings: z.boolean().optional(), infos: z.boolean().optional() }).strict();

/**
 * Renders a check report for people: the findings as `file:line:column: message [code]`, the
 * files read, the agreement table, the uncoded shares and the verdict.
 *
 * @param report the result of `checkDataset`
 * @param options what to include
 * @returns plain text (no colour), ending with a newline
 * @example
 * ```ts
 * process.stdout.write(checkReportToText(checkDataset(files, codebook)));
 * ```
 */
export function checkReportToText(report: CheckReport, options: CheckTextOptions = {}): string {
  options = checkOptions(CheckTextOptionsSchema, options, "write the check report", "kodebok:check");
  const out: string[] = [];
  if (options.findings !== false) {
    for (const d of report.findings) if (d.severity !== "info" || options.infos) out.push(formatDiagnostic(d).replace(/^<input>/u, "kodebok"));
    if (out.length > 0) out.push("");
  }
  const t = report.totals;
  out.push(`kodebok check: codebook ${report.codebook.id}${report.codebook.version ? ` ${report.codebook.version}` : ""}; ${t.files} file${t.files === 1 ? "" : "s"}, ${t.notes} notes, ${t.codings} codings; coders: ${t.coders.length ? t.coders.join(", ") : "none"}`);
  for (const f of report.files) {
    // A file fails with any error located in it (unreadable, or a finding such as an unknown code).
    const errors = report.findings.filter((d) => d.file === f.file && d.severity === "error").length;
    const warnings = report.findings.filter((d) => d.file === f.file && d.severity === "warning").length;
    const counts = errors || warnings ? `; ${[errors ? `${errors} error${errors === 1 ? "" : "s"}` : "", warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : ""].filter(Boolean).join(", ")}` : "";
    // A file with errors is still read as far as it can be (its notes are checked too): say what was read.
    const read = f.ok || f.notes > 0 || f.codings > 0 ? `${f.kind}: ${f.notes} notes, ${f.codings} codings${f.coders.length ? `; ${f.coders.join(", ")}` : ""}` : `not readable as ${f.kind}`;
    out.push(`  ${f.ok && errors === 0 ? "ok  " : "FAIL"} ${f.file} (${read}${counts})`);
  }
  if (report.agreement.length > 0) {
    out.push("", `Agreement (fail under alpha ${report.thresholds.minAlpha}, warn under ${report.thresholds.warnAlpha}${report.thresholds.minKappa !== null ? `, fail under kappa ${report.thresholds.minKappa}` : ""})`);
    out.push(...table(["coders", "level", "id", "notes", "alpha", "kappa", "agree", "status"], report.agreement.map(agreementCells), [0, 0, 0, 1, 1, 1, 1, 0]));
  }
  if (report.uncoded.length > 0) {
    out.push("", `Notes without a code (fail over ${pct(report.thresholds.maxUncoded)})`);
    out.push(...table(["coder", "notes", "uncoded", "share", "status"], report.uncoded.map((u) => [u.coder, String(u.notes), String(u.uncoded), pct(u.share), u.auto ? "info" : u.status]), [0, 1, 1, 1, 0]));
  }
  out.push("", verdict(report));
  return `${out.join("\n")}\n`;
}

/**
 * The one-line verdict of a check.
 *
 * @param report the check report
 * @returns `check passed`, `check passed (2 warnings)` or `check failed: 3 errors, 1 warning`
 * @example
 * ```ts
 * verdict(checkDataset(files, codebook)); // "check passed"
 * ```
 */
export function verdict(report: CheckReport): string {
  const { errors, warnings } = report.totals;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  return report.ok ? `check passed${warnings ? ` (${n(warnings, "warning")})` : ""}` : `check failed: ${n(errors, "error")}${warnings ? `, ${n(warnings, "warning")}` : ""}`;
}

function agreementCells(row: AgreementRow): string[] {
  // A codebook with further dimensions: the id says which dimension the row is about.
  return [row.coders.join(" × "), row.level, row.dimension === undefined ? row.id : `${row.id} (${row.dimension})`, String(row.units), num(row.alpha), num(row.kappa), row.percent === null ? "-" : pct(row.percent), row.status];
}

function num(x: number | null): string {
  return x === null ? "-" : x.toFixed(3);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function table(header: string[], rows: string[][], right: number[]): string[] {
  const w = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (cells: string[]) =>
    "  " + cells.map((c, i) => (right[i] ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
