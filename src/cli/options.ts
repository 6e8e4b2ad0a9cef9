import { InvalidArgumentError, Option } from "commander";
import { LANGUAGE_OPTIONS, type LanguageOption } from "../text/language.ts";

/**
 * A commander parser for a number option in [min, max]; a bad value is a usage error (exit 2).
 *
 * @param min the least value
 * @param max the greatest value
 * @returns the parser
 * @example
 * ```ts
 * numberIn(0, 1)("0.8"); // 0.8
 * ```
 */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/**
 * A commander parser for a whole-number option in [min, max].
 *
 * @param min the least value
 * @param max the greatest value
 * @returns the parser
 * @example
 * ```ts
 * integerIn(0, 100)("3"); // 3
 * ```
 */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/u.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

/**
 * Parses a CSV delimiter option: one character, or `tab`, `\t`, `semicolon`, `comma`, `pipe`.
 *
 * @param value the option's value
 * @returns the delimiter character
 * @example
 * ```ts
 * delimiter("tab"); // "\t"
 * ```
 */
export function delimiter(value: string): string {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", semicolon: ";", comma: ",", pipe: "|" };
  const d = named[value.toLowerCase()] ?? value;
  if ([...d].length !== 1) throw new InvalidArgumentError(`expected one character (or tab, semicolon, comma), got "${value}"`);
  // A quote opens quoted fields and a line break ends records: neither can separate fields.
  if (d === '"' || d === "\n" || d === "\r") throw new InvalidArgumentError(`a delimiter cannot be ${d === '"' ? "the quote character" : "a line break"}, got "${value}"`);
  return d;
}

/** The default codebook of `kodebok code` and `kodebok agree`. */
export const DEFAULT_CODEBOOK = "natland-2021";

/**
 * The `-l, --language` option of the commands that code notes: `nb`, `nn`, `en`, `auto`, or `no`
 * (Norwegian), which means `nb`.
 *
 * @param description what the language is for
 * @returns the commander option (default `auto`)
 * @example
 * ```ts
 * command.addOption(languageOption("the notes' language"));
 * ```
 */
export function languageOption(description: string): Option {
  return new Option("-l, --language <language>", `${description} (no: Bokmål)`)
    .choices(LANGUAGE_OPTIONS)
    .default("auto")
    .argParser((value): LanguageOption => {
      if (!(LANGUAGE_OPTIONS as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${LANGUAGE_OPTIONS.join(", ")}.`);
      return value === "no" ? "nb" : (value as LanguageOption);
    });
}
