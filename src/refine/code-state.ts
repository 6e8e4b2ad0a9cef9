import type { Code, Codebook, Rule, TermList } from "../codebook/codebook.ts";
import { codeNote } from "../match/code-note.ts";
import { compileCodebook } from "../match/compile.ts";
import type { Note } from "../notes/note.ts";
import type { Language } from "../text/language.ts";
import { applyChange, explicitRules, type RefineChange } from "./codebook-patch.ts";
import { codePresence } from "./code-presence.ts";

/** The notes where one term of one rule matches and the rule's conditions let it stand. */
export interface TermSet {
  rule: string;
  term: string;
  /** 1 where it stands, per note. */
  present: Uint8Array;
}

/**
 * One version of a code on a set of notes: where it applies, and where each of its rule terms
 * stands. With `overlap: within-code` a code applies to a note exactly when one of its terms
 * stands there (overlaps between a code's own matches only choose the evidence, never remove the
 * code; each match's conditions and cues are its own rule's), so presence is the union of the
 * term sets and a change's effect can be computed from them. With `across-codes`, another code's
 * longer match can take a code's words, so every change is measured by coding again.
 */
export interface CodeState {
  codebook: Codebook;
  code: Code;
  notes: readonly Note[];
  present: Uint8Array;
  terms: TermSet[];
  /** Per note: how many term sets stand there. */
  count: Int32Array;
  /** Whether presence is the union of the term sets (`within-code`). */
  decomposable: boolean;
  /** Per rule and note: how many of the rule's term sets stand there (filled when first asked). */
  ruleCounts?: Map<string, Int32Array>;
}

/** Per note, how many of a rule's term sets stand there (memoised on the state). */
function ruleCountOf(state: CodeState, rule: string): Int32Array {
  state.ruleCounts ??= new Map();
  let counts = state.ruleCounts.get(rule);
  if (counts === undefined) {
    counts = new Int32Array(state.notes.length);
    for (const t of state.terms) if (t.rule === rule) for (let i = 0; i < counts.length; i++) counts[i]! += t.present[i]!;
    state.ruleCounts.set(rule, counts);
  }
  return counts;
}

function termsOnly(list: TermList, term: string): TermList {
  if (Array.isArray(list)) return [term];
  const out: Partial<Record<Language, string[]>> = {};
  for (const [language, terms] of Object.entries(list) as [Language, string[]][]) if (terms.includes(term)) out[language] = [term];
  return out;
}

function distinctTerms(list: TermList): string[] {
  return [...new Set(Array.isArray(list) ? list : Object.values(list).flat() as string[])];
}

/**
 * Where each term of each rule of a code stands on some notes: the matcher codes the notes once
 * with a codebook in which every (rule, term) is a code of its own, with its rule's conditions
 * and the codebook's cues.
 *
 * @param codebook the codebook (languages, cues)
 * @param code the version of the code
 * @param notes the notes (languages set)
 * @param rules only these rules (default all), and only these terms of them when given
 * @param indices only these notes (default all)
 * @returns the term sets, in rule and term order
 * @example
 * ```ts
 * termSets(codebook, code, notes).map((t) => `${t.rule}/${t.term}`);
 * ```
 */
export function termSets(codebook: Codebook, code: Code, notes: readonly Note[], rules?: ReadonlyMap<string, ReadonlySet<string> | undefined>, indices?: ArrayLike<number>): TermSet[] {
  const pairs: { rule: Rule; term: string }[] = [];
  for (const rule of explicitRules(code).rules) {
    if (rules && !rules.has(rule.id!)) continue;
    const only = rules?.get(rule.id!);
    for (const term of distinctTerms(rule.terms)) if (!only || only.has(term)) pairs.push({ rule: { ...rule, terms: termsOnly(rule.terms, term) }, term });
  }
  const n = indices ? indices.length : notes.length;
  const sets: TermSet[] = pairs.map((p) => ({ rule: p.rule.id!, term: p.term, present: new Uint8Array(n) }));
  if (pairs.length === 0) return sets;
  const split: Codebook = {
    ...codebook,
    overlap: "within-code",
    codes: pairs.map((p, i) => ({ ...code, id: `t${i}`, terms: undefined, barrierTerms: undefined, rules: [p.rule] })),
  };
  const matcher = compileCodebook(split);
  for (let j = 0; j < n; j++) {
    for (const application of codeNote(notes[indices ? indices[j]! : j]!, matcher).codes) sets[Number(application.code.slice(1))]!.present[j] = 1;
  }
  return sets;
}

/**
 * The state of a code on some notes (see {@link CodeState}).
 *
 * @param codebook the codebook
 * @param code the version of the code
 * @param notes the notes (languages set)
 * @returns the state
 * @example
 * ```ts
 * codeState(codebook, code, notes).present;
 * ```
 */
export function codeState(codebook: Codebook, code: Code, notes: readonly Note[]): CodeState {
  const terms = termSets(codebook, code, notes);
  const count = new Int32Array(notes.length);
  for (const t of terms) for (let i = 0; i < notes.length; i++) count[i]! += t.present[i]!;
  const decomposable = codebook.overlap !== "across-codes";
  const present = decomposable ? Uint8Array.from(count, (c) => (c > 0 ? 1 : 0)) : codePresence(codebook, code, notes);
  return { codebook, code, notes, present, terms, count, decomposable };
}

/**
 * The notes where a rule (or one term of it) stands.
 *
 * @param state the code's state
 * @param rule the rule id
 * @param term one of its terms, or undefined for any
 * @returns note indices, ascending
 * @example
 * ```ts
 * notesOfRule(state, "time.terms"); // [3, 17]
 * ```
 */
export function notesOfRule(state: CodeState, rule: string, term?: string): number[] {
  const mask = new Uint8Array(state.notes.length);
  for (const t of state.terms) if (t.rule === rule && (term === undefined || t.term === term)) for (let i = 0; i < mask.length; i++) mask[i]! |= t.present[i]!;
  const out: number[] = [];
  mask.forEach((v, i) => v && out.push(i));
  return out;
}

/**
 * The code's presence after a change, computed exactly: from the term sets where presence is
 * their union, else by coding the notes the change can alter again.
 *
 * @param state the code's state before the change
 * @param change the change (its code must be the state's)
 * @param found for `add-rule`, the notes the new rule's term is found in; for `add-condition`, the notes the condition's term is found in
 * @returns the presence after the change
 * @example
 * ```ts
 * presenceAfter(state, { kind: "remove-term", code: "time", rule: "time.terms", term: "tid" });
 * ```
 */
export function presenceAfter(state: CodeState, change: RefineChange, found?: ArrayLike<number>): Uint8Array {
  const { present, count } = state;
  const next = present.slice();
  if (!state.decomposable) {
    const changed = applyChange(state.code, change);
    return codePresence(state.codebook, changed, state.notes);
  }
  if (change.kind === "add-rule") {
    for (let j = 0; j < found!.length; j++) next[found![j]!] = 1;
    return next;
  }
  if (change.kind === "remove-term") {
    for (const t of state.terms) {
      if (t.rule !== change.rule || t.term !== change.term) continue;
      for (let i = 0; i < next.length; i++) if (t.present[i] && count[i] === 1) next[i] = 0;
    }
    return next;
  }
  const ruleCount = ruleCountOf(state, change.rule);
  if (change.condition === "notInNote") {
    // A notInNote word takes the rule's terms out of every note it is in.
    for (let j = 0; j < found!.length; j++) {
      const i = found![j]!;
      if (ruleCount[i]! > 0) next[i] = count[i]! - ruleCount[i]! > 0 ? 1 : 0;
    }
    return next;
  }
  // notNear depends on positions: code again the notes where the rule stands and the word occurs,
  // with only the rule's terms that stand in them (a condition can only take matches away).
  const affected: number[] = [];
  for (let j = 0; j < found!.length; j++) if (ruleCount[found![j]!]! > 0) affected.push(found![j]!);
  if (affected.length === 0) return next;
  const standing = new Set<string>();
  for (const t of state.terms) if (t.rule === change.rule && affected.some((i) => t.present[i])) standing.add(t.term);
  const changed = applyChange(state.code, change);
  const again = termSets(state.codebook, changed, state.notes, new Map([[change.rule, standing]]), affected);
  affected.forEach((i, j) => {
    let stands = 0;
    for (const t of again) stands += t.present[j]!;
    next[i] = count[i]! - ruleCount[i]! + stands > 0 ? 1 : 0;
  });
  return next;
}

/**
 * The code's presence without one of its rules: from the term sets where presence is their
 * union, else by coding again.
 *
 * @param state the code's state
 * @param rule the rule id
 * @returns the presence without the rule
 * @example
 * ```ts
 * presenceWithoutRule(state, "time.terms");
 * ```
 */
export function presenceWithoutRule(state: CodeState, rule: string): Uint8Array {
  if (!state.decomposable) {
    const explicit = explicitRules(state.code);
    return codePresence(state.codebook, { ...explicit, rules: explicit.rules.filter((r) => r.id !== rule) }, state.notes);
  }
  const count = state.count.slice();
  for (const t of state.terms) if (t.rule === rule) for (let i = 0; i < count.length; i++) count[i]! -= t.present[i]!;
  return Uint8Array.from(count, (c) => (c > 0 ? 1 : 0));
}

/**
 * The state after a change, updated from the term sets where presence is their union (a new
 * rule's term set is `found`; a removed term's set goes; a `notInNote` word clears the rule's
 * sets where it occurs; a `notNear` word's notes are coded again), else coded again in full.
 *
 * @param state the state before the change
 * @param change the change
 * @param found as for {@link presenceAfter}
 * @returns the state of the changed code
 * @example
 * ```ts
 * state = stateAfter(state, chosen.change, notesOfFeature);
 * ```
 */
export function stateAfter(state: CodeState, change: RefineChange, found?: ArrayLike<number>): CodeState {
  const code = applyChange(state.code, change);
  if (!state.decomposable) return codeState(state.codebook, code, state.notes);
  const n = state.notes.length;
  let terms: TermSet[];
  if (change.kind === "add-rule") {
    const present = new Uint8Array(n);
    for (let j = 0; j < found!.length; j++) present[found![j]!] = 1;
    const term = Array.isArray(change.rule.terms) ? change.rule.terms[0]! : Object.values(change.rule.terms).flat()[0]!;
    terms = [...state.terms, { rule: change.rule.id!, term, present }];
  } else if (change.kind === "remove-term") {
    terms = state.terms.filter((t) => t.rule !== change.rule || t.term !== change.term);
  } else if (change.condition === "notInNote") {
    const hit = new Uint8Array(n);
    for (let j = 0; j < found!.length; j++) hit[found![j]!] = 1;
    terms = state.terms.map((t) => (t.rule !== change.rule ? t : { ...t, present: t.present.map((v, i) => (hit[i] ? 0 : v)) }));
  } else {
    const affected: number[] = [];
    for (let j = 0; j < found!.length; j++) {
      const i = found![j]!;
      if (state.terms.some((t) => t.rule === change.rule && t.present[i])) affected.push(i);
    }
    const standing = new Set(state.terms.filter((t) => t.rule === change.rule && affected.some((i) => t.present[i])).map((t) => t.term));
    const again = affected.length === 0 ? [] : termSets(state.codebook, code, state.notes, new Map([[change.rule, standing]]), affected);
    terms = state.terms.map((t) => {
      if (t.rule !== change.rule || !standing.has(t.term)) return t;
      const fresh = again.find((a) => a.term === t.term)!;
      const present = t.present.slice();
      affected.forEach((i, j) => (present[i] = fresh.present[j]!));
      return { ...t, present };
    });
  }
  const count = new Int32Array(n);
  for (const t of terms) for (let i = 0; i < n; i++) count[i]! += t.present[i]!;
  return { codebook: state.codebook, code, notes: state.notes, terms, count, present: Uint8Array.from(count, (c) => (c > 0 ? 1 : 0)), decomposable: true };
}
