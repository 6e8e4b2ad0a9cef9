import type { z } from "zod";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";

/**
 * Parses the options of an agreement function with its zod schema; on failure throws a
 * {@link KodebokError} with an `option-invalid` diagnostic that quotes the bad option.
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
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  throw new KodebokError([
    diagnostic({
      code: "option-invalid",
      severity: "error",
      source: "kodebok:agreement",
      reason: `Cannot compute ${fn}: option "${path}" is invalid: ${issue?.message ?? "invalid value"}`,
      field: path,
    }),
  ]);
}
