// Glob words with wildcards inside (`s*k*t`, `vent?tid`), matched without backtracking. A glob
// is a regular language, so it needs no regular expression engine: the parts between the `*`s
// are found left to right, each at its earliest place, which is O(token length * pattern length).

/** Code point of `?` inside a part: any one letter, mark or digit. */
const ANY = -1;
const WORD_ONLY = /^[\p{L}\p{M}\p{N}]*$/u;

/** A glob word compiled: its parts between `*`s as code points (`?` as -1), and whether it has a `*`. */
export interface GlobWord {
  /** The glob word as written (folded). */
  readonly source: string;
  /** The parts between the `*`s; one part when there is no `*`. */
  readonly parts: readonly (readonly number[])[];
}

/**
 * Compiles a folded glob word. `*` stands for any run of letters, marks and digits (also none),
 * `?` for one of them (one code point, so one astral letter too).
 *
 * @param source the glob word, folded, of letters, marks, digits, `*` and `?`
 * @returns the compiled word
 * @example
 * ```ts
 * globWordMatches(compileGlobWord("s*k*t"), "saksbehandlingstidet"); // true
 * ```
 */
export function compileGlobWord(source: string): GlobWord {
  const parts: number[][] = [[]];
  for (const ch of source) {
    if (ch === "*") parts.push([]);
    else parts[parts.length - 1]!.push(ch === "?" ? ANY : ch.codePointAt(0)!);
  }
  return { source, parts };
}

/**
 * Whether a folded token matches a glob word as a whole: what the anchored regular expression
 * `^…$` with `*` as `[\p{L}\p{M}\p{N}]*` and `?` as `[\p{L}\p{M}\p{N}]` (flag `u`) matches.
 * The first part must start the token, the last end it, and the parts between are taken at
 * their earliest place after the one before (the earliest place never loses a match a later one
 * has), so no choice is ever undone.
 *
 * @param glob the compiled glob word
 * @param token a folded token
 * @returns whether it matches
 * @example
 * ```ts
 * globWordMatches(compileGlobWord("vent?tid"), "ventetid"); // true
 * globWordMatches(compileGlobWord("vent?tid"), "ventid"); // false
 * ```
 */
export function globWordMatches(glob: GlobWord, token: string): boolean {
  if (!WORD_ONLY.test(token)) return false;
  const text: number[] = [];
  for (const ch of token) text.push(ch.codePointAt(0)!);
  const parts = glob.parts;
  const head = parts[0]!;
  if (parts.length === 1) return head.length === text.length && partAt(head, text, 0);
  const tail = parts[parts.length - 1]!;
  const end = text.length - tail.length;
  if (end < head.length || !partAt(head, text, 0) || !partAt(tail, text, end)) return false;
  let at = head.length;
  for (let p = 1; p < parts.length - 1; p++) {
    const part = parts[p]!;
    let found = -1;
    for (let i = at; i + part.length <= end; i++) {
      if (partAt(part, text, i)) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    at = found + part.length;
  }
  return true;
}

function partAt(part: readonly number[], text: readonly number[], at: number): boolean {
  for (let k = 0; k < part.length; k++) if (part[k] !== ANY && part[k] !== text[at + k]) return false;
  return true;
}
