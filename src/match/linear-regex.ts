// Regular expressions of `match: regex` rules, matched in linear time: a codebook is data a
// user may take from anyone, and a backtracking engine can take exponential time on a pattern
// like `(a+)+$`. Terms are written in JavaScript's syntax (checked with the `u` flag) and run on
// re2js, a port of RE2, whose matching time is linear in the token's length.
import { RE2JS } from "re2js";

/** A compiled regular expression term: its source and a linear-time search. */
export interface LinearRegex {
  /** The pattern as written in the codebook. */
  readonly source: string;
  /** True when the pattern matches somewhere in `text` (as `RegExp.prototype.test`). */
  test(text: string): boolean;
}

/** A regular expression term compiled, or why it cannot be. */
export type CompiledRegex = { ok: true; regex: LinearRegex } | { ok: false; reason: string; unsupported: boolean };

/**
 * Compiles a regular expression term for linear-time matching. The pattern must be valid
 * JavaScript (with the `u` flag) and use only what a linear-time engine can do: no lookahead or
 * lookbehind, no backreferences (`\1`, `\k<name>`); Unicode properties as general categories
 * (`\p{L}`, `\p{Lu}`) or script names (`\p{Latin}` is RE2's spelling; `\p{Script=Latin}` is not
 * supported).
 *
 * @param source the pattern as written in the codebook
 * @returns the compiled term, or the reason (with `unsupported` when it is valid JavaScript
 *   that only a backtracking engine can run)
 * @example
 * ```ts
 * const compiled = compileLinearRegex("^kompetan(s|se)");
 * if (compiled.ok) compiled.regex.test("kompetansen"); // true
 * compileLinearRegex("(a)\\1").ok; // false: a backreference
 * ```
 */
export function compileLinearRegex(source: string): CompiledRegex {
  try {
    new RegExp(source, "u");
  } catch (error) {
    return { ok: false, reason: `the regular expression /${source}/ does not compile: ${(error as Error).message}`, unsupported: false };
  }
  const backreference = findBackreference(source);
  if (backreference !== undefined) {
    return { ok: false, reason: unsupported(source, `the backreference ${backreference}`), unsupported: true };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(source));
  } catch (error) {
    const why = (error as Error).message.replace(/^error parsing regexp: /u, "");
    return { ok: false, reason: unsupported(source, why), unsupported: true };
  }
  return { ok: true, regex: { source, test: (text) => compiled.test(text) } };
}

function unsupported(source: string, what: string): string {
  return (
    `the regular expression /${source}/ cannot be matched in linear time (${what}); ` +
    "kodebok matches regular expressions without backtracking, so lookahead, lookbehind and backreferences are not supported"
  );
}

/** The first backreference (`\1`..`\9`, `\k<name>`) outside a character class, or undefined. */
function findBackreference(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (!inClass && /[1-9]/u.test(next)) return `\\${next}`;
      if (!inClass && next === "k" && source[i + 2] === "<") return source.slice(i, source.indexOf(">", i) + 1 || undefined);
      i++;
    } else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
  }
  return undefined;
}
