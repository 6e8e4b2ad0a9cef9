import type { Align } from "./text-table.ts";
import { describeChange, formatKappa } from "../refine/describe-change.ts";
import type { CodeFigures } from "../refine/code-figures.ts";
import type { NoteRef, RefineReport } from "../refine/refine-report.ts";
import { KODEBOK_VERSION, reportRedactor, type ReportOptions } from "./report-options.ts";

/** One block of a refine report, rendered the same way as text, Markdown and HTML. */
export type RefineBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; caption: string; header: string[]; rows: string[][]; align: Align[] }
  | { kind: "notes"; caption: string; notes: { id: string; text: string; group: string; mark?: string }[] }
  | { kind: "code"; caption: string; text: string };

/** Options of the refine reports: redaction of quoted notes (default on), whether to include the patch. */
export interface RefineReportOptions extends Pick<ReportOptions, "redact" | "version"> {
  /** Include the patch's YAML at the end (default true), or say where it was written (a path). */
  patch?: boolean | string;
  /** Most missed notes quoted per code (default 20; the JSON report has them all). */
  missed?: number;
}

const KIND_WORDS: Record<string, string> = { word: "word", phrase: "phrase", stem: "stem", prefix: "prefix glob", suffix: "compound end" };

const num = (x: number | undefined, digits = 2): string => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits));
const signed = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "–" : `${x >= 0 ? "+" : ""}${x.toFixed(3)}`);
const withInterval = (f: Pick<CodeFigures, "kappa" | "interval"> | undefined): string => {
  if (!f) return "–";
  const i = f.interval;
  return i && Number.isFinite(i.lower) ? `${num(f.kappa)} [${num(i.lower)}, ${num(i.upper)}]` : num(f.kappa);
};
const ids = (notes: readonly NoteRef[]): string => notes.map((n) => n.id).join(", ");

/**
 * The blocks of a refine report: the agreement table per code (now, with the patch in-sample,
 * cross-validated), the folds, and per code its rules, the false positives most harmful first,
 * the missed notes, the candidate terms and exclusions with their keyness, the proposed changes
 * with the notes they put right and wrong; then the patch. Note texts are redacted unless
 * `redact: false`.
 *
 * @param report the result of `refineCodebook`
 * @param options redaction, and whether to include the patch
 * @returns the blocks, in order
 * @example
 * ```ts
 * refineBlocks(report)[0]; // { kind: "heading", level: 1, text: "kodebok refine: ..." }
 * ```
 */
export function refineBlocks(report: RefineReport, options: RefineReportOptions = {}): RefineBlock[] {
  const mask = reportRedactor(options);
  const quote = (n: NoteRef, mark?: string) => ({ id: n.id, text: mask(n.text, n.language), group: n.group, ...(mark ? { mark } : {}) });
  const s = report.settings;
  const cv = report.crossValidation;
  const out: RefineBlock[] = [];
  out.push({ kind: "heading", level: 1, text: `kodebok refine: ${report.codebook.title} (${report.codebook.id}${report.codebook.version ? ` ${report.codebook.version}` : ""}) against coder "${report.coder}"` });
  out.push({
    kind: "paragraph",
    text:
      `${report.notes} notes coded by "${report.coder}". kappa: Cohen's kappa of the coder's and kodebok's coding, per code; ` +
      `${Math.round(s.interval.level * 100)}% percentile bootstrap intervals over notes (${s.interval.samples} samples, seed ${s.interval.seed}). ` +
      `"With patch" is in-sample: the changes were chosen on these notes, so it flatters. ` +
      (cv
        ? `"Cross-validated": the whole search repeated ${cv.k} times, each time on the notes of ${cv.k - 1} folds (grouped by ${cv.groupedBy}; ${cv.groups} groups, none split), and each note coded by the patch chosen without its fold: the figure to expect on new notes of the same kind.`
        : "Not cross-validated."),
  });
  out.push({
    kind: "paragraph",
    text:
      `Candidates are ranked by keyness: ${s.measure === "lr" ? "log-likelihood G²" : "chi²"} with ${s.correction === "default" ? "quanteda's default (Yates)" : s.correction === "none" ? "no" : `${s.correction === "williams" ? "Williams's" : "Yates's"}`} correction, ` +
      `as quanteda's textstat_keyness(), counted in notes. A candidate must be found in at least ${s.minNotes} of the notes it is for; ` +
      `a change is proposed only when it raises the code's kappa by ${s.minGain} or more, puts right at least ${s.minNotes} notes from at least ${s.minGroups} group${s.minGroups === 1 ? "" : "s"}, ` +
      `and (an added term) is right on at least ${Math.round(s.minPrecision * 100)}% of the notes it newly codes; at most ${s.maxChanges} changes per code.`,
  });

  const rows = report.codes.map((c) => [
    c.code,
    String(c.before.human),
    String(c.before.kodebok),
    String(c.before.tp),
    String(c.before.fp),
    String(c.before.fn),
    num(c.before.precision),
    num(c.before.recall),
    withInterval(c.before),
    withInterval(c.after),
    ...(cv ? [withInterval(c.crossValidated)] : []),
    String(c.changes.length),
  ]);
  const blank = (n: number) => Array.from({ length: n }, () => "");
  rows.push(["mean", ...blank(7), withInterval(report.overall.before), withInterval(report.overall.after), ...(cv ? [withInterval(report.overall.crossValidated)] : []), String(report.patch.changes.length)]);
  out.push({
    kind: "table",
    caption: "Agreement per code",
    header: ["code", "coder", "kodebok", "TP", "FP", "FN", "precision", "recall", "kappa now", "with patch (in-sample)", ...(cv ? ["cross-validated"] : []), "changes"],
    rows,
    align: ["left", "right", "right", "right", "right", "right", "right", "right", "left", "left", ...(cv ? ["left" as const] : []), "right"],
  });
  if (cv) {
    out.push({
      kind: "table",
      caption: "Cross-validation folds (mean per-code kappa on the held-out notes)",
      header: ["fold", "held-out notes", "groups", "kappa now", "with the fold's patch", "changes chosen without the fold"],
      rows: cv.folds.map((f) => [String(f.fold + 1), String(f.notes), String(f.groups.length), num(f.before), num(f.after), String(f.changes.length)]),
      align: ["right", "right", "right", "right", "right", "right"],
    });
  }

  for (const c of report.codes) {
    out.push({ kind: "heading", level: 2, text: `${c.code}: ${c.label}` });
    const cvText = c.crossValidated ? `, ${num(c.crossValidated.kappa)} cross-validated` : "";
    out.push({ kind: "paragraph", text: `kappa ${num(c.before.kappa)} now, ${num(c.after.kappa)} with the patch in-sample${cvText}. The coder gave it to ${c.before.human} notes, kodebok to ${c.before.kodebok}: ${c.before.tp} both, ${c.before.fp} false positives, ${c.before.fn} missed.` });
    out.push({
      kind: "table",
      caption: `Rules of ${c.code}`,
      header: ["rule", "hits", "TP", "FP", "precision", "kappa if removed", "change"],
      rows: c.rules.map((r) => [r.rule, String(r.hits), String(r.tp), String(r.fp), num(r.precision), num(r.kappaIfRemoved), signed(r.harm)]),
      align: ["left", "right", "right", "right", "right", "right", "right"],
    });
    if (c.falsePositives.length > 0) {
      out.push({
        kind: "table",
        caption: `False positives of ${c.code}, most harmful first (kappa change if the term were removed)`,
        header: ["rule", "term", "TP", "FP", "precision", "kappa change if removed", "notes coded wrongly"],
        rows: c.falsePositives.map((f) => [f.rule, f.term, String(f.tp), String(f.fp), num(f.precision), signed(f.harm), ids(f.notes)]),
        align: ["left", "left", "right", "right", "right", "right", "left"],
      });
      const shown = c.falsePositives.slice(0, 3).flatMap((f) => f.notes.slice(0, 2).map((n) => quote(n, `${f.rule} "${f.term}"`)));
      if (shown.length > 0) out.push({ kind: "notes", caption: "Notes coded wrongly by the most harmful terms", notes: shown });
    }
    const most = options.missed ?? 20;
    const more = c.missed.length > most ? `; the first ${most} here, all in the JSON report` : "";
    out.push({ kind: "notes", caption: `Missed notes of ${c.code} (${c.missed.length}${more}): the coder coded them, kodebok did not`, notes: c.missed.slice(0, most).map((n) => quote(n)) });
    if (c.candidateTerms.length > 0) {
      out.push({
        kind: "table",
        caption: `Candidate terms for the missed notes of ${c.code} (keyness: missed notes against the notes the coder did not give ${c.code})`,
        header: ["term", "kind", "missed", "other", "found", "keyness", "groups", "proposed", "words", "missed notes"],
        rows: c.candidateTerms.map((t) => [
          t.term + (t.lang ? ` [${t.lang.join(", ")}]` : ""),
          KIND_WORDS[t.kind] ?? t.kind,
          String(t.missed),
          String(t.other),
          String(t.found),
          num(t.keyness),
          t.oneOff ? "1 (one-off?)" : String(t.groups),
          t.chosen ? "yes" : "",
          t.kind === "word" || t.kind === "phrase" ? "" : t.words.join(", "),
          ids(t.examples),
        ]),
        align: ["left", "left", "right", "right", "right", "right", "right", "left", "left", "left"],
      });
    }
    if (c.candidateExclusions.length > 0) {
      out.push({
        kind: "table",
        caption: `Candidate exclusions for ${c.code} (keyness: a rule's false positives against the code's true positives)`,
        header: ["rule", "context word", "FP with it", "TP with it", "keyness", "groups", "proposed", "false positives"],
        rows: c.candidateExclusions.map((x) => [x.rule, x.term, String(x.falsePositives), String(x.truePositives), num(x.keyness), x.oneOff ? "1 (one-off?)" : String(x.groups), x.chosen ?? "", ids(x.examples)]),
        align: ["left", "left", "right", "right", "right", "right", "left", "left"],
      });
    }
    if (c.changes.length > 0) {
      out.push({
        kind: "table",
        caption: `Proposed changes to ${c.code}, in the order chosen (in-sample kappa before -> after each)`,
        header: ["#", "change", "puts right", "puts wrong", "kappa", ...(cv ? ["folds"] : []), "note"],
        rows: c.changes.map((p, i) => [
          String(i + 1),
          describeChange(p.change),
          String(p.fixed.length),
          String(p.broken.length),
          `${formatKappa(p.kappaBefore)} -> ${formatKappa(p.kappaAfter)}`,
          ...(cv ? [`${p.folds ?? 0} of ${cv.folds.length}`] : []),
          p.oneOff ? "one group only: check it" : "",
        ]),
        align: ["right", "left", "right", "right", "left", ...(cv ? ["right" as const] : []), "left"],
      });
      const shown = c.changes.flatMap((p, i) => [
        ...p.fixed.slice(0, 2).map((n) => quote(n, `#${i + 1} puts right`)),
        ...p.broken.slice(0, 2).map((n) => quote(n, `#${i + 1} puts wrong`)),
      ]);
      out.push({ kind: "notes", caption: "Notes the changes put right and wrong", notes: shown });
    } else {
      out.push({ kind: "paragraph", text: `No change to ${c.code} met the conditions.` });
    }
  }

  const warnings = report.diagnostics.filter((d) => d.severity !== "info");
  if (warnings.length > 0) {
    out.push({ kind: "heading", level: 2, text: "Warnings" });
    for (const d of warnings) out.push({ kind: "paragraph", text: `${d.reason} [${d.code}]` });
  }
  out.push({ kind: "heading", level: 2, text: "The patch" });
  if (options.patch === false) {
    out.push({ kind: "paragraph", text: "The patch is not included here." });
  } else if (typeof options.patch === "string") {
    out.push({ kind: "paragraph", text: `The patch (${report.patch.changes.length} changes) was written to ${options.patch}: a codebook that extends "${report.patch.extends}". Review it, then use it as the codebook or copy its changes into yours; nothing was applied.` });
  } else {
    out.push({ kind: "paragraph", text: `A codebook that extends "${report.patch.extends}" (${report.patch.changes.length} changes). Review it, then use it as the codebook or copy its changes into yours; nothing was applied.` });
    out.push({ kind: "code", caption: "patch.yaml", text: report.patch.yaml });
  }
  out.push({ kind: "paragraph", text: `Made with kodebok ${options.version ?? KODEBOK_VERSION}.` });
  return out;
}
