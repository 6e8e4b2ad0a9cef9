import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import type { Polarity } from "../codings/coding.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { Language } from "../text/language.ts";
import type { Quote } from "./summary.ts";

/** Options for choosing and shaping quotes. */
export interface QuoteOptions {
  /** Quotes per code (default 3). */
  perCode: number;
  /** Longest quote in characters before it is shortened at a word boundary (default 240). */
  maxLength: number;
  /** Applied to every quote's text, with the note's language; identity when redaction is turned off. */
  redact: (text: string, language?: Language) => string;
  language: Language;
}

const QuoteOptionsSchema: z.ZodType<QuoteOptions, unknown> = z
  .object({
    perCode: z.number().int().min(0),
    maxLength: z.number().int().min(10),
    redact: z.custom<QuoteOptions["redact"]>((v) => typeof v === "function", "expected a function (text, language) => text"),
    language: z.enum(["nb", "nn", "en"]),
  })
  .strict();

const IDEAL_MIN = 40;
const IDEAL_MAX = 200;

/** What a note offers as a quote for something: its polarity, how much evidence, and the words to keep in view. */
export interface QuoteCandidate {
  /** The quote's polarity: helpful when the note names the thing as helpful at all. */
  polarity: Polarity;
  hasBarrier: boolean;
  /** Pieces of evidence (more is a better quote, up to 3). */
  evidence: number;
  /** Text the shortened quote keeps in view (the first evidence). */
  focus: string | undefined;
}

/**
 * Chooses representative quotes for a code, deterministically: notes of a readable length and
 * with more evidence first, one per participant (or group) before any participant's second, at
 * least one barrier quote when the code has barrier mentions and more than one quote is asked
 * for, ties broken by input order.
 *
 * @param coded all coded notes
 * @param code the code's id
 * @param options how many and how long
 * @returns the quotes
 * @example
 * ```ts
 * chooseQuotes(coded, "time", { perCode: 2, maxLength: 200, redact: (t) => t, language: "nb" });
 * ```
 */
export function chooseQuotes(coded: readonly CodedNote[], code: string, options: QuoteOptions): Quote[] {
  options = checkOptions(QuoteOptionsSchema, options, "choose quotes", "kodebok:rollup");
  return chooseQuotesWhere(coded, code, (c) => themeQuote(c, code), options);
}

/**
 * A note as a quote of a theme: helpful when it names the theme as helpful at all (even if it also
 * names a barrier), its evidence, and the first evidence in view.
 *
 * @param c the coded note
 * @param theme the theme's id
 * @returns what the note offers as a quote, or `undefined` when it does not have the theme
 * @example
 * ```ts
 * themeQuote(coded[0]!, "time")?.focus; // "tok seg tid"
 * ```
 */
export function themeQuote(c: CodedNote, theme: string): QuoteCandidate | undefined {
  const applications = c.codes.filter((a) => a.code === theme);
  if (applications.length === 0) return undefined;
  return {
    polarity: applications.some((a) => a.polarity === "helpful") ? "helpful" : "barrier",
    hasBarrier: applications.some((a) => a.polarity === "barrier"),
    evidence: applications.reduce((n, a) => n + a.evidence.length, 0),
    focus: applications[0]!.evidence[0]?.text,
  };
}

/**
 * Chooses quotes as {@link chooseQuotes} does, among the notes `select` offers: the quotes of a
 * theme tied to an actor, or of an actor. Each quote gets `code`, and `value` when given.
 *
 * @param coded all coded notes
 * @param code the `code` of the quotes
 * @param select what a note offers as a quote, or `undefined` when it is not one
 * @param options how many and how long
 * @param value the `value` of the quotes (the actor of a theme × actor cell)
 * @returns the quotes
 * @example
 * ```ts
 * chooseQuotesWhere(coded, "time", (c) => tiedTo(c, "time", "gp"), options, "gp");
 * ```
 */
export function chooseQuotesWhere(
  coded: readonly CodedNote[],
  code: string,
  select: (c: CodedNote) => QuoteCandidate | undefined,
  options: QuoteOptions,
  value?: string,
): Quote[] {
  const candidates = coded
    .map((c, order) => {
      const offered = select(c);
      if (offered === undefined) return undefined;
      const length = c.note.text.trim().length;
      const fit = length < IDEAL_MIN ? length / IDEAL_MIN : length > IDEAL_MAX ? IDEAL_MAX / length : 1;
      return { coded: c, order, polarity: offered.polarity, focus: offered.focus, score: fit * 10 + Math.min(offered.evidence, 3), hasBarrier: offered.hasBarrier };
    })
    .filter((x) => x !== undefined)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  if (candidates.length === 0 || options.perCode <= 0) return [];

  const chosen: typeof candidates = [];
  const who = (c: (typeof candidates)[number]) =>
    `${c.coded.note.seminar ?? ""}\u0000${c.coded.note.participant ?? `group:${c.coded.note.group ?? c.coded.note.id}`}`;
  const seen = new Set<string>();
  const take = (c: (typeof candidates)[number]) => {
    chosen.push(c);
    seen.add(who(c));
  };
  const barrier = candidates.find((c) => c.hasBarrier);
  const reserveBarrier = options.perCode > 1 && barrier !== undefined && !candidates.slice(0, options.perCode).some((c) => c.hasBarrier);
  for (const c of candidates) {
    if (chosen.length >= options.perCode - (reserveBarrier ? 1 : 0)) break;
    if (!seen.has(who(c))) take(c);
  }
  if (reserveBarrier && !chosen.includes(barrier)) take(barrier);
  for (const c of candidates) {
    if (chosen.length >= options.perCode) break;
    if (!chosen.includes(c)) take(c);
  }
  chosen.sort((a, b) => b.score - a.score || a.order - b.order);
  return chosen.map(({ coded: c, polarity, focus }) => {
    const quote: Quote = {
      note: c.note.id,
      text: shorten(options.redact(c.note.text.trim().replace(/\s+/gu, " "), c.language === "und" ? undefined : c.language), focus, options.maxLength),
      code,
      ...(value === undefined ? {} : { value }),
      polarity,
      attribution: attribution(c.note, options.language),
    };
    const learned = c.codes.find((a) => a.code === code && a.learned !== undefined && a.evidence.length === 0)?.learned;
    if (learned !== undefined) quote.probability = learned.probability;
    for (const key of ["seminar", "group", "participant", "question"] as const) {
      const v = c.note[key];
      if (v !== undefined && v !== "") quote[key] = v;
    }
    return quote;
  });
}

/**
 * Shortens a text to at most `max` characters at word boundaries, keeping the evidence in view,
 * and marks each cut with "…". Never cuts inside a word.
 *
 * @example
 * ```ts
 * shorten("Hun tok seg alltid god tid til meg når jeg kom", "god tid", 20); // "…seg alltid god tid…"
 * ```
 */
export function shorten(text: string, focus: string | undefined, max: number): string {
  if (text.length <= max) return text;
  const at = focus ? Math.max(0, text.indexOf(focus)) : 0;
  let start = Math.max(0, Math.min(at - Math.floor(max / 3), text.length - max));
  let end = Math.min(text.length, start + max);
  // Move the ends inwards to word boundaries.
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < at ? space + 1 : start;
    while (start > 0 && start < text.length && /[\p{L}\p{N}]/u.test(text[start - 1]!)) start++;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    end = space > start ? space : end;
    while (end > start && /[\p{L}\p{N}]/u.test(text[end]!) && /[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
  }
  const body = text.slice(start, end).trim().replace(/[,;:]$/u, "");
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}

const WORDS: Record<Language, { seminar: string; group: string; participant: string }> = {
  nb: { seminar: "Seminar", group: "gruppe", participant: "deltaker" },
  nn: { seminar: "Seminar", group: "gruppe", participant: "deltakar" },
  en: { seminar: "Seminar", group: "group", participant: "participant" },
};

/**
 * Attributes a quote to its seminar, group and participant, in the report's language.
 *
 * @example
 * ```ts
 * attribution({ id: "1", text: "", seminar: "Byen", group: "2", participant: "P4" }, "nb");
 * // "Seminar Byen, gruppe 2, deltaker P4"
 * ```
 */
export function attribution(note: CodedNote["note"], language: Language): string {
  const w = WORDS[language];
  const parts: string[] = [];
  if (note.seminar) parts.push(`${w.seminar} ${note.seminar}`);
  if (note.group) parts.push(`${parts.length ? w.group : capitalise(w.group)} ${note.group}`);
  if (note.participant) parts.push(`${parts.length ? w.participant : capitalise(w.participant)} ${note.participant}`);
  if (parts.length === 0) parts.push(note.source ? capitalise(note.source) : `#${note.id}`);
  return parts.join(", ");
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
