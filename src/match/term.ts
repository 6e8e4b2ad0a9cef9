import type { MatchType } from "../codebook/codebook.ts";
import { foldWord } from "../text/tokenize.ts";
import { compileGlobWord, globWordMatches, type GlobWord } from "./glob-word.ts";
import { compileLinearRegex, type LinearRegex } from "./linear-regex.ts";

/** How one word of a term is compared with one token. */
export type WordPattern =
  | { kind: "exact"; value: string }
  | { kind: "prefix"; value: string }
  | { kind: "suffix"; value: string }
  | { kind: "contains"; value: string }
  | { kind: "glob"; value: string; glob: GlobWord }
  | { kind: "regex"; value: string; regex: LinearRegex }
  | { kind: "stem"; value: string };

/**
 * A parsed term: its words in order, or the reason it cannot be compiled (`unsupported` for a
 * regular expression that is valid JavaScript but needs a backtracking engine).
 */
export type ParsedTerm = { ok: true; words: WordPattern[] } | { ok: false; reason: string; unsupported?: boolean };

const WORD_CHARS = /^[\p{L}\p{M}\p{N}]+$/u;
const GLOB_SPLIT = /[^\p{L}\p{M}\p{N}*?]+/u;

/**
 * Parses a codebook term into word patterns. For `glob` and `fixed`, anything that is not a
 * letter, digit or wildcard separates words, as the tokenizer does: `NAV-kontor` is the phrase
 * `nav kontor`. A `regex` term is split on spaces only; each part must match one token, and is
 * matched in linear time (see `compileLinearRegex`); a glob word with wildcards inside is
 * matched without backtracking too (see `compileGlobWord`).
 *
 * @param term the term as written in the codebook
 * @param match the rule's match type
 * @returns the word patterns, or why the term cannot be compiled
 * @example
 * ```ts
 * parseTerm("*tid", "glob"); // { ok: true, words: [{ kind: "suffix", value: "tid" }] }
 * parseTerm("ta seg tid", "glob").ok; // true, three words
 * ```
 */
export function parseTerm(term: string, match: MatchType): ParsedTerm {
  const trimmed = term.trim();
  if (trimmed === "") return { ok: false, reason: "the term is empty" };
  if (match === "regex") {
    const words: WordPattern[] = [];
    for (const part of trimmed.split(/\s+/u)) {
      const compiled = compileLinearRegex(part);
      if (!compiled.ok) return compiled.unsupported ? { ok: false, reason: compiled.reason, unsupported: true } : { ok: false, reason: compiled.reason };
      words.push({ kind: "regex", value: part, regex: compiled.regex });
    }
    return { ok: true, words };
  }
  const parts = trimmed.split(GLOB_SPLIT).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, reason: `the term "${term}" has no letters or digits` };
  const words: WordPattern[] = [];
  for (const raw of parts) {
    const part = foldWord(raw);
    if (match === "fixed" || match === "stem") {
      const plain = part.replace(/[*?]/gu, "");
      if (plain !== part) return { ok: false, reason: `wildcards are not allowed in a ${match} term: "${term}"` };
      words.push({ kind: match === "fixed" ? "exact" : "stem", value: part });
      continue;
    }
    words.push(globWord(part));
  }
  // A wildcard word inside a phrase ("forklarte *") is any word; a term of wildcards only would
  // match every token.
  if (words.every((w) => w.value === "")) {
    return { ok: false, reason: `the term "${term}" is only wildcards, so it would match every word` };
  }
  return { ok: true, words };
}

function globWord(part: string): WordPattern {
  const inner = part.replace(/^\*/u, "").replace(/\*$/u, "");
  if (WORD_CHARS.test(part)) return { kind: "exact", value: part };
  if (WORD_CHARS.test(inner)) {
    const leading = part.startsWith("*");
    const trailing = part.endsWith("*") && part.length > 1;
    if (leading && trailing) return { kind: "contains", value: inner };
    if (leading) return { kind: "suffix", value: inner };
    if (trailing) return { kind: "prefix", value: inner };
  }
  // Wildcards inside the word: matched part by part, without backtracking (glob-word.ts).
  const letters = part.replace(/[*?]/gu, "");
  return { kind: "glob", value: letters === "" ? "" : part, glob: compileGlobWord(part) };
}

/**
 * Tests one word pattern against a folded token (stems are compared by the caller).
 *
 * @example
 * ```ts
 * wordMatches({ kind: "suffix", value: "tid" }, "saksbehandlingstid"); // true
 * ```
 */
export function wordMatches(pattern: WordPattern, token: string): boolean {
  switch (pattern.kind) {
    case "exact":
      return token === pattern.value;
    case "prefix":
      return token.startsWith(pattern.value);
    case "suffix":
      return token.endsWith(pattern.value);
    case "contains":
      return token.includes(pattern.value);
    case "glob":
      return globWordMatches(pattern.glob, token);
    case "regex":
      return pattern.regex.test(token);
    case "stem":
      return false;
  }
}
