import { describe, expect, it } from "vitest";
import { compareCodings } from "../../src/agreement/compare-codings.ts";
import { JUPYTER_DISPLAY as DISPLAY_SYMBOL, type AsyncDisplayable, type MediaBundle } from "../../src/display/notebook-display.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { rollUp } from "../../src/rollup/roll-up.ts";
import { categoryChartSpec } from "../../src/report/charts.ts";
import { JUPYTER_DISPLAY, chartBundles, codedBundle, displayChart, displayCoded, displayReport, displayable, showSummary, withDisplay } from "../../src/report/jupyter.ts";
import { coded, codebook, makeSummary, summary } from "./sample.ts";

const shown = async (value: unknown): Promise<MediaBundle> => {
  const method = (value as Partial<AsyncDisplayable>)[JUPYTER_DISPLAY];
  expect(typeof method, "a Jupyter display method").toBe("function");
  return await (method as () => MediaBundle | Promise<MediaBundle>).call(value);
};

describe("Jupyter display", () => {
  it("uses the symbol Deno's kernel looks for", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
    expect(DISPLAY_SYMBOL).toBe(JUPYTER_DISPLAY);
  });

  it("displayable() shows a roll-up as HTML, Markdown and text, with no chart in the same bundle", () => {
    const bundle = displayable(summary, { coded })[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/markdown", "text/plain"]);
    expect(bundle["text/html"]).toContain('<div class="kodebok-report" lang="nb">');
    expect(bundle["text/html"]).toContain("Fikk direktenummeret [telefon]");
    expect(bundle["text/html"]).not.toContain("<svg");
    expect(bundle["text/markdown"]).toContain("| Tid | 6 | 54,5 % | 4 | 2 | 6 | 4 | 2 |");
    expect(bundle["text/plain"]).toContain("  Tid: 6 (54,5 %; hjelpsomt 4, hindring 2)");
  });

  it("chartBundles() gives each of the report's charts a bundle of its own: SVG, Vega-Lite spec and its title", async () => {
    const charts = await chartBundles(summary, { coded });
    expect(charts.map((c) => c["text/plain"]?.split(":")[0])).toEqual([
      "Temaer per kategori", "Tema per seminar", "Tema per gruppe", "Tema per spørsmål", "Temaer som forekommer sammen",
    ]);
    for (const chart of charts) {
      expect(chart["image/svg+xml"]).toMatch(/^<svg /);
      expect(chart["text/html"]).toBe(`<img src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart["image/svg+xml"] ?? "")}" alt="${chart["text/plain"]}" style="max-width:100%;height:auto">`);
      expect(chart["application/vnd.vegalite.v5+json"]).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" });
    }
    expect(charts[0]?.["image/svg+xml"]).toContain('aria-roledescription="bar"');
    // each chart drawn with its title, which the report's figure caption gives it there
    expect(charts[1]?.["image/svg+xml"]).toContain("Tema per seminar</text>");
    expect(charts[1]?.["application/vnd.vegalite.v5+json"]).toMatchObject({ title: { text: "Tema per seminar" } });
  });

  it("showSummary() outside the kernel is the report's bundle", async () => {
    expect(await showSummary(summary, { coded })).toEqual(displayable(summary, { coded })[JUPYTER_DISPLAY]());
  });

  it("a roll-up from rollUp() shows as the report, with the coded notes' tables, and JSON does not see it", async () => {
    const notes = coded.map((c) => c.note);
    const book = { ...codebook };
    const fresh = rollUp(codeNotes(notes, book, { language: "nb" }), book, { language: "nb" });
    const bundle = await shown(fresh);
    expect(bundle["text/html"]).toContain('<div class="kodebok-report" lang="nb">');
    expect(bundle["text/html"]).toContain('<figure id="figure-by-seminar"');
    expect(Object.keys(fresh)).not.toContain(String(JUPYTER_DISPLAY));
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(JSON.parse(JSON.stringify(rollUp(codeNotes(notes, book, { language: "nb" }), book, { language: "nb" }))));
    expect(structuredClone(fresh)).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it("a roll-up made with redact: false shows its quotes as written", async () => {
    const notes = coded.map((c) => c.note);
    const open = rollUp(codeNotes(notes, codebook, { language: "nb" }), codebook, { language: "nb", redact: false });
    expect((await shown(open))["text/html"]).toContain("22 33 44 55");
    expect((await shown(rollUp(codeNotes(notes, codebook, { language: "nb" }), codebook, { language: "nb" })))["text/html"]).not.toContain("22 33 44 55");
  });

  it("coded notes from codeNotes() show as a table of the first 20, saying how many more", async () => {
    const many = codeNotes(Array.from({ length: 23 }, (_, i) => ({ id: `n${i + 1}`, text: i % 2 ? "Hun tok seg tid" : "Ingenting" })), codebook, { language: "nb" });
    const bundle = await shown(many);
    expect(bundle["text/plain"]?.split("\n")).toEqual([...Array.from({ length: 20 }, (_, i) => `n${i + 1}: ${i % 2 ? "time" : "-"}`), "… 3 more"]);
    expect(bundle["text/html"]).toContain("<p>… 3 more</p>");
    expect(JSON.parse(JSON.stringify(many))).toHaveLength(23);
  });

  it("a comparison from compareCodings() shows as the agreement table", async () => {
    const human = coded.flatMap((c) => c.codes.map((a) => ({ note: c.note.id, coder: "anna", code: a.code })));
    const bundle = await shown(compareCodings(human, coded, { codebook }));
    expect(bundle["text/html"]).toContain('<table class="kodebok-agreement"><caption>Kodere: anna, kodebok');
    expect(bundle["text/markdown"]).toContain("| Relasjon |");
  });

  it("withDisplay() gives the roll-up other report options without changing its data", async () => {
    const s = withDisplay(makeSummary(), { coded, redact: { roster: ["Kari"] } });
    expect((await shown(s))["text/html"]).toContain("[navn] sin veileder");
    expect(JSON.parse(JSON.stringify(s))).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(Object.keys(s)).toEqual(Object.keys(summary));
  });

  it("displayReport() draws the charts into the HTML", async () => {
    const bundle = (await displayReport(summary, { coded }))[JUPYTER_DISPLAY]();
    expect((bundle["text/html"]?.match(/<svg /g) ?? []).length).toBe(5);
  });

  it("displays coded notes and single charts, drawing the chart when no SVG is given", async () => {
    const bundle = displayCoded(coded, { limit: 2 })[JUPYTER_DISPLAY]();
    expect(bundle["text/plain"]).toBe("b1: time, relation\nb2: time\n… 11 more");
    expect(bundle["text/html"]).toContain("<td>Fikk direktenummeret [telefon] og kunne ringe når som helst, tid til meg</td>");
    expect(bundle["text/html"]).toContain("… 11 more");
    expect(codedBundle(coded.slice(0, 3), { limit: 2 })["text/plain"]).toBe("b1: time, relation\nb2: time\n… 1 more");
    const chart = await displayChart({ description: "x", mark: "bar" }, "<svg/>")[JUPYTER_DISPLAY]();
    expect(chart).toEqual({
      "text/plain": "x",
      "text/html": '<img src="data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E" alt="x" style="max-width:100%;height:auto">',
      "application/vnd.vegalite.v5+json": { description: "x", mark: "bar" },
      "image/svg+xml": "<svg/>",
    });
    const drawn = await displayChart(categoryChartSpec(summary, "nb"))[JUPYTER_DISPLAY]();
    expect(drawn["image/svg+xml"]).toContain('aria-roledescription="bar"');
  });
});
