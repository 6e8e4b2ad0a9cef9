import type { Codebook } from "../codebook/codebook.ts";
import { canonicalJson, codebookHash, sha256 } from "../codebook/hash.ts";
import { localize } from "../codebook/label.ts";
import type { CodeApplication, CodedNote } from "../match/coded-note.ts";
import { MODEL_FORMAT, type LearnedModel } from "../learn/model.ts";
import { showInNotebook } from "../display/notebook-display.ts";
import { z } from "zod";
import { checkCodebookArgument, checkOptions, describeValue, invalidArgument } from "../diagnostics/options.ts";
import { LanguageOptionSchema, type Language } from "../text/language.ts";
import { chooseQuotes } from "./quotes.ts";
import { rollUpDimensions } from "./roll-up-dimensions.ts";
import { redact as redactText } from "./redact.ts";
import type { CategorySummary, CodeSummary, Summary, Tally } from "./summary.ts";

/** A function that redacts a text in a language, for `rollUp`'s `redact` option. */
export type RedactFunction = (text: string, language?: Language) => string;

/** Options of {@link rollUp}, checked before any work; an option it does not have is refused. */
export const RollUpOptionsSchema: z.ZodObject<{
  language: z.ZodOptional<typeof LanguageOptionSchema>;
  quotesPerCode: z.ZodOptional<z.ZodNumber>;
  quoteLength: z.ZodOptional<z.ZodNumber>;
  quotesPerCell: z.ZodOptional<z.ZodNumber>;
  redact: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<false>, z.ZodCustom<RedactFunction, RedactFunction>]>>;
  model: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<false>, z.ZodCustom<LearnedModel, LearnedModel>]>>;
}, z.core.$strict> = z
  .object({
    /** Language of labels and attributions (default, and with `auto`: the codebook's first language; `no` means `nb`). */
    language: LanguageOptionSchema.optional(),
    /** Quotes per code (default 3). */
    quotesPerCode: z.number().int().min(0).max(1000).optional(),
    /** Longest quote in characters (default 240); longer ones are shortened at word boundaries. */
    quoteLength: z.number().int().min(10).optional(),
    /** Quotes per cell of a theme × actor table, for a codebook with further dimensions (default 2). */
    quotesPerCell: z.number().int().min(0).max(1000).optional(),
    /**
     * A function applied to every quote and uncoded note, or `false` to show them as written.
     * Default: {@link redact} (e-mail, phone numbers, national identity numbers, English names) with
     * the note's language; pass `redactor({ roster })` to mask participant and staff names too.
     */
    redact: z.union([z.literal(false), z.custom<RedactFunction>((v) => typeof v === "function", "expected false or a function (text, language) => text")]).optional(),
    /** The learned model the notes were coded with, for provenance (default: the codebook's own; `false`: none). */
    model: z.union([z.literal(false), z.custom<LearnedModel>((v) => typeof v === "object" && v !== null && (v as { format?: unknown }).format === MODEL_FORMAT, "expected a model from trainCoder or loadModel, or false")]).optional(),
  })
  .strict();
/** Options of {@link rollUp} as given. */
export type RollUpOptions = z.input<typeof RollUpOptionsSchema>;

/**
 * Rolls coded notes up into categories and codes: how many notes, participants, groups and
 * seminars mention each, the share of notes, helpful versus barrier mentions, representative
 * quotes, and the notes no code matched. With a codebook that has further dimensions (actors),
 * each is rolled up too, with the theme × actor table (see `rollUpDimensions`). Pure and
 * deterministic. In a Deno Jupyter notebook the summary, as a cell's last expression, shows as the
 * report with its tables, quotes and charts (a hidden display method that keeps `coded`; JSON and
 * equality do not see it).
 *
 * @param coded the output of `codeNotes`
 * @param codebook the codebook the notes were coded with
 * @param options language, quotes, redaction
 * @returns the summary
 * @example
 * ```ts
 * const summary = rollUp(codeNotes(notes, codebook), codebook, { language: "nb" });
 * summary.categories[0]?.codes[0]?.notes; // notes that mention the first theme
 * ```
 */
export function rollUp(coded: readonly CodedNote[], codebook: Codebook, options: RollUpOptions = {}): Summary {
  const opts = checkOptions(RollUpOptionsSchema, options, "roll up the coded notes", "kodebok:rollup");
  checkCodebookArgument(codebook, "roll up the coded notes", "kodebok:rollup");
  if (!Array.isArray(coded as unknown)) throw invalidArgument("roll up the coded notes", `the coded notes must be the list codeNotes returns, not ${describeValue(coded)}`, "coded", "kodebok:rollup");
  const language: Language = opts.language !== undefined && opts.language !== "auto" ? opts.language : (codebook.languages[0] ?? "nb");
  const redact: (text: string, language?: Language) => string =
    opts.redact === false
      ? (t) => t
      : (opts.redact ?? ((t, noteLanguage) => redactText(t, { language: noteLanguage ?? language })));
  const quoteOptions = { perCode: opts.quotesPerCode ?? 3, maxLength: opts.quoteLength ?? 240, redact, language };
  const total = coded.length;
  const own = typeof codebook.model === "object" ? codebook.model : undefined;
  const model = options.model === false ? undefined : (options.model ?? own);

  // Learned codes are counted apart (`learned`) when a model coded any note.
  const learnedAny = coded.some((c) => c.codes.some((a) => a.learned !== undefined));
  const byModelOnly = (c: CodedNote, applies: (a: CodeApplication) => boolean) => {
    const found = c.codes.filter(applies);
    return found.length > 0 && found.every((a) => a.evidence.length === 0);
  };
  const tally = (selected: readonly CodedNote[], has: (c: CodedNote, polarity: "helpful" | "barrier") => boolean, applies: (a: CodeApplication) => boolean): Tally => ({
    notes: selected.length,
    ...people(selected),
    share: total === 0 ? 0 : selected.length / total,
    helpful: selected.filter((c) => has(c, "helpful")).length,
    barrier: selected.filter((c) => has(c, "barrier")).length,
    ...(learnedAny ? { learned: selected.filter((c) => byModelOnly(c, applies)).length } : {}),
  });

  // An actor's tally has no learned column: a model codes themes, not actors.
  const actorTally = (selected: readonly CodedNote[], has: (c: CodedNote, polarity: "helpful" | "barrier") => boolean): Tally => {
    const { learned: _learned, ...counts } = tally(selected, has, () => false);
    return counts;
  };

  const categories: CategorySummary[] = codebook.categories.map((category) => {
    const codes: CodeSummary[] = codebook.codes
      .filter((code) => code.category === category.id)
      .map((code) => {
        const selected = coded.filter((c) => c.codes.some((a) => a.code === code.id));
        return {
          id: code.id,
          label: localize(code.label, language),
          category: category.id,
          ...tally(selected, (c, p) => c.codes.some((a) => a.code === code.id && a.polarity === p), (a) => a.code === code.id),
          quotes: chooseQuotes(coded, code.id, quoteOptions),
        };
      });
    const selected = coded.filter((c) => c.codes.some((a) => a.category === category.id));
    return {
      id: category.id,
      label: localize(category.label, language),
      ...tally(selected, (c, p) => c.codes.some((a) => a.category === category.id && a.polarity === p), (a) => a.category === category.id),
      codes,
    };
  });

  const uncoded = coded.filter((c) => c.codes.length === 0);
  const all = people(coded);
  const summary: Summary = {
    codebook: {
      id: codebook.id,
      title: localize(codebook.title, language),
      ...(codebook.version !== undefined ? { version: codebook.version } : {}),
      hash: codebookHash(codebook),
    },
    language,
    totals: {
      notes: total,
      coded: total - uncoded.length,
      uncoded: uncoded.length,
      participants: all.participants,
      groups: all.groups,
      seminars: all.seminars,
    },
    categories,
    uncoded: uncoded.map((c) => ({
      note: c.note.id,
      text: redact(c.note.text, c.language === "und" ? undefined : c.language),
      ...(c.note.seminar ? { seminar: c.note.seminar } : {}),
      ...(c.note.group ? { group: c.note.group } : {}),
      ...(c.note.participant ? { participant: c.note.participant } : {}),
    })),
    ...(codebook.dimensions !== undefined && codebook.dimensions.length > 0
      ? { dimensions: rollUpDimensions(coded, codebook, { quotes: quoteOptions, quotesPerCell: options.quotesPerCell ?? 2, tally: actorTally }) }
      : {}),
    inputHash: sha256(canonicalJson(coded.map((c) => [c.note.id, c.note.text]))),
    ...(model ? { model: { trainingHash: model.training.hash, notes: model.training.notes, ...(model.training.coder !== undefined ? { coder: model.training.coder } : {}), kodebok: model.kodebok } } : {}),
  };
  // Loaded when a notebook shows the summary, not before: the report and Vega are large.
  const report = { coded, ...(opts.redact === false ? { redact: false as const } : {}) };
  return showInNotebook(summary, async () => (await import("../report/jupyter.ts")).showSummary(summary, report));
}

/** Distinct participants, groups and seminars among notes; ids are scoped by seminar (and group). */
function people(selected: readonly CodedNote[]): { participants: number; groups: number; seminars: number } {
  const participants = new Set<string>();
  const groups = new Set<string>();
  const seminars = new Set<string>();
  for (const { note } of selected) {
    if (note.seminar) seminars.add(note.seminar);
    if (note.group) groups.add(`${note.seminar ?? ""}\u0000${note.group}`);
    if (note.participant) participants.add(`${note.seminar ?? ""}\u0000${note.participant}`);
  }
  return { participants: participants.size, groups: groups.size, seminars: seminars.size };
}
