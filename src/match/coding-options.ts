// The options of codeNotes, codeNotesStream and tallyCodes, and the check of what they are given.
import { z } from "zod";
import { checkCodebookArgument, checkOptions, describeValue, invalidArgument } from "../diagnostics/options.ts";
import { LanguageOptionSchema, type LanguageOption } from "../text/language.ts";
import { CombineSchema, MODEL_FORMAT, type LearnedModel } from "../learn/model.ts";

/** Options of `codeNotes`, `codeNotesStream` and `tallyCodes`; an option they do not have is refused. */
export const CodeNotesOptionsSchema: z.ZodObject<{
  language: z.ZodOptional<typeof LanguageOptionSchema>;
  workers: z.ZodOptional<z.ZodNumber>;
  model: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<false>, z.ZodCustom<LearnedModel, LearnedModel>]>>;
  combine: z.ZodOptional<typeof CombineSchema>;
}, z.core.$strict> = z
  .object({
    /**
     * The notes' language: `nb`, `nn`, `en`, or `auto` (default) to detect it per note; `no`
     * (Norwegian) means `nb`. A note's own `language` wins.
     */
    language: LanguageOptionSchema.optional(),
    /**
     * `codeNotesStream` and `tallyCodes` only: code on this many worker threads (default 0: on the
     * calling thread). The coded notes are the same and in the same order; a stream from
     * `streamNotes` over a CSV file is also parsed in the workers.
     */
    workers: z.number().int().min(0).max(256).optional(),
    /**
     * A learned model (`trainCoder`, `kodebok learn`) to code with beside the rules; `false` for
     * the rules alone. Default: the codebook's own model, when it names one (`model:` in the
     * codebook). Checked against the codebook when used (a model for another codebook is refused).
     */
    model: z
      .union([z.literal(false), z.custom<LearnedModel>((v) => typeof v === "object" && v !== null && (v as { format?: unknown }).format === MODEL_FORMAT, "expected a model from trainCoder or loadModel, or false")])
      .optional(),
    /** How rules and model combine: `both`, `model` or `rules` (default: the model's setting, `both`). See `CombineSchema`. */
    combine: CombineSchema.optional(),
  })
  .strict();
/** Options of `codeNotes` as given. */
export type CodeNotesOptions = z.input<typeof CodeNotesOptionsSchema>;

/**
 * Checks what a coding function is given before any work: the options (see
 * {@link CodeNotesOptionsSchema}), that the notes are a list or stream (not a string) and that the
 * codebook is a codebook or a matcher (not its name). Throws a `KodebokError` (`option-invalid`)
 * that says what is wrong and quotes it.
 *
 * @param notes the notes argument
 * @param codebookOrMatcher the codebook argument
 * @param options the options argument
 * @param action what the function does, for the message
 * @returns the language (default `auto`) and the number of workers (default 0)
 * @example
 * ```ts
 * checkCodingArguments(notes, codebook, { language: "no" }, "code notes"); // { language: "nb", workers: 0 }
 * ```
 */
export function checkCodingArguments(notes: unknown, codebookOrMatcher: unknown, options: unknown, action: string): { language: LanguageOption; workers: number } {
  const checked = checkOptions(CodeNotesOptionsSchema, options, action, "kodebok:match");
  if (typeof notes === "string" || notes === null || typeof notes !== "object" || !(Symbol.iterator in notes || Symbol.asyncIterator in notes)) {
    const hint = typeof notes === "string" ? ": to code one text, pass [{ id: \"1\", text }]; to read notes from a file, use loadNotes(path)" : "";
    throw invalidArgument(action, `the notes must be a list (or stream) of notes such as [{ id: "1", text: "..." }], not ${describeValue(notes)}${hint}`, "notes", "kodebok:match");
  }
  checkCodebookArgument(codebookOrMatcher, action, "kodebok:match");
  return { language: checked.language ?? "auto", workers: checked.workers ?? 0 };
}
