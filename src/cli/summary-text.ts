import type { Summary } from "../rollup/summary.ts";
import type { Style } from "./io.ts";
import { percent, renderTable } from "./table.ts";

/**
 * Renders a roll-up as a readable terminal report: the totals, a table of categories and their
 * themes (notes, participants, groups, seminars, share, helpful, barrier), and the quotes.
 *
 * @param summary the roll-up from `rollUp`
 * @param s styles (colour on a TTY, plain otherwise)
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * process.stdout.write(summaryToText(rollUp(coded, codebook), style(false)));
 * ```
 */
export function summaryToText(summary: Summary, s: Style): string {
  const t = summary.totals;
  const out: string[] = [];
  const version = summary.codebook.version ? ` ${summary.codebook.version}` : "";
  out.push(s.bold(`${summary.codebook.title}`) + s.dim(` (${summary.codebook.id}${version})`));
  out.push(
    `${t.notes} notes · ${t.participants} participants · ${t.groups} groups · ${t.seminars} seminars · ${t.coded} coded, ${t.uncoded} uncoded (${percent(t.notes === 0 ? 0 : t.uncoded / t.notes)})`,
  );
  out.push("");
  const rows: string[][] = [];
  // A model's codes are counted apart, in a column of their own, when a model coded.
  const learned = summary.categories.some((c) => c.learned !== undefined);
  const cells = (t: Parameters<typeof figures>[0] & { learned?: number | undefined }) => [...figures(t), ...(learned ? [String(t.learned ?? 0)] : [])];
  for (const category of summary.categories) {
    rows.push([category.label, ...cells(category)]);
    for (const code of category.codes) rows.push([`  ${code.label}`, ...cells(code)]);
  }
  const table = renderTable(
    ["Category / theme", "Notes", "Participants", "Groups", "Seminars", "Share", "Helpful", "Barrier", ...(learned ? ["Model"] : [])],
    rows,
    ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
  table.forEach((line, i) => out.push(i === 0 ? s.bold(line) : i >= 2 && !rows[i - 2]![0]!.startsWith("  ") ? s.bold(line) : line));
  if (learned) out.push(s.dim("Model: notes only a learned model (not the codebook's rules) gave the theme."));
  const quoted = summary.categories.flatMap((c) => c.codes).filter((c) => c.quotes.length > 0);
  if (quoted.length > 0) {
    out.push("", s.bold("Quotes"));
    for (const code of quoted) {
      out.push(`  ${s.cyan(code.label)} ${s.dim(`(${code.id})`)}`);
      for (const q of code.quotes) {
        out.push(`    «${q.text}»${q.polarity === "barrier" ? s.yellow(" [barrier]") : ""}${q.probability !== undefined ? s.cyan(` [model, p = ${q.probability.toFixed(2)}]`) : ""}`);
        out.push(`      ${s.dim(`— ${q.attribution}`)}`);
      }
    }
  }
  return `${out.join("\n")}\n`;
}

function figures(t: { notes: number; participants: number; groups: number; seminars: number; share: number; helpful: number; barrier: number }): string[] {
  return [t.notes, t.participants, t.groups, t.seminars].map(String).concat(percent(t.share), String(t.helpful), String(t.barrier));
}
