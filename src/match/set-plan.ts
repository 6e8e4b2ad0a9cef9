// What a token of each pattern set of the glob automaton starts, worked out once per set and
// language, and the coding of a note straight from the automaton's scan. Internal to src/match;
// `codeNote` and `codeNoteCodes` use it for codebooks without conditions or cues.
import type { Polarity } from "../codings/coding.ts";
import type { Note } from "../notes/note.ts";
import { addLetterScore, addMarkerScore, LANGUAGE_MARKERS, languageOfScores, markerBits } from "../text/detect-language.ts";
import type { Language } from "../text/language.ts";
import type { CodeApplication, CodedNote, Evidence } from "./coded-note.ts";
import type { Matcher, TermEntry } from "./compile.ts";
import { GlobAutomaton } from "./glob-automaton.ts";
import { extendGapped } from "./overlaps.ts";
import type { AutomatonState, Engine } from "./token-memo.ts";

const HELPFUL: Polarity = "helpful";

/**
 * What a token of an automaton pattern set starts, in a language: its one-word entries, of which
 * only the one `resolveOverlaps` prefers per code stays (or the one it prefers of all, with
 * `overlap: across-codes`): the others cover the same token and are never kept, since the
 * preferred one is either kept or dropped for a clash they share; they are in preference order.
 * And its phrase entries, whose later words are still to be matched.
 */
export interface SetPlan {
  singles: readonly Single[];
  /** The keys of the singles without repeats, for counting. */
  codes: readonly number[];
  phrases: readonly TermEntry[];
  /** The key of each phrase's rule. */
  phraseKeys: readonly number[];
}

/** A one-word entry of a plan, with what its evidence and application need. */
export interface Single {
  entry: TermEntry;
  /** The rule's polarity (helpful unless fixed). */
  polarity: Polarity;
  rule: string;
  code: string;
  category: string;
  /** `code index * 2 + (barrier ? 1 : 0)`: the order of applications. */
  key: number;
}

/**
 * True when some phrase entry matches in the note the automaton scanned last.
 *
 * @example
 * ```ts
 * if (automaton.scan(text) >= 0 && !phraseInNote(automaton, matcher, "nb", plans)) singlesOnly(note, "nb", automaton, plans);
 * ```
 */
export function phraseInNote(automaton: GlobAutomaton, matcher: Matcher, language: Language | "und", plans: (SetPlan | undefined)[]): boolean {
  const { matches, matchSet } = automaton;
  const rules = matcher.rules;
  for (let m = 0; m < matches; m++) {
    const set = matchSet[m]!;
    const phrases = (plans[set] ?? setPlan(automaton, matcher, language, set, plans)).phrases;
    for (let e = 0; e < phrases.length; e++) {
      const entry = phrases[e]!;
      if (extendMatches(automaton, entry.words, 1, m, rules[entry.rule]!.gap) >= 0) return true;
    }
  }
  return false;
}

/** Group keys (code index * 2 + barrier) of the applications `singlesOnly` is building. */
let groupKeys = new Int32Array(16);

/**
 * The coded note when every match is a one-token match (no phrase matched): each token's singles
 * (see SetPlan) all stay, in token order, so the evidence is built straight from the scan, and
 * the applications are ordered by their key (the codebook's order, helpful before barrier), as
 * `toApplications` orders them. Call it after {@link phraseInNote}, which works out the plan of
 * every matched set.
 *
 * @example
 * ```ts
 * singlesOnly({ id: "n1", text: "Tid og tillit" }, "nb", automaton, plans).codes; // one application per code
 * ```
 */
export function singlesOnly(note: Note, language: Language | "und", automaton: GlobAutomaton, plans: (SetPlan | undefined)[]): CodedNote {
  const { matches, matchSet, matchStart, matchEnd } = automaton;
  const text = note.text;
  const codes: CodeApplication[] = [];
  for (let m = 0; m < matches; m++) {
    const plan = plans[matchSet[m]!]!;
    const singles = plan.singles;
    if (singles.length === 0) continue;
    const start = matchStart[m]!;
    const end = matchEnd[m]!;
    for (let e = 0; e < singles.length; e++) {
      const single = singles[e]!;
      const key = single.key;
      const polarity = single.polarity;
      const evidence: Evidence = { rule: single.rule, term: single.entry.source, start, end, text: text.slice(start, end), polarity };
      let g = 0;
      while (g < codes.length && groupKeys[g] !== key) g++;
      if (g < codes.length) codes[g]!.evidence.push(evidence);
      else {
        if (g === groupKeys.length) {
          const grown = new Int32Array(g * 2);
          grown.set(groupKeys);
          groupKeys = grown;
        }
        // Insert in key order.
        const application: CodeApplication = { code: single.code, category: single.category, polarity, evidence: [evidence] };
        codes.push(application);
        let at = g;
        while (at > 0 && groupKeys[at - 1]! > key) {
          groupKeys[at] = groupKeys[at - 1]!;
          codes[at] = codes[at - 1]!;
          at--;
        }
        groupKeys[at] = key;
        codes[at] = application;
      }
    }
  }
  return { note, language, codes };
}

/**
 * Works out the plan of a pattern set in a language and remembers it in `plans`.
 *
 * @example
 * ```ts
 * const plan = plans[set] ?? setPlan(automaton, matcher, "nb", set, plans);
 * ```
 */
export function setPlan(automaton: GlobAutomaton, matcher: Matcher, language: Language | "und", set: number, plans: (SetPlan | undefined)[]): SetPlan {
  const rules = matcher.rules;
  const across = matcher.codebook.overlap === "across-codes";
  // byPreference for two matches of the same token: a rule with an explicit polarity, then the earlier rule and entry.
  const prefers = (a: TermEntry, b: TermEntry): boolean =>
    ((rules[b.rule]!.polarity !== undefined ? 1 : 0) - (rules[a.rule]!.polarity !== undefined ? 1 : 0) || a.rule - b.rule || a.index - b.index) < 0;
  const entries: TermEntry[] = [];
  const phrases: TermEntry[] = [];
  for (const pattern of automaton.sets[set]!) {
    if (pattern >= matcher.patterns.length) continue; // a language marker of the detecting automaton
    for (const entry of matcher.entriesByFirstWord[pattern]!) {
      if (language !== "und" && !entry.languages.has(language)) continue;
      if (entry.words.length > 1) {
        phrases.push(entry);
        continue;
      }
      const rival = entries.findIndex((s) => across || rules[s.rule]!.code === rules[entry.rule]!.code);
      if (rival < 0) entries.push(entry);
      else if (prefers(entry, entries[rival]!)) entries[rival] = entry;
    }
  }
  // In preference order, as resolveOverlaps keeps a token's matches.
  entries.sort((a, b) => (prefers(a, b) ? -1 : prefers(b, a) ? 1 : 0));
  const singles = entries.map((entry): Single => {
    const rule = rules[entry.rule]!;
    const polarity = rule.polarity ?? HELPFUL;
    return { entry, polarity, rule: rule.id, code: rule.code, category: rule.category, key: rule.codeIndex * 2 + (polarity === "barrier" ? 1 : 0) };
  });
  const codes: number[] = [];
  for (const single of singles) if (!codes.includes(single.key)) codes.push(single.key);
  // Grown one by one, so that the array keeps fast elements (a write far past its end would make it a dictionary).
  while (plans.length <= set) plans.push(undefined);
  const phraseKeys = phrases.map((entry) => rules[entry.rule]!.codeIndex * 2 + (rules[entry.rule]!.polarity === "barrier" ? 1 : 0));
  return (plans[set] = { singles, codes, phrases, phraseKeys });
}

/**
 * `extendPhrase` over the automaton's matches: the match number of the phrase's last word, or -1.
 * Tokens that match no pattern cannot be a phrase's word, so only matches are visited, in the
 * same order as the token positions `extendPhrase` tries (and, like it, with remembered
 * failures for a gap and three words or more).
 *
 * @example
 * ```ts
 * extendMatches(automaton, entry.words, 1, m, rule.gap); // -1 when the phrase does not go on
 * ```
 */
export function extendMatches(automaton: GlobAutomaton, words: number[], word: number, m: number, gap: number): number {
  if (word === words.length) return m;
  const { matchToken, matchSet, sets, matches } = automaton;
  if (gap > 0 && words.length - word > 1) {
    return extendGapped((w, k) => sets[matchSet[k]!]!.includes(words[w]!), (from, k) => k < matches && matchToken[k]! <= matchToken[from]! + 1 + gap, words.length, word, m, gap);
  }
  const limit = matchToken[m]! + 1 + gap;
  for (let k = m + 1; k < matches && matchToken[k]! <= limit; k++) {
    if (sets[matchSet[k]!]!.includes(words[word]!)) {
      const last = extendMatches(automaton, words, word + 1, k, gap);
      if (last >= 0) return last;
    }
  }
  return -1;
}

/**
 * The engine's glob automaton, built on first use; undefined when the codebook has none. With
 * `detecting`, the automaton that also finds the language markers (see {@link detectFromScan}).
 *
 * @example
 * ```ts
 * const globs = automatonFor(engineFor(matcher), matcher); // undefined for a codebook with stems
 * ```
 */
export function automatonFor(engine: Engine, matcher: Matcher, detecting = false): AutomatonState | undefined {
  if (!detecting) {
    if (engine.globs === null) engine.globs = stateOf(GlobAutomaton.build(matcher));
    return engine.globs;
  }
  if (engine.detectingGlobs === null) engine.detectingGlobs = stateOf(GlobAutomaton.build(matcher, { words: MARKER_WORDS, letters: "æøå" }));
  return engine.detectingGlobs;
}

function stateOf(automaton: GlobAutomaton | undefined): AutomatonState | undefined {
  return automaton === undefined ? undefined : { automaton, plans: {}, keys: {}, markerBits: new Int8Array(0) };
}

/** Every language marker word, in a fixed order; word k is the detecting automaton's pattern P + k. */
const MARKER_WORDS: readonly string[] = [...new Set([...LANGUAGE_MARKERS.nb, ...LANGUAGE_MARKERS.nn, ...LANGUAGE_MARKERS.en])].sort();
const MARKER_BITS = MARKER_WORDS.map(markerBits);

/**
 * The language `detectLanguage` gives the note the detecting automaton scanned last: the same
 * marker and letter scores, from the marker words among its matches and its count of tokens with
 * æ, ø or å.
 *
 * @example
 * ```ts
 * if (globs.automaton.scan(note.text) >= 0) detectFromScan(globs, matcher); // "nb", "nn", "en" or "und"
 * ```
 */
export function detectFromScan(state: AutomatonState, matcher: Matcher): Language | "und" {
  const score = { nb: 0, nn: 0, en: 0 };
  const automaton = state.automaton;
  const { matches, matchSet, sets } = automaton;
  const first = matcher.patterns.length;
  let bitsOf = state.markerBits;
  for (let m = 0; m < matches; m++) {
    const set = matchSet[m]!;
    if (set >= bitsOf.length) {
      const grown = new Int8Array(Math.max(sets.length, set + 1)).fill(-1);
      grown.set(bitsOf);
      bitsOf = state.markerBits = grown;
    }
    let bits = bitsOf[set]!;
    if (bits < 0) {
      bits = 0;
      for (const id of sets[set]!) if (id >= first) bits |= MARKER_BITS[id - first]!;
      bitsOf[set] = bits;
    }
    if (bits !== 0) addMarkerScore(score, bits);
  }
  addLetterScore(score, automaton.markedTokens);
  return languageOfScores(score);
}
