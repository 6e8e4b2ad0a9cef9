import { z } from "zod";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { JUPYTER_DISPLAY, showInNotebook } from "../display/notebook-display.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { addTally, addUnit, emptyTally, tallyAlpha, tallyKappa, tallyPercent, type BinaryTally } from "./binary-agreement.ts";
import { BootstrapOptionsSchema, IntervalSchema, bootstrapInterval, bootstrapOptions } from "./bootstrap.ts";
import { codingsFromCodedNotes } from "./codings-from-coded-notes.ts";
import { codebookDimensions, resolveDimension } from "../codebook/dimensions.ts";
import { parseOptions } from "./options.ts";

/**
 * One side of a comparison: long-form codings (filtered to one coder), kodebok's own
 * `codeNotes` output, codings loaded by `parseCodings` / `readCodings` (which also know the
 * notes a coder saw but left uncoded), or notes loaded with their codings by `loadNotes`
 * (`codes:<coder>` columns; every coder counts as having seen every note of the file).
 */
export type CodingsInput =
  | readonly Coding[]
  | readonly CodedNote[]
  | LoadedCodings
  | { notes: readonly { id: string; text: string }[]; codings: readonly Coding[] };

/** Options of {@link compareCodings} and {@link compareCodingsMany}. */
export const CompareOptionsSchema = z
  .object({
    /**
     * Which coder to take from each input, in input order (needed when an input holds several
     * coders); for kodebok's coded notes, the name to give it (default `kodebok`).
     */
    coders: z.array(z.string().min(1).optional()).optional(),
    /** The codebook: fixes the codes and their order, maps codes to categories, flags unknown codes. */
    codebook: z.custom<Pick<Codebook, "codes" | "categories"> & Partial<Pick<Codebook, "dimensions" | "primaryDimension">>>().optional(),
    /**
     * With a codebook that has further dimensions: the dimension to compare (`actors`, or `actor`);
     * default its primary dimension, the themes. Only that dimension's codes are compared (the
     * codes of the others are left out without a warning), and kodebok's coded notes give that
     * dimension's codes.
     */
    dimension: z.string().optional(),
    /** The notes, for the text of disagreeing notes (coded notes bring their own). */
    notes: z.array(z.object({ id: z.string(), text: z.string() }).loose()).optional(),
    /**
     * The notes to compare, given explicitly. Every coder counts as having seen each of them, so a
     * note that no one coded counts as agreement on absence. Default: the notes every coder saw.
     */
    universe: z.array(z.string()).optional(),
    /** Only these codes (default: the codebook's codes, then any other code used). */
    codes: z.array(z.string()).optional(),
    /** Bootstrap intervals over notes (default on: 1000 samples, seed 1, 95 %); `false` for none. */
    interval: z.union([z.boolean(), BootstrapOptionsSchema]).default(true),
  })
  .strict();
export type CompareOptions = z.input<typeof CompareOptionsSchema>;

/** A disagreeing note: its text (when known) and each coder's codes on it. */
export const NoteDisagreementSchema = z.object({
  note: z.string(),
  text: z.string().optional(),
  /** The coders who applied the code (or category) in question. */
  present: z.array(z.string()),
  /** Each coder's codes on the note (all codes, sorted), keyed by coder. */
  codes: z.record(z.string(), z.array(z.string())),
});
export type NoteDisagreement = z.infer<typeof NoteDisagreementSchema>;

/** The agreement figures of one code, one category or the pooled decisions. */
export const AgreementFiguresSchema = z.object({
  /** Units compared: notes (for a code or category) or note × code decisions (overall). */
  units: z.number().int(),
  /** Per coder, the units judged present. */
  applied: z.record(z.string(), z.number().int()),
  /** Per coder, the share of units judged present (prevalence). */
  prevalence: z.record(z.string(), z.number()),
  /** Two coders: both, only the first, only the second, neither. */
  confusion: z.object({ both: z.number().int(), onlyA: z.number().int(), onlyB: z.number().int(), neither: z.number().int() }).optional(),
  /** The share of units on which all coders agree (0..1). */
  percentAgreement: z.number(),
  /** Cohen's kappa (two coders) or Fleiss' kappa (more); NaN when undefined. */
  kappa: z.number(),
  /** Krippendorff's alpha, nominal; NaN when undefined. */
  alpha: z.number(),
  kappaInterval: IntervalSchema.optional(),
  alphaInterval: IntervalSchema.optional(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type AgreementFigures = z.infer<typeof AgreementFiguresSchema>;

export const CodeAgreementSchema = AgreementFiguresSchema.extend({
  code: z.string(),
  category: z.string().optional(),
  disagreements: z.array(NoteDisagreementSchema),
});
export type CodeAgreement = z.infer<typeof CodeAgreementSchema>;

export const CategoryAgreementSchema = AgreementFiguresSchema.extend({
  category: z.string(),
  codes: z.array(z.string()),
  disagreements: z.array(NoteDisagreementSchema),
});
export type CategoryAgreement = z.infer<typeof CategoryAgreementSchema>;

/** What {@link compareCodings} and {@link compareCodingsMany} return. */
export const ComparisonSchema = z.object({
  coders: z.array(z.string()),
  /** `cohen` for two coders, `fleiss` for more. */
  kappa: z.enum(["cohen", "fleiss"]),
  universe: z.object({
    /** `shared`: the notes every coder saw; `explicit`: the notes given in options.universe. */
    mode: z.enum(["shared", "explicit"]),
    notes: z.array(z.string()),
  }),
  /** Notes that some but not all coders saw, left out of the shared universe: per coder, the notes only some saw. */
  oneSided: z.array(z.object({ note: z.string(), seenBy: z.array(z.string()) })),
  /** Codings on notes outside an explicit universe (ignored). */
  outside: z.array(z.string()),
  codes: z.array(CodeAgreementSchema),
  categories: z.array(CategoryAgreementSchema),
  /** Pooled over all note × code decisions; the bootstrap resamples notes (clusters of decisions). */
  overall: AgreementFiguresSchema.extend({ codes: z.number().int() }),
  /** With a codebook that has further dimensions: the dimension compared. */
  dimension: z.string().optional(),
  diagnostics: z.array(z.custom<Diagnostic>()),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

interface Side {
  coder: string;
  /** note → codes */
  codes: Map<string, Set<string>>;
  seen: Set<string>;
  order: string[];
}

const SOURCE = "kodebok:agreement";

function fail(code: "agreement-ambiguous-coder" | "agreement-unknown-coder" | "agreement-invalid-data", reason: string, note?: string): never {
  throw new KodebokError([diagnostic({ code, severity: "error", source: SOURCE, reason, ...(note === undefined ? {} : { note }) })]);
}

function isLoaded(x: CodingsInput): x is LoadedCodings {
  return !Array.isArray(x) && typeof x === "object" && x !== null && Array.isArray((x as LoadedCodings).codings) && Array.isArray((x as LoadedCodings).seen);
}

function isLoadedNotes(x: CodingsInput): x is { notes: readonly { id: string; text: string }[]; codings: readonly Coding[] } {
  const y = x as { notes?: unknown; codings?: unknown };
  return !Array.isArray(x) && typeof x === "object" && x !== null && Array.isArray(y.codings) && Array.isArray(y.notes);
}

function isCodedNotes(x: readonly unknown[]): x is readonly CodedNote[] {
  const first = x[0] as { note?: unknown } | undefined;
  return first !== undefined && typeof first.note === "object" && first.note !== null;
}

/** Resolves one input into the sides (coders) it holds. */
function sidesOf(input: CodingsInput, coder: string | undefined, position: number, expand: boolean, texts: Map<string, string>, dimension: string | undefined): Side[] {
  const label = `input ${position + 1}`;
  if (!isLoaded(input) && !isLoadedNotes(input) && !Array.isArray(input)) fail("agreement-invalid-data", `Cannot compare codings: ${label} is not an array of codings, coded notes, or loaded codings`);
  let codings: readonly Coding[];
  let seen: Map<string, string[]> | undefined;
  if (isLoaded(input)) {
    codings = input.codings;
    seen = new Map(input.seen.map((s) => [s.coder, s.notes]));
  } else if (isLoadedNotes(input)) {
    codings = input.codings;
    const all = input.notes.map((n) => n.id);
    for (const n of input.notes) if (!texts.has(n.id)) texts.set(n.id, n.text);
    seen = new Map([...new Set(codings.map((c) => c.coder))].map((c) => [c, all]));
  } else if (isCodedNotes(input)) {
    const name = coder ?? "kodebok";
    for (const c of input) if (!texts.has(c.note.id)) texts.set(c.note.id, c.note.text);
    codings = codingsFromCodedNotes(input, name, dimension);
    seen = new Map([[name, input.map((c) => c.note.id)]]);
  } else {
    codings = input as readonly Coding[];
    const bad = codings.findIndex((c) => typeof c?.note !== "string" || typeof c?.coder !== "string" || typeof c?.code !== "string");
    if (bad >= 0) fail("agreement-invalid-data", `Cannot compare codings: entry ${bad + 1} of ${label} is not a coding { note, coder, code }`);
  }
  const coders = [...new Set([...codings.map((c) => c.coder), ...(seen ? seen.keys() : [])])];
  let chosen: string[];
  if (coder !== undefined) {
    if (!coders.includes(coder)) {
      fail("agreement-unknown-coder", `Cannot compare codings: coder "${coder}" does not occur in ${label}`,
        coders.length > 0 ? `The coders in ${label} are ${coders.map((c) => `"${c}"`).join(", ")}.` : `${label} holds no codings.`);
    }
    chosen = [coder];
  } else if (coders.length === 1 || (expand && coders.length > 1)) chosen = coders;
  else if (coders.length === 0) fail("agreement-invalid-data", `Cannot compare codings: ${label} holds no codings`);
  else {
    fail("agreement-ambiguous-coder", `Cannot compare codings: ${label} holds ${coders.length} coders (${coders.map((c) => `"${c}"`).join(", ")})`,
      "Name the coder of each input in options.coders, for example { coders: [\"anna\", \"bjørn\"] }.");
  }
  return chosen.map((name) => {
    const side: Side = { coder: name, codes: new Map(), seen: new Set(), order: [] };
    const saw = (note: string): void => {
      if (!side.seen.has(note)) { side.seen.add(note); side.order.push(note); }
    };
    for (const note of seen?.get(name) ?? []) saw(note);
    for (const c of codings) {
      if (c.coder !== name) continue;
      saw(c.note);
      if (!side.codes.has(c.note)) side.codes.set(c.note, new Set());
      (side.codes.get(c.note) as Set<string>).add(c.code);
    }
    return side;
  });
}

function figures(
  perNote: BinaryTally[],
  sides: readonly Side[],
  presentCounts: number[],
  boot: ReturnType<typeof bootstrapOptions>,
  what: string,
): AgreementFigures {
  const total = emptyTally();
  for (const t of perNote) addTally(total, t);
  const m = sides.length;
  const diagnostics: Diagnostic[] = [];
  // By coder name: objects without a prototype, so a coder named "__proto__" is a key like any other.
  const applied: Record<string, number> = Object.create(null) as Record<string, number>;
  const prevalence: Record<string, number> = Object.create(null) as Record<string, number>;
  sides.forEach((s, i) => {
    applied[s.coder] = presentCounts[i] as number;
    prevalence[s.coder] = total.units > 0 ? (presentCounts[i] as number) / total.units : Number.NaN;
  });
  const out: AgreementFigures = {
    units: total.units,
    applied,
    prevalence,
    percentAgreement: tallyPercent(total),
    kappa: tallyKappa(total, m),
    alpha: tallyAlpha(total),
    diagnostics,
  };
  if (m === 2) out.confusion = { both: total.both, onlyA: total.onlyA, onlyB: total.onlyB, neither: total.neither };
  if (total.units === 0) {
    diagnostics.push(diagnostic({ code: "agreement-no-pairable-units", severity: "warning", source: SOURCE,
      reason: `${what}: agreement is undefined: there are no notes to compare` }));
    return out;
  }
  if (total.present === 0 || total.absent === 0) {
    diagnostics.push(diagnostic({ code: "agreement-no-variation", severity: "warning", source: SOURCE,
      reason: total.present === 0
        ? `${what}: kappa and alpha are undefined: no coder applied it to any of the ${total.units} units`
        : `${what}: kappa and alpha are undefined: every coder applied it to all ${total.units} units`,
      note: "Percent agreement is 1, but there is no variation to tell agreement from chance." }));
  }
  if (boot && perNote.length > 0) {
    const sample = (pick: Int32Array): BinaryTally => {
      const t = emptyTally();
      for (let i = 0; i < pick.length; i++) addTally(t, perNote[pick[i] as number] as BinaryTally);
      return t;
    };
    const k = bootstrapInterval(perNote.length, (pick) => tallyKappa(sample(pick), m), boot);
    const a = bootstrapInterval(perNote.length, (pick) => tallyAlpha(sample(pick)), boot);
    out.kappaInterval = k.interval;
    out.alphaInterval = a.interval;
    // Both intervals resample the same notes (same seed); report undefined samples once.
    if (a.diagnostics[0] && out.diagnostics.every((d) => d.code !== "agreement-no-variation")) {
      diagnostics.push({ ...a.diagnostics[0], reason: `${what}: ${a.diagnostics[0].reason}` });
    }
  }
  return out;
}

function compare(inputs: readonly CodingsInput[], options: CompareOptions | undefined, fn: string, expand: boolean): Comparison {
  const opts = parseOptions(CompareOptionsSchema, options, fn);
  const texts = new Map<string, string>();
  for (const n of opts.notes ?? []) texts.set(n.id, n.text);
  // The dimension compared, and its codes: a further dimension's, or the primary dimension's.
  const dimensions = opts.codebook ? codebookDimensions(opts.codebook) : [];
  const further = dimensions.filter((d) => !d.primary);
  let dimension: string | undefined;
  if (opts.dimension !== undefined) {
    dimension = resolveDimension(further.map((d) => d.id), opts.dimension);
    const primary = dimensions.find((d) => d.primary)?.id;
    if (dimension === undefined && opts.dimension !== primary) {
      fail("agreement-invalid-data", `Cannot compare codings: the codebook has no dimension "${opts.dimension}"`,
        `Its dimensions are ${dimensions.map((d) => `"${d.id}"`).join(", ")}${opts.codebook ? "" : " (pass the codebook in options.codebook)"}.`);
    }
  }
  const sides = inputs.flatMap((input, i) => sidesOf(input, opts.coders?.[i], i, expand, texts, dimension));
  const names = sides.map((s) => s.coder);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    fail("agreement-invalid-data", `Cannot compare codings: coder "${duplicate}" appears twice`,
      "Give each input's coder a distinct name in options.coders (kodebok's coded notes are named \"kodebok\" by default).");
  }
  if (sides.length < 2) fail("agreement-invalid-data", `Cannot compare codings: ${sides.length} coder found, at least 2 are needed`);
  const diagnostics: Diagnostic[] = [];

  // The universe of notes.
  const allNotes: string[] = [];
  const known = new Set<string>();
  for (const s of sides) for (const n of s.order) if (!known.has(n)) { known.add(n); allNotes.push(n); }
  let universe: string[];
  const oneSided: Comparison["oneSided"] = [];
  const outside: string[] = [];
  if (opts.universe) {
    universe = [...new Set(opts.universe)];
    const inUniverse = new Set(universe);
    for (const n of allNotes) if (!inUniverse.has(n) && sides.some((s) => s.codes.has(n))) outside.push(n);
    if (outside.length > 0) {
      diagnostics.push(diagnostic({ code: "agreement-one-sided", severity: "warning", source: SOURCE,
        reason: `${outside.length} coded note${outside.length === 1 ? " is" : "s are"} outside the given universe and ${outside.length === 1 ? "was" : "were"} left out: ${preview(outside)}`,
        note: "They are listed in `outside`." }));
    }
  } else {
    universe = allNotes.filter((n) => sides.every((s) => s.seen.has(n)));
    for (const n of allNotes) {
      const seenBy = sides.filter((s) => s.seen.has(n)).map((s) => s.coder);
      if (seenBy.length < sides.length) oneSided.push({ note: n, seenBy });
    }
    if (oneSided.length > 0) {
      diagnostics.push(diagnostic({ code: "agreement-one-sided", severity: "warning", source: SOURCE,
        reason: `${oneSided.length} note${oneSided.length === 1 ? " was" : "s were"} seen by only some coders and ${oneSided.length === 1 ? "is" : "are"} left out of the comparison: ${preview(oneSided.map((x) => x.note))}`,
        note: "They are listed in `oneSided`. Pass options.universe to compare over an explicit set of notes, where no code means absence." }));
    }
  }

  // The codes and their categories (a further dimension's codes have none).
  const furtherCodes = further.find((d) => d.id === dimension)?.codes;
  const codebookCodes: { id: string; category?: string }[] = furtherCodes ? furtherCodes.map((id) => ({ id })) : (opts.codebook?.codes ?? []);
  const categoryOf = new Map(codebookCodes.flatMap((c) => (c.category === undefined ? [] : [[c.id, c.category] as const])));
  const compared = new Set(codebookCodes.map((c) => c.id));
  // Codes of the other dimensions are not this comparison's, and not unknown either.
  const elsewhere = new Set(dimensions.flatMap((d) => d.codes).filter((c) => !compared.has(c)));
  const used = new Set<string>();
  for (const s of sides) for (const n of universe) for (const c of s.codes.get(n) ?? []) if (!elsewhere.has(c)) used.add(c);
  let codes: string[];
  if (opts.codes) codes = [...new Set(opts.codes)];
  else {
    codes = codebookCodes.map((c) => c.id);
    const extra = [...used].filter((c) => !compared.has(c)).sort();
    if (opts.codebook && extra.length > 0) {
      diagnostics.push(diagnostic({ code: "coding-unknown-code", severity: "warning", source: SOURCE,
        reason: `${extra.length === 1 ? "Code" : "Codes"} ${extra.map((c) => `"${c}"`).join(", ")} ${extra.length === 1 ? "is" : "are"} not in the codebook; compared anyway` }));
    }
    codes.push(...extra);
  }
  const boot = bootstrapOptions(opts.interval);
  const codesOn = (s: Side, note: string): string[] => [...(s.codes.get(note) ?? [])].sort();
  const disagreementOf = (note: string, present: string[]): NoteDisagreement => {
    const d: NoteDisagreement = { note, present, codes: Object.create(null) as Record<string, string[]> };
    const text = texts.get(note);
    if (text !== undefined) d.text = text;
    for (const s of sides) d.codes[s.coder] = codesOn(s, note);
    return d;
  };

  /** Figures for one binary decision per note: `has(side, note)`. */
  const decide = (has: (s: Side, note: string) => boolean, what: string) => {
    const perNote: BinaryTally[] = [];
    const counts = sides.map(() => 0);
    const disagreements: NoteDisagreement[] = [];
    for (const note of universe) {
      const votes = sides.map((s) => has(s, note));
      votes.forEach((v, i) => { if (v) counts[i] = (counts[i] as number) + 1; });
      const t = emptyTally();
      addUnit(t, votes);
      perNote.push(t);
      if (votes.some((v) => v) && !votes.every((v) => v)) {
        disagreements.push(disagreementOf(note, sides.filter((_, i) => votes[i]).map((s) => s.coder)));
      }
    }
    return { ...figures(perNote, sides, counts, boot, what), disagreements };
  };

  const codeResults: CodeAgreement[] = codes.map((code) => {
    const r = decide((s, n) => s.codes.get(n)?.has(code) ?? false, `Code "${code}"`);
    const category = categoryOf.get(code);
    return { code, ...(category === undefined ? {} : { category }), ...r };
  });

  // Categories: a note has a category when any of its codes belongs to it.
  const categoryResults: CategoryAgreement[] = [];
  if (opts.codebook && furtherCodes === undefined) {
    const order = [...(opts.codebook.categories ?? []).map((c) => c.id)];
    for (const c of codebookCodes) if (c.category !== undefined && !order.includes(c.category)) order.push(c.category);
    const uncategorised = codes.filter((c) => !categoryOf.has(c));
    if (uncategorised.length > 0) {
      diagnostics.push(diagnostic({ code: "agreement-uncategorised-code", severity: "warning", source: SOURCE,
        reason: `${uncategorised.map((c) => `"${c}"`).join(", ")} ${uncategorised.length === 1 ? "has" : "have"} no category in the codebook and ${uncategorised.length === 1 ? "is" : "are"} left out of the category level` }));
    }
    for (const category of order) {
      const members = codes.filter((c) => categoryOf.get(c) === category);
      if (members.length === 0) continue;
      const memberSet = new Set(members);
      const r = decide((s, n) => [...(s.codes.get(n) ?? [])].some((c) => memberSet.has(c)), `Category "${category}"`);
      categoryResults.push({ category, codes: members, ...r });
    }
  }

  // Overall: every note × code decision, resampled by note.
  const perNote: BinaryTally[] = [];
  const counts = sides.map(() => 0);
  for (const note of universe) {
    const t = emptyTally();
    for (const code of codes) {
      const votes = sides.map((s) => s.codes.get(note)?.has(code) ?? false);
      votes.forEach((v, i) => { if (v) counts[i] = (counts[i] as number) + 1; });
      addUnit(t, votes);
    }
    perNote.push(t);
  }
  const overall = { ...figures(perNote, sides, counts, boot, "Overall"), codes: codes.length };

  for (const r of [...codeResults, ...categoryResults]) diagnostics.push(...r.diagnostics);
  diagnostics.push(...overall.diagnostics);
  return {
    coders: names,
    kappa: sides.length === 2 ? "cohen" : "fleiss",
    universe: { mode: opts.universe ? "explicit" : "shared", notes: universe },
    oneSided,
    outside,
    codes: codeResults,
    categories: categoryResults,
    overall,
    ...(further.length > 0 ? { dimension: dimension ?? dimensions[0]!.id } : {}),
    diagnostics,
  };
}

function preview(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((x) => `"${x}"`).join(", ");
  return ids.length > 5 ? `${shown}, … (${ids.length - 5} more)` : shown;
}

/**
 * Compares two codings of the same notes, for multi-label thematic coding. Per code, each note is
 * a binary decision (present or absent); the result gives, per code: percent agreement, Cohen's
 * kappa, Krippendorff's alpha (nominal), each coder's prevalence, the confusion counts (both, only
 * a, only b, neither), bootstrap intervals over notes, and the disagreeing notes with their text
 * and each coder's codes. Then the same per category (with a codebook) and pooled over all
 * note × code decisions. By default the notes compared are those both sides saw; notes seen by one
 * side only are listed in `oneSided` with a warning, never counted. Pass `universe` to compare over
 * an explicit set of notes, where a note no one coded counts as agreement on absence. Code
 * presence ignores polarity.
 *
 * @param a The first coding: `Coding[]`, kodebok's `CodedNote[]`, or loaded codings.
 * @param b The second coding.
 * @param options `coders`, `codebook`, `notes`, `universe`, `codes`, `interval` (see {@link CompareOptionsSchema}).
 * @returns The comparison; undefined figures are NaN with a diagnostic.
 * @example
 * ```ts
 * const human = unwrap(await readCodings("anna.csv", { codebook }));
 * const machine = codeNotes(notes, codebook);
 * const result = compareCodings(human, machine, { codebook, notes });
 * for (const c of result.codes) console.log(c.code, c.kappa.toFixed(2), c.alpha.toFixed(2));
 * ```
 */
export function compareCodings(a: CodingsInput, b: CodingsInput, options?: CompareOptions): Comparison {
  return shownInNotebook(compare([a, b], options, "compareCodings", false), options);
}

/**
 * Compares the codings of any number of coders, as {@link compareCodings} does for two: per code,
 * per category and overall, with percent agreement (all coders agree), Fleiss' kappa (Cohen's for
 * two) and Krippendorff's alpha. An input that holds several coders and is not narrowed by
 * `options.coders` contributes all its coders, so `compareCodingsMany([loaded])` compares every
 * coder in a file. The default universe is the notes every coder saw.
 *
 * @param codings The inputs.
 * @param options As for {@link compareCodings}.
 * @returns The comparison.
 * @example
 * ```ts
 * const loaded = unwrap(await readCodings("three-coders.csv", { codebook }));
 * compareCodingsMany([loaded], { codebook }).overall.alpha;
 * ```
 */
export function compareCodingsMany(codings: readonly CodingsInput[], options?: CompareOptions): Comparison {
  if (!Array.isArray(codings)) fail("agreement-invalid-data", "Cannot compare codings: pass an array of codings");
  return shownInNotebook(compare(codings, options, "compareCodingsMany", true), options);
}

/** A comparison shows in a Deno Jupyter notebook as the table of `displayComparison` (loaded when shown). */
function shownInNotebook(comparison: Comparison, options: CompareOptions | undefined): Comparison {
  const codebook = options?.codebook as Codebook | undefined;
  const language = codebook?.languages?.[0] === "en" ? "en" : "nb";
  return showInNotebook(comparison, async () => {
    const { displayComparison } = await import("../report/display-comparison.ts");
    return displayComparison(comparison, { language, ...(codebook ? { codebook } : {}) })[JUPYTER_DISPLAY]();
  });
}

/**
 * Compares two codings once per dimension of the codebook: the themes, then each further
 * dimension (the actors), as {@link compareCodings} with `dimension` set. A codebook without
 * dimensions gives one comparison, of its themes.
 *
 * @param a The first coding (long-form codings may hold codes of every dimension).
 * @param b The second coding.
 * @param options As for {@link compareCodings}; `codebook` is required.
 * @returns One comparison per dimension, in codebook order, each with its `dimension`.
 * @example
 * ```ts
 * for (const c of compareByDimension(human, codeNotes(notes, codebook), { codebook, universe })) {
 *   console.log(c.dimension, c.codes.map((x) => `${x.code} ${x.kappa.toFixed(2)}`).join(", "));
 * }
 * ```
 */
export function compareByDimension(a: CodingsInput, b: CodingsInput, options: CompareOptions & { codebook: NonNullable<CompareOptions["codebook"]> }): Comparison[] {
  return codebookDimensions(options.codebook).map((d) => compare([a, b], { ...options, dimension: d.id }, "compareByDimension", false));
}
