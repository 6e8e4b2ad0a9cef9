// The general path's meaning of a rule's conditions and of polarity: which rule hits of a note
// become candidates (near, notNear, notInNote, frames), with which polarity (negation, barrier
// cues, irony), and how the polarity of a code is settled across a clause and a note (mixed
// mentions, wishes). Every fast path either implements exactly this or falls back to it (see
// `engine.plain` in token-memo.ts). Internal to src/match.
import type { Polarity } from "../codings/coding.ts";
import { sentences } from "../text/sentences.ts";
import type { Matcher, TermEntry, TermRole } from "./compile.ts";
import { firstAtOrAfter, firstWithin, reachOf, type Reach } from "./overlaps.ts";

/** A term found in a note: token positions from `first` to `last`, inclusive. */
export interface Hit {
  entry: TermEntry;
  first: number;
  last: number;
}

/** A rule's match that survived its conditions, before overlaps are resolved. */
export interface Candidate {
  hit: Hit;
  polarity: Polarity;
  cue: string | undefined;
}

/** Token offsets of the note being coded (the interner's reused arrays). */
export interface Spans {
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  /** Folded text by token id. */
  texts: readonly string[];
}

/** A note as the conditions see it: its text, tokens, hits by role, and its sentences (worked out when first asked). */
export interface NoteContext {
  text: string;
  tokens: Spans;
  count: number;
  /** Pattern ids per token position. */
  ids: (readonly number[])[];
  byRole: Record<TermRole, Hit[]>;
  split?: Sentences;
}

/** A note's sentences as the conditions need them. */
interface Sentences {
  /** The sentence of each token. */
  ofToken: number[];
  /** Whether each sentence asks a question. */
  question: boolean[];
  /** The number of tokens of each sentence. */
  length: number[];
}

/** A sentence asks a question when it ends with a question mark (before closing quotes or brackets). */
const QUESTION_END = /\?[\s"»”')\]]*$/u;

/** An ironic tag that turns the sentence before it: at most this many words ("Kjempeflott, liksom."). */
const IRONY_TAG_WORDS = 4;

/**
 * Groups hits by what their entry is for.
 *
 * @param hits the note's hits
 * @returns hits per role
 * @example
 * ```ts
 * groupHits(hits).negationCue; // the negation cues of the note
 * ```
 */
export function groupHits(hits: readonly Hit[]): Record<TermRole, Hit[]> {
  const out: Record<TermRole, Hit[]> = {
    rule: [],
    near: [],
    notNear: [],
    notInNote: [],
    barrierCue: [],
    negationCue: [],
    negationExcept: [],
    ironyCue: [],
    wishCue: [],
    contrastCue: [],
    frame: [],
  };
  for (const hit of hits) out[hit.entry.role].push(hit);
  return out;
}

function sentencesOf(context: NoteContext): Sentences {
  if (context.split) return context.split;
  const { text, tokens, count } = context;
  const spans = sentences(text);
  const ofToken: number[] = [];
  const length = spans.map(() => 0);
  let s = 0;
  for (let i = 0; i < count; i++) {
    while (s < spans.length - 1 && tokens.starts[i]! >= spans[s]!.end) s++;
    ofToken.push(s);
    if (length.length > 0) length[s]!++;
  }
  context.split = { ofToken, length, question: spans.map((span) => QUESTION_END.test(text.slice(span.start, span.end))) };
  return context.split;
}

/** The sentence of token `i`. */
function sentenceOf(context: NoteContext, i: number): number {
  return sentencesOf(context).ofToken[i]!;
}

/**
 * The first hit of `reach` within `window` tokens of `hit` (on either side, or overlapping) in the
 * same sentence and passing `test`, found without visiting hits outside the window.
 */
function nearHit(context: NoteContext, reach: Reach<Hit> | undefined, hit: Hit, window: number, test: (h: Hit) => boolean = () => true): Hit | undefined {
  if (reach === undefined) return undefined;
  const sentence = sentenceOf(context, hit.first);
  return firstWithin(reach, hit.first - window, hit.last + window, (h) => h.last >= hit.first - window && sentenceOf(context, h.first) === sentence && test(h));
}

/** A role's hits by rule (or by frame), each list in position order, as reaches. */
function reachesBy(hits: readonly Hit[], key: (h: Hit) => number): Map<number, Reach<Hit>> {
  const lists = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = lists.get(key(h));
    if (list) list.push(h);
    else lists.set(key(h), [h]);
  }
  const out = new Map<number, Reach<Hit>>();
  for (const [k, list] of lists) out.set(k, reachOf(list));
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

function cueText(context: NoteContext, cue: Hit): string {
  return context.text.slice(context.tokens.starts[cue.first]!, context.tokens.ends[cue.last]!);
}

/**
 * The rule hits of a note that survive their conditions, with their polarity:
 * - `notInNote`: no such term anywhere in the note; `near`/`notNear`: one (none) of the terms within
 *   the window, in the same sentence; `about`/`notAbout`: the frames around the match;
 * - polarity: a rule's fixed polarity; else a negation cue before the match (or in a phrase's gap)
 *   within the window, in the same sentence, and not inside a negation exception ("ikke bare"), acts
 *   as the rule's `negation` says; else a barrier cue on either side (or in a phrase's gap: "hadde
 *   dårlig tid"); else an ironic tag (a short
 *   sentence with an irony cue) that is the mention's sentence or follows it makes it a barrier;
 *   else it is helpful.
 *
 * @param context the note
 * @param matcher the compiled codebook
 * @returns the candidates, in hit order
 * @example
 * ```ts
 * const candidates = candidatesWithConditions(context, matcher);
 * ```
 */
export function candidatesWithConditions(context: NoteContext, matcher: Matcher): Candidate[] {
  const { byRole, ids } = context;
  const candidates: Candidate[] = [];
  // Each rule's condition hits, the cues and the frames as reaches: a rule hit asks about the few
  // hits in its window (O(log n)), not about every hit of the note.
  const excluded = new Set<number>();
  for (const h of byRole.notInNote) excluded.add(h.entry.rule);
  const nearOf = reachesBy(byRole.near, (h) => h.entry.rule);
  const notNearOf = reachesBy(byRole.notNear, (h) => h.entry.rule);
  const negationCues = reachOf(byRole.negationCue);
  const exceptions = reachOf(byRole.negationExcept);
  const barrierCues = reachOf(byRole.barrierCue);
  const ironyCues = reachOf(byRole.ironyCue);
  const frameHits = reachesBy(byRole.frame, (h) => h.entry.frame);
  /** Whether a term or question of frame `f` is around `hit` (a frame term that is part of the match does not count). */
  const frameAround = (f: number, hit: Hit): boolean => {
    const frame = matcher.frames[f]!;
    const split = sentencesOf(context);
    const sentence = split.ofToken[hit.first]!;
    if (frame.questions && split.question[sentence]) return true;
    const reach = frameHits.get(f);
    if (reach === undefined) return false;
    const outside = (h: Hit) => h.last < hit.first || h.first > hit.last;
    if (frame.scope === "note") return firstWithin(reach, 0, context.count, outside) !== undefined;
    const [from, to] = sentenceRange(split, sentence);
    return firstWithin(reach, from, to, (h) => h.first >= from && outside(h)) !== undefined;
  };
  /** Whether frame `f` counts around `hit`: it is there, and none of the frames that outweigh it is. */
  const inFrame = (f: number, hit: Hit): boolean =>
    frameAround(f, hit) && !matcher.frames[f]!.unless.some((u) => frameAround(u, hit));
  for (const hit of byRole.rule) {
    const rule = matcher.rules[hit.entry.rule]!;
    if (rule.hasNotInNote && excluded.has(hit.entry.rule)) continue;
    if (rule.hasNear && nearHit(context, nearOf.get(hit.entry.rule), hit, rule.nearWithin) === undefined) continue;
    if (rule.hasNotNear && nearHit(context, notNearOf.get(hit.entry.rule), hit, rule.notNearWithin) !== undefined) continue;
    if (rule.about.length > 0 && !rule.about.some((f) => inFrame(f, hit))) continue;
    if (rule.notAbout.some((f) => inFrame(f, hit))) continue;
    if (rule.polarity !== undefined) {
      candidates.push({ hit, polarity: rule.polarity, cue: undefined });
      continue;
    }
    const sentence = sentenceOf(context, hit.first);
    const negation =
      rule.negation === "ignore"
        ? undefined
        : firstWithin(
            negationCues,
            hit.first - matcher.negationWindow,
            hit.last,
            (cue) =>
              cue.last >= hit.first - matcher.negationWindow &&
              sentenceOf(context, cue.first) === sentence &&
              !partOfTerm(cue, hit, ids) &&
              firstWithin(exceptions, cue.last, cue.first, (e) => e.first <= cue.first && e.last >= cue.last) === undefined,
          );
    if (negation && rule.negation === "exclude") continue;
    if (negation) {
      candidates.push({ hit, polarity: "barrier", cue: cueText(context, negation) });
      continue;
    }
    const barrier = nearHit(context, barrierCues, hit, matcher.barrierWindow, (cue) => !partOfTerm(cue, hit, ids));
    if (barrier) {
      candidates.push({ hit, polarity: "barrier", cue: cueText(context, barrier) });
      continue;
    }
    const irony = ironyCues.hits.length === 0 ? undefined : ironyAround(context, ironyCues, hit);
    candidates.push(irony ? { hit, polarity: "barrier", cue: cueText(context, irony) } : { hit, polarity: "helpful", cue: undefined });
  }
  return candidates;
}

/** The first and last token positions of sentence `s` (first > last for a sentence without tokens). */
function sentenceRange(split: Sentences, s: number): [number, number] {
  const from = firstAtOrAfter(split.ofToken, (x) => x, s);
  return [from, from + (split.length[s] ?? 0) - 1];
}

/**
 * An irony cue in a short sentence (an ironic tag: "Kjempeflott, liksom.") that is the hit's own
 * sentence or the one right after it. In a longer sentence an irony word is taken for a filler
 * ("satt ikke bak skranken liksom").
 */
function ironyAround(context: NoteContext, cues: Reach<Hit>, hit: Hit): Hit | undefined {
  const split = sentencesOf(context);
  const own = split.ofToken[hit.first]!;
  for (const at of [own, own + 1]) {
    if (at >= split.length.length || split.length[at]! > IRONY_TAG_WORDS) continue;
    const [from, to] = sentenceRange(split, at);
    const cue = firstWithin(cues, from, to, (c) => c.first >= from);
    if (cue) return cue;
  }
  return undefined;
}

/**
 * Settles the polarity of the kept matches across clauses and the note:
 * - with the codebook's `polarity.mixed: barrier`, a stretch of the note between contrast words
 *   ("men", "før", "nå") that mentions a code both helpfully and as a barrier keeps only the barrier:
 *   "Måtte vente 5 uker på svar på en mail" is a barrier, "Før tok hun seg tid, nå har ingen tid" both;
 * - a helpful mention in a wish ("skulle ønske ...") is dropped where the note also has a barrier
 *   mention of the same code: the wish restates the lack.
 *
 * @param kept the matches kept after overlaps, in any order
 * @param context the note
 * @param matcher the compiled codebook
 * @returns the matches that stay, in the same order
 * @example
 * ```ts
 * const settled = settlePolarity(resolveOverlaps(candidates, matcher), context, matcher);
 * ```
 */
export function settlePolarity(kept: Candidate[], context: NoteContext, matcher: Matcher): Candidate[] {
  const wishes = context.byRole.wishCue.length > 0;
  if (kept.length < 2 || (matcher.mixed === "both" && !wishes)) return kept;
  const codeOf = (c: Candidate) => matcher.rules[c.hit.entry.rule]!.codeIndex;
  const barrierCodes = new Set(kept.filter((c) => c.polarity === "barrier").map(codeOf));
  if (barrierCodes.size === 0) return kept;
  const split = sentencesOf(context);
  let out = kept;
  if (matcher.mixed === "barrier") {
    const contrasts = context.byRole.contrastCue;
    const clauseOf = (i: number) => firstAtOrAfter(contrasts, (c) => c.first, i);
    const barrierClauses = new Set(out.filter((c) => c.polarity === "barrier").map((c) => `${codeOf(c)}@${clauseOf(c.hit.first)}`));
    out = out.filter((c) => c.polarity === "barrier" || !barrierClauses.has(`${codeOf(c)}@${clauseOf(c.hit.first)}`));
  }
  if (wishes) {
    const wishSentences = new Set(context.byRole.wishCue.map((w) => split.ofToken[w.first]!));
    out = out.filter((c) => c.polarity === "barrier" || !barrierCodes.has(codeOf(c)) || !wishSentences.has(split.ofToken[c.hit.first]!));
  }
  return out;
}

/** Whether the codebook settles polarity across clauses or wishes (see {@link settlePolarity}). */
export function settlesPolarity(matcher: Matcher): boolean {
  return matcher.mixed !== "both" || matcher.entries.some((e) => e.role === "wishCue");
}
