import type { Polarity } from "../codings/coding.ts";
import type { Note } from "../notes/note.ts";
import { detectLanguage } from "../text/detect-language.ts";
import type { Language, LanguageOption } from "../text/language.ts";
import { sentences } from "../text/sentences.ts";
import { tokenize, type Token } from "../text/tokenize.ts";
import type { CodeApplication, CodedNote, Evidence } from "./coded-note.ts";
import type { Matcher, TermEntry } from "./compile.ts";

/** A term found in a note: token positions from `first` to `last`, inclusive. */
interface Hit {
  entry: TermEntry;
  first: number;
  last: number;
}

/** A rule's match that survived its conditions, before overlaps are resolved. */
interface Candidate {
  hit: Hit;
  polarity: Polarity;
  cue: string | undefined;
}

/**
 * Codes one note with a compiled matcher: finds every term, applies the rules' conditions
 * (proximity, exclusions, negation), decides each mention's polarity, keeps the longest match
 * where matches of a code overlap, and groups the evidence per code and polarity.
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
  const tokens = tokenize(note.text);
  const noteLanguage: Language | "und" =
    note.language ?? (language === "auto" ? detectLanguage(tokens) : language);
  const ids: (readonly number[])[] = tokens.map((t) => matcher.lookup(t.text, noteLanguage));
  const hits = findHits(ids, matcher, noteLanguage);
  if (!hits.some((h) => h.entry.role === "rule")) return { note, language: noteLanguage, codes: [] };

  const sentenceOf = sentenceIndex(note.text, tokens);
  const byRole = groupHits(hits);
  const candidates: Candidate[] = [];
  for (const hit of byRole.rule) {
    const rule = matcher.rules[hit.entry.rule]!;
    const own = (list: Hit[]) => list.filter((h) => h.entry.rule === hit.entry.rule);
    if (rule.hasNotInNote && own(byRole.notInNote).length > 0) continue;
    if (rule.hasNear && !own(byRole.near).some((h) => near(h, hit, rule.nearWithin))) continue;
    if (rule.hasNotNear && own(byRole.notNear).some((h) => near(h, hit, rule.notNearWithin))) continue;
    if (rule.polarity !== undefined) {
      candidates.push({ hit, polarity: rule.polarity, cue: undefined });
      continue;
    }
    const negation =
      rule.negation === "ignore"
        ? undefined
        : byRole.negationCue.find(
            (cue) =>
              sentenceOf[cue.first] === sentenceOf[hit.first] &&
              cue.first <= hit.last &&
              cue.last >= hit.first - matcher.negationWindow &&
              !partOfTerm(cue, hit, ids),
          );
    if (negation && rule.negation === "exclude") continue;
    if (negation) {
      candidates.push({ hit, polarity: "barrier", cue: cueText(note.text, tokens, negation) });
      continue;
    }
    const barrier = byRole.barrierCue.find(
      (cue) =>
        sentenceOf[cue.first] === sentenceOf[hit.first] &&
        !(cue.first >= hit.first && cue.last <= hit.last) &&
        near(cue, hit, matcher.barrierWindow),
    );
    candidates.push(
      barrier
        ? { hit, polarity: "barrier", cue: cueText(note.text, tokens, barrier) }
        : { hit, polarity: "helpful", cue: undefined },
    );
  }
  const kept = resolveOverlaps(candidates, matcher);
  return { note, language: noteLanguage, codes: toApplications(kept, note.text, tokens, matcher) };
}

/** Finds every entry (rule terms, conditions and cues) in the tokens. */
function findHits(ids: (readonly number[])[], matcher: Matcher, language: Language | "und"): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (const pattern of ids[i]!) {
      for (const entry of matcher.entriesByFirstWord[pattern]!) {
        if (language !== "und" && !entry.languages.has(language)) continue;
        if (entry.words.length === 1) {
          hits.push({ entry, first: i, last: i });
          continue;
        }
        const gap = entry.role === "rule" ? matcher.rules[entry.rule]!.gap : 0;
        const last = extendPhrase(ids, entry.words, 1, i, gap);
        if (last >= 0) hits.push({ entry, first: i, last });
      }
    }
  }
  return hits;
}

/** Matches the rest of a phrase after position `at`, allowing up to `gap` tokens between words. */
function extendPhrase(ids: (readonly number[])[], words: number[], word: number, at: number, gap: number): number {
  if (word === words.length) return at;
  for (let next = at + 1; next <= at + 1 + gap && next < ids.length; next++) {
    if (ids[next]!.includes(words[word]!)) {
      const last = extendPhrase(ids, words, word + 1, next, gap);
      if (last >= 0) return last;
    }
  }
  return -1;
}

function groupHits(hits: Hit[]): Record<TermEntry["role"], Hit[]> {
  const out: Record<TermEntry["role"], Hit[]> = {
    rule: [],
    near: [],
    notNear: [],
    notInNote: [],
    barrierCue: [],
    negationCue: [],
  };
  for (const hit of hits) out[hit.entry.role].push(hit);
  return out;
}

/**
 * True when a cue inside a match is one of the match's own words ("ikke presset" as a term), not a
 * word in a phrase's gap ("tok seg ikke tid"): the codebook's author wrote it on purpose.
 */
function partOfTerm(cue: Hit, hit: Hit, ids: (readonly number[])[]): boolean {
  if (cue.first > hit.last || cue.last < hit.first) return false;
  return hit.entry.words.some((word) => ids[cue.first]!.includes(word));
}

/** True when `a` lies within `window` tokens of `b` (on either side, or overlapping). */
function near(a: Hit, b: Hit, window: number): boolean {
  return a.last >= b.first - window && a.first <= b.last + window;
}

function sentenceIndex(text: string, tokens: readonly Token[]): number[] {
  const spans = sentences(text);
  const out: number[] = [];
  let s = 0;
  for (const token of tokens) {
    while (s < spans.length - 1 && token.start >= spans[s]!.end) s++;
    out.push(s);
  }
  return out;
}

function cueText(text: string, tokens: readonly Token[], cue: Hit): string {
  return text.slice(tokens[cue.first]!.start, tokens[cue.last]!.end);
}

/**
 * Keeps the longest of overlapping matches of the same code (or of any codes, with the codebook's
 * `overlap: across-codes`); ties go to the earlier match, then to a rule with an explicit
 * polarity (a barrier term is more specific than a general term on the same words), then to the
 * earlier rule.
 */
function resolveOverlaps(candidates: Candidate[], matcher: Matcher): Candidate[] {
  const explicit = (c: Candidate) => (matcher.rules[c.hit.entry.rule]!.polarity !== undefined ? 1 : 0);
  const across = matcher.codebook.overlap === "across-codes";
  const sorted = [...candidates].sort(
    (a, b) =>
      b.hit.last - b.hit.first - (a.hit.last - a.hit.first) ||
      a.hit.first - b.hit.first ||
      explicit(b) - explicit(a) ||
      a.hit.entry.rule - b.hit.entry.rule ||
      a.hit.entry.index - b.hit.entry.index,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const code = matcher.rules[c.hit.entry.rule]!.code;
    const clash = kept.some(
      (k) =>
        (across || matcher.rules[k.hit.entry.rule]!.code === code) &&
        k.hit.first <= c.hit.last &&
        c.hit.first <= k.hit.last,
    );
    if (!clash) kept.push(c);
  }
  return kept;
}

function toApplications(kept: Candidate[], text: string, tokens: readonly Token[], matcher: Matcher): CodeApplication[] {
  const groups = new Map<string, { codeIndex: number; application: CodeApplication }>();
  const ordered = [...kept].sort((a, b) => a.hit.first - b.hit.first || a.hit.last - b.hit.last);
  for (const c of ordered) {
    const rule = matcher.rules[c.hit.entry.rule]!;
    const key = `${rule.code}\u0000${c.polarity}`;
    const start = tokens[c.hit.first]!.start;
    const end = tokens[c.hit.last]!.end;
    const evidence: Evidence = {
      rule: rule.id,
      term: c.hit.entry.source,
      start,
      end,
      text: text.slice(start, end),
      polarity: c.polarity,
    };
    if (c.cue !== undefined) evidence.cue = c.cue;
    const group = groups.get(key);
    if (group) group.application.evidence.push(evidence);
    else {
      groups.set(key, {
        codeIndex: rule.codeIndex,
        application: { code: rule.code, category: rule.category, polarity: c.polarity, evidence: [evidence] },
      });
    }
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.codeIndex - b.codeIndex ||
        (a.application.polarity === b.application.polarity ? 0 : a.application.polarity === "helpful" ? -1 : 1),
    )
    .map((g) => g.application);
}
