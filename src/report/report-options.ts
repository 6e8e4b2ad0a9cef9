import type { Codebook } from "../codebook/codebook.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { z } from "zod";
import { checkOptions } from "../diagnostics/options.ts";
import { redactor, RedactOptionsSchema, type RedactOptions } from "../rollup/redact.ts";
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
 * Every option a report function takes: {@link ReportOptions}, those of `toHtml` (`fragment`,
 * `charts`, `appendix`), of `toCsv` (`bom`, `delimiter`, `escapeFormulas`) and of `displayCoded` (`limit`).
 * The report functions share it (they call each other with the same options), so an option none
 * of them takes, a typo such as `redcat`, is refused, and a value of the wrong kind too.
 */
export type AnyReportOptions = ReportOptions & {
  fragment?: boolean;
  charts?: boolean;
  appendix?: "short" | "full" | "none";
  bom?: boolean;
  delimiter?: "," | ";" | "\t";
  escapeFormulas?: boolean;
  table?: "themes" | "cells";
  limit?: number;
};

const isFunction = (v: unknown): boolean => typeof v === "function";

/** The schema the report functions check their options with (see {@link AnyReportOptions}). */
export const ReportOptionsSchema: z.ZodType<AnyReportOptions, unknown> = z
  .object({
    language: z.enum(["nb", "en", "nn", "no"]).transform((l): ReportLanguage => (l === "en" ? "en" : "nb")).optional(),
    redact: z.union([z.literal(false), z.custom<(text: string) => string>(isFunction, "expected a function"), RedactOptionsSchema]).optional(),
    date: z.string().optional(),
    version: z.string().optional(),
    title: z.string().optional(),
    coded: z.custom<readonly CodedNote[]>((v) => Array.isArray(v), "expected the coded notes from codeNotes (a list)").optional(),
    codebook: z.custom<Codebook>((v) => v !== null && typeof v === "object" && Array.isArray((v as Codebook).codes), "expected a codebook (from loadCodebook)").optional(),
    questions: z.record(z.string(), z.string()).readonly().optional(),
    fragment: z.boolean().optional(),
    appendix: z.enum(["short", "full", "none"]).optional(),
    charts: z.boolean().optional(),
    bom: z.boolean().optional(),
    delimiter: z.enum([",", ";", "\t"]).optional(),
    escapeFormulas: z.boolean().optional(),
    table: z.enum(["themes", "cells"]).optional(),
    limit: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * Checks a report function's options before any work (see {@link ReportOptionsSchema}).
 *
 * @param options what the caller passed
 * @param action what the function does, for the message: `write the Markdown report`
 * @returns the options as read (`nn` and `no` give the report language `nb`)
 * @throws KodebokError (`option-invalid`) naming and quoting a bad option
 * @example
 * ```ts
 * checkReportOptions({ language: "no" }, "write the report").language; // "nb"
 * ```
 */
export function checkReportOptions<T extends AnyReportOptions>(options: T | undefined, action: string): T {
  return checkOptions(ReportOptionsSchema, options, action, "kodebok:report") as T;
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
  const mask = redactor(setting ?? {});
  return (text, language) => mask(text, language === "en" || language === "nb" || language === "nn" ? language : undefined);
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
