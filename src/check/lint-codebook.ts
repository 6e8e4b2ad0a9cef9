import { checkOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { isMap, isSeq, parseDocument } from "yaml";
import type { Codebook, DimensionCode, Example } from "../codebook/codebook.ts";
import { LineCounter, locator } from "../codebook/locate.ts";
import { diagnostic, type Diagnostic, type Place } from "../diagnostics/diagnostic.ts";
import { codeNote } from "../match/code-note.ts";
import { compileCodebook } from "../match/compile.ts";

/** Options of {@link lintCodebookExamples}. */
export interface LintCodebookOptions {
  /** The codebook file's text, to locate each example at its line and column. */
  text?: string;
  /** The file name for messages. */
  file?: string;
}

const LintCodebookOptionsSchema: z.ZodType<LintCodebookOptions, unknown> = z.object({ text: z.string().optional(), file: z.string().optional() }).strict();

/**
 * Tests every worked example of every code (the themes, and the codes of further dimensions such
 * as the actors) against the codebook's own rules: each of a code's
 * `examples` must be coded with that code (and with the example's polarity, when it gives one),
 * and none of its `nonExamples` may be. Each miss is an error diagnostic, located at the example
 * in the codebook file when its text is given. Pure.
 *
 * @param codebook a validated codebook (with `extends` resolved)
 * @param options the file's text and name, for located messages
 * @returns the findings; empty when every example behaves as documented
 * @example
 * ```ts
 * const codebook = await loadCodebook("natland-2021");
 * for (const d of lintCodebookExamples(codebook)) console.error(formatDiagnostic(d));
 * ```
 */
export function lintCodebookExamples(codebook: Codebook, options: LintCodebookOptions = {}): Diagnostic[] {
  options = checkOptions(LintCodebookOptionsSchema, options, "lint the codebook", "kodebok:check");
  const matcher = compileCodebook(codebook);
  const places = exampleLocator(options.text);
  const findings: Diagnostic[] = [];
  const file = options.file;
  // The themes, then the codes of each further dimension (found in the coded note's `dimensions`).
  const owners: { code: DimensionCode; dimension?: string }[] = [
    ...codebook.codes.map((code) => ({ code })),
    ...(codebook.dimensions ?? []).flatMap((d) => d.codes.map((code) => ({ code, dimension: d.id }))),
  ];
  for (const { code, dimension } of owners) {
    const check = (kind: "examples" | "nonExamples", example: Example, index: number) => {
      const { text, lang, polarity } = typeof example === "string" ? { text: example, lang: undefined, polarity: undefined } : example;
      const note = { id: `${code.id}.${kind}.${index + 1}`, text, ...(lang ? { language: lang } : {}) };
      // An example without a language is read in the codebook's language when it has only one.
      const coded = codeNote(note, matcher, lang ?? (codebook.languages.length === 1 ? codebook.languages[0]! : "auto"));
      const found = dimension === undefined ? coded.codes : (coded.dimensions?.[dimension] ?? []).map((a) => ({ ...a, polarity: a.polarity ?? "helpful" as const }));
      const applications = found.filter((a) => a.code === code.id);
      const start = places(code.id, kind, index, dimension);
      const base = { file, ...(start ? { start } : {}), field: `${dimension === undefined ? "codes" : `dimensions.${dimension}.codes`}.${code.id}.${kind}[${index}]`, actual: text, source: "kodebok:lint" } as const;
      if (kind === "examples" && applications.length === 0) {
        const others = found.map((a) => a.code).filter((c) => c !== code.id);
        findings.push(
          diagnostic({
            ...base,
            code: "codebook-example-not-found",
            severity: "error",
            reason: `Example ${index + 1} of code "${code.id}" is not found by its rules: "${text}"${others.length ? ` (coded as ${[...new Set(others)].join(", ")})` : ""}`,
            note: "Add a term or rule that matches it, or move it out of the examples.",
          }),
        );
      } else if (kind === "examples" && polarity && !applications.some((a) => a.polarity === polarity)) {
        findings.push(
          diagnostic({
            ...base,
            code: "codebook-example-wrong-polarity",
            severity: "error",
            reason: `Example ${index + 1} of code "${code.id}" is found as ${applications.map((a) => a.polarity).join(" and ")}, not ${polarity}: "${text}"`,
            expected: polarity,
          }),
        );
      } else if (kind === "nonExamples" && applications.length > 0) {
        const evidence = applications.flatMap((a) => a.evidence.map((e) => `"${e.text}" (rule ${e.rule})`));
        findings.push(
          diagnostic({
            ...base,
            code: "codebook-non-example-found",
            severity: "error",
            reason: `Non-example ${index + 1} of code "${code.id}" is found by its rules: "${text}" matched ${[...new Set(evidence)].join(", ")}`,
            note: "Narrow the rule (an exclusion, notNear or notInNote), or move it out of the non-examples.",
          }),
        );
      }
    };
    code.examples.forEach((e, i) => check("examples", e, i));
    code.nonExamples.forEach((e, i) => check("nonExamples", e, i));
  }
  return findings;
}

/** Places of examples in the codebook text, by code id (codes from a base codebook have none). */
function exampleLocator(text: string | undefined): (code: string, kind: string, index: number, dimension?: string) => Place | undefined {
  if (text === undefined) return () => undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/u, ""), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) return () => undefined;
  /** Path of each code by id: `codes.<i>`, or `dimensions.<d>.codes.<i>` under `<dimension>:`. */
  const pathOf = new Map<string, (string | number)[]>();
  const index = (codes: unknown, base: (string | number)[], key: (id: string) => string) => {
    if (!isSeq(codes)) return;
    codes.items.forEach((item, i) => {
      const id = isMap(item) ? item.get("id") : undefined;
      if (typeof id === "string" && !pathOf.has(key(id))) pathOf.set(key(id), [...base, i]);
    });
  };
  if (isMap(doc.contents)) {
    index(doc.contents.get("codes", true), ["codes"], (id) => id);
    const dimensions = doc.contents.get("dimensions", true);
    if (isSeq(dimensions)) {
      dimensions.items.forEach((d, i) => {
        const id = isMap(d) ? d.get("id") : undefined;
        if (isMap(d) && typeof id === "string") index(d.get("codes", true), ["dimensions", i, "codes"], (code) => `${id}:${code}`);
      });
    }
  }
  const place = locator(doc, lines);
  return (code, kind, i, dimension) => {
    const path = pathOf.get(dimension === undefined ? code : `${dimension}:${code}`);
    return path === undefined ? undefined : place.place([...path, kind, i]);
  };
}
