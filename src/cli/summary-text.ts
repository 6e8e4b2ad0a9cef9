import { MISSING_VALUE } from "../rollup/code-matrix.ts";
import type { CrossTable, Summary } from "../rollup/summary.ts";
import type { Style } from "./io.ts";
import { percent, renderTable } from "./table.ts";

/**
 * Renders a roll-up as a readable terminal report: the totals, a table of categories and their
 * themes (notes, participants, groups, seminars, share, helpful, barrier), and the quotes; for a
 * codebook with further dimensions, a table of each dimension's codes and the theme × code table.
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
  for (const dimension of summary.dimensions ?? []) {
    out.push("", s.bold(`${dimension.label}`) + s.dim(` (${dimension.id}: ${dimension.notes} of ${t.notes} notes name at least one; themes are tied to the nearest in their sentence)`));
    const dimensionRows = dimension.codes.map((code) => [code.label, ...figures(code)]);
    renderTable([dimension.label, "Notes", "Participants", "Groups", "Seminars", "Share", "Helpful", "Barrier"], dimensionRows, ["left", "right", "right", "right", "right", "right", "right", "right"])
      .forEach((line, i) => out.push(i === 0 ? s.bold(line) : line));
    out.push("", ...crossTableText(dimension.table, s, `Theme × ${dimension.label.toLowerCase()}`, false));
  }
  return `${out.join("\n")}\n`;
}

/**
 * Renders a theme × actor table (or × attribute) for the terminal: rows the themes, a column per
 * code with its total, cells "notes (helpful/barrier)"; with `quotes`, each cell's quotes after it.
 *
 * @param table the cross table (a roll-up's `dimensions[i].table`, or `crossTable(...)`)
 * @param s styles
 * @param title the heading
 * @param quotes whether to list the quotes of each non-empty cell
 * @returns the lines
 * @example
 * ```ts
 * crossTableText(crossTable(coded, codebook, "actor"), style(false), "Theme × actors", true).join("\n");
 * ```
 */
export function crossTableText(table: CrossTable, s: Style, title: string, quotes: boolean): string[] {
  const label = (id: string): string => (id === MISSING_VALUE ? "(none)" : (table.labels[id] ?? id));
  const out: string[] = [s.bold(title)];
  const rows = table.codes.map((code) => [
    label(code),
    ...table.values.map((value) => {
      const cell = table.cells.find((c) => c.code === code && c.value === value)!;
      return cell.notes === 0 ? "0" : `${cell.notes} (${cell.helpful}/${cell.barrier})`;
    }),
  ]);
  const header = ["Theme", ...table.values.map((v, j) => `${label(v)} (${table.totals[j] ?? 0})`)];
  renderTable(header, rows, ["left", ...table.values.map(() => "right" as const)]).forEach((line, i) => out.push(i === 0 ? s.bold(line) : line));
  out.push(s.dim("notes (helpful/barrier); a column's total is the notes that name it"));
  if (quotes) {
    for (const cell of table.cells.filter((c) => c.quotes.length > 0)) {
      out.push("", `  ${s.cyan(`${label(cell.code)} × ${label(cell.value)}`)} ${s.dim(`${cell.notes} (${cell.helpful}/${cell.barrier})`)}`);
      for (const q of cell.quotes) {
        out.push(`    «${q.text}»${q.polarity === "barrier" ? s.yellow(" [barrier]") : ""}`);
        out.push(`      ${s.dim(`— ${q.attribution}`)}`);
      }
    }
  }
  return out;
}

function figures(t: { notes: number; participants: number; groups: number; seminars: number; share: number; helpful: number; barrier: number }): string[] {
  return [t.notes, t.participants, t.groups, t.seminars].map(String).concat(percent(t.share), String(t.helpful), String(t.barrier));
}
