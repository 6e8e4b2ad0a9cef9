import { createRequire } from "node:module";
import { z } from "zod";
import { checkOptions, describeValue, invalidArgument } from "../diagnostics/options.ts";

const SOURCE = "kodebok:redact";

/** What a redaction masked. */
export type RedactionKind = "email" | "phone" | "id-number" | "name";

/** One span of text that {@link redact} masks, with offsets into the original text (from 0). */
export interface Redaction {
  kind: RedactionKind;
  start: number;
  end: number;
  text: string;
  /** Which detector found it: `email`, `phone`, `fodselsnummer`, `d-number`, `roster`, `english-names`. */
  detector: string;
}

/** Options of {@link redact} and {@link findRedactions}. */
export interface RedactOptions {
  /**
   * The text's language: `nb`/`nn` give Norwegian tokens (`[navn]`), `en` English ones (`[name]`)
   * and turns on name detection in English text. Default `nb`; `und` is treated as `nb`.
   */
  language?: "nb" | "nn" | "en" | "und";
  /** Participant and staff names to mask wherever they occur (whole words, any case, possessives too). */
  roster?: readonly string[];
  /**
   * Also mask each part of a multi-word roster name ("Kari Nordmann" masks "Kari" and "Nordmann"
   * alone). Default `true`.
   */
  rosterParts?: boolean;
  /** Detect person names in English text with compromise (`#Person`). Default `true`; English only. */
  detectNames?: boolean;
  /** Which kinds to mask; default all four. */
  kinds?: readonly RedactionKind[];
}

/** Options of {@link redact}, checked before any work; an option it does not have is refused. */
export const RedactOptionsSchema: z.ZodType<RedactOptions, unknown> = z
  .object({
    language: z.enum(["nb", "nn", "en", "und", "no"]).transform((l) => (l === "no" ? "nb" : l)).optional(),
    roster: z.array(z.string()).readonly().optional(),
    rosterParts: z.boolean().optional(),
    detectNames: z.boolean().optional(),
    kinds: z.array(z.enum(["email", "phone", "id-number", "name"])).readonly().optional(),
  })
  .strict();

/** The visible tokens that replace masked text, per language. */
export const REDACTION_TOKENS = {
  nb: { name: "[navn]", phone: "[telefon]", email: "[e-post]", "id-number": "[fødselsnummer]" },
  en: { name: "[name]", phone: "[phone]", email: "[email]", "id-number": "[id-number]" },
} as const satisfies Record<string, Record<RedactionKind, string>>;

const ALL_KINDS: readonly RedactionKind[] = ["email", "phone", "id-number", "name"];

// A number must not run on into more digits or letters on either side.
const B = "(?<![\\p{L}\\p{N}@])";
const E = "(?![\\p{L}\\p{N}]|[.,:]\\d)";

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

// Norwegian numbers have 8 digits and start with 2-9; written as 22334455, 22 33 44 55, 987 65 432.
const NO8 = "(?:[2-9]\\d{7}|[2-9]\\d(?:[ .\\u00a0]\\d{2}){3}|[2-9]\\d{2}[ .\\u00a0]\\d{2}[ .\\u00a0]\\d{3})";
const PHONE_NO = new RegExp(`${B}(?:(?:\\+|00)47[ .\\u00a0-]?)?${NO8}${E}`, "gu");
// Other countries: +CC and 6 to 14 more digits, separated by single spaces, dots or hyphens.
const PHONE_INTL = new RegExp(`${B}\\+(?!47)[1-9]\\d{0,2}(?:[ .\\u00a0-]?\\(?\\d\\)?){6,14}${E}`, "gu");
// 11 digits, possibly written DDMMYY NNNNN.
const ID_NUMBER = new RegExp(`${B}(\\d{6})[ \\u00a0]?(\\d{5})${E}`, "gu");

const FNR_WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const FNR_WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return undefined;
  return k;
}

/**
 * Classifies an 11-digit Norwegian identity number: a fødselsnummer, a D-number (day + 40),
 * or neither. Both mod-11 check digits and the date part must be valid; H-numbers (month + 40)
 * and synthetic test numbers (month + 80) count as fødselsnummer.
 *
 * @param digits eleven digits, spaces allowed (`"010190 12345"`)
 * @returns `"fodselsnummer"`, `"d-number"`, or `undefined` when it is not a valid identity number
 * @example
 * ```ts
 * nationalIdKind("15076500565"); // "fodselsnummer"
 * nationalIdKind("55076500523"); // "d-number"
 * nationalIdKind("12345678901"); // undefined
 * ```
 */
export function nationalIdKind(digits: string): "fodselsnummer" | "d-number" | undefined {
  const clean = digits.replace(/[ \u00a0]/g, "");
  if (!/^\d{11}$/.test(clean)) return undefined;
  const d = [...clean].map(Number);
  const k1 = checkDigit(d, FNR_WEIGHTS_1);
  if (k1 === undefined || k1 !== d[9]) return undefined;
  const k2 = checkDigit(d, FNR_WEIGHTS_2);
  if (k2 === undefined || k2 !== d[10]) return undefined;
  let day = Number(clean.slice(0, 2));
  let month = Number(clean.slice(2, 4));
  const dNumber = day > 40;
  if (dNumber) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40;
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  return dNumber ? "d-number" : "fodselsnummer";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Builds the roster pattern: longest names first, whole words, possessive `s`/`'s` left outside. */
function rosterPattern(roster: readonly string[], parts: boolean): RegExp | undefined {
  const names = new Set<string>();
  for (const entry of roster) {
    const name = entry.normalize("NFC").trim().replace(/\s+/g, " ");
    if (name.length < 2) continue;
    names.add(name);
    if (parts && name.includes(" ")) for (const part of name.split(" ")) if (part.length >= 2) names.add(part);
  }
  if (names.size === 0) return undefined;
  const alternatives = [...names]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => escapeRegExp(n).replace(/ /g, "\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?=(?:s|'s|’s|')?(?![\\p{L}\\p{N}]))`, "giu");
}

type Nlp = (text: string) => {
  people(): { out(format: "offset"): Array<{ offset: { start: number; length: number }; text: string }> };
};
let nlpCache: Nlp | undefined;

/** Loads compromise on first use only (it takes about half a second to import). */
function loadCompromise(): Nlp {
  if (nlpCache === undefined) {
    const require = createRequire(import.meta.url);
    const loaded = require("compromise") as Nlp | { default: Nlp };
    nlpCache = typeof loaded === "function" ? loaded : loaded.default;
  }
  return nlpCache;
}

/** Titles compromise counts as part of a name; they stay visible. */
const HONORIFIC = /^(?:(?:mr|mrs|ms|miss|dr|prof)\.?\s+)+/iu;

/** Words compromise may tag as a person that are never a name in these notes. */
const NOT_NAMES = new Set(["nav", "i", "me", "mum", "mom", "dad", "doctor", "caseworker"]);

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) yield m;
}

/**
 * Finds what {@link redact} would mask: e-mail addresses, phone numbers, Norwegian national
 * identity numbers and D-numbers (check digits validated), roster names, and in English text
 * person names found by compromise. Spans never overlap; the earlier detector in that list wins.
 *
 * @param text the text to scan
 * @param options language, roster and which kinds to look for
 * @returns the spans, sorted by start offset
 * @example
 * ```ts
 * findRedactions("Ring meg på 987 65 432");
 * // [{ kind: "phone", start: 12, end: 22, text: "987 65 432", detector: "phone" }]
 * ```
 */
export function findRedactions(text: string, options: RedactOptions = {}): Redaction[] {
  return findSpans(checkText(text, "find personal data"), checkOptions(RedactOptionsSchema, options, "find personal data", SOURCE));
}

/**
 * {@link findRedactions} without checking its arguments, for callers that checked them (the
 * personal-data scan of `checkDataset` runs it on every note).
 *
 * @param text the text
 * @param options checked options
 * @returns the spans, in text order
 * @example
 * ```ts
 * findSpans("Ring 987 65 432", { kinds: ["phone"] })[0]?.kind; // "phone"
 * ```
 */
export function findSpans(text: string, options: RedactOptions): Redaction[] {
  const kinds = new Set(options.kinds ?? ALL_KINDS);
  const found: Redaction[] = [];
  const add = (kind: RedactionKind, start: number, end: number, detector: string): void => {
    if (found.some((r) => start < r.end && r.start < end)) return;
    found.push({ kind, start, end, text: text.slice(start, end), detector });
  };
  if (kinds.has("email")) for (const m of matches(EMAIL, text)) add("email", m.index, m.index + m[0].length, "email");
  if (kinds.has("id-number")) {
    for (const m of matches(ID_NUMBER, text)) {
      const kind = nationalIdKind(m[0]);
      if (kind) add("id-number", m.index, m.index + m[0].length, kind);
    }
  }
  if (kinds.has("phone")) {
    for (const m of matches(PHONE_NO, text)) add("phone", m.index, m.index + m[0].length, "phone");
    for (const m of matches(PHONE_INTL, text)) add("phone", m.index, m.index + m[0].length, "phone");
  }
  if (kinds.has("name")) {
    const pattern = rosterPattern(options.roster ?? [], options.rosterParts ?? true);
    if (pattern) for (const m of matches(pattern, text)) add("name", m.index, m.index + m[0].length, "roster");
    if (options.language === "en" && (options.detectNames ?? true) && /\p{Lu}/u.test(text)) {
      for (const person of loadCompromise()(text).people().out("offset")) {
        const { start, length } = person.offset;
        // Trim what compromise includes around the name (punctuation, possessive 's).
        const raw = text.slice(start, start + length);
        const inner = /[\p{L}][\p{L}\p{M}'’ .-]*[\p{L}]|[\p{L}]/u.exec(raw.replace(HONORIFIC, (h) => " ".repeat(h.length)));
        if (!inner) continue;
        const s = start + inner.index;
        let e = s + inner[0].length;
        const possessive = /(?:'s|’s)$/u.exec(text.slice(s, e));
        if (possessive) e -= possessive[0].length;
        const name = text.slice(s, e);
        if (!/^\p{Lu}/u.test(name) || NOT_NAMES.has(name.toLowerCase())) continue;
        add("name", s, e, "english-names");
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Masks what would identify a person in a quote, with visible tokens in the text's language:
 * Norwegian `[navn]`, `[telefon]`, `[e-post]`, `[fødselsnummer]`; English `[name]`, `[phone]`,
 * `[email]`, `[id-number]`. A possessive ending stays: "Karis" becomes "[navn]s".
 * Amounts ("kr 12 000"), dates, times, years, organisation numbers and 11-digit numbers whose
 * check digits fail are left alone.
 *
 * @param text the text to redact
 * @param options language (tokens, English name detection), roster of names, kinds to mask
 * @returns the text with each found span replaced by its token
 * @example
 * ```ts
 * redact("Kari sin veileder ga meg nummeret 22 33 44 55", { roster: ["Kari"] });
 * // "[navn] sin veileder ga meg nummeret [telefon]"
 * redact("Email me at ann@example.org", { language: "en" }); // "Email me at [email]"
 * ```
 */
export function redact(text: string, options: RedactOptions = {}): string {
  return redactSpans(checkText(text, "redact"), checkOptions(RedactOptionsSchema, options, "redact", SOURCE));
}

function redactSpans(text: string, options: RedactOptions): string {
  const spans = findSpans(text, options);
  if (spans.length === 0) return text;
  const tokens = options.language === "en" ? REDACTION_TOKENS.en : REDACTION_TOKENS.nb;
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + tokens[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * Makes a redaction function with fixed options, for `rollUp(..., { redact })` and the reports.
 *
 * @param options as for {@link redact}
 * @returns `(text, language?) => string`; a language given per call overrides the option
 * @example
 * ```ts
 * const mask = redactor({ roster: ["Kari Nordmann"] });
 * mask("Nordmann ringte"); // "[navn] ringte"
 * ```
 */
export function redactor(options: RedactOptions = {}): (text: string, language?: RedactOptions["language"]) => string {
  const checked = checkOptions(RedactOptionsSchema, options, "redact", SOURCE);
  return (text, language) => redactSpans(text, language === undefined ? checked : { ...checked, language });
}

function checkText(text: string, action: string): string {
  if (typeof text !== "string") throw invalidArgument(action, `the text must be a string, not ${describeValue(text)}`, "text", SOURCE);
  return text;
}
