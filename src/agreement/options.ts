import type { z } from "zod";
import { checkOptions } from "../diagnostics/options.ts";

/**
 * Parses the options of an agreement function with its zod schema (see `checkOptions`); on failure
 * throws a `KodebokError` with an `option-invalid` diagnostic that names and quotes the bad option.
 *
 * @param schema The options schema.
 * @param options What the caller passed.
 * @param fn The function's name, for the message.
 * @returns The parsed options with defaults.
 * @example
 * ```ts
 * parseOptions(AlphaOptionsSchema, { level: "interval" }, "krippendorffAlpha");
 * ```
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, fn: string): z.infer<S> {
  return checkOptions(schema, options, `compute ${fn}`, "kodebok:agreement");
}
