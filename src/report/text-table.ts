/** Column alignment of {@link renderTable}. */
export type Align = "left" | "right";

/**
 * Display width of a string (code points after NFC; good for Norwegian and English text).
 *
 * @param text the text
 * @returns its width in columns
 * @example
 * ```ts
 * width("Tillit og respekt"); // 17
 * ```
 */
export function width(text: string): number {
  return [...text.normalize("NFC")].length;
}

/**
 * Renders a plain-text table with a header, a rule under it, and padded columns. Deterministic;
 * no colour inside (colour, where wanted, is applied to whole lines by the caller).
 *
 * @param header the column titles
 * @param rows the cells
 * @param align per column, default left
 * @returns the table's lines
 * @example
 * ```ts
 * renderTable(["code", "notes"], [["time", "12"]], ["left", "right"]).join("\n");
 * ```
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (cell: string, i: number) => {
    const space = " ".repeat(widths[i]! - width(cell));
    return align[i] === "right" ? space + cell : cell + space;
  };
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, i)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

/**
 * A share 0..1 as a percentage with one decimal.
 *
 * @param share the share
 * @returns the percentage
 * @example
 * ```ts
 * percent(0.1818); // "18.2%"
 * ```
 */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
