import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import { codeNotes } from "../match/code-notes.ts";
import { toNote } from "../match/to-note.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import type { Language } from "../text/language.ts";
import { tokenize } from "../text/tokenize.ts";
import { defaultFoldGroup, splitFolds } from "../validity/folds.ts";
import { extractFeatures, featureNotes } from "./candidate-features.ts";
import { rankFeatures } from "./candidate-ranking.ts";
import { applyChanges, explicitRules, ruleIds, type RefineChange } from "./codebook-patch.ts";
import { codeFigures, meanKappa, outcomeMasks } from "./code-figures.ts";
import { describeChange, formatKappa } from "./describe-change.ts";
import { patchCodebook, patchYaml, type ChangeNote } from "./patch-yaml.ts";
import { parseRefineOptions, type RefineOptions, type RefineOptionsInput } from "./refine-options.ts";
import type { CandidateExclusion, CandidateTerm, CodeRefinement, FalsePositive, NoteRef, ProposedChange, RefineFold, RefineReport } from "./refine-report.ts";
import { ruleFigures } from "./rule-figures.ts";
import { codeState, notesOfRule } from "./code-state.ts";
import { CONTEXT_KINDS, isOwnWord, selectChanges, TERM_KINDS, type CodeSelection, type TrainingSet } from "./select-changes.ts";

/** What {@link refineCodebook} refines on: notes, a coder's codings of them, and which notes each coder saw. */
export interface RefineInput {
  notes: readonly (NoteInput | Note)[];
  /** Human codings in long form (`{ note, coder, code }`); from `codes:<coder>` columns or a codings file. */
  codings: readonly Coding[];
  /** The notes each coder saw (default: every note); a coder who saw a note and coded nothing agrees it has no code. */
  seen?: readonly { coder: string; notes: readonly string[] }[];
}

const SOURCE = "kodebok:refine";

function fail(code: Diagnostic["code"], reason: string, note?: string): never {
  throw new KodebokError([diagnostic({ code, severity: "error", source: SOURCE, reason, ...(note ? { note } : {}) })]);
}

/**
 * Refines a codebook on a hand-coded sample: the loop a research group runs to improve its own
 * codebook. It compares kodebok's coding with one human coder's, code by code and rule by rule
 * (hits, true and false positives, precision, recall, kappa with a seeded bootstrap interval);
 * ranks the rule terms that code wrongly by the harm they do (the kappa gained if removed);
 * lists the notes each code missed, with candidate terms over-represented in them (words,
 * phrases, stems, prefix globs, compound-end globs, ranked by keyness: G² with Williams's
 * correction by default, as quanteda's `textstat_keyness()`); lists candidate exclusions (context
 * words over-represented in a rule's false positives, as `notNear`/`notInNote` conditions); and
 * proposes a patch — a codebook that `extends:` the refined one, for the user to review and merge,
 * never applied — with the kappa it gives in-sample and cross-validated (the whole search repeated
 * on k − 1 folds by seminar or source, kappa measured on the held-out fold).
 *
 * @param input the notes, the human codings, and what each coder saw
 * @param codebook the codebook to refine
 * @param options coder, codes, keyness, thresholds, folds, bootstrap (see {@link RefineOptionsSchema})
 * @returns the report, with the patch as YAML in `patch.yaml`
 * @throws KodebokError when the coder is missing or ambiguous, an option is invalid, or the sample is too small
 * @example
 * ```ts
 * const codebook = await loadCodebook("natland-2021");
 * const { notes, codings } = await loadNotes("coded-sample.csv"); // with a codes:anna column
 * const report = refineCodebook({ notes, codings }, codebook, { coder: "anna" });
 * console.log(report.overall.before.kappa, report.overall.crossValidated?.kappa);
 * await writeFile("refined.yaml", report.patch.yaml);
 * ```
 */
export function refineCodebook(input: RefineInput, codebook: Codebook, options?: RefineOptionsInput): RefineReport {
  const opts = parseRefineOptions(options);
  const diagnostics: Diagnostic[] = [];
  const allNotes = input.notes.map((n, i) => toNote(n, i));

  // The coder and the sample.
  const coders = [...new Set([...input.codings.map((c) => c.coder), ...(input.seen ?? []).map((s) => s.coder)])];
  if (coders.length === 0) fail("refine-no-codings", "Cannot refine the codebook: the input holds no human codings", "Give a notes file with a codes:<coder> column, or a codings file (note_id, coder, code).");
  const coder = opts.coder ?? (coders.length === 1 ? coders[0]! : undefined);
  if (coder === undefined) {
    fail("agreement-ambiguous-coder", `Cannot refine the codebook: the codings hold ${coders.length} coders (${coders.map((c) => `"${c}"`).join(", ")})`, "Name the coder whose coding is the reference with --coder (API: options.coder).");
  }
  if (!coders.includes(coder)) {
    fail("agreement-unknown-coder", `Cannot refine the codebook: coder "${coder}" does not occur in the codings`, `The codings hold ${coders.map((c) => `"${c}"`).join(", ")}.`);
  }
  const seenList = input.seen?.find((s) => s.coder === coder)?.notes;
  const seen = seenList ? new Set(seenList) : undefined;
  const sample = seen ? allNotes.filter((n) => seen.has(n.id)) : allNotes;
  if (seen && sample.length < allNotes.length) {
    diagnostics.push(diagnostic({ code: "refine-notes-not-seen", severity: "info", source: SOURCE, reason: `${allNotes.length - sample.length} of ${allNotes.length} notes were not seen by coder "${coder}" and are left out of the sample` }));
  }
  if (sample.length < 2 * opts.minNotes) {
    fail("refine-too-few-notes", `Cannot refine the codebook: coder "${coder}" saw ${sample.length} notes; at least ${2 * opts.minNotes} are needed (twice the least count of a candidate)`);
  }
  const codeIds = opts.codes ?? codebook.codes.map((c) => c.id);
  for (const id of codeIds) {
    if (!codebook.codes.some((c) => c.id === id)) {
      fail("option-invalid", `Cannot refine the codebook: option "codes" names "${id}", which is not a code of codebook "${codebook.id}"`, `Its codes are ${codebook.codes.map((c) => c.id).join(", ")}.`);
    }
  }
  const index = new Map(sample.map((n, i) => [n.id, i]));
  const humanCodes = new Map<string, Uint8Array>(codeIds.map((id) => [id, new Uint8Array(sample.length)]));
  const unknownCodes = new Map<string, number>();
  let applied = 0;
  for (const c of input.codings) {
    if (c.coder !== coder) continue;
    const i = index.get(c.note);
    if (i === undefined) continue;
    const row = humanCodes.get(c.code);
    if (row) {
      row[i] = 1;
      applied++;
    } else if (!codebook.codes.some((x) => x.id === c.code)) unknownCodes.set(c.code, (unknownCodes.get(c.code) ?? 0) + 1);
  }
  for (const [code, count] of unknownCodes) {
    diagnostics.push(diagnostic({ code: "coding-unknown-code", severity: "warning", source: SOURCE, reason: `Coder "${coder}" gave ${count} notes the code "${code}", which is not in codebook "${codebook.id}"; it cannot be refined and is left out`, actual: code }));
  }
  if (applied === 0) diagnostics.push(diagnostic({ code: "refine-no-codings", severity: "warning", source: SOURCE, reason: `Coder "${coder}" gave none of the ${sample.length} notes a code of codebook "${codebook.id}": there is nothing to find` }));

  // kodebok's coding, with each note's language fixed as the codebook coded it.
  const coded = codeNotes(sample, codebook, { language: opts.language });
  const languages: (Language | "und")[] = coded.map((c) => c.language);
  const notes: Note[] = sample.map((n, i) => (languages[i] === "und" ? n : { ...n, language: languages[i] as Language }));
  const cv = opts.crossValidate;
  const groupOf = (cv !== false && cv.groupOf) || defaultFoldGroup;
  const groups = sample.map((n, i) => groupOf(n, i));
  const base = new Map<string, Uint8Array>(codeIds.map((id) => [id, new Uint8Array(notes.length)]));
  coded.forEach((c, i) => {
    for (const application of c.codes) {
      const row = base.get(application.code);
      if (row) row[i] = 1;
    }
  });

  const training = (indices: readonly number[]): TrainingSet => buildTraining(codebook, notes, languages, groups, humanCodes, base, indices, opts);
  const refineOn = (set: TrainingSet): { selections: Map<string, CodeSelection>; changes: RefineChange[]; refined: Codebook } => {
    const selections = new Map<string, CodeSelection>();
    for (const id of codeIds) selections.set(id, selectChanges(set, id, opts));
    const changes = codeIds.flatMap((id) => selections.get(id)!.changes.map((c) => c.change));
    return { selections, changes, refined: applyChanges(codebook, changes) };
  };
  const presenceOf = (codebookToUse: Codebook, which: readonly number[]): Map<string, Uint8Array> => {
    const out = new Map(codeIds.map((id) => [id, new Uint8Array(which.length)]));
    codeNotes(which.map((i) => notes[i]!), codebookToUse).forEach((c, j) => {
      for (const a of c.codes) {
        const row = out.get(a.code);
        if (row) row[j] = 1;
      }
    });
    return out;
  };

  const all = notes.map((_, i) => i);
  const full = training(all);
  const chosen = refineOn(full);
  const after = presenceOf(chosen.refined, all);

  // Cross-validation: the same search on k − 1 folds, kappa on the held-out fold.
  let crossValidation: RefineReport["crossValidation"];
  let cvPresence: Map<string, Uint8Array> | undefined;
  const stability = new Map<string, number>();
  if (cv !== false) {
    const distinct = new Set(groups).size;
    const k = Math.min(cv.k, distinct);
    if (distinct < 2) {
      diagnostics.push(diagnostic({ code: "refine-few-groups", severity: "warning", source: SOURCE, reason: `Cannot cross-validate: the ${notes.length} notes form ${distinct} fold group; the in-sample figures are all there is`, note: "Give the notes a seminar or source (or choose the grouping) so that folds can keep them apart." }));
    } else {
      if (k < cv.k) diagnostics.push(diagnostic({ code: "refine-few-groups", severity: "warning", source: SOURCE, reason: `Cross-validated with ${k} folds instead of ${cv.k}: the notes form only ${distinct} fold groups` }));
      const folds = splitFolds(notes, { k, groupOf: (_, i) => groups[i]! });
      cvPresence = new Map(codeIds.map((id) => [id, new Uint8Array(notes.length)]));
      const foldReports: RefineFold[] = [];
      for (let f = 0; f < k; f++) {
        const held = all.filter((i) => folds.fold[i] === f);
        if (held.length === 0) continue;
        const result = refineOn(training(all.filter((i) => folds.fold[i] !== f)));
        const predicted = presenceOf(result.refined, held);
        for (const id of codeIds) held.forEach((i, j) => (cvPresence!.get(id)![i] = predicted.get(id)![j]!));
        const keys = codeIds.flatMap((id) => result.selections.get(id)!.changes.map((c) => c.key));
        for (const key of keys) stability.set(key, (stability.get(key) ?? 0) + 1);
        const pairsOf = (source: (id: string) => ArrayLike<number>) => codeIds.map((id) => [held.map((i) => humanCodes.get(id)![i]!), source(id)] as const);
        foldReports.push({
          fold: f,
          notes: held.length,
          groups: folds.groups.filter((g) => g.fold === f).map((g) => g.key),
          changes: keys,
          before: meanKappa(pairsOf((id) => held.map((i) => base.get(id)![i]!))).kappa,
          after: meanKappa(pairsOf((id) => predicted.get(id)!)).kappa,
        });
      }
      crossValidation = { k, groups: distinct, groupedBy: cv.groupedBy ?? (cv.groupOf ? "the given grouping" : "seminar, else source, else the note"), folds: foldReports };
    }
  }

  // The report, code by code.
  const ref = (i: number): NoteRef => ({ id: notes[i]!.id, text: notes[i]!.text, language: languages[i]!, group: groups[i]! });
  const examples = (list: readonly number[]) => list.slice(0, opts.examples).map(ref);
  const chosenKeys = new Set(codeIds.flatMap((id) => chosen.selections.get(id)!.changes.map((c) => c.key)));
  const changeNotes: ChangeNote[] = [];
  const codes: CodeRefinement[] = codeIds.map((id) => {
    const code = codebook.codes.find((c) => c.id === id)!;
    const human = humanCodes.get(id)!;
    const b = base.get(id)!;
    const n = notes.length;
    const { missed: missedMask, notCoded, agreed } = outcomeMasks(human, b);
    const state = codeState(codebook, code, notes);
    const rules = ruleFigures(state, human);
    const falsePositives: FalsePositive[] = rules
      .flatMap((r) => r.terms.filter((t) => t.fp > 0).map((t) => ({ rule: r.rule, term: t.term, tp: t.tp, fp: t.fp, precision: t.precision, harm: t.harm, kappaIfRemoved: t.kappaIfRemoved, notes: t.falsePositives.map(ref) })))
      .sort((x, y) => (y.harm ?? -Infinity) - (x.harm ?? -Infinity) || y.fp - x.fp || (x.rule + x.term < y.rule + y.term ? -1 : 1));
    const rankOptions = { measure: opts.measure, correction: opts.correction, minNotes: opts.minNotes };
    const candidateTerms: CandidateTerm[] = rankFeatures(full.features, full.notesOf.get(id)!, missedMask, notCoded, groups, { ...rankOptions, kinds: TERM_KINDS, keys: full.termKeys })
      .slice(0, opts.candidates)
      .map((r) => {
        const term: CandidateTerm = {
          term: r.feature.term,
          kind: r.feature.kind,
          match: r.feature.match,
          words: r.feature.words,
          missed: r.target,
          other: r.reference,
          found: [...full.notesOf.get(id)![r.index]!].filter((i) => agreed[i]).length,
          keyness: r.keyness,
          groups: r.groups,
          oneOff: r.groups === 1,
          chosen: chosenKeys.has(`add-rule:${id}:${r.feature.key}`),
          examples: examples(r.targetNotes),
        };
        if (r.feature.lang) term.lang = r.feature.lang;
        return term;
      });
    const candidateExclusions: CandidateExclusion[] = [];
    for (const rule of ruleIds(code)) {
      const wrong = new Uint8Array(n);
      let count = 0;
      for (const i of notesOfRule(state, rule)) if (!human[i]) (wrong[i] = 1), count++;
      if (count < opts.minNotes) continue;
      const own = explicitRules(code).rules.find((r) => r.id === rule)!;
      const ranked = rankFeatures(full.features, full.notesOf.get(id)!, wrong, agreed, groups, { ...rankOptions, kinds: CONTEXT_KINDS, keys: full.contextKeys });
      for (const r of ranked.filter((x) => !isOwnWord(own, x.feature)).slice(0, opts.candidates)) {
        const term = r.feature.term;
        const x: CandidateExclusion = { rule, term, kind: r.feature.kind, falsePositives: r.target, truePositives: r.reference, keyness: r.keyness, groups: r.groups, oneOff: r.groups === 1, examples: examples(r.targetNotes) };
        if (chosenKeys.has(`notNear:${rule}:${term}`)) x.chosen = "notNear";
        else if (chosenKeys.has(`notInNote:${rule}:${term}`)) x.chosen = "notInNote";
        candidateExclusions.push(x);
      }
    }
    candidateExclusions.sort((x, y) => y.keyness - x.keyness || y.falsePositives - x.falsePositives || (x.rule + x.term < y.rule + y.term ? -1 : 1));
    candidateExclusions.splice(opts.candidates);
    const changes: ProposedChange[] = chosen.selections.get(id)!.changes.map((c) => {
      const oneOff = new Set(c.fixed.map((i) => groups[i])).size === 1;
      const p: ProposedChange = { change: c.change, key: c.key, kappaBefore: c.kappaBefore, kappaAfter: c.kappaAfter, fixed: c.fixed.map(ref), broken: c.broken.map(ref), oneOff };
      if (c.candidate) p.candidate = c.candidate;
      if (crossValidation) p.folds = stability.get(c.key) ?? 0;
      if (oneOff) {
        diagnostics.push(diagnostic({
          code: "refine-one-off",
          severity: "warning",
          source: SOURCE,
          reason: `The proposed change to code "${id}" (${describeChange(c.change)}) rests on notes of one group only (${groups[c.fixed[0]!]}): it may be one writer's word, not the language`,
          note: "Read the notes it puts right before you merge it; more coded notes from other seminars or sources will tell.",
        }));
      }
      const folds = p.folds === undefined ? "" : `; chosen in ${p.folds} of ${crossValidation!.folds.length} folds`;
      changeNotes.push({ change: c.change, comment: `${describeChange(c.change)}: puts right ${c.fixed.length} notes, puts wrong ${c.broken.length}; κ ${formatKappa(c.kappaBefore)} -> ${formatKappa(c.kappaAfter)} in-sample${folds}${oneOff ? "; ONE GROUP ONLY: check it" : ""}` });
      return p;
    });
    const refinement: CodeRefinement = {
      code: id,
      label: labelOf(code.label),
      category: code.category,
      before: codeFigures(human, b, opts.interval),
      after: codeFigures(human, after.get(id)!, opts.interval),
      rules,
      falsePositives,
      missed: all.filter((i) => missedMask[i]).map(ref),
      candidateTerms,
      candidateExclusions,
      changes,
    };
    if (cvPresence) refinement.crossValidated = codeFigures(human, cvPresence.get(id)!, opts.interval);
    return refinement;
  });

  const pairs = (source: (id: string) => Uint8Array) => codeIds.map((id) => [humanCodes.get(id)!, source(id)] as const);
  const overall: RefineReport["overall"] = {
    before: meanKappa(pairs((id) => base.get(id)!), opts.interval),
    after: meanKappa(pairs((id) => after.get(id)!), opts.interval),
  };
  if (cvPresence) overall.crossValidated = meanKappa(pairs((id) => cvPresence!.get(id)!), opts.interval);

  const extendsName = opts.extends ?? codebook.id;
  const header = [
    `Codebook patch proposed by \`kodebok refine\` from ${notes.length} notes coded by "${coder}".`,
    `Nothing has been applied to codebook "${codebook.id}": review every change marked "refine:" below.`,
    `Use this file as the codebook (--codebook <this file>), or copy the changes into your own codebook.`,
    `It redefines each changed code in full: later edits of those codes in "${extendsName}" are hidden until you merge.`,
    `Mean per-code kappa: ${formatKappa(overall.before.kappa)} now, ${formatKappa(overall.after.kappa)} with this patch in-sample` +
      (overall.crossValidated ? `, ${formatKappa(overall.crossValidated.kappa)} cross-validated (${crossValidation!.k} folds by ${crossValidation!.groupedBy}).` : " (not cross-validated)."),
    ...(chosen.changes.length === 0 ? ["No change raised a code's kappa by the least gain asked for: the patch changes nothing."] : []),
  ];
  const patch = patchCodebook(chosen.refined, codebook, chosen.changes, extendsName);
  const report: RefineReport = {
    codebook: { id: codebook.id, ...(codebook.version ? { version: codebook.version } : {}), title: labelOf(codebook.title) },
    coder,
    notes: notes.length,
    settings: settingsOf(opts),
    codes,
    overall,
    patch: { changes: chosen.changes, yaml: patchYaml(patch, header, changeNotes), extends: extendsName },
    diagnostics,
  };
  if (crossValidation) report.crossValidation = crossValidation;
  return report;
}

function labelOf(text: Codebook["title"]): string {
  return typeof text === "string" ? text : (text.en ?? text.nb ?? text.nn ?? "");
}

function settingsOf(opts: RefineOptions): RefineReport["settings"] {
  return {
    measure: opts.measure,
    correction: opts.correction,
    minNotes: opts.minNotes,
    minGroups: opts.minGroups,
    minPrecision: opts.minPrecision,
    minGain: opts.minGain,
    maxChanges: opts.maxChanges,
    candidates: opts.candidates,
    exclusions: opts.exclusions,
    within: opts.within,
    minLength: opts.minLength,
    language: opts.language,
    interval: { samples: opts.interval.samples, seed: opts.interval.seed, level: opts.interval.level },
  };
}

/**
 * The training set of some notes of the sample: their coding, and the candidate features drawn
 * from them alone (terms from the notes a code missed, context words from the notes a code got
 * wrong), counted in them alone by the matcher.
 */
function buildTraining(
  codebook: Codebook,
  notes: readonly Note[],
  languages: readonly (Language | "und")[],
  groups: readonly string[],
  humanCodes: ReadonlyMap<string, Uint8Array>,
  base: ReadonlyMap<string, Uint8Array>,
  indices: readonly number[],
  opts: RefineOptions,
): TrainingSet {
  const own = indices.map((i) => notes[i]!);
  const human = new Map([...humanCodes].map(([id, row]) => [id, Uint8Array.from(indices, (i) => row[i]!)]));
  const missed: number[] = [];
  const wrong: number[] = [];
  for (const i of indices) {
    let m = false;
    let w = false;
    for (const [id, row] of humanCodes) {
      const p = base.get(id)![i];
      if (row[i] && !p) m = true;
      if (!row[i] && p) w = true;
    }
    if (m) missed.push(i);
    if (w) wrong.push(i);
  }
  const vocabulary = new Set(own.flatMap((n) => tokenize(n.text).map((t) => t.text)));
  const common = { minLength: opts.minLength, languages: codebook.languages, vocabulary };
  const terms = extractFeatures(missed.map((i) => notes[i]!), missed.map((i) => languages[i]!), { ...common, kinds: TERM_KINDS });
  const context = extractFeatures(wrong.map((i) => notes[i]!), wrong.map((i) => languages[i]!), { ...common, kinds: CONTEXT_KINDS }).map((f) => ({ ...f, key: `context:${f.key}`, lang: undefined }));
  const features = [...terms, ...context];
  // Term features are counted as a rule of the code would find them: once per distinct set of
  // code frames (about, notAbout); context words as plain words.
  const contextNotes = featureNotes(context, own, codebook, { notAbout: [] });
  const bySignature = new Map<string, Int32Array[]>();
  const notesOf = new Map<string, Int32Array[]>();
  for (const id of humanCodes.keys()) {
    const code = codebook.codes.find((c) => c.id === id)!;
    const signature = JSON.stringify([code.about ?? null, code.notAbout ?? null]);
    let lists = bySignature.get(signature);
    if (!lists) bySignature.set(signature, (lists = [...featureNotes(terms, own, codebook, { about: code.about, notAbout: code.notAbout }), ...contextNotes]));
    notesOf.set(id, lists);
  }
  return {
    codebook,
    notes: own,
    groups: indices.map((i) => groups[i]!),
    human,
    features,
    notesOf,
    termKeys: new Set(terms.map((f) => f.key)),
    contextKeys: new Set(context.map((f) => f.key)),
  };
}
