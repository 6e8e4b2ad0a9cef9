import type { RefineChange } from "./codebook-patch.ts";

/**
 * A change in words, for reports and the patch's comments.
 *
 * @param change the change
 * @returns a short description
 * @example
 * ```ts
 * describeChange({ kind: "remove-term", code: "time", rule: "time.terms", term: "lite" }); // 'remove "lite" from rule time.terms'
 * ```
 */
export function describeChange(change: RefineChange): string {
  switch (change.kind) {
    case "add-rule": {
      const term = Array.isArray(change.rule.terms) ? change.rule.terms.join(", ") : Object.values(change.rule.terms).flat().join(", ");
      const how = change.rule.match === "stem" ? " (stem)" : "";
      const lang = change.rule.lang === undefined ? "" : ` [${[change.rule.lang].flat().join(", ")}]`;
      return `add rule ${change.rule.id}: "${term}"${how}${lang}`;
    }
    case "add-condition":
      return change.condition === "notNear"
        ? `rule ${change.rule}: notNear "${change.term}" (within ${change.within ?? 5})`
        : `rule ${change.rule}: notInNote "${change.term}"`;
    case "remove-term":
      return `remove "${change.term}" from rule ${change.rule}`;
  }
}

/**
 * A kappa (or any coefficient) with two decimals, `–` when undefined.
 *
 * @param x the value
 * @returns the text
 * @example
 * ```ts
 * formatKappa(0.4567); // "0.46"
 * ```
 */
export function formatKappa(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2);
}
