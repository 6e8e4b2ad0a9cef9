import type { Codebook } from "../codebook/codebook.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { redact, type RedactOptions } from "../rollup/redact.ts";
import type { Summary } from "../rollup/summary.ts";
import type { ReportLanguage } from "./labels.ts";

/** The version of kodebok written into provenance footers (kept equal to package.json by a test). */
export const KODEBOK_VERSION = "0.1.0";

/** Options shared by the reports ({@link toMarkdown}, {@link toHtml}, {@link toCsv}). */
export interface ReportOptions {
  /** Language of the report's own words; default the summary's language (`nn` uses `nb`). */
  language?: ReportLanguage;
  /**
   * How quotes and note texts are redacted. Default: {@link redact} with the note's language
   * (a second pass after the roll-up's own; it finds nothing new unless a roster is given here).
   * An object gives redact's options (a `roster` of names); a function replaces redact;
   * `false` turns redaction off and says so in the report.
   */
  redact?: false | RedactOptions | ((text: string) => string);
  /** The date the report is about or was made, written as given; left out by default (byte-stable output). */
  date?: string;
  /** The kodebok version in the footer; default {@link KODEBOK_VERSION}. */
  version?: string;
  /** A title; default "<codebook title>: results". */
  title?: string;
  /** The coded notes: needed for the theme-by-attribute and co-occurrence charts. */
  coded?: readonly CodedNote[];
  /** The codebook: needed for the appendix. */
  codebook?: Codebook;
  /**
   * The questions' texts by id (`{ q1: "Hva har hjulpet deg mest?" }`): the tables and charts of
   * themes by question show the text instead of the id. Default: the notes' `question` as it is.
   */
  questions?: Readonly<Record<string, string>>;
}

/**
 * The language of a report's own words: the option, else the summary's (`nn` uses `nb`).
 *
 * @param summary the roll-up
 * @param options the report options
 * @returns `nb` or `en`
 * @example
 * ```ts
 * reportLanguage({ language: "nn" }); // "nb"
 * ```
 */
export function reportLanguage(summary: Pick<Summary, "language">, options: ReportOptions = {}): ReportLanguage {
  return options.language ?? (summary.language === "en" ? "en" : "nb");
}

/**
 * The redaction function a report uses, from its options.
 *
 * @param options the report options
 * @returns `(text, language?) => string`; the identity when redaction is off
 * @example
 * ```ts
 * reportRedactor({ redact: { roster: ["Kari"] } })("Kari ringte"); // "[navn] ringte"
 * reportRedactor({ redact: false })("Kari ringte");               // "Kari ringte"
 * ```
 */
export function reportRedactor(options: ReportOptions = {}): (text: string, language?: string) => string {
  const setting = options.redact;
  if (setting === false) return (text) => text;
  if (typeof setting === "function") return (text) => setting(text);
  const base: RedactOptions = setting ?? {};
  return (text, language) =>
    redact(text, language === "en" || language === "nb" || language === "nn" ? { ...base, language } : base);
}

/**
 * Whether a report's redaction is on (anything but `redact: false`).
 *
 * @param options the report options
 * @returns true unless turned off
 * @example
 * ```ts
 * redactionOn({ redact: false }); // false
 * ```
 */
export function redactionOn(options: ReportOptions = {}): boolean {
  return options.redact !== false;
}
