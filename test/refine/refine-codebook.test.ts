import { describe, expect, it } from "vitest";
import { mergeCodebooks } from "../../src/codebook/load.ts";
import { parseCodebook } from "../../src/codebook/parse.ts";
import type { Codebook } from "../../src/codebook/codebook.ts";
import { KodebokError } from "../../src/diagnostics/result.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { refineCodebook } from "../../src/refine/refine-codebook.ts";

// A hand-made sample: one code, "time", with the shorthand terms tid and ventetid and a rule for
// direktenummer*. Fourteen Bokmål notes from three seminars (A, B, C); coder "anna" coded them.
const CODEBOOK_YAML = `
id: sample
title: Sample
languages: [nb]
categories:
  - { id: relational, label: Relational }
codes:
  - id: time
    category: relational
    label: Time
    definition: Time and availability
    terms: [tid, ventetid]
    rules:
      - id: time.phone
        terms: ["direktenummer*"]
`;
const parsed = parseCodebook(CODEBOOK_YAML, { file: "sample.yaml" });
if (!parsed.ok) throw new Error("the sample codebook does not parse");
const CODEBOOK: Codebook = parsed.value;

//           seminar  text                                          anna   kodebok (why)
const SAMPLE: [string, string, string, boolean][] = [
  ["n1", "A", "Hun tok seg tid til meg", true], //                 time   time (tid)            TP
  ["n2", "A", "Han ringte meg hver uke", true], //                 time   –                     FN
  ["n3", "B", "Veilederen ringte tilbake samme dag", true], //     time   –                     FN
  ["n4", "B", "Jeg fikk direktenummeret hennes", true], //         time   time (direktenummer*) TP
  ["n5", "C", "Det tok lang tid med traktoren", false], //         –      time (tid)            FP
  ["n6", "B", "Ingen tid til traktoren", false], //                –      time (tid)            FP
  ["n7", "A", "Lang ventetid på svar", true], //                   time   time (ventetid)       TP
  ["n8", "B", "Kurset var bra", false], //                         –      –                     TN
  ["n9", "C", "Hun ringte for å høre hvordan det gikk", true], //  time   –                     FN
  ["n10", "A", "Møtet var kort", false], //                        –      –                     TN
  ["n11", "B", "Vi snakket om været", false], //                   –      –                     TN
  ["n12", "C", "Jeg har tid nok til hobbyer", false], //           –      time (tid)            FP
  ["n13", "A", "Hun svarte hver uke", true], //                    time   –                     FN
  ["n14", "B", "Saksbehandleren hadde god tid", true], //          time   time (tid)            TP
];
const NOTES = SAMPLE.map(([id, seminar, text]) => ({ id, text, seminar, language: "nb" as const }));
const CODINGS = SAMPLE.filter(([, , , coded]) => coded).map(([id]) => ({ note: id, coder: "anna", code: "time" }));
const SEEN = [{ coder: "anna", notes: NOTES.map((n) => n.id) }];
const OPTIONS = { interval: { samples: 200, seed: 7 } };

const report = refineCodebook({ notes: NOTES, codings: CODINGS, seen: SEEN }, CODEBOOK, OPTIONS);
const time = report.codes[0]!;

describe("refineCodebook() on a hand-made sample", () => {
  it("compares kodebok with the coder: 4 TP, 3 FP, 4 FN, 3 TN; precision 4/7, recall 1/2, kappa 0", () => {
    // po = 7/14 = 0.5; p(anna) = 8/14, p(kodebok) = 7/14; pe = (8·7 + 6·7)/196 = 0.5; kappa = 0.
    expect(time.before).toMatchObject({ notes: 14, human: 8, kodebok: 7, tp: 4, fp: 3, fn: 4, tn: 3 });
    expect(time.before.precision).toBeCloseTo(4 / 7, 12);
    expect(time.before.recall).toBeCloseTo(0.5, 12);
    expect(time.before.kappa).toBeCloseTo(0, 12);
    expect(time.before.interval?.samples).toBe(200);
    expect(time.missed.map((n) => n.id)).toEqual(["n2", "n3", "n9", "n13"]);
  });

  it("counts every rule and term, and the kappa each would leave if removed", () => {
    const [terms, phone] = time.rules;
    // time.terms: tid (n1 n5 n6 n12 n14: 2 TP, 3 FP) and ventetid (n7: 1 TP). Without the rule only
    // n4 is coded: TP 1, FP 0, FN 7, TN 6; po = 7/14, pe = (8·1 + 6·13)/196 = 86/196; kappa = 12/110.
    expect(terms).toMatchObject({ rule: "time.terms", hits: 6, tp: 3, fp: 3, precision: 0.5 });
    expect(terms!.kappaIfRemoved).toBeCloseTo(12 / 110, 12);
    expect(terms!.harm).toBeCloseTo(12 / 110, 12);
    const [tid, ventetid] = terms!.terms;
    // Without tid: n4 and n7 coded; TP 2, FN 6, TN 6; pe = (8·2 + 6·12)/196 = 88/196; kappa = 24/108.
    expect(tid).toMatchObject({ term: "tid", hits: 5, tp: 2, fp: 3, falsePositives: [4, 5, 11] });
    expect(tid!.precision).toBeCloseTo(0.4, 12);
    expect(tid!.harm).toBeCloseTo(24 / 108, 12);
    // Without ventetid: TP 3, FP 3, FN 5, TN 3; pe = 96/196; kappa = (84 − 96)/(196 − 96) = −0.12.
    expect(ventetid).toMatchObject({ term: "ventetid", hits: 1, tp: 1, fp: 0 });
    expect(ventetid!.harm).toBeCloseTo(-0.12, 12);
    expect(phone).toMatchObject({ rule: "time.phone", hits: 1, tp: 1, fp: 0 });
    expect(phone!.harm).toBeCloseTo(-0.12, 12);
    // The false positives, most harmful first: only tid has any.
    expect(time.falsePositives.map((f) => [f.rule, f.term, f.fp, f.notes.map((n) => n.id)])).toEqual([["time.terms", "tid", 3, ["n5", "n6", "n12"]]]);
  });

  it("ranks candidate terms by G² (Williams) in the missed notes, with counts, and flags one-offs", () => {
    // ringte: in 3 of the 4 missed notes, in none of the 6 notes anna did not code (a 3, b 0, c 1, d 6, N 10).
    // E_a = 3·4/10 = 1.2, E_c = 4·7/10 = 2.8, E_d = 6·7/10 = 4.2:
    // G² = 2 (3 ln 2.5 + 1 ln(1/2.8) + 6 ln(6/4.2)) = 2 (2.748872 − 1.029619 + 2.140050) = 7.718605; q = 1 (b = 0).
    // uke and "hver uke": n2 and n13 (a 2, b 0, c 2, d 6): E_a = 0.8, E_c = 3.2, E_d = 4.8:
    // G² = 2 (2 ln 2.5 + 2 ln(2/3.2) + 6 ln 1.25) = 2 (1.832581 − 0.940007 + 1.338861) = 4.462871; both notes
    // are from seminar A: a one-off. Every other word of the missed notes is in one note, or a stop word.
    expect(time.candidateTerms.map((t) => [t.term, t.kind, t.missed, t.other, t.found, t.groups, t.oneOff, t.chosen])).toEqual([
      ["ringte", "word", 3, 0, 0, 3, false, true],
      ["hver uke", "phrase", 2, 0, 0, 1, true, false],
      ["uke", "word", 2, 0, 0, 1, true, false],
    ]);
    expect(time.candidateTerms[0]!.keyness).toBeCloseTo(7.718605, 5);
    expect(time.candidateTerms[1]!.keyness).toBeCloseTo(4.462871, 5);
    expect(time.candidateTerms[0]!.examples.map((n) => n.id)).toEqual(["n2", "n3", "n9"]);
  });

  it("ranks candidate exclusions: context words of a rule's false positives against the code's true positives", () => {
    // time.terms coded n5, n6, n12 wrongly; the code's true positives are n1, n4, n7, n14. traktoren is in
    // n5 and n6 and no true positive (a 2, b 0, c 1, d 4, N 7): E_a = 6/7, E_c = 15/7, E_d = 20/7:
    // G² = 2 (2 ln(7/3) + 1 ln(7/15) + 4 ln(1.4)) = 2 (1.694596 − 0.762140 + 1.345888) = 4.556688.
    // "tid" is the rule's own word and never a candidate; the other words are in one note each.
    expect(time.candidateExclusions.map((x) => [x.rule, x.term, x.falsePositives, x.truePositives, x.groups, x.chosen])).toEqual([
      ["time.terms", "traktoren", 2, 0, 2, "notNear"],
    ]);
    expect(time.candidateExclusions[0]!.keyness).toBeCloseTo(4.556688, 5);
  });

  it("proposes the changes that raise kappa, greedily: the rule ringte (0 -> 36/92), then notNear traktoren (-> 68/96)", () => {
    // Step 1 (kappa 0): ringte codes n2 n3 n9 (TP 7, FP 3, FN 1, TN 3; pe = 104/196): kappa 36/92 = 0.3913.
    // notNear traktoren would give 32/102, removing tid 24/108; "uke" rests on seminar A alone (--min-groups 2).
    // Step 2: notNear traktoren drops n5 and n6 (TP 7, FP 1, FN 1, TN 5; pe = 100/196): kappa 68/96 = 0.7083;
    // removing tid would give 60/102. Step 3: one false positive and one missed note left: nothing has 2 notes.
    expect(time.changes.map((c) => c.key)).toEqual(["add-rule:time:word:ringte", "notNear:time.terms:traktoren"]);
    expect(time.changes[0]!.change).toEqual({ kind: "add-rule", code: "time", rule: { id: "time.refine-1", terms: ["ringte"], match: "glob", gap: 0, negation: "barrier" } });
    expect(time.changes[0]!.kappaAfter).toBeCloseTo(36 / 92, 12);
    expect(time.changes[0]!.fixed.map((n) => n.id)).toEqual(["n2", "n3", "n9"]);
    expect(time.changes[1]!.change).toEqual({ kind: "add-condition", code: "time", rule: "time.terms", condition: "notNear", term: "traktoren", within: 5 });
    expect(time.changes[1]!.kappaAfter).toBeCloseTo(68 / 96, 12);
    expect(time.changes[1]!.fixed.map((n) => n.id)).toEqual(["n5", "n6"]);
    // The in-sample figure is the patched codebook coding the sample again: it raises kappa.
    expect(time.after).toMatchObject({ tp: 7, fp: 1, fn: 1, tn: 5 });
    expect(time.after.kappa).toBeCloseTo(68 / 96, 12);
    expect(report.overall.after.kappa!).toBeGreaterThan(report.overall.before.kappa!);
  });

  it("cross-validates by seminar: 3 folds (the sample has 3 groups), kappa 36/92, and warns about the fold count", () => {
    // Folds by size: B (6 notes) fold 1, A (5) fold 2, C (3) fold 3.
    // Without B: ringte (n2, n9); traktoren is in one training false positive (n5) only. Held-out B: n3 n4 n6 n14 coded.
    // Without A: ringte (n3, n9), then notNear traktoren (n5, n6). Held-out A: n1 n2 n7 coded.
    // Without C: ringte (n2, n3); one false positive (n6) only. Held-out C: n5 n9 n12 coded.
    // Pooled: TP 7 (n1 n2 n3 n4 n7 n9 n14), FP 3 (n5 n6 n12), FN 1 (n13), TN 3: kappa (140 − 104)/(196 − 104) = 36/92.
    expect(report.crossValidation?.k).toBe(3);
    expect(report.crossValidation?.folds.map((f) => [f.groups, f.changes])).toEqual([
      [["seminar:B"], ["add-rule:time:word:ringte"]],
      [["seminar:A"], ["add-rule:time:word:ringte", "notNear:time.terms:traktoren"]],
      [["seminar:C"], ["add-rule:time:word:ringte"]],
    ]);
    expect(time.crossValidated).toMatchObject({ tp: 7, fp: 3, fn: 1, tn: 3 });
    expect(time.crossValidated!.kappa).toBeCloseTo(36 / 92, 12);
    expect(time.changes.map((c) => c.folds)).toEqual([3, 1]);
    expect(report.diagnostics.map((d) => d.code)).toContain("refine-few-groups");
  });

  it("never uses a held-out note to choose a change", () => {
    // traktoren needs n5 (seminar C) and n6 (seminar B): with either seminar held out it cannot be chosen,
    // even though the held-out note would make it the best change there.
    const folds = report.crossValidation!.folds;
    for (const f of folds) {
      const usesTraktoren = f.changes.includes("notNear:time.terms:traktoren");
      expect(usesTraktoren).toBe(!f.groups.includes("seminar:B") && !f.groups.includes("seminar:C"));
    }
  });

  it("proposes a word of one seminar only when asked (--min-groups 1), with a warning, and never in the fold without it", () => {
    // m1 and m2 are missed and both from seminar A: "svarte" and "uke" are in both, in no other note.
    const notes = [
      ["m1", "A", "Hun svarte hver uke", true],
      ["m2", "A", "Han svarte samme uke", true],
      ["m3", "B", "Kurset var bra", false],
      ["m4", "B", "Lang ventetid", true],
      ["m5", "C", "Møtet var kort", false],
      ["m6", "C", "Vi snakket om været", false],
    ] as const;
    const input = {
      notes: notes.map(([id, seminar, text]) => ({ id, text, seminar, language: "nb" as const })),
      codings: notes.filter((n) => n[3]).map(([id]) => ({ note: id, coder: "anna", code: "time" })),
    };
    const strict = refineCodebook(input, CODEBOOK, OPTIONS);
    expect(strict.codes[0]!.changes).toEqual([]);
    expect(strict.codes[0]!.candidateTerms.filter((t) => t.kind === "word").map((t) => [t.term, t.oneOff])).toEqual([["svarte", true], ["uke", true]]);
    const loose = refineCodebook(input, CODEBOOK, { ...OPTIONS, minGroups: 1 });
    expect(loose.codes[0]!.changes.map((c) => [c.key, c.oneOff])).toEqual([["add-rule:time:word:svarte", true]]);
    expect(loose.diagnostics.filter((d) => d.code === "refine-one-off").map((d) => d.reason)).toEqual([
      'The proposed change to code "time" (add rule time.refine-1: "svarte") rests on notes of one group only (seminar:A): it may be one writer\'s word, not the language',
    ]);
    const withoutA = loose.crossValidation!.folds.find((f) => f.groups.includes("seminar:A"))!;
    expect(withoutA.changes).toEqual([]);
  });

  it("writes the patch as a codebook that extends the original and codes exactly as the refined codebook", () => {
    const yaml = report.patch.yaml;
    expect(yaml).toContain("extends: sample");
    expect(yaml).toContain("# refine: add rule time.refine-1");
    const patch = parseCodebook(yaml, { file: "patch.yaml" });
    expect(patch.ok).toBe(true);
    if (!patch.ok) return;
    const merged = mergeCodebooks(CODEBOOK, patch.value);
    const rules = merged.codes[0]!.rules.map((r) => [r.id, r.terms, r.notNear?.terms ?? null]);
    expect(rules).toEqual([
      ["time.terms", ["tid", "ventetid"], ["traktoren"]],
      ["time.phone", ["direktenummer*"], null],
      ["time.refine-1", ["ringte"], null],
    ]);
    const coded = codeNotes(NOTES, merged).filter((c) => c.codes.length > 0).map((c) => c.note.id);
    expect(coded).toEqual(["n1", "n2", "n3", "n4", "n7", "n9", "n12", "n14"]);
    // The original codebook is untouched.
    expect(CODEBOOK.codes[0]!.terms).toEqual(["tid", "ventetid"]);
  });

  it("measures every change by coding again when codes compete for words (overlap: across-codes), with the same result here", () => {
    // One code only, so across-codes changes nothing: the general path must agree with the term sets.
    const across = refineCodebook({ notes: NOTES, codings: CODINGS, seen: SEEN }, { ...CODEBOOK, overlap: "across-codes" }, OPTIONS);
    expect(across.codes[0]!.changes.map((c) => [c.key, c.kappaAfter])).toEqual(time.changes.map((c) => [c.key, c.kappaAfter]));
    expect(across.codes[0]!.rules).toEqual(time.rules);
    expect(across.patch.yaml).toContain("overlap: across-codes");
  });

  it("is deterministic: the same input gives the same report", () => {
    const again = refineCodebook({ notes: NOTES, codings: CODINGS, seen: SEEN }, CODEBOOK, OPTIONS);
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });

  it("refuses a missing or unknown coder, an unknown code and bad options, naming what is wrong", () => {
    const two = [...CODINGS, { note: "n1", coder: "bo", code: "time" }];
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        if (error instanceof KodebokError) return error.diagnostics.map((d) => `${d.code}: ${d.reason}`);
        throw error;
      }
      return [];
    };
    expect(codeOf(() => refineCodebook({ notes: NOTES, codings: two }, CODEBOOK))).toEqual([
      'agreement-ambiguous-coder: Cannot refine the codebook: the codings hold 2 coders ("anna", "bo")',
    ]);
    expect(codeOf(() => refineCodebook({ notes: NOTES, codings: CODINGS }, CODEBOOK, { coder: "cato" }))).toEqual([
      'agreement-unknown-coder: Cannot refine the codebook: coder "cato" does not occur in the codings',
    ]);
    expect(codeOf(() => refineCodebook({ notes: NOTES, codings: CODINGS }, CODEBOOK, { codes: ["tiid"] }))[0]).toContain('option "codes" names "tiid"');
    expect(codeOf(() => refineCodebook({ notes: NOTES, codings: CODINGS }, CODEBOOK, { minNotes: 1 }))[0]).toContain('option "minNotes" is invalid');
    expect(codeOf(() => refineCodebook({ notes: NOTES, codings: [] }, CODEBOOK))[0]).toContain("refine-no-codings");
  });
});
