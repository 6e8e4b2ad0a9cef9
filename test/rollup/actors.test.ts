// Dimensions, attribution and the theme × actor table on the hand-checked fixture in
// fixtures/actors/ (its README gives the expected values, worked out by hand).
import { describe, expect, it } from "vitest";
import {
  codeMatrix,
  codeNotes,
  crossTable,
  crossTableToCsv,
  crossTableToJson,
  crossTableToMarkdown,
  displayCoded,
  displayCrossTable,
  JUPYTER_DISPLAY,
  loadCodebook,
  loadNotes,
  rollUp,
  summaryBundle,
  toCsv,
  toJson,
  toMarkdown,
  type Codebook,
  type CodedNote,
  type Note,
} from "../../src/index.ts";
import { reportBody } from "../../src/report/html.ts";
import { crossTableToHtml } from "../../src/report/cross-report.ts";
import { summaryToText } from "../../src/cli/summary-text.ts";
import { style } from "../../src/cli/io.ts";
import { kodebokInProcess } from "../cli/run-cli.ts";
import { tempDir } from "../support/temp-dir.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import readXlsxFile from "read-excel-file/universal";

const CODEBOOK = "fixtures/actors/codebook.yaml";
const NOTES = "fixtures/actors/notes.csv";

async function fixture(): Promise<{ codebook: Codebook; notes: Note[]; coded: CodedNote[] }> {
  const codebook = await loadCodebook(CODEBOOK);
  const { notes } = await loadNotes(NOTES);
  return { codebook, notes, coded: codeNotes(notes, codebook, { language: "nb" }) };
}

const byId = (coded: readonly CodedNote[], id: string): CodedNote => coded.find((c) => c.note.id === id)!;
const ties = (c: CodedNote) => (c.attributions ?? []).map((a) => `${a.code}/${a.polarity}->${a.value} (${a.basis})`);

describe("attribution of theme mentions to actors", () => {
  it("ties each theme mention to the nearest actor in its sentence, as the fixture's README works out", async () => {
    const { coded } = await fixture();
    expect(ties(byId(coded, "a1"))).toEqual(["time/helpful->gp (sentence)", "time/barrier->nav (sentence)"]);
    expect(ties(byId(coded, "a2"))).toEqual(["time/helpful->nav (sentence)", "knowledge/helpful->nav (note)"]);
    expect(ties(byId(coded, "a3"))).toEqual(["time/helpful->nav (default)"]);
    expect(ties(byId(coded, "a4"))).toEqual([]);
    expect(ties(byId(coded, "a5"))).toEqual(["knowledge/helpful->gp (sentence)"]);
    expect(ties(byId(coded, "a6"))).toEqual(["time/barrier->nav (sentence)"]);
    expect(ties(byId(coded, "a7"))).toEqual([]);
    expect(ties(byId(coded, "a8"))).toEqual(["knowledge/helpful->gp (default)"]);
    expect(ties(byId(coded, "a9"))).toEqual(["time/helpful->gp (previous)"]);
  });

  it("gives both spans as evidence, and the attribute a default came from", async () => {
    const { coded } = await fixture();
    const [helpful, barrier] = byId(coded, "a1").attributions!;
    expect(helpful!.evidence.map((e) => [e.text, e.start, e.end])).toEqual([["tok seg tid", 6, 17], ["Legen", 0, 5]]);
    expect(barrier!.evidence.map((e) => e.text)).toEqual(["tid", "Nav"]);
    const fallback = byId(coded, "a3").attributions![0]!;
    expect(fallback.evidence.map((e) => e.text)).toEqual(["tid"]);
    expect(fallback.attribute).toBe("service");
  });

  it("keeps the actors out of codes: codes holds the themes only", async () => {
    const { coded } = await fixture();
    expect(byId(coded, "a4").codes).toEqual([]);
    expect(byId(coded, "a1").codes.map((c) => c.code)).toEqual(["time", "time"]);
    expect(byId(coded, "a1").dimensions!.actors!.map((a) => [a.code, a.evidence.map((e) => e.text)])).toEqual([["nav", ["Nav"]], ["gp", ["Legen"]]]);
    // Actors have no polarity in this dimension, and their evidence carries none.
    expect(byId(coded, "a1").dimensions!.actors![0]).not.toHaveProperty("polarity");
    expect(byId(coded, "a1").dimensions!.actors![0]!.evidence[0]).not.toHaveProperty("polarity");
  });

  it("reads a default from a text the dimension's rules find one code in", async () => {
    const { codebook } = await fixture();
    const [coded] = codeNotes([{ id: "x", text: "God tid", attributes: { service: "Nav-kontoret på Grünerløkka" } }], codebook, { language: "nb" });
    expect(ties(coded!)).toEqual(["time/helpful->nav (default)"]);
    const [none] = codeNotes([{ id: "y", text: "God tid", attributes: { service: "Nav og fastlegen" } }], codebook, { language: "nb" });
    expect(ties(none!)).toEqual([]);
  });

  it("a codebook without dimensions codes exactly as before: no dimensions, no attributions", async () => {
    const codebook = await loadCodebook("barriers");
    const [coded] = codeNotes([{ id: "1", text: "Ingen hadde tid til meg hos Nav" }], codebook, { language: "nb" });
    expect(Object.keys(coded!)).toEqual(["note", "language", "codes"]);
    expect(Object.keys(rollUp([coded!], codebook))).not.toContain("dimensions");
  });
});

describe("codeMatrix(coded, \"actor\")", () => {
  it("gives the hand-checked theme × actor table", async () => {
    const { coded } = await fixture();
    const m = codeMatrix(coded, "actor", { codes: ["time", "knowledge"], values: ["nav", "gp", "(none)"] });
    expect(m.by).toBe("actors");
    expect(m.totals).toEqual([6, 5, 2]);
    expect(m.counts).toEqual([[4, 2, 1], [1, 2, 0]]);
    expect(m.cells.map((c) => [c.code, c.value, c.notes, c.helpful, c.barrier, c.share])).toEqual([
      ["time", "nav", 4, 2, 2, 4 / 6],
      ["time", "gp", 2, 2, 0, 0.4],
      ["time", "(none)", 1, 1, 0, 0.5],
      ["knowledge", "nav", 1, 1, 0, 1 / 6],
      ["knowledge", "gp", 2, 2, 0, 0.4],
      ["knowledge", "(none)", 0, 0, 0, 0],
    ]);
    // The dimension's id works too, and by default the columns are sorted with (none) last.
    expect(codeMatrix(coded, "actors").values).toEqual(["gp", "nav", "(none)"]);
  });
});

describe("rollUp() with dimensions", () => {
  it("rolls the actors up: notes, people, helpful and barrier per actor, and the table with quotes per cell", async () => {
    const { codebook, coded } = await fixture();
    const summary = rollUp(coded, codebook, { language: "nb", quotesPerCell: 2 });
    const [actors] = summary.dimensions!;
    expect(actors!.notes).toBe(8);
    expect(actors!.codes.map((c) => [c.id, c.notes, c.participants, c.groups, c.seminars, c.helpful, c.barrier])).toEqual([
      ["nav", 6, 6, 4, 2, 2, 2],
      ["gp", 5, 5, 3, 2, 4, 0],
    ]);
    expect(actors!.table.values).toEqual(["nav", "gp", "(none)"]);
    const quotes = (code: string, value: string) => actors!.table.cells.find((c) => c.code === code && c.value === value)!.quotes.map((q) => `${q.note}/${q.polarity}`);
    expect(quotes("time", "nav")).toEqual(["a1/barrier", "a2/helpful"]);
    expect(quotes("knowledge", "gp")).toEqual(["a5/helpful", "a8/helpful"]);
    expect(quotes("time", "(none)")).toEqual(["a7/helpful"]);
    expect(quotes("knowledge", "(none)")).toEqual([]);
    // The themes' own roll-up is the same as without the dimension.
    const { dimensions: _, ...themesOnly } = summary;
    const plain = rollUp(coded.map(({ note, language, codes }) => ({ note, language, codes })), { ...codebook, dimensions: undefined }, { language: "nb", quotesPerCell: 2 });
    expect({ ...themesOnly, codebook: { ...themesOnly.codebook, hash: "" } }).toEqual({ ...plain, codebook: { ...plain.codebook, hash: "" } });
  });
});

describe("reports of the theme × actor table", () => {
  it("Markdown: a part per actor, with the themes tied to it and their quotes", async () => {
    const { codebook, coded } = await fixture();
    const md = toMarkdown(rollUp(coded, codebook, { language: "nb" }), { coded, codebook });
    expect(md).toContain("## Aktører\n\nAktører: nevnt i 8 av 9 notater.");
    expect(md).toContain("| Nav | 6 | 66,7 % | 2 | 2 | 6 | 4 | 2 |");
    expect(md).toContain("| Tema | Nav (6) | Fastlegen (5) | (ingen) (2) |\n|:--|--:|--:|--:|\n| Tid | 4 (2 / 2) | 2 (2 / 0) | 1 (1 / 0) |\n| Kunnskap | 1 (1 / 0) | 2 (2 / 0) | 0 |");
    const nav = md.slice(md.indexOf("### Nav\n"), md.indexOf("### Fastlegen\n"));
    expect(nav).toContain("6 notater · 6 deltakere · 4 grupper · 2 seminarer · hjelpsomt 2, hindring 2");
    expect(nav).toContain("#### Tid: 4 (hjelpsomt 2, hindring 2)\n\n> Legen tok seg tid, men Nav hadde aldri tid.\n> — Seminar Byen, gruppe 1, deltaker P1 (hindring)");
    expect(md.indexOf("## Aktører")).toBeLessThan(md.indexOf("## Notater uten kode"));
  });

  it("HTML: the heatmap's table with helpful and barrier per cell, and the quotes per actor and theme", async () => {
    const { codebook, coded } = await fixture();
    const summary = rollUp(coded, codebook, { language: "nb" });
    const body = reportBody(summary, { coded, codebook }, new Map());
    expect(body).toContain('<figure id="figure-by-dimension-actors" data-chart="by-dimension-actors">');
    expect(body).toContain('<td class="n" data-helpful="2" data-barrier="2">4 (2 / 2)</td>');
    const section = body.slice(body.indexOf('<section class="dimension" data-dimension="actors">'));
    expect(section).toContain("<h3>Fastlegen</h3>");
    expect(section).toMatch(/<h4>Kunnskap <span class="note">2 \(hjelpsomt 2, hindring 0\)<\/span><\/h4>\n<blockquote class="helpful" data-note="a5">/u);
  });

  it("the heatmap is drawn by Vega with the balance of helpful and barrier, the same bytes every time", async () => {
    const { codebook, coded } = await fixture();
    const table = crossTable(coded, codebook, "actor", { language: "nb" });
    const html = await crossTableToHtml(table, { title: "Tema × aktører", columnTitle: "Aktører" });
    expect(html).toContain("<svg");
    expect(html).toContain("Tid, Nav: 4 (hjelpsomt 2, hindring 2)");
    const again = await fixture();
    expect(await crossTableToHtml(crossTable(again.coded, again.codebook, "actor", { language: "nb" }), { title: "Tema × aktører", columnTitle: "Aktører" })).toBe(html);
  });

  it("tidy CSV and JSON: one row per cell with helpful, barrier, the column total and the quotes", async () => {
    const { codebook, coded } = await fixture();
    const summary = rollUp(coded, codebook, { language: "nb", quotesPerCell: 1 });
    const csv = toCsv(summary, { table: "cells", bom: false }).split("\r\n");
    expect(csv[0]).toBe("dimension,code,code_label,value,value_label,notes,helpful,barrier,share,total,quote_1");
    expect(csv[1]).toBe('actors,time,Tid,nav,Nav,4,2,2,0.6666666666666666,6,"Legen tok seg tid, men Nav hadde aldri tid."');
    expect(csv[6]).toBe("actors,knowledge,Kunnskap,(none),(none),0,0,0,0,2,");
    const json = JSON.parse(toJson(summary, { coded }));
    expect(json.cells[1]).toMatchObject({ dimension: "actors", code: "time", value: "gp", notes: 2, helpful: 2, barrier: 0, total: 5 });
    expect(json.summary.dimensions[0].table.cells[0].quotes[0].value).toBe("nav");
    const table = crossTable(coded, codebook, "actor", { language: "nb", quotesPerCell: 1 });
    expect(crossTableToCsv(table, { bom: false }).split("\r\n")[1]).toBe(csv[1]);
    expect(JSON.parse(crossTableToJson(table)).rows[4]).toMatchObject({ code: "knowledge", value: "gp", notes: 2, quotes: ["Fastlegen hadde kunnskap om systemet."] });
    // The coded notes' rows name the note's actors and the actors each theme row is tied to.
    const rows = toCsv(coded, { bom: false }).split("\r\n");
    expect(rows[0]).toBe("note,seminar,group,participant,question,source,language,code,category,polarity,evidence,rules,terms,offsets,cues,coded_by,probability,model_features,similar_notes,actors,actors_tied,text,service");
    expect(rows[2]).toMatch(/^a1,.*,time,relational,barrier,tid,.*,nav; gp,nav,"Legen tok seg tid, men Nav hadde aldri tid\.",$/u);
  });

  it("text and notebook display: the table, and each cell's quotes", async () => {
    const { codebook, coded } = await fixture();
    const summary = rollUp(coded, codebook, { language: "nb" });
    const text = summaryToText(summary, style(false));
    expect(text).toMatch(/^Nav\s+6\s+6\s+4\s+2\s+66\.7%\s+2\s+2$/mu);
    expect(text).toMatch(/^Tid\s+4 \(2\/2\)\s+2 \(2\/0\)\s+1 \(1\/0\)$/mu);
    const shown = displayCrossTable(summary.dimensions![0]!.table, { title: "Aktører" })[JUPYTER_DISPLAY]();
    expect(shown["text/plain"]).toContain("Tid × Nav: 4 (2 / 2)");
    expect(shown["text/markdown"]).toContain("### Tid × Nav: 4 (2 / 2)");
    expect(shown["text/html"]).toContain("<blockquote class=\"barrier\" data-note=\"a1\">");
    expect(shown["application/vnd.vegalite.v5+json"]).toMatchObject({ layer: expect.any(Array) });
    const bundle = summaryBundle(summary, { coded, codebook });
    expect(bundle["text/plain"]).toContain("Aktører: 8 (88,9 %)\n  Nav: 6 (66,7 %; hjelpsomt 2, hindring 2)");
    expect(displayCoded(coded)[JUPYTER_DISPLAY]()["text/plain"]).toContain("a1: time, time (−) | actors: nav ← time; gp ← time");
  });

  it("gives byte-identical output between runs in every format", async () => {
    const render = async () => {
      const { codebook, coded } = await fixture();
      const summary = rollUp(coded, codebook, { language: "nb" });
      const table = crossTable(coded, codebook, "actor", { language: "nb" });
      return [
        toMarkdown(summary, { coded, codebook }),
        reportBody(summary, { coded, codebook }, new Map()),
        toCsv(summary, { table: "cells" }),
        toCsv(coded),
        toJson(summary, { coded }),
        toJson(coded),
        summaryToText(summary, style(false)),
        crossTableToMarkdown(table),
        crossTableToJson(table),
        JSON.stringify(coded),
      ];
    };
    expect(await render()).toEqual(await render());
  });
});

describe("kodebok code --by actor", () => {
  it("prints the theme × actor table with quotes per cell", async () => {
    const run = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--language", "nb", "--by", "actor", "--quotes", "1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Theme\s+Nav \(6\)\s+Fastlegen \(5\)\s+\(none\) \(2\)$/mu);
    expect(run.stdout).toMatch(/^Kunnskap\s+1 \(1\/0\)\s+2 \(2\/0\)\s+0$/mu);
    expect(run.stdout).toContain("  Tid × Nav 4 (2/2)\n    «Legen tok seg tid, men Nav hadde aldri tid.» [barrier]");
  });

  it("writes the same table as tidy CSV and Markdown, and crosses by a column too", async () => {
    const csv = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--language", "nb", "--by", "actors", "--format", "csv", "--quotes", "1"]);
    expect(csv.stdout.replace(/^\uFEFF/u, "").split("\r\n")[1]).toBe('actors,time,Tid,nav,Nav,4,2,2,0.6666666666666666,6,"Legen tok seg tid, men Nav hadde aldri tid."');
    const md = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--language", "nb", "--by", "actor", "--format", "md"]);
    expect(md.stdout.startsWith("# Tema × aktører\n")).toBe(true);
    const seminar = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--language", "nb", "--by", "seminar", "--format", "csv"]);
    expect(seminar.stdout.replace(/^\uFEFF/u, "").split("\r\n")[1]).toMatch(/^seminar,time,Tid,Byen,Byen,3,3,1,0\.75,4,/u); // a1 a2 a3 of a1-a4
  });

  it("writes the table as a workbook of its cells with --format xlsx", async () => {
    const out = join(tempDir("by-actor"), "actors.xlsx");
    const run = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--language", "nb", "--by", "actor", "--format", "xlsx", "--quotes", "1", "--out", out]);
    expect(run.code).toBe(0);
    const [sheet] = await readXlsxFile(readFileSync(out).buffer.slice(0) as ArrayBuffer);
    expect(sheet!.sheet).toBe("Themes x actors");
    expect(sheet!.data[1]).toEqual(["actors", "time", "Tid", "nav", "Nav", 4, 2, 2, 4 / 6, 6, "Legen tok seg tid, men Nav hadde aldri tid."]);
  });

  it("refuses what is neither a dimension nor a field or column of the notes", async () => {
    const run = await kodebokInProcess(["code", NOTES, "--codebook", CODEBOOK, "--by", "actr"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot cross the themes by "actr": it is neither a dimension of codebook "actors-demo" nor a field or column of the notes (actors (a dimension), seminar, group, participant, question, source, cluster, service)');
  });
});
