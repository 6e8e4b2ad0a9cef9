import type { RefineReport } from "../refine/refine-report.ts";
import { REPORT_CSS, escapeHtml } from "./html.ts";
import { escapeMarkdown } from "./markdown.ts";
import { refineBlocks, type RefineBlock, type RefineReportOptions } from "./refine-blocks.ts";
import { reportRedactor } from "./report-options.ts";
import { renderTable } from "./text-table.ts";

const noteLine = (n: { id: string; text: string; group: string; mark?: string }): string =>
  `${n.id}${n.mark ? ` [${n.mark}]` : ""}: ${n.text.replace(/\s+/gu, " ").trim()} (${n.group})`;

/**
 * The refine report as plain text for a terminal: headings, aligned tables, quoted notes, the patch.
 *
 * @param report the result of `refineCodebook`
 * @param options redaction (default on) and whether to include the patch
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * process.stdout.write(refineReportToText(refineCodebook(input, codebook)));
 * ```
 */
export function refineReportToText(report: RefineReport, options: RefineReportOptions = {}): string {
  const out: string[] = [];
  for (const b of refineBlocks(report, options)) out.push(...textBlock(b), "");
  return `${out.join("\n").trimEnd()}\n`;
}

function textBlock(b: RefineBlock): string[] {
  switch (b.kind) {
    case "heading":
      return b.level === 1 ? [b.text, "=".repeat(Math.min(b.text.length, 100))] : b.level === 2 ? [b.text, "-".repeat(Math.min(b.text.length, 100))] : [b.text];
    case "paragraph":
      return [b.text];
    case "table":
      return [`${b.caption}:`, ...renderTable(b.header, b.rows, b.align)];
    case "notes":
      return [`${b.caption}:`, ...(b.notes.length === 0 ? ["  (none)"] : b.notes.map((n) => `  ${noteLine(n)}`))];
    case "code":
      return [`--- ${b.caption} ---`, b.text.trimEnd(), `--- end of ${b.caption} ---`];
  }
}

/**
 * The refine report as Markdown: headings, pipe tables, quoted notes as lists, the patch in a
 * fenced YAML block.
 *
 * @param report the result of `refineCodebook`
 * @param options redaction (default on) and whether to include the patch
 * @returns the Markdown, ending with a newline
 * @example
 * ```ts
 * await writeFile("refine.md", refineReportToMarkdown(report));
 * ```
 */
export function refineReportToMarkdown(report: RefineReport, options: RefineReportOptions = {}): string {
  const out: string[] = [];
  for (const b of refineBlocks(report, options)) {
    switch (b.kind) {
      case "heading":
        out.push(`${"#".repeat(b.level)} ${escapeMarkdown(b.text)}`, "");
        break;
      case "paragraph":
        out.push(escapeMarkdown(b.text), "");
        break;
      case "table": {
        out.push(`**${escapeMarkdown(b.caption)}**`, "");
        out.push(`| ${b.header.map(escapeMarkdown).join(" | ")} |`, `|${b.align.map((a) => (a === "right" ? "--:" : ":--")).join("|")}|`);
        for (const row of b.rows) out.push(`| ${row.map((c) => (c === "" ? " " : escapeMarkdown(c))).join(" | ")} |`);
        out.push("");
        break;
      }
      case "notes":
        out.push(`**${escapeMarkdown(b.caption)}**`, "");
        if (b.notes.length === 0) out.push("_none_");
        for (const n of b.notes) out.push(`- \`${n.id}\`${n.mark ? ` (${escapeMarkdown(n.mark)})` : ""}: ${escapeMarkdown(n.text)} _(${escapeMarkdown(n.group)})_`);
        out.push("");
        break;
      case "code": {
        const fence = b.text.includes("```") ? "~~~~" : "```";
        out.push(`**${escapeMarkdown(b.caption)}**`, "", `${fence}yaml`, b.text.trimEnd(), fence, "");
        break;
      }
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * The refine report as HTML: a whole document with kodebok's report style and a
 * Content-Security-Policy that forbids every fetch, or (`fragment`) the report's `<div>` alone.
 *
 * @param report the result of `refineCodebook`
 * @param options redaction (default on), whether to include the patch, `fragment`
 * @returns the HTML
 * @example
 * ```ts
 * await writeFile("refine.html", refineReportToHtml(report));
 * ```
 */
export function refineReportToHtml(report: RefineReport, options: RefineReportOptions & { fragment?: boolean } = {}): string {
  const body: string[] = ['<div class="kodebok-report">'];
  let title = "kodebok refine";
  for (const b of refineBlocks(report, options)) {
    switch (b.kind) {
      case "heading":
        if (b.level === 1) title = b.text;
        body.push(`<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`);
        break;
      case "paragraph":
        body.push(`<p>${escapeHtml(b.text)}</p>`);
        break;
      case "table": {
        const head = b.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
        const rows = b.rows.map((r) => `<tr>${r.map((c, i) => (b.align[i] === "right" ? `<td class="n">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`).join("");
        body.push(`<div class="table-wrap"><table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`);
        break;
      }
      case "notes": {
        const items = b.notes.map((n) => `<li><code>${escapeHtml(n.id)}</code>${n.mark ? ` <span class="note">(${escapeHtml(n.mark)})</span>` : ""}: ${escapeHtml(n.text)} <span class="note">(${escapeHtml(n.group)})</span></li>`);
        body.push(`<h3>${escapeHtml(b.caption)}</h3>`, items.length === 0 ? "<p><em>none</em></p>" : `<ul>${items.join("")}</ul>`);
        break;
      }
      case "code":
        body.push(`<h3>${escapeHtml(b.caption)}</h3>`, `<pre><code class="language-yaml">${escapeHtml(b.text)}</code></pre>`);
        break;
    }
  }
  body.push("</div>");
  const style = `<style>\n${REPORT_CSS}\n.kodebok-report pre{background:#f7f7f7;padding:.6rem;overflow-x:auto;font-size:.85rem}\n</style>`;
  if (options.fragment) return `${style}\n${body.join("\n")}\n`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="kodebok">',
    `<title>${escapeHtml(title)}</title>`,
    style,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The refine report as JSON: the report itself, with every quoted note's text redacted unless
 * `redact: false` (the patch, settings and figures as they are). Stable key order and indentation.
 *
 * @param report the result of `refineCodebook`
 * @param options redaction (default on)
 * @returns the JSON text, ending with a newline
 * @example
 * ```ts
 * JSON.parse(refineReportToJson(report)).overall.before.kappa;
 * ```
 */
export function refineReportToJson(report: RefineReport, options: Pick<RefineReportOptions, "redact"> = {}): string {
  const mask = reportRedactor(options);
  const masked = new Map<string, string>();
  const maskNote = (key: string, value: unknown): unknown => {
    if (value && typeof value === "object" && !Array.isArray(value) && "id" in value && "text" in value && "group" in value && "language" in value) {
      const n = value as { id: string; text: string; language: string; group: string };
      let text = masked.get(n.id);
      if (text === undefined) masked.set(n.id, (text = mask(n.text, n.language)));
      return { ...n, text };
    }
    void key;
    return value;
  };
  return `${JSON.stringify(report, maskNote, 2)}\n`;
}
