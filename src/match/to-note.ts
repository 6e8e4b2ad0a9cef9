// Turning what a caller hands over into what the matcher codes: a validated note, a compiled
// codebook. Its own module, so that the worker threads import it without the streaming readers.
import type { Codebook } from "../codebook/codebook.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { NoteSchema, type Note, type NoteInput } from "../notes/note.ts";
import { compileCodebook, type Matcher } from "./compile.ts";
import { plainNote } from "./plain-note.ts";

/**
 * Compiles a codebook unless it is a matcher already.
 *
 * @example
 * ```ts
 * const matcher = toMatcher(codebook); // the same matcher when given one
 * ```
 */
export function toMatcher(codebookOrMatcher: Codebook | Matcher): Matcher {
  return "lookup" in codebookOrMatcher ? codebookOrMatcher : compileCodebook(codebookOrMatcher);
}

/**
 * Validates a plain note object; throws a located KodebokError when it is not a note.
 *
 * @example
 * ```ts
 * toNote({ id: "n1", text: "Tid" }, 0); // { id: "n1", text: "Tid" }
 * ```
 */
export function toNote(input: NoteInput | Note, position: number): Note {
  const plain = plainNote(input);
  if (plain) return plain;
  const parsed = NoteSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new KodebokError(
    parsed.error.issues.map((issue) =>
      diagnostic({
        code: "note-invalid",
        severity: "error",
        reason: `Cannot code note ${position + 1}: ${issue.message}`,
        field: issue.path.join("."),
      }),
    ),
  );
}
