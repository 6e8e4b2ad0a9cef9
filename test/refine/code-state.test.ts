import { describe, expect, it } from "vitest";
import { loadCodebook } from "../../src/codebook/load.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import type { Note } from "../../src/notes/note.ts";
import { featureNotes, type Feature } from "../../src/refine/candidate-features.ts";
import { applyChange, type RefineChange } from "../../src/refine/codebook-patch.ts";
import { codePresence } from "../../src/refine/code-presence.ts";
import { codeState, notesOfRule, presenceAfter, presenceWithoutRule, stateAfter } from "../../src/refine/code-state.ts";
import { explicitRules } from "../../src/refine/codebook-patch.ts";
import { tokenize } from "../../src/text/tokenize.ts";
// @ts-expect-error plain JavaScript module of the benchmark
import { loadGold } from "../../bench/gold.mjs";

// refine computes a change's effect from the term sets (presence is their union under
// `overlap: within-code`); the definition is coding the notes again with the changed code. On the
// gold notes, with the default codebook, both must agree for every kind of change.
const gold = (loadGold() as { notes: Note[] }).notes;
const codebook = await loadCodebook("natland-2021");
const goldCoded = codeNotes(gold, codebook);
const word = (term: string): Feature => ({ key: `word:${term}`, kind: "word", term, match: "glob", lang: undefined, words: [term] });

describe("the term sets of a code give exactly what coding again gives", () => {
  for (const code of codebook.codes) {
    it(`${code.id}: presence, and the presence after removing, excluding and adding terms`, () => {
      // The notes a change can alter (those the code is given), and every fifth of the others.
      const has = (i: number) => goldCoded[i]!.codes.some((a) => a.code === code.id);
      const keep = gold.map((_, i) => i).filter((i) => has(i) || i % 5 === 0);
      const notes = keep.map((i) => gold[i]!);
      const coded = keep.map((i) => goldCoded[i]!);
      const state = codeState(codebook, code, notes);
      expect([...state.present]).toEqual(coded.map((c) => (c.codes.some((a) => a.code === code.id) ? 1 : 0)));
      const changes: { change: RefineChange; found?: Int32Array }[] = [];
      const rules = explicitRules(code).rules.filter((r) => notesOfRule(state, r.id!).length > 0);
      for (const rule of rules.slice(0, 2)) {
        const standing = state.terms.filter((t) => t.rule === rule.id && t.present.some((v) => v === 1));
        for (const t of standing.slice(0, 1)) changes.push({ change: { kind: "remove-term", code: code.id, rule: rule.id!, term: t.term } });
        // A context word of a note where the rule stands, and one of a note where it does not.
        const at = notesOfRule(state, rule.id!);
        const words = [...new Set(at.flatMap((i) => tokenize(notes[i]!.text).map((t) => t.text)))].filter((w) => w.length > 3).slice(0, 1);
        for (const w of words) {
          const found = featureNotes([word(w)], notes, codebook, { notAbout: [] })[0]!;
          changes.push({ change: { kind: "add-condition", code: code.id, rule: rule.id!, condition: "notInNote", term: w }, found });
          changes.push({ change: { kind: "add-condition", code: code.id, rule: rule.id!, condition: "notNear", term: w, within: 2 }, found });
        }
        expect([...presenceWithoutRule(state, rule.id!)]).toEqual([...codePresence(codebook, { ...explicitRules(code), rules: explicitRules(code).rules.filter((r) => r.id !== rule.id) }, notes)]);
      }
      // "saksbehandler" is also in interviewers' questions, a frame the codebook leaves out.
      for (const w of ["ringte", "tok seg", "saksbehandler"]) {
        const found = featureNotes([word(w)], notes, codebook, { about: code.about, notAbout: code.notAbout })[0]!;
        changes.push({ change: { kind: "add-rule", code: code.id, rule: { id: `${code.id}.refine-9`, terms: [w], match: "glob", gap: 0, negation: "barrier" } }, found });
      }
      expect(changes.length).toBeGreaterThan(4);
      for (const { change, found } of changes) {
        const expected = [...codePresence(codebook, applyChange(code, change), notes)];
        expect([...presenceAfter(state, change, found)], JSON.stringify(change)).toEqual(expected);
        const next = stateAfter(state, change, found);
        expect([...next.present], JSON.stringify(change)).toEqual(expected);
        if (change.kind !== "add-condition") continue;
        const fresh = codeState(codebook, next.code, notes);
        expect(next.terms.map((t) => [t.rule, t.term, [...t.present].join("")]).sort()).toEqual(fresh.terms.map((t) => [t.rule, t.term, [...t.present].join("")]).sort());
      }
    });
  }
});
