import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY, displayChart, displayCoded, displayReport, displayable, withDisplay } from "../../src/report/jupyter.ts";
import { coded, makeSummary, summary } from "./sample.ts";

describe("Jupyter display", () => {
  it("uses the symbol Deno's kernel looks for", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });

  it("displayable() shows a roll-up as HTML, Markdown, text and a Vega-Lite spec", () => {
    const bundle = displayable(summary, { coded })[JUPYTER_DISPLAY]();
    expect(bundle["text/html"]).toContain('<div class="kodebok-report" lang="nb">');
    expect(bundle["text/html"]).toContain("Fikk direktenummeret [telefon]");
    expect(bundle["text/html"]).not.toContain("<svg");
    expect(bundle["text/markdown"]).toContain("| Tid | 6 | 54,5 % | 4 | 2 | 6 | 4 | 2 |");
    expect(bundle["text/plain"]).toContain("  Tid: 6 (54,5 %; hjelpsomt 4, hindring 2)");
    const spec = bundle["application/vnd.vegalite.v5+json"] as { $schema: string; data: { values: unknown[] } };
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(spec.data.values).toHaveLength(9);
  });

  it("displayReport() draws the charts into the HTML", async () => {
    const bundle = (await displayReport(summary, { coded }))[JUPYTER_DISPLAY]();
    expect((bundle["text/html"]?.match(/<svg /g) ?? []).length).toBe(5);
  });

  it("withDisplay() makes the roll-up itself displayable without changing its data", () => {
    const s = withDisplay(makeSummary());
    expect(s[JUPYTER_DISPLAY]()["text/markdown"]).toContain("## Kategorier og temaer");
    expect(JSON.parse(JSON.stringify(s))).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(Object.keys(s)).toEqual(Object.keys(summary));
  });

  it("displays coded notes and single charts", () => {
    const bundle = displayCoded(coded, { limit: 2 })[JUPYTER_DISPLAY]();
    expect(bundle["text/plain"]).toBe("b1: time, relation\nb2: time");
    expect(bundle["text/html"]).toContain("<td>Fikk direktenummeret [telefon] og kunne ringe når som helst, tid til meg</td>");
    expect(bundle["text/html"]).toContain("… 11 more");
    const chart = displayChart({ description: "x", mark: "bar" }, "<svg/>")[JUPYTER_DISPLAY]();
    expect(chart).toEqual({ "text/plain": "x", "application/vnd.vegalite.v5+json": { description: "x", mark: "bar" }, "image/svg+xml": "<svg/>" });
  });
});
