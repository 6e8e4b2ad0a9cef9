import { isMap, isSeq, LineCounter, type Document, type Node } from "yaml";
import type { Place } from "../diagnostics/diagnostic.ts";

/** Finds YAML node places for paths into a parsed document (keys and indices, as zod reports them). */
export interface Locator {
  /** The place of the node at the path, or of its nearest existing ancestor. */
  place(path: readonly PropertyKey[]): Place | undefined;
}

/**
 * Makes a locator over a YAML (or JSON) document: a zod issue's `path` leads to the node whose
 * range gives line and column (1-based).
 *
 * @example
 * ```ts
 * const lines = new LineCounter();
 * const doc = parseDocument("codes:\n  - id: x\n", { lineCounter: lines });
 * locator(doc, lines).place(["codes", 0, "id"]); // { line: 2, column: 9 }
 * ```
 */
export function locator(doc: Document, lines: LineCounter): Locator {
  return {
    place(path) {
      let node: unknown = doc.contents;
      let found: Node | undefined = doc.contents ?? undefined;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(key));
          if (!pair) break;
          node = pair.value;
          found = (pair.value as Node | null) ?? (pair.key as Node);
        } else if (isSeq(node) && typeof key === "number") {
          const item = node.items[key];
          if (item === undefined) break;
          node = item;
          found = item as Node;
        } else break;
      }
      const offset = found?.range?.[0];
      if (offset === undefined) return undefined;
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    },
  };
}

export { LineCounter };
