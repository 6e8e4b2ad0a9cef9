import { formatDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { CheckReport } from "./check-report.ts";

/** Finding codes that the agreement and uncoded test cases stand for. */
const SUMMARISED = new Set(["check-agreement-below-minimum", "check-agreement-below-warning", "check-agreement-undefined", "check-uncoded-share"]);

interface TestCase {
  name: string;
  classname: string;
  failures: string[];
  out: string[];
}

/**
 * Renders a check report as JUnit XML for CI dashboards: one test suite `kodebok check` with a test
 * case per file (failing with its errors), per agreement row (failing under the minimum), per
 * coder's uncoded share, and per kind of dataset-wide finding. Warnings go to `system-out`.
 *
 * @param report the result of `checkDataset`
 * @returns the XML document
 * @example
 * ```ts
 * await writeFile("kodebok-junit.xml", checkReportToJunit(report));
 * ```
 */
export function checkReportToJunit(report: CheckReport): string {
  const cases: TestCase[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  const other = new Map<string, Diagnostic[]>();
  for (const d of report.findings) {
    if (d.file !== undefined) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    else if (!SUMMARISED.has(d.code)) other.set(d.code, [...(other.get(d.code) ?? []), d]);
  }
  const files = [...new Set([...report.files.map((f) => f.file), ...byFile.keys()])];
  for (const file of files) {
    const found = byFile.get(file) ?? [];
    cases.push({ name: file, classname: "kodebok.check.file", failures: lines(found, "error"), out: lines(found, "warning") });
  }
  for (const [code, found] of other) {
    cases.push({ name: code, classname: "kodebok.check.dataset", failures: lines(found, "error"), out: lines(found, "warning") });
  }
  for (const row of report.agreement) {
    const f = (x: number | null) => (x === null ? "undefined" : x.toFixed(3));
    const text = `alpha ${f(row.alpha)}, kappa ${f(row.kappa)}, agreement ${f(row.percent)} over ${row.units} notes (${row.status})`;
    cases.push({
      name: `${row.coders.join(" x ")}: ${row.level} ${row.id}${row.dimension === undefined ? "" : ` (${row.dimension})`}`,
      classname: "kodebok.check.agreement",
      failures: row.status === "fail" ? [text] : [],
      out: [text],
    });
  }
  for (const row of report.uncoded) {
    const text = `${row.uncoded} of ${row.notes} notes without a code (share ${row.share.toFixed(3)}, maximum ${report.thresholds.maxUncoded})`;
    cases.push({ name: `uncoded: ${row.coder}`, classname: "kodebok.check.uncoded", failures: row.status === "fail" ? [text] : [], out: [text] });
  }
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const xml: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kodebok check" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="kodebok check (${esc(report.codebook.id)})" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const c of cases) {
    xml.push(`    <testcase name="${esc(c.name)}" classname="${esc(c.classname)}">`);
    if (c.failures.length > 0) {
      xml.push(`      <failure message="${esc(c.failures[0]!)}" type="${esc(c.classname)}">${esc(c.failures.join("\n"))}</failure>`);
    }
    if (c.out.length > 0) xml.push(`      <system-out>${esc(c.out.join("\n"))}</system-out>`);
    xml.push("    </testcase>");
  }
  xml.push("  </testsuite>", "</testsuites>");
  return `${xml.join("\n")}\n`;
}

function lines(found: Diagnostic[], severity: "error" | "warning"): string[] {
  return found.filter((d) => (severity === "error" ? d.severity === "error" : d.severity !== "error")).map((d) => formatDiagnostic(d).replace(/^<input>/u, "kodebok"));
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 does not allow. */
function esc(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/gu, "&amp;")
    .replace(/</gu, "&lt;")
    .replace(/>/gu, "&gt;")
    .replace(/"/gu, "&quot;")
    .replace(/'/gu, "&apos;");
}
