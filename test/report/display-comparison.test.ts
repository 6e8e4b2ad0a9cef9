import { describe, expect, it } from "vitest";
import { compareCodings } from "../../src/agreement/compare-codings.ts";
import type { Coding } from "../../src/codings/coding.ts";
import { comparisonTable, displayComparison } from "../../src/report/display-comparison.ts";
import { JUPYTER_DISPLAY } from "../../src/report/jupyter.ts";
import { codebook, coded } from "./sample.ts";

// A hand coding of the 13 sample notes that differs from the machine's on two notes:
// b2 has no "time" by hand, and r1 has "reciprocity" by hand besides "choice".
const hand: Coding[] = coded.flatMap((c) =>
  c.codes.filter((a) => !(c.note.id === "b2" && a.code === "time")).map((a) => ({ note: c.note.id, coder: "hand", code: a.code })),
);
hand.push({ note: "r1", coder: "hand", code: "reciprocity" });
const notes = coded.map((c) => c.note);

describe("displayComparison()", () => {
  const comparison = compareCodings({ notes, codings: hand }, coded, { codebook, interval: false });

  it("tabulates agreement per theme, per category and pooled, with labels from the codebook", () => {
    const rows = comparisonTable(comparison, { codebook });
    // time: hand 5 notes, kodebok 6, 12 of 13 notes agree; kappa = (12/13 - pe) / (1 - pe), pe = (5*6 + 8*7)/169
    const pe = (5 * 6 + 8 * 7) / 169;
    const kappa = (12 / 13 - pe) / (1 - pe);
    expect(rows.find((r) => r[0] === "Tid")).toEqual(["Tid", "13", "92,3 %", kappa.toFixed(2).replace(".", ","), expect.any(String), "5 / 6"]);
    expect(rows.find((r) => r[0] === "Kunnskap")?.[2]).toBe("100,0 %");
    expect(rows.map((r) => r[0])).toContain("Betydningen av kunnskap");
    expect(rows.at(-1)?.[0]).toBe("Samlet (note × tema)");
    expect(rows.at(-1)?.[1]).toBe(String(13 * 6));
  });

  it("shows HTML, Markdown and text in a notebook", () => {
    const bundle = displayComparison(comparison, { codebook, language: "en" })[JUPYTER_DISPLAY]();
    expect(bundle["text/html"]).toContain("<caption>Coders: hand, kodebok (Cohen&#39;s kappa, Krippendorff&#39;s alpha)</caption>");
    expect(bundle["text/markdown"]).toContain("| Theme | Units | Agreement | Kappa (95% CI) | Alpha (95% CI) | coded: hand / kodebok |");
    expect(bundle["text/plain"]?.split("\n")).toHaveLength(6 + 2 + 1);
  });
});
