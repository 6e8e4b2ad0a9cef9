import type { Codebook, Dimension, MatchType, Rule, TermList } from "../codebook/codebook.ts";
import { dimensionCodebook } from "../codebook/dimensions.ts";
import type { Polarity } from "../codings/coding.ts";
import { codingLanguage, LANGUAGES, type Language } from "../text/language.ts";
import { stem } from "../text/stem.ts";
import { parseTerm, wordMatches, type WordPattern } from "./term.ts";

/** What a term entry is for: finding a code, or a condition or cue around a match. */
export type TermRole =
  | "rule"
  | "near"
  | "notNear"
  | "notInNote"
  | "barrierCue"
  | "negationCue"
  | "negationExcept"
  | "ironyCue"
  | "wishCue"
  | "contrastCue"
  | "frame";

/** One term of the codebook, compiled: its words as pattern ids, and what it is for. */
export interface TermEntry {
  /** Index of the entry in `Matcher.entries`. */
  index: number;
  role: TermRole;
  /** Index of the rule in `Matcher.rules` (-1 for cues and frames). */
  rule: number;
  /** Index of the frame in `Matcher.frames` (role `frame`; -1 for every other role). */
  frame: number;
  /** The term as written in the codebook. */
  source: string;
  /** Pattern ids of the words, in order. */
  words: number[];
  /** Languages the entry applies to. */
  languages: ReadonlySet<Language>;
}

/** A compiled rule: the code it finds and the conditions on its matches. */
export interface CompiledRule {
  id: string;
  code: string;
  category: string;
  /** Position of the code in the codebook, for stable output order. */
  codeIndex: number;
  gap: number;
  nearWithin: number;
  notNearWithin: number;
  hasNear: boolean;
  hasNotNear: boolean;
  hasNotInNote: boolean;
  polarity: Polarity | undefined;
  negation: "barrier" | "exclude" | "ignore";
  /** Frames (indices into `Matcher.frames`) one of which must be around a match; empty: none required. */
  about: readonly number[];
  /** Frames none of which may be around a match. */
  notAbout: readonly number[];
}

/** A compiled frame (see `FrameSchema`): its terms are entries of role `frame`. */
export interface CompiledFrame {
  id: string;
  scope: "sentence" | "note";
  /** A sentence ending with a question mark is in the frame. */
  questions: boolean;
  /** Frames (indices) that, around the same match, make this one not count. */
  unless: readonly number[];
}

/** A further dimension of the codebook, compiled: its own matcher over the dimension's codes. */
export interface DimensionMatcher {
  dimension: Dimension;
  /** The matcher of `dimensionCodebook(codebook, dimension)`. */
  matcher: Matcher;
  /**
   * When some rule of the dimension has conditions (which keep `matcher` off the fast paths): the
   * same codebook without them. Conditions only drop matches, so a note this finds nothing in has
   * nothing `matcher` would find; only the others go through `matcher`.
   */
  screen?: Matcher;
  /** Default codes already worked out from note attribute values (value → code id, or null for none). */
  defaults: Map<string, string | null>;
}

/** The codebook compiled once into lookup structures; used by `codeNotes`. */
export interface Matcher {
  codebook: Codebook;
  /** The codebook's further dimensions (absent when it has none), each with its own matcher. */
  dimensions?: readonly DimensionMatcher[];
  rules: CompiledRule[];
  frames: CompiledFrame[];
  entries: TermEntry[];
  /** Word patterns by id. */
  patterns: WordPattern[];
  /** Entries whose first word is the pattern, by pattern id. */
  entriesByFirstWord: TermEntry[][];
  barrierWindow: number;
  negationWindow: number;
  /** A code with both polarities in one clause: keep both, or the barrier (the codebook's `polarity.mixed`). */
  mixed: "both" | "barrier";
  /** The language a note in a given or detected language is coded in (see `codingLanguage`). */
  codingLanguage: Readonly<Record<Language | "und", Language | "und">>;
  /** Pattern ids that match a folded token in a language (`und`: any language); memoised. */
  lookup(token: string, language: Language | "und"): readonly number[];
}

/**
 * Compiles a validated codebook into a matcher: every term parsed once, identical word patterns
 * shared, exact words in a hash table, and a memo per distinct token so that a word seen before
 * costs one map look-up. Each further dimension gets a matcher of its own (see
 * `dimensionCodebook`). Throws only on terms that `checkCodebook` would have reported.
 *
 * @param codebook a validated codebook (from `loadCodebook` or `parseCodebook`)
 * @returns the matcher
 * @example
 * ```ts
 * const matcher = compileCodebook(await loadCodebook("natland-2021"));
 * const coded = codeNotes(notes, matcher);
 * ```
 */
export function compileCodebook(codebook: Codebook): Matcher {
  const builder = new Builder(codebook);
  const all = new Set(codebook.languages);
  const frameIndex = new Map<string, number>();
  codebook.frames.forEach((frame, f) => frameIndex.set(frame.id, f));
  const toFrames = (ids: readonly string[] | undefined, owner: string): number[] =>
    (ids ?? []).map((id) => {
      const f = frameIndex.get(id);
      if (f === undefined) throw new Error(`Cannot compile codebook "${codebook.id}": ${owner} names frame "${id}", which is not defined`);
      return f;
    });
  codebook.frames.forEach((frame, f) => {
    builder.frames.push({ id: frame.id, scope: frame.scope, questions: frame.questions, unless: toFrames(frame.unless, `frame "${frame.id}"`) });
    if (frame.terms !== undefined) builder.addTerms(frame.terms, frame.match, "frame", -1, all, f);
  });
  codebook.codes.forEach((code, codeIndex) => {
    const expanded = expandRules(code.id, code.terms, code.barrierTerms, code.rules);
    for (const { id, rule } of expanded) {
      const compiled: CompiledRule = {
        id,
        code: code.id,
        category: code.category,
        codeIndex,
        gap: rule.gap,
        nearWithin: rule.near?.within ?? 0,
        notNearWithin: rule.notNear?.within ?? 0,
        hasNear: rule.near !== undefined,
        hasNotNear: rule.notNear !== undefined,
        hasNotInNote: rule.notInNote !== undefined,
        polarity: rule.polarity,
        negation: rule.negation,
        about: toFrames(rule.about ?? code.about, `rule "${id}"`),
        notAbout: toFrames(rule.notAbout ?? code.notAbout ?? codebook.notAbout, `rule "${id}"`),
      };
      const ruleIndex = builder.rules.push(compiled) - 1;
      const ruleLanguages = toLanguages(rule.lang, codebook.languages);
      builder.addTerms(rule.terms, rule.match, "rule", ruleIndex, ruleLanguages);
      if (rule.near) builder.addTerms(rule.near.terms, rule.near.match, "near", ruleIndex, ruleLanguages);
      if (rule.notNear) builder.addTerms(rule.notNear.terms, rule.notNear.match, "notNear", ruleIndex, ruleLanguages);
      if (rule.notInNote) builder.addTerms(rule.notInNote, "glob", "notInNote", ruleIndex, ruleLanguages);
    }
  });
  if (codebook.polarity.barrier) builder.addTerms(codebook.polarity.barrier.terms, "glob", "barrierCue", -1, all);
  if (codebook.polarity.negation) builder.addTerms(codebook.polarity.negation.terms, "glob", "negationCue", -1, all);
  if (codebook.polarity.negation?.except) builder.addTerms(codebook.polarity.negation.except, "glob", "negationExcept", -1, all);
  if (codebook.polarity.irony) builder.addTerms(codebook.polarity.irony.terms, "glob", "ironyCue", -1, all);
  if (codebook.polarity.wish) builder.addTerms(codebook.polarity.wish.terms, "glob", "wishCue", -1, all);
  if (codebook.polarity.contrast) builder.addTerms(codebook.polarity.contrast.terms, "glob", "contrastCue", -1, all);
  const matcher = builder.finish(codebook.polarity.barrier?.window ?? 3, codebook.polarity.negation?.window ?? 3);
  if (codebook.dimensions !== undefined && codebook.dimensions.length > 0) {
    matcher.dimensions = codebook.dimensions.map((dimension) => {
      const own = dimensionCodebook(codebook, dimension);
      const unconditioned = withoutConditions(own);
      return {
        dimension,
        matcher: compileCodebook(own),
        ...(unconditioned === own ? {} : { screen: compileCodebook(unconditioned) }),
        defaults: new Map(),
      };
    });
  }
  return matcher;
}

/**
 * Expands a code's shorthands (`terms`, `barrierTerms`) and rules into rules with stable ids:
 * `<code>.terms`, `<code>.barrier`, then `<code>.1`, `<code>.2`, ... (or the rule's own id).
 *
 * @example
 * ```ts
 * expandRules("time", ["tid"], undefined, []).map((r) => r.id); // ["time.terms"]
 * ```
 */
export function expandRules(
  code: string,
  terms: TermList | undefined,
  barrierTerms: TermList | undefined,
  rules: readonly Rule[],
): { id: string; rule: Rule }[] {
  const out: { id: string; rule: Rule }[] = [];
  const base = { match: "glob" as const, gap: 0, negation: "barrier" as const };
  if (terms !== undefined) out.push({ id: `${code}.terms`, rule: { ...base, terms } });
  if (barrierTerms !== undefined) {
    out.push({ id: `${code}.barrier`, rule: { ...base, terms: barrierTerms, polarity: "barrier", negation: "ignore" } });
  }
  rules.forEach((rule, i) => out.push({ id: rule.id ?? `${code}.${i + 1}`, rule }));
  return out;
}

function toLanguages(lang: Rule["lang"], fallback: readonly Language[]): Set<Language> {
  if (lang === undefined) return new Set(fallback);
  return new Set(Array.isArray(lang) ? lang : [lang]);
}

/** Iterates a term list as (language set, term) pairs. */
export function termsByLanguage(
  terms: TermList,
  allowed: ReadonlySet<Language>,
): { languages: Set<Language>; term: string }[] {
  if (Array.isArray(terms)) return terms.map((term) => ({ languages: new Set(allowed), term }));
  const out: { languages: Set<Language>; term: string }[] = [];
  for (const language of LANGUAGES) {
    const list = terms[language];
    if (!list || !allowed.has(language)) continue;
    for (const term of list) out.push({ languages: new Set([language]), term });
  }
  return out;
}

class Builder {
  readonly rules: CompiledRule[] = [];
  readonly frames: CompiledFrame[] = [];
  readonly entries: TermEntry[] = [];
  readonly patterns: WordPattern[] = [];
  /** Stem patterns carry the language whose stemmer made them. */
  readonly stemLanguage: (Language | undefined)[] = [];
  private readonly patternIds = new Map<string, number>();

  constructor(readonly codebook: Codebook) {}

  addTerms(terms: TermList, match: MatchType, role: TermRole, rule: number, allowed: ReadonlySet<Language>, frame = -1): void {
    for (const { languages, term } of termsByLanguage(terms, allowed)) {
      const parsed = parseTerm(term, match);
      if (!parsed.ok) throw new Error(`Cannot compile codebook "${this.codebook.id}": ${parsed.reason}`);
      if (match === "stem") {
        // A stem depends on the language: one entry per language.
        for (const language of languages) {
          const words = parsed.words.map((w) => this.intern({ kind: "stem", value: stem(w.value, language) }, language));
          this.push(role, rule, frame, term, words, new Set([language]));
        }
      } else {
        this.push(role, rule, frame, term, parsed.words.map((w) => this.intern(w, undefined)), languages);
      }
    }
  }

  private push(role: TermRole, rule: number, frame: number, source: string, words: number[], languages: Set<Language>): void {
    this.entries.push({ index: this.entries.length, role, rule, frame, source, words, languages });
  }

  private intern(pattern: WordPattern, language: Language | undefined): number {
    const key = `${pattern.kind}\u0000${pattern.value}\u0000${language ?? ""}`;
    let id = this.patternIds.get(key);
    if (id === undefined) {
      id = this.patterns.push(pattern) - 1;
      this.stemLanguage.push(language);
      this.patternIds.set(key, id);
    }
    return id;
  }

  finish(barrierWindow: number, negationWindow: number): Matcher {
    const { patterns, stemLanguage, entries } = this;
    const entriesByFirstWord: TermEntry[][] = patterns.map(() => []);
    for (const entry of entries) entriesByFirstWord[entry.words[0]!]!.push(entry);
    const exact = new Map<string, number[]>();
    // Prefix and suffix globs by their fixed part: a token is looked up by each of its own
    // prefixes (suffixes) whose length some pattern has, instead of testing every pattern.
    const prefixes = new Map<string, number[]>();
    const suffixes = new Map<string, number[]>();
    const scanned: number[] = [];
    const stems: Record<Language, Map<string, number[]>> = { nb: new Map(), nn: new Map(), en: new Map() };
    patterns.forEach((p, id) => {
      if (p.kind === "exact") push(exact, p.value, id);
      else if (p.kind === "stem") push(stems[stemLanguage[id]!], p.value, id);
      else if (p.kind === "prefix") push(prefixes, p.value, id);
      else if (p.kind === "suffix") push(suffixes, p.value, id);
      else scanned.push(id);
    });
    const prefixLengths = lengthsOf(prefixes);
    const suffixLengths = lengthsOf(suffixes);
    const memo: Record<Language | "und", Map<string, readonly number[]>> = {
      nb: new Map(),
      nn: new Map(),
      en: new Map(),
      und: new Map(),
    };
    const empty: readonly number[] = [];
    const lookup = (token: string, language: Language | "und"): readonly number[] => {
      const table = memo[language];
      const known = table.get(token);
      if (known !== undefined) return known;
      let ids: number[] | undefined;
      const add = (list: readonly number[] | undefined) => {
        if (list) for (const id of list) (ids ??= []).push(id);
      };
      add(exact.get(token));
      for (const length of prefixLengths) {
        if (length > token.length) break;
        add(prefixes.get(token.slice(0, length)));
      }
      for (const length of suffixLengths) {
        if (length > token.length) break;
        add(suffixes.get(token.slice(token.length - length)));
      }
      for (const id of scanned) if (wordMatches(patterns[id]!, token)) (ids ??= []).push(id);
      for (const l of LANGUAGES) {
        if (language !== "und" && l !== language) continue;
        if (stems[l].size > 0) add(stems[l].get(stem(token, l)));
      }
      const result = ids ? Array.from(new Set(ids)).sort((a, b) => a - b) : empty;
      if (table.size > 500_000) table.clear();
      table.set(token, result);
      return result;
    };
    return {
      codebook: this.codebook,
      rules: this.rules,
      frames: this.frames,
      entries,
      patterns,
      entriesByFirstWord,
      barrierWindow,
      negationWindow,
      mixed: this.codebook.polarity.mixed ?? "both",
      codingLanguage: {
        nb: codingLanguage("nb", this.codebook.languages),
        nn: codingLanguage("nn", this.codebook.languages),
        en: codingLanguage("en", this.codebook.languages),
        und: "und",
      },
      lookup,
    };
  }
}

/** The distinct lengths of a map's keys, shortest first. */
function lengthsOf(map: ReadonlyMap<string, unknown>): number[] {
  return [...new Set([...map.keys()].map((k) => k.length))].sort((a, b) => a - b);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A codebook with the conditions of its rules and codes left out (`near`, `notNear`, `notInNote`,
 * `about`, `notAbout`, and the codebook's frames), or the same object when it has none. Used to
 * screen notes for a further dimension: every condition only drops matches.
 */
function withoutConditions(codebook: Codebook): Codebook {
  const conditioned = codebook.frames.length > 0 || codebook.codes.some((c) => c.about !== undefined || c.notAbout !== undefined || c.rules.some((r) => r.near || r.notNear || r.notInNote || r.about || r.notAbout));
  if (!conditioned) return codebook;
  return {
    ...codebook,
    frames: [],
    codes: codebook.codes.map(({ about: _about, notAbout: _notAbout, ...code }) => ({
      ...code,
      rules: code.rules.map(({ near: _near, notNear: _notNear, notInNote: _notInNote, about: _a, notAbout: _n, ...rule }) => rule),
    })),
  };
}
