import { Document, isMap, isSeq, visit, type Node as YamlNode } from "yaml";
import type { Code, Codebook, Rule } from "../codebook/codebook.ts";
import type { RefineChange } from "./codebook-patch.ts";

/** The patch codebook as plain data: the changed codes, written out in full, extending the refined codebook. */
export interface PatchCodebook {
  id: string;
  title: string;
  languages: string[];
  extends: string;
  overlap: Codebook["overlap"];
  codes: Record<string, unknown>[];
}

/** A rule with the values that equal the schema's defaults left out. */
function compactRule(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule)) {
    if (value === undefined) continue;
    if (key === "match" && value === "glob") continue;
    if (key === "gap" && value === 0) continue;
    if (key === "negation" && value === "barrier") continue;
    if ((key === "near" || key === "notNear") && value !== null && typeof value === "object") {
      const p = { ...(value as Record<string, unknown>) };
      if (p.within === 5) delete p.within;
      if (p.match === "glob") delete p.match;
      out[key] = p;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** A code with default values (empty lists, default rule settings) left out. */
function compactCode(code: Code): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(code)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = key === "rules" ? (value as Rule[]).map(compactRule) : value;
  }
  return out;
}

/**
 * The patch as a codebook of its own: it `extends:` the refined codebook and redefines the codes
 * that change, in full (a code in an extending codebook replaces the base's code of the same id).
 * Loading it in place of the original gives exactly the refined codebook.
 *
 * @param refined the codebook with the changes applied
 * @param base the codebook as it was
 * @param changes the changes
 * @param extendsName what `extends:` names (the base's file or bundled name)
 * @returns the patch codebook
 * @example
 * ```ts
 * patchCodebook(refined, base, changes, "natland-2021").codes.length; // the codes that changed
 * ```
 */
export function patchCodebook(refined: Codebook, base: Codebook, changes: readonly RefineChange[], extendsName: string): PatchCodebook {
  const changed = new Set(changes.map((c) => c.code));
  return {
    id: /-refined$/u.test(base.id) ? base.id : `${base.id}-refined`,
    title: `${typeof base.title === "string" ? base.title : (base.title.en ?? base.title.nb ?? base.title.nn ?? base.id)} (kodebok refine patch)`,
    languages: [...base.languages],
    extends: extendsName,
    overlap: base.overlap,
    codes: refined.codes.filter((c) => changed.has(c.id)).map(compactCode),
  };
}

/** What one change did, for the comment above it in the patch. */
export interface ChangeNote {
  change: RefineChange;
  /** One line: what it does and why. */
  comment: string;
}

/**
 * The patch as YAML, with a header that says how it was made and what to do with it, and a
 * `# refine:` comment above every rule a change adds or alters. Term lists are written in flow
 * style (`[a, b]`). Deterministic.
 *
 * @param patch the patch codebook
 * @param header the header's lines (without `#`)
 * @param notes a comment per change
 * @returns the YAML text
 * @example
 * ```ts
 * patchYaml(patchCodebook(refined, base, changes, "natland-2021"), ["Proposed by kodebok refine"], []);
 * ```
 */
export function patchYaml(patch: PatchCodebook, header: readonly string[], notes: readonly ChangeNote[]): string {
  const doc = new Document(patch);
  doc.commentBefore = header.map((l) => (l === "" ? "" : ` ${l}`)).join("\n");
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => !isMap(item) && !isSeq(item))) node.flow = true;
    },
  });
  const codes = patch.codes;
  for (const { change, comment } of notes) {
    const c = codes.findIndex((code) => code.id === change.code);
    if (c < 0) continue;
    const rules = (codes[c]!.rules as { id?: string }[] | undefined) ?? [];
    const ruleId = change.kind === "add-rule" ? change.rule.id : change.rule;
    const r = rules.findIndex((rule) => rule.id === ruleId);
    const node = (r >= 0 ? doc.getIn(["codes", c, "rules", r], true) : doc.getIn(["codes", c], true)) as YamlNode | undefined;
    if (!node) continue;
    const line = ` refine: ${comment}`;
    node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${line}` : line;
  }
  return doc.toString({ lineWidth: 0 });
}
