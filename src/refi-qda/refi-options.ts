// The options of the REFI-QDA writers and readers, as the schemas they are checked with.
import { z } from "zod";
import type { Coding } from "../codings/coding.ts";
import type { WriteOptions } from "../files/write-file-atomic.ts";
import { LanguageSchema, GivenLanguageSchema } from "../text/language.ts";
import type { QdpxImportOptions } from "./from-qdpx.ts";
import type { QdpxOptions } from "./to-qdpx.ts";

/**
 * The options of `toQdc`, `toQdpx`, `buildProject`, `writeQdc` and `writeQdpx` (which hand them to
 * each other): an option none of them takes is refused, and a value of the wrong kind.
 */
export const RefiExportOptionsSchema: z.ZodType<QdpxOptions & WriteOptions, unknown> = z
  .object({
    language: GivenLanguageSchema.optional(),
    name: z.string().min(1).optional(),
    sources: z.enum(["seminar", "note-source", "note"]).optional(),
    codings: z.custom<readonly Coding[]>((v) => Array.isArray(v), "expected a list of codings").optional(),
    seen: z.array(z.object({ coder: z.string(), notes: z.array(z.string()).readonly() })).readonly().optional(),
    machine: z.boolean().optional(),
    inputs: z.array(z.string()).readonly().optional(),
  })
  .strict();

/** The options of `parseQdc`, `parseQdpx`, `readQdc`, `readQdpx`, `readRefiQda` (and the `load` forms). */
export const RefiImportOptionsSchema: z.ZodType<QdpxImportOptions, unknown> = z
  .object({
    file: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/u, "expected an id of lower-case letters, digits, - and _, starting with a letter").optional(),
    title: z.string().min(1).optional(),
    languages: z.array(LanguageSchema).min(1).optional(),
    split: z.enum(["paragraphs", "lines", "selections", "source", "notes"]).optional(),
    limits: z
      .object({ maxEntries: z.number().int().min(1).optional(), maxTotalSize: z.number().int().min(1).optional(), maxRatio: z.number().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();
