import { checkOptions, describeValue, invalidArgument } from "../diagnostics/options.ts";
import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import type { Note } from "../notes/note.ts";
import { resolveDimension } from "../codebook/dimensions.ts";

/** The value used for notes that have no value for the attribute. */
export const MISSING_VALUE = "(none)";

/** One cell of a code × attribute matrix: how many notes with this attribute value have the code. */
export const MatrixCellSchema = z.object({
  code: z.string(),
  value: z.string(),
  /** Notes with the code (either polarity). */
  notes: z.number().int(),
  helpful: z.number().int(),
  barrier: z.number().int(),
  /** `notes` divided by the number of notes with this value, 0..1 (0 when there are none). */
  share: z.number(),
});
export type MatrixCell = z.infer<typeof MatrixCellSchema>;

/** A code × attribute matrix: rows are codes, columns attribute values. */
export const CodeMatrixSchema = z.object({
  /** The attribute: `seminar`, `group`, `question`, `participant`, `source`, `cluster` or an attribute key. */
  by: z.string(),
  codes: z.array(z.string()),
  values: z.array(z.string()),
  /** Notes per value (the column totals that shares are taken of). */
  totals: z.array(z.number().int()),
  /** `counts[i][j]`: notes with value `values[j]` that have code `codes[i]`. */
  counts: z.array(z.array(z.number().int())),
  /** The same numbers in long ("tidy") form, row by row. */
  cells: z.array(MatrixCellSchema),
});
export type CodeMatrix = z.infer<typeof CodeMatrixSchema>;

/**
 * What to split by: a note field, an `attributes` key, a further dimension of the codebook
 * (`actors`, or `actor`), or a function of the note.
 */
export type MatrixBy = "seminar" | "group" | "question" | "participant" | "source" | "cluster" | (string & {}) | ((note: Note) => string | undefined);

/** Options of {@link codeMatrix}. */
export interface CodeMatrixOptions {
  /** Code ids in row order (codebook order); default: the codes that occur, sorted by id. */
  codes?: readonly string[];
  /** Column values in order; default: the values that occur, sorted (numbers numerically). */
  values?: readonly string[];
}

/** Options of {@link codeMatrix}, checked before any work. */
export const CodeMatrixOptionsSchema: z.ZodType<CodeMatrixOptions, unknown> = z
  .object({ codes: z.array(z.string()).readonly().optional(), values: z.array(z.string()).readonly().optional() })
  .strict();

const collator = new Intl.Collator("nb", { numeric: true, sensitivity: "variant" });

/**
 * Compares strings the way a Norwegian reader expects (æ, ø, å after z), numbers inside by value;
 * ties are broken by code unit so the order is total.
 *
 * @param a a string
 * @param b another
 * @returns negative, zero or positive, for `Array.prototype.sort`
 * @example
 * ```ts
 * ["q10", "q2", "Ås", "Bø"].sort(compareValues); // ["Bø", "q2", "q10", "Ås"]
 * ```
 */
export function compareValues(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Reads an attribute of a note. With `qualify`, `group` and `participant` are prefixed with the
 * seminar ("Byen / 2"), for data where group numbers repeat across seminars.
 *
 * @param note the note
 * @param by the attribute or a function
 * @param qualify prefix groups and participants with the seminar (default `false`)
 * @returns the value, or {@link MISSING_VALUE}
 * @example
 * ```ts
 * attributeOf({ id: "n1", text: "", seminar: "Byen", group: "2" }, "group", true); // "Byen / 2"
 * ```
 */
export function attributeOf(note: Note, by: MatrixBy, qualify = false): string {
  if (typeof by === "function") return by(note) ?? MISSING_VALUE;
  const qualified = (value: string | undefined): string | undefined =>
    value === undefined || value === "" ? undefined : qualify && note.seminar ? `${note.seminar} / ${value}` : value;
  let value: string | undefined;
  switch (by) {
    case "seminar":
    case "question":
    case "source":
    case "cluster":
      value = note[by as "seminar" | "question" | "source" | "cluster"];
      break;
    case "group":
      value = qualified(note.group);
      break;
    case "participant":
      value = qualified(note.participant);
      break;
    default:
      value = note.attributes?.[by];
  }
  return value === undefined || value === "" ? MISSING_VALUE : value;
}

/**
 * Whether {@link codeMatrix} prefixes the values of `by` with the seminar: for `group` and
 * `participant` when some id occurs in more than one seminar.
 *
 * @param coded the coded notes
 * @param by what the matrix splits by
 * @returns true when values are written "Byen / 2"
 * @example
 * ```ts
 * qualifiesBySeminar(coded, "group"); // true when group "2" is in two seminars
 * ```
 */
export function qualifiesBySeminar(coded: readonly CodedNote[], by: MatrixBy): boolean {
  return (by === "group" || by === "participant") && repeatsAcrossSeminars(coded, by as "group" | "participant");
}

/** Whether some group (or participant) id occurs in more than one seminar. */
function repeatsAcrossSeminars(coded: readonly CodedNote[], by: "group" | "participant"): boolean {
  const seminarOf = new Map<string, string>();
  for (const { note } of coded) {
    const value = note[by];
    if (!value) continue;
    const seminar = note.seminar ?? "";
    const seen = seminarOf.get(value);
    if (seen === undefined) seminarOf.set(value, seminar);
    else if (seen !== seminar) return true;
  }
  return false;
}

/**
 * Cross-tabulates codes by an attribute of the notes: for each code and value, how many notes
 * have the code (and with which polarity). Group and participant ids are prefixed with the
 * seminar ("Byen / 2") when the same id occurs in more than one seminar. The question researchers ask of it: do the city and
 * the rural seminar, or question 1 and question 2, differ?
 *
 * With a further dimension of the codebook (`codeMatrix(coded, "actor")`, the notes coded with a
 * codebook that has `actors`), the columns are the dimension's codes and a cell counts the notes in
 * which a mention of the theme is tied to that code (see `attributions`): "what is said about time,
 * for NAV and for DPS?". `helpful` and `barrier` count by the attributed mentions' polarity; a
 * column's total is the notes that name the code (or have it as their default); the column
 * {@link MISSING_VALUE} counts theme mentions tied to no code, and notes that name none. A
 * dimension is found before a note attribute of the same name.
 *
 * @param coded the coded notes
 * @param by the attribute (`seminar`, `group`, `question`, `participant`, an attribute key), a dimension (`actor`) or a function
 * @param options row and column order
 * @returns the matrix, with counts and the same numbers as tidy cells
 * @example
 * ```ts
 * const m = codeMatrix(coded, "seminar", { codes: ["relation", "time"] });
 * m.values;    // ["Bygd", "Byen"]
 * m.counts[0]; // notes coded "relation" per seminar: [3, 5]
 * codeMatrix(coded, "actor").values; // ["dps", "gp", "nav", "(none)"]
 * ```
 */
export function codeMatrix(coded: readonly CodedNote[], by: MatrixBy, options: CodeMatrixOptions = {}): CodeMatrix {
  options = checkOptions(CodeMatrixOptionsSchema, options, "cross-tabulate codes", "kodebok:rollup");
  if (typeof by !== "string" && typeof by !== "function") throw invalidArgument("cross-tabulate codes", `\"by\" must be a note field (seminar, group, question, ...), an attribute name or a function of the note, not ${describeValue(by)}`, "by", "kodebok:rollup");
  const dimension = typeof by === "string" ? dimensionIn(coded, by) : undefined;
  if (dimension !== undefined) return dimensionMatrix(coded, dimension, options);
  const qualify = qualifiesBySeminar(coded, by);
  const perValue = new Map<string, number>();
  const hits = new Map<string, { notes: number; helpful: number; barrier: number }>();
  const seen = new Set<string>();
  for (const item of coded) {
    const value = attributeOf(item.note, by, qualify);
    perValue.set(value, (perValue.get(value) ?? 0) + 1);
    const polarities = new Map<string, Set<string>>();
    for (const application of item.codes) {
      seen.add(application.code);
      const set = polarities.get(application.code) ?? new Set<string>();
      set.add(application.polarity);
      polarities.set(application.code, set);
    }
    for (const [code, set] of polarities) countNote(hits, `${code}\u0000${value}`, set);
  }
  const codes = options.codes ? [...options.codes] : [...seen].sort(compareValues);
  const values = options.values ? [...options.values] : [...perValue.keys()].sort(compareValues);
  return assemble(typeof by === "function" ? by.name || "custom" : by, codes, values, perValue, hits);
}

type Hits = Map<string, { notes: number; helpful: number; barrier: number }>;

/** Counts one note in a cell (`code NUL value`), with the polarities it has there. */
function countNote(hits: Hits, key: string, polarities: ReadonlySet<string>): void {
  const cell = hits.get(key) ?? { notes: 0, helpful: 0, barrier: 0 };
  cell.notes += 1;
  if (polarities.has("helpful")) cell.helpful += 1;
  if (polarities.has("barrier")) cell.barrier += 1;
  hits.set(key, cell);
}

/** The matrix of counted cells, in the given row and column order, with shares of the column totals. */
function assemble(by: string, codes: string[], values: string[], perValue: ReadonlyMap<string, number>, hits: Hits): CodeMatrix {
  const totals = values.map((v) => perValue.get(v) ?? 0);
  const cells: MatrixCell[] = [];
  const counts = codes.map((code) =>
    values.map((value, j) => {
      const cell = hits.get(`${code}\u0000${value}`) ?? { notes: 0, helpful: 0, barrier: 0 };
      const total = totals[j] ?? 0;
      cells.push({ code, value, ...cell, share: total === 0 ? 0 : cell.notes / total });
      return cell.notes;
    }),
  );
  return { by, codes, values, totals, counts, cells };
}

/**
 * A matrix with at most `max` columns: the `max - 1` values with the most notes (ties in the
 * matrix's order) keep their columns, in the matrix's order, and the others are added up into
 * one last column named `other` (cells and totals summed, shares taken of the sum). A matrix with
 * `max` columns or fewer is returned as it is. For charts: a heatmap of 1,000 seminars is
 * unreadable, and Vega runs out of stack drawing it.
 *
 * @param matrix from {@link codeMatrix}
 * @param max the most columns, at least 2
 * @param other the name of the column of the rest, e.g. `"other (998)"`: a function of how many values it holds
 * @returns the matrix with its columns capped
 * @example
 * ```ts
 * capColumns(codeMatrix(coded, "seminar"), 30, (n) => `other (${n})`).values.length; // at most 30
 * ```
 */
export function capColumns(matrix: CodeMatrix, max: number, other: (count: number) => string): CodeMatrix {
  if (matrix.values.length <= max) return matrix;
  const keep = matrix.values
    .map((_, j) => j)
    .sort((a, b) => matrix.totals[b]! - matrix.totals[a]! || a - b)
    .slice(0, Math.max(1, max - 1))
    .sort((a, b) => a - b);
  const kept = new Set(keep);
  const rest = matrix.values.map((_, j) => j).filter((j) => !kept.has(j));
  const name = other(rest.length);
  const values = [...keep.map((j) => matrix.values[j]!), name];
  const totals = [...keep.map((j) => matrix.totals[j]!), rest.reduce((sum, j) => sum + matrix.totals[j]!, 0)];
  const width = matrix.values.length;
  const cells: MatrixCell[] = [];
  const counts = matrix.codes.map((code, i) => {
    const row = matrix.cells.slice(i * width, (i + 1) * width);
    const columns = keep.map((j) => row[j]!);
    const sum = { code, value: name, notes: 0, helpful: 0, barrier: 0, share: 0 };
    for (const j of rest) {
      sum.notes += row[j]!.notes;
      sum.helpful += row[j]!.helpful;
      sum.barrier += row[j]!.barrier;
    }
    sum.share = totals[totals.length - 1] === 0 ? 0 : sum.notes / totals[totals.length - 1]!;
    cells.push(...columns, sum);
    return [...columns.map((c) => c.notes), sum.notes];
  });
  return { by: matrix.by, codes: matrix.codes, values, totals, counts, cells };
}

/** The further dimension `by` names among those the coded notes carry, if any (`actor` → `actors`). */
function dimensionIn(coded: readonly CodedNote[], by: string): string | undefined {
  const ids = new Set<string>();
  for (const item of coded) if (item.dimensions) for (const id of Object.keys(item.dimensions)) ids.add(id);
  return ids.size === 0 ? undefined : resolveDimension(ids, by);
}

/** Codes × a further dimension's codes, from the theme mentions' attributions (see {@link codeMatrix}). */
function dimensionMatrix(coded: readonly CodedNote[], dimension: string, options: CodeMatrixOptions): CodeMatrix {
  const perValue = new Map<string, number>();
  const hits: Hits = new Map();
  const seen = new Set<string>();
  for (const item of coded) {
    const named = new Set<string>();
    for (const application of item.dimensions?.[dimension] ?? []) named.add(application.code);
    // Per code and value, the polarities of the note's mentions tied to it.
    const tied = new Map<string, Set<string>>();
    const tiedMentions = new Set<string>();
    for (const a of item.attributions ?? []) {
      if (a.dimension !== dimension) continue;
      named.add(a.value);
      tiedMentions.add(`${a.code}:${a.evidence[0]!.start}:${a.evidence[0]!.end}`);
      add(tied, `${a.code}\u0000${a.value}`, a.polarity);
    }
    let untied = false;
    for (const application of item.codes) {
      seen.add(application.code);
      for (const e of application.evidence) {
        if (tiedMentions.has(`${application.code}:${e.start}:${e.end}`)) continue;
        add(tied, `${application.code}\u0000${MISSING_VALUE}`, application.polarity);
        untied = true;
      }
    }
    // The column of no code: notes that name none, and notes with a theme mention tied to none.
    if (named.size === 0 || untied) named.add(MISSING_VALUE);
    for (const value of named) perValue.set(value, (perValue.get(value) ?? 0) + 1);
    for (const [key, set] of tied) countNote(hits, key, set);
  }
  const codes = options.codes ? [...options.codes] : [...seen].sort(compareValues);
  const found = [...perValue.keys()].filter((v) => v !== MISSING_VALUE).sort(compareValues);
  const values = options.values ? [...options.values] : perValue.has(MISSING_VALUE) ? [...found, MISSING_VALUE] : found;
  return assemble(dimension, codes, values, perValue, hits);
}

function add(map: Map<string, Set<string>>, key: string, polarity: string): void {
  const set = map.get(key);
  if (set) set.add(polarity);
  else map.set(key, new Set([polarity]));
}
