import type { Polarity } from "../codings/coding.ts";
import type { Note } from "../notes/note.ts";
import { detectLanguage } from "../text/detect-language.ts";
import type { Language, LanguageOption } from "../text/language.ts";
import type { CodeApplication, CodedNote, Evidence } from "./coded-note.ts";
import type { CompiledRule, Matcher, TermEntry } from "./compile.ts";
import { candidatesWithConditions, groupHits, settlePolarity, settlesPolarity, type Candidate, type Hit, type NoteContext, type Spans } from "./conditions.ts";
import { withDimensions } from "./code-dimensions.ts";
import type { GlobAutomaton } from "./glob-automaton.ts";
import { automatonFor, detectFromScan, extendMatches, phraseInNote, setPlan, singlesOnly, type SetPlan } from "./set-plan.ts";
import { extendGapped, keepUnclashed } from "./overlaps.ts";
import { engineFor, rememberToken, resetEngine, scanNote, tokenList, type Engine } from "./token-memo.ts";

const HELPFUL: Polarity = "helpful";

/**
 * Codes one note with a compiled matcher: finds every term, applies the rules' conditions
 * (proximity, exclusions, negation), decides each mention's polarity, keeps the longest match
 * where matches of a code overlap, and groups the evidence per code and polarity. With a
 * codebook that has further dimensions, their codes and the themes' attributions to them are
 * added after (see `withDimensions`).
 *
 * @param note a validated note
 * @param matcher the compiled codebook
 * @param language the note's language, `auto` to detect it (the note's own `language` wins)
 * @returns the coded note
 * @example
 * ```ts
 * const matcher = compileCodebook(codebook);
 * codeNote({ id: "n1", text: "Hun tok seg tid." }, matcher, "nb").codes[0]?.code; // "time"
 * ```
 */
export function codeNote(note: Note, matcher: Matcher, language: LanguageOption = "auto"): CodedNote {
  const engine = engineFor(matcher);
  if (engine.plain) {
    const coded = codePlain(note, matcher, language, engine);
    if (coded !== undefined) return matcher.dimensions === undefined ? coded : withDimensions(coded, matcher, language, codeNote);
  }
  return codeNoteGeneral(note, matcher, language);
}

/**
 * `codeNote` without its fast path for codebooks without conditions or cues: hits and candidates
 * as objects, for every codebook. Internal (not in the package's index); the tests check that
 * `codeNote` gives the same coded notes.
 *
 * @param note a validated note
 * @param matcher the compiled codebook
 * @param language the note's language option
 * @returns the coded note
 * @example
 * ```ts
 * codeNoteGeneral({ id: "n1", text: "Hun tok seg tid." }, matcher, "nb"); // the same as codeNote
 * ```
 */
export function codeNoteGeneral(note: Note, matcher: Matcher, language: LanguageOption = "auto"): CodedNote {
  const found = keptMatches(note, matcher, language);
  const codes = found.kept.length === 0 ? [] : toApplications(found.kept, note.text, found.tokens!, matcher);
  const coded: CodedNote = { note, language: found.language, codes };
  return matcher.dimensions === undefined ? coded : withDimensions(coded, matcher, language, codeNote);
}

/**
 * What counting needs of `codeNote`, without building evidence: appends, for each code and
 * polarity `codeNote` would give, `code index * 2 + (barrier ? 1 : 0)` to `out`, and returns how
 * many it appended. The matches, conditions, cues and overlaps are the same as `codeNote`'s.
 *
 * @param note a validated note
 * @param matcher the compiled codebook
 * @param language the note's language option
 * @param out where the code entries go
 * @returns the number of entries appended
 * @example
 * ```ts
 * const out: number[] = [];
 * codeNoteCodes({ id: "n1", text: "Hun tok seg tid." }, matcher, "nb", out); // 1; out: [2 * index of "time"]
 * ```
 */
export function codeNoteCodes(note: Note, matcher: Matcher, language: LanguageOption, out: number[]): number {
  const engine = engineFor(matcher);
  if (engine.plain && matcher.codebook.overlap !== "across-codes") {
    const n = plainCodes(note, matcher, language, engine, out);
    if (n >= 0) return n;
  }
  const { kept, resolved } = keptMatches(note, matcher, language, true);
  const from = out.length;
  // Keys already appended for this note, marked in a table (cleared again below).
  const seen = (engine.keySeen ??= new Uint8Array(matcher.codebook.codes.length * 2));
  let clash = appendKeys(kept, matcher, seen, out);
  if (resolved === false && clash) {
    // Overlaps were not resolved (see keptMatches): right when no code came with both polarities,
    // as the first of a code's overlapping matches always stays. Otherwise resolve them after all.
    for (let k = from; k < out.length; k++) seen[out[k]!] = 0;
    out.length = from;
    clash = appendKeys(resolveOverlaps(kept, matcher), matcher, seen, out);
  }
  for (let k = from; k < out.length; k++) seen[out[k]!] = 0;
  return out.length - from;
}

/** Appends the code key of each candidate not marked in `seen` yet; true when a code came with both polarities. */
function appendKeys(kept: readonly Candidate[], matcher: Matcher, seen: Uint8Array, out: number[]): boolean {
  let clash = false;
  for (const c of kept) {
    const v = matcher.rules[c.hit.entry.rule]!.codeIndex * 2 + (c.polarity === "barrier" ? 1 : 0);
    if (seen[v] === 0 && addKey(v, seen, out)) clash = true;
  }
  return clash;
}


/**
 * `codeNoteCodes` for a codebook without conditions or cues, where every rule hit is a candidate:
 * the code entries straight from the hits, without hit or candidate objects. Returns -1 (and
 * appends nothing) when a code came with both polarities, where overlaps must be resolved.
 */
function plainCodes(note: Note, matcher: Matcher, language: LanguageOption, engine: Engine, out: number[]): number {
  const from = out.length;
  const rules = matcher.rules;
  const given = note.language ?? (language === "auto" ? undefined : language);
  const globs = automatonFor(engine, matcher, given === undefined);
  if (globs !== undefined && globs.automaton.scan(note.text) >= 0) {
    const automaton = globs.automaton;
    const matches = automaton.matches;
    if (matches === 0) return 0;
    const known = matcher.codingLanguage[given ?? detectFromScan(globs, matcher)];
    const plans = (globs.plans[known] ??= []);
    const matchSet = automaton.matchSet;
    // Keys already appended for this note, marked in a table (cleared again below).
    const seen = (engine.keySeen ??= new Uint8Array(matcher.codebook.codes.length * 2));
    // Per set, its one key when its plan is one code key and no phrase (the usual case), else -1.
    let keys = (globs.keys[known] ??= new Int32Array(0));
    let clash = false;
    for (let m = 0; m < matches; m++) {
      const set = matchSet[m]!;
      if (set < keys.length) {
        const v = keys[set]!;
        if (v >= 0) {
          if (seen[v] === 0 && addKey(v, seen, out)) clash = true;
          continue;
        }
        if (v === NOTHING) continue;
      }
      const plan: SetPlan = plans[set] ?? setPlan(automaton, matcher, known, set, plans);
      if (set >= keys.length) {
        const grown = new Int32Array(Math.max(automaton.sets.length, set + 1)).fill(-1);
        grown.set(keys);
        keys = globs.keys[known] = grown;
      }
      if (plan.phrases.length === 0) keys[set] = plan.codes.length === 1 ? plan.codes[0]! : plan.codes.length === 0 ? NOTHING : -1;
      const codes: readonly number[] = plan.codes;
      for (let e = 0; e < codes.length; e++) if (seen[codes[e]!] === 0 && addKey(codes[e]!, seen, out)) clash = true;
      const phrases = plan.phrases;
      for (let e = 0; e < phrases.length; e++) {
        const entry = phrases[e]!;
        const v = plan.phraseKeys[e]!;
        if (seen[v] === 0 && extendMatches(automaton, entry.words, 1, m, rules[entry.rule]!.gap) >= 0 && addKey(v, seen, out)) clash = true;
      }
    }
    for (let k = from; k < out.length; k++) seen[out[k]!] = 0;
    if (clash) {
      out.length = from;
      return -1;
    }
    return out.length - from;
  } else {
    if (!scanNote(engine, matcher, note.text, note.language, language)) return 0;
    const { count, language: noteLanguage } = engine;
    const tokenIds = engine.interner.ids;
    const memo = engine.byLanguage[noteLanguage];
    const ids = engine.idsBuffer;
    const seen = (engine.keySeen ??= new Uint8Array(matcher.codebook.codes.length * 2));
    let clash = false;
    for (let i = 0; i < count; i++) {
      if (ids[i]!.length === 0) continue;
      for (const entry of memo.first[tokenIds[i]!]!) {
        const rule = rules[entry.rule]!;
        if (entry.words.length > 1 && extendPhrase(ids, count, entry.words, 1, i, rule.gap) < 0) continue;
        const v = rule.codeIndex * 2 + (rule.polarity === "barrier" ? 1 : 0);
        if (seen[v] === 0 && addKey(v, seen, out)) clash = true;
      }
    }
    for (let k = from; k < out.length; k++) seen[out[k]!] = 0;
    if (clash) {
      out.length = from;
      return -1;
    }
    return out.length - from;
  }
}

/**
 * Appends a code key not seen yet in the note and marks it; true when the same code came with the
 * other polarity already (then overlaps must be resolved).
 */
function addKey(v: number, seen: Uint8Array, out: number[]): boolean {
  seen[v] = 1;
  out.push(v);
  return seen[v ^ 1] === 1;
}

/** In a language's key table (see plainCodes): a set whose plan starts nothing (a language marker only). */
const NOTHING = -2;

/** Most hits `codePlain` handles; a note with more takes the general path. */
const PLAIN_MAX_HITS = 16;
/** Hits of the note being coded by `codePlain`: entry, first and last token, offsets, polarity. */
const plainEntries: TermEntry[] = [];
const plainFirst = new Int32Array(PLAIN_MAX_HITS);
const plainLast = new Int32Array(PLAIN_MAX_HITS);
const plainStart = new Int32Array(PLAIN_MAX_HITS);
const plainEnd = new Int32Array(PLAIN_MAX_HITS);
/** A hit's text when it is a one-token match written as its folded (interned) form, else undefined. */
const plainText: (string | undefined)[] = [];
const plainPolarity: Polarity[] = [];
/** Hit numbers in preference order, then the kept ones in position order. */
const plainSorted = new Int32Array(PLAIN_MAX_HITS);
const plainKept = new Int32Array(PLAIN_MAX_HITS);
/** Token positions that start an entry, of the note being coded by `codePlain`. */
let plainStarts = new Int32Array(256);

/**
 * `codeNote` for a codebook without conditions or cues (every rule hit is a match), without hit
 * and candidate objects: the hits go into reused arrays, overlaps are resolved and the evidence
 * is ordered by insertion sorts over hit numbers, with the same comparisons, ties and stability
 * as the general path. The hits come from the glob automaton when the codebook has one (a note
 * without a phrase match is coded straight from its scan), else from the token interner. Returns
 * undefined for a note with more than `PLAIN_MAX_HITS` hits, which the general path then codes.
 */
function codePlain(note: Note, matcher: Matcher, language: LanguageOption, engine: Engine): CodedNote | undefined {
  const known = note.language ?? (language === "auto" ? undefined : language);
  let n = -1;
  let noteLanguage: Language | "und";
  const globs = automatonFor(engine, matcher, known === undefined);
  if (globs !== undefined && globs.automaton.scan(note.text) >= 0) {
    const automaton = globs.automaton;
    noteLanguage = matcher.codingLanguage[known ?? detectFromScan(globs, matcher)];
    const plans = (globs.plans[noteLanguage] ??= []);
    if (!phraseInNote(automaton, matcher, noteLanguage, plans)) return singlesOnly(note, noteLanguage, automaton, plans);
    n = automatonHits(automaton, plans, matcher, noteLanguage);
  } else {
    const count = engine.interner.scan(note.text);
    if (engine.generation !== engine.interner.generation) resetEngine(engine);
    noteLanguage = matcher.codingLanguage[known ?? detectLanguage(tokenList(engine, count))];
    n = internerHits(note.text, count, engine, matcher, noteLanguage);
  }
  if (n < 0) return undefined;
  if (n === 0) return { note, language: noteLanguage, codes: [] };
  const rules = matcher.rules;

  // Overlaps (resolveOverlaps): preference order, then keep each hit that clashes with none kept.
  let kept = 0;
  if (n === 1) {
    plainKept[0] = 0;
    kept = 1;
  } else {
    for (let k = 0; k < n; k++) {
      let j = k - 1;
      while (j >= 0 && plainPreference(plainSorted[j]!, k, rules) > 0) {
        plainSorted[j + 1] = plainSorted[j]!;
        j--;
      }
      plainSorted[j + 1] = k;
    }
    const across = matcher.codebook.overlap === "across-codes";
    for (let k = 0; k < n; k++) {
      const c = plainSorted[k]!;
      const code = rules[plainEntries[c]!.rule]!.code;
      let clash = false;
      for (let m = 0; m < kept; m++) {
        const h = plainKept[m]!;
        if ((across || rules[plainEntries[h]!.rule]!.code === code) && plainFirst[h]! <= plainLast[c]! && plainFirst[c]! <= plainLast[h]!) {
          clash = true;
          break;
        }
      }
      if (!clash) plainKept[kept++] = c;
    }
    // Position order (byPosition), stable.
    for (let k = 1; k < kept; k++) {
      const c = plainKept[k]!;
      let j = k - 1;
      while (j >= 0 && (plainFirst[plainKept[j]!]! - plainFirst[c]! || plainLast[plainKept[j]!]! - plainLast[c]!) > 0) {
        plainKept[j + 1] = plainKept[j]!;
        j--;
      }
      plainKept[j + 1] = c;
    }
  }

  // Evidence grouped per code and polarity (toApplications).
  const text = note.text;
  const groups: CodeApplication[] = [];
  const order: number[] = [];
  for (let k = 0; k < kept; k++) {
    const c = plainKept[k]!;
    const entry = plainEntries[c]!;
    const rule = rules[entry.rule]!;
    const polarity = plainPolarity[c]!;
    const start = plainStart[c]!;
    const end = plainEnd[c]!;
    const evidence: Evidence = {
      rule: rule.id,
      term: entry.source,
      start,
      end,
      text: plainText[c] ?? text.slice(start, end),
      polarity,
    };
    let group: CodeApplication | undefined;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g]!.code === rule.code && groups[g]!.polarity === polarity) {
        group = groups[g];
        break;
      }
    }
    if (group) group.evidence.push(evidence);
    else {
      groups.push({ code: rule.code, category: rule.category, polarity, evidence: [evidence] });
      order.push(rule.codeIndex);
    }
  }
  // Codebook order, helpful before barrier; stable.
  for (let k = 1; k < groups.length; k++) {
    const g = groups[k]!;
    const o = order[k]!;
    let j = k - 1;
    while (j >= 0 && (order[j]! - o || (groups[j]!.polarity === g.polarity ? 0 : groups[j]!.polarity === "helpful" ? -1 : 1)) > 0) {
      groups[j + 1] = groups[j]!;
      order[j + 1] = order[j]!;
      j--;
    }
    groups[j + 1] = g;
    order[j + 1] = o;
  }
  for (let k = 0; k < n; k++) {
    plainEntries[k] = undefined as unknown as TermEntry;
    plainText[k] = undefined;
  }
  return { note, language: noteLanguage, codes: groups };
}

/**
 * The hits of a note scanned by the token interner, into the `plain*` arrays (in the order
 * `findHits` gives them). Returns their number, or -1 when there are more than `PLAIN_MAX_HITS`.
 */
function internerHits(text: string, count: number, engine: Engine, matcher: Matcher, noteLanguage: Language | "und"): number {
  const tokenIds = engine.interner.ids;
  const memo = engine.byLanguage[noteLanguage];
  const ids = engine.idsBuffer;
  // Positions of tokens that start some entry (few per note), so the hit loop skips the rest.
  if (plainStarts.length < count) plainStarts = new Int32Array(Math.max(count, plainStarts.length * 2));
  const startsAt = plainStarts;
  let starting = 0;
  const firsts = memo.first;
  for (let i = 0; i < count; i++) {
    const id = tokenIds[i]!;
    let patterns = memo.patterns[id];
    if (patterns === undefined) patterns = rememberToken(engine, matcher, noteLanguage, id);
    ids[i] = patterns;
    if (patterns.length > 0 && firsts[id]!.length > 0) startsAt[starting++] = i;
  }
  if (starting === 0) return 0;
  const { starts, ends, texts, asWritten } = engine.interner;
  const rules = matcher.rules;
  let n = 0;
  for (let s = 0; s < starting; s++) {
    const i = startsAt[s]!;
    for (const entry of firsts[tokenIds[i]!]!) {
      let last = i;
      if (entry.words.length > 1) {
        last = extendPhrase(ids, count, entry.words, 1, i, rules[entry.rule]!.gap);
        if (last < 0) continue;
      }
      if (n === PLAIN_MAX_HITS) return -1;
      plainEntries[n] = entry;
      plainFirst[n] = i;
      plainLast[n] = last;
      plainStart[n] = starts[i]!;
      plainEnd[n] = ends[last]!;
      // A one-token match written as its folded text reuses the interned string (as spanText).
      plainText[n] = i === last && asWritten[i] === 1 ? texts[tokenIds[i]!]! : undefined;
      plainPolarity[n] = rules[entry.rule]!.polarity ?? HELPFUL;
      n++;
    }
  }
  return n;
}

/**
 * The hits of a note scanned by the glob automaton, into the `plain*` arrays (a token's singles
 * reduced as its plan says; overlap resolution does not depend on their order). Returns their
 * number, or -1 when there are more than `PLAIN_MAX_HITS`.
 */
function automatonHits(automaton: GlobAutomaton, plans: (SetPlan | undefined)[], matcher: Matcher, noteLanguage: Language | "und"): number {
  const matches = automaton.matches;
  if (matches === 0) return 0;
  const { matchToken, matchStart, matchEnd, matchSet } = automaton;
  const rules = matcher.rules;
  let n = 0;
  for (let m = 0; m < matches; m++) {
    const set = matchSet[m]!;
    const plan = plans[set] ?? setPlan(automaton, matcher, noteLanguage, set, plans);
    const token = matchToken[m]!;
    const singles = plan.singles;
    for (let e = 0; e < singles.length; e++) {
      if (n === PLAIN_MAX_HITS) return -1;
      plainEntries[n] = singles[e]!.entry;
      plainFirst[n] = token;
      plainLast[n] = token;
      plainStart[n] = matchStart[m]!;
      plainEnd[n] = matchEnd[m]!;
      plainText[n] = undefined;
      plainPolarity[n] = singles[e]!.polarity;
      n++;
    }
    const phrases = plan.phrases;
    for (let e = 0; e < phrases.length; e++) {
      const entry = phrases[e]!;
      const last = extendMatches(automaton, entry.words, 1, m, rules[entry.rule]!.gap);
      if (last < 0) continue;
      if (n === PLAIN_MAX_HITS) return -1;
      plainEntries[n] = entry;
      plainFirst[n] = token;
      plainLast[n] = matchToken[last]!;
      plainStart[n] = matchStart[m]!;
      plainEnd[n] = matchEnd[last]!;
      plainText[n] = undefined;
      plainPolarity[n] = rules[entry.rule]!.polarity ?? HELPFUL;
      n++;
    }
  }
  return n;
}

/** `byPreference` for hits `a` and `b` of `codePlain`. */
function plainPreference(a: number, b: number, rules: readonly CompiledRule[]): number {
  const ea = plainEntries[a]!;
  const eb = plainEntries[b]!;
  return (
    plainLast[b]! - plainFirst[b]! - (plainLast[a]! - plainFirst[a]!) ||
    plainFirst[a]! - plainFirst[b]! ||
    (rules[eb.rule]!.polarity !== undefined ? 1 : 0) - (rules[ea.rule]!.polarity !== undefined ? 1 : 0) ||
    ea.rule - eb.rule ||
    ea.index - eb.index
  );
}

const NO_MATCHES: Candidate[] = [];

/** Finds the matches of a note that survive conditions and overlaps, with their polarity. */
function keptMatches(
  note: Note,
  matcher: Matcher,
  language: LanguageOption,
  counting = false,
): { language: Language | "und"; kept: Candidate[]; tokens: Spans | undefined; resolved?: false } {
  const engine = engineFor(matcher);
  const any = scanNote(engine, matcher, note.text, note.language, language);
  const { count, language: noteLanguage } = engine;
  if (!any) return { language: noteLanguage, kept: NO_MATCHES, tokens: undefined };
  const { starts, ends } = engine.interner;
  const tokenIds = engine.interner.ids;
  const memo = engine.byLanguage[noteLanguage];
  const ids = engine.idsBuffer;
  const hits = findHits(ids, count, tokenIds, memo.first, matcher);
  if (!hits.some((h) => h.entry.role === "rule")) return { language: noteLanguage, kept: NO_MATCHES, tokens: undefined };

  const tokens: Spans = { starts, ends, ids: tokenIds, texts: engine.interner.texts };
  if (engine.plain) {
    // No conditions and no cues in the codebook: every rule hit is a candidate.
    const candidates: Candidate[] = [];
    for (const hit of hits) {
      const polarity = matcher.rules[hit.entry.rule]!.polarity ?? HELPFUL;
      candidates.push({ hit, polarity, cue: undefined });
    }
    return finish(candidates);
  }
  const context: NoteContext = { text: note.text, tokens, count, ids, byRole: groupHits(hits) };
  const candidates = candidatesWithConditions(context, matcher);
  if (settlesPolarity(matcher)) return { language: noteLanguage, kept: settlePolarity(resolveOverlaps(candidates, matcher), context, matcher), tokens };
  return finish(candidates);

  function finish(candidates: Candidate[]) {
    // Counting needs only which codes apply with which polarity. Within a code, the longest of
    // overlapping matches stays and the others go; a code thus keeps at least one match, and when
    // all its matches share a polarity, which of them stay does not matter (codeNoteCodes checks).
    if (counting && candidates.length > 1 && matcher.codebook.overlap !== "across-codes") {
      return { language: noteLanguage, kept: candidates, tokens, resolved: false as const };
    }
    return { language: noteLanguage, kept: resolveOverlaps(candidates, matcher), tokens };
  }
}

/** Finds every entry (rule terms, conditions and cues) in the tokens. */
function findHits(
  ids: (readonly number[])[],
  count: number,
  tokenIds: Int32Array,
  first: (readonly TermEntry[] | undefined)[],
  matcher: Matcher,
): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < count; i++) {
    if (ids[i]!.length === 0) continue;
    for (const entry of first[tokenIds[i]!]!) {
      if (entry.words.length === 1) {
        hits.push({ entry, first: i, last: i });
        continue;
      }
      const gap = entry.role === "rule" ? matcher.rules[entry.rule]!.gap : 0;
      const last = extendPhrase(ids, count, entry.words, 1, i, gap);
      if (last >= 0) hits.push({ entry, first: i, last });
    }
  }
  return hits;
}

/**
 * Matches the rest of a phrase after position `at`, allowing up to `gap` tokens between words:
 * the last position of the first way found, trying nearer positions first. With a gap and three
 * words or more, the search remembers where a word failed (see {@link extendGapped}).
 */
function extendPhrase(ids: (readonly number[])[], count: number, words: number[], word: number, at: number, gap: number): number {
  if (word === words.length) return at;
  if (gap > 0 && words.length - word > 1) {
    return extendGapped((w, next) => ids[next]!.includes(words[w]!), (from, next) => next <= from + 1 + gap && next < count, words.length, word, at, gap);
  }
  for (let next = at + 1; next <= at + 1 + gap && next < count; next++) {
    if (ids[next]!.includes(words[word]!)) {
      const last = extendPhrase(ids, count, words, word + 1, next, gap);
      if (last >= 0) return last;
    }
  }
  return -1;
}

/**
 * The text of tokens `first`..`last` as written. A one-token match written as its folded form
 * (lower case, as most are) reuses the interned string instead of allocating a slice.
 */
function spanText(text: string, tokens: Spans, first: number, last: number): string {
  const start = tokens.starts[first]!;
  const end = tokens.ends[last]!;
  if (first === last) {
    const folded = tokens.texts[tokens.ids[first]!]!;
    if (folded.length === end - start && text.startsWith(folded, start)) return folded;
  }
  return text.slice(start, end);
}


/**
 * Keeps the longest of overlapping matches of the same code (or of any codes, with the codebook's
 * `overlap: across-codes`); ties go to the earlier match, then to a rule with an explicit
 * polarity (a barrier term is more specific than a general term on the same words), then to the
 * earlier rule.
 */
function resolveOverlaps(candidates: Candidate[], matcher: Matcher): Candidate[] {
  if (candidates.length < 2) return candidates;
  const rules = matcher.rules;
  const sorted = sortSmall(candidates, (a, b) => byPreference(a, b, rules));
  const across = matcher.codebook.overlap === "across-codes";
  if (sorted.length > SMALL) {
    const groups = new Map<string, number>();
    const group = sorted.map((c) => {
      const code = across ? "" : rules[c.hit.entry.rule]!.code;
      let g = groups.get(code);
      if (g === undefined) groups.set(code, (g = groups.size));
      return g;
    });
    const kept = keepUnclashed(
      sorted.map((_, i) => i),
      sorted.map((c) => c.hit.first),
      sorted.map((c) => c.hit.last),
      group,
    );
    return kept.map((i) => sorted[i]!);
  }
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const code = rules[c.hit.entry.rule]!.code;
    let clash = false;
    for (const k of kept) {
      if ((across || rules[k.hit.entry.rule]!.code === code) && k.hit.first <= c.hit.last && c.hit.first <= k.hit.last) {
        clash = true;
        break;
      }
    }
    if (!clash) kept.push(c);
  }
  return kept;
}

/** Most matches the all-pairs loops of `resolveOverlaps` and `toApplications` take; more take `keepUnclashed` and a map. */
const SMALL = 16;

/** Longer first, then earlier, then a rule with an explicit polarity, then the earlier rule and entry. */
function byPreference(a: Candidate, b: Candidate, rules: readonly CompiledRule[]): number {
  return (
    b.hit.last - b.hit.first - (a.hit.last - a.hit.first) ||
    a.hit.first - b.hit.first ||
    (rules[b.hit.entry.rule]!.polarity !== undefined ? 1 : 0) - (rules[a.hit.entry.rule]!.polarity !== undefined ? 1 : 0) ||
    a.hit.entry.rule - b.hit.entry.rule ||
    a.hit.entry.index - b.hit.entry.index
  );
}

/**
 * A stable sort into a new array: insertion sort for the few matches a note usually has (no
 * array copy and no engine sort call per note), `Array.prototype.sort` for many.
 */
function sortSmall<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 16) return [...items].sort(compare);
  const out = items.slice();
  for (let i = 1; i < out.length; i++) {
    const item = out[i]!;
    let j = i - 1;
    while (j >= 0 && compare(out[j]!, item) > 0) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = item;
  }
  return out;
}

function byPosition(a: Candidate, b: Candidate): number {
  return a.hit.first - b.hit.first || a.hit.last - b.hit.last;
}

function toApplications(kept: Candidate[], text: string, tokens: Spans, matcher: Matcher): CodeApplication[] {
  const ordered = kept.length < 2 ? kept : sortSmall(kept, byPosition);
  const groups: CodeApplication[] = [];
  const order: number[] = [];
  // Groups by code index and polarity, once there are more than a few.
  const byKey = ordered.length > SMALL ? new Map<number, CodeApplication>() : undefined;
  for (const c of ordered) {
    const rule = matcher.rules[c.hit.entry.rule]!;
    const start = tokens.starts[c.hit.first]!;
    const end = tokens.ends[c.hit.last]!;
    const evidence: Evidence = {
      rule: rule.id,
      term: c.hit.entry.source,
      start,
      end,
      text: spanText(text, tokens, c.hit.first, c.hit.last),
      polarity: c.polarity,
    };
    if (c.cue !== undefined) evidence.cue = c.cue;
    let group: CodeApplication | undefined;
    if (byKey !== undefined) group = byKey.get(rule.codeIndex * 2 + (c.polarity === "barrier" ? 1 : 0));
    else {
      for (const g of groups) {
        if (g.code === rule.code && g.polarity === c.polarity) {
          group = g;
          break;
        }
      }
    }
    if (group) group.evidence.push(evidence);
    else {
      group = { code: rule.code, category: rule.category, polarity: c.polarity, evidence: [evidence] };
      groups.push(group);
      order.push(rule.codeIndex);
      byKey?.set(rule.codeIndex * 2 + (c.polarity === "barrier" ? 1 : 0), group);
    }
  }
  if (groups.length < 2) return groups;
  const index = groups.map((_, i) => i);
  index.sort(
    (a, b) =>
      order[a]! - order[b]! ||
      (groups[a]!.polarity === groups[b]!.polarity ? 0 : groups[a]!.polarity === "helpful" ? -1 : 1),
  );
  return index.map((i) => groups[i]!);
}
