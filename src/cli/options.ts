import { InvalidArgumentError } from "commander";

/** Parses a number option in [min, max]; commander reports a bad value as a usage error (exit 2). */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** Parses a whole-number option in [min, max]. */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/u.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

/** Parses a CSV delimiter: one character, or `tab`, `\t`, `semicolon`, `comma`. */
export function delimiter(value: string): string {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", semicolon: ";", comma: ",", pipe: "|" };
  const d = named[value.toLowerCase()] ?? value;
  if ([...d].length !== 1) throw new InvalidArgumentError(`expected one character (or tab, semicolon, comma), got "${value}"`);
  return d;
}

/** The default codebook of `kodebok code` and `kodebok agree`. */
export const DEFAULT_CODEBOOK = "natland-2021";
