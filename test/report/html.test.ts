import { describe, expect, it } from "vitest";
import { toHtml } from "../../src/report/html.ts";
import { coded, codebook, summary } from "./sample.ts";

/** The markup of one figure of the report and of its data table after it. */
function figure(html: string, id: string): string {
  const start = html.indexOf(`<figure id="figure-${id}"`);
  expect(start, `figure ${id}`).toBeGreaterThanOrEqual(0);
  const end = html.slice(start + 1).search(/<figure |<section /);
  return html.slice(start, end < 0 ? undefined : start + 1 + end);
}
const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

describe("toHtml()", async () => {
  const html = await toHtml(summary, { coded, codebook, redact: { roster: ["Kari"] } });

  it("is one self-contained document that fetches nothing", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"nb\">")).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|<img|@import|@font-face/i);
    expect(html).not.toMatch(/(?:src|href)="(?!#)/);
    expect(html).toContain("@media print");
  });

  it("draws themes per category as one bar per theme and polarity, with the counts as a table", () => {
    const fig = figure(html, "categories");
    // relation 3+1, reciprocity 2+0, choice 1+0, time 4+2, knowledge 2+0, knowledge_sharing 1+1: 9 non-empty bars
    expect(count(fig, /aria-roledescription="bar"/g)).toBe(9);
    expect(fig).toContain(`aria-label="Tid, hjelpsomt: 4" role="graphics-symbol" aria-roledescription="bar"`);
    expect(fig).toContain('<tr><th scope="row">Tid</th><td class="n">6</td><td class="n">54,5 %</td><td class="n">4</td><td class="n">2</td>');
    expect(fig).toMatch(/<div class="chart" role="img" aria-labelledby="chart-categories"><svg /);
  });

  it("draws a heatmap per attribute with more than one value, and the co-occurrence", () => {
    expect(count(figure(html, "by-seminar"), /aria-roledescription="rect mark"/g)).toBe(6 * 2);
    expect(count(figure(html, "by-group"), /aria-roledescription="rect mark"/g)).toBe(6 * 4);
    expect(count(figure(html, "by-question"), /aria-roledescription="rect mark"/g)).toBe(6 * 2);
    expect(count(figure(html, "cooccurrence"), /aria-roledescription="rect mark"/g)).toBe(6 * 6);
    // 3 of Byen's 7 notes mention time
    expect(figure(html, "by-seminar")).toContain('<td class="n">3 <span class="note">(42,9 %)</span></td>');
  });

  it("shows the quotes redacted, the uncoded notes and the codebook appendix", () => {
    expect(html).toContain("<p>[navn] sin veileder hadde kunnskap om systemet og ga meg informasjon</p>");
    expect(html).toContain("Fikk direktenummeret [telefon] og kunne ringe");
    expect(html).toContain("Mitt fødselsnummer [fødselsnummer] ble lest høyt");
    expect(html).not.toMatch(/22 33 44 55|15076500565|Kari sin/);
    expect(html).toContain('<blockquote class="barrier" data-note="b3"><p>Byttet saksbehandler hele tiden, ingen relasjon</p>');
    expect(html).toContain('<section class="appendix short"><h2>Vedlegg: kodeboken</h2>');
  });

  it("keeps the appendix short by default: each code's definition and examples; the rules with appendix: full", async () => {
    const appendix = html.slice(html.indexOf('<section class="appendix'));
    expect(appendix).toContain("<dt>Relasjon <code>relation</code></dt><dd><strong>Definisjon:</strong> Å bli sett og møtt som person: tillit, respekt, varme.</dd><dd><strong>Eksempler:</strong><ul><li>Hun så meg som et menneske</li></ul></dd>");
    expect(appendix).toContain("Hele kodeboken, med hva som tas med og ikke, alle eksempler og søkeordene, står i kodebokfilen (natland-mini)");
    expect(appendix).not.toMatch(/Søkeord|Ta med|relasjon\*/);
    const full = await toHtml(summary, { coded, codebook, appendix: "full" });
    const rules = full.slice(full.indexOf('<section class="appendix full">'));
    expect(rules).toContain("<dd><strong>Ta med:</strong><ul><li>samme saksbehandler over tid</li></ul></dd>");
    expect(rules).toContain("<dd><strong>Søkeord:</strong><ul><li>relasjon* (nb)</li><li>tillit (nb)</li><li>respekt* (nb)</li></ul></dd>");
    expect(rules).toContain("<dd><strong>Søkeord for hindring:</strong><ul><li>ventetid (nb)</li></ul></dd>");
    expect(await toHtml(summary, { coded, codebook, appendix: "none" })).not.toContain('<section class="appendix');
  });

  it("shows a short appendix's examples in the report's language, at most three", async () => {
    const many = structuredClone(codebook);
    many.codes[0]!.examples = [
      { text: "Hun så meg", lang: "nb" }, { text: "She saw me", lang: "en" }, { text: "Ho såg meg", lang: "nn" },
      { text: "Han hørte på meg", lang: "nb" }, { text: "Tillit", lang: "nb" },
    ];
    const nb = await toHtml(summary, { codebook: many, charts: false });
    expect(nb).toContain("<dd><strong>Eksempler:</strong><ul><li>Hun så meg</li><li>Ho såg meg</li><li>Han hørte på meg</li></ul></dd>");
    const en = await toHtml(summary, { codebook: many, charts: false, language: "en" });
    expect(en).toContain("<dd><strong>Examples:</strong><ul><li>She saw me</li></ul></dd>");
  });

  it("shows a question's text instead of its id in the table and chart by question", async () => {
    const questions = { 1: "Hva har du vært mest fornøyd med, og hva har hjulpet deg mest?", 2: "Hva gjorde at dette ble en god erfaring?" };
    const withText = figure(await toHtml(summary, { coded, questions }), "by-question");
    expect(withText).toContain('<th scope="col">Hva har du vært mest fornøyd med, og hva har hjulpet deg mest? <span class="note">(8)</span></th>');
    // in the chart, broken into lines under the cells
    expect(withText).toContain('<tspan>Hva har du vært mest</tspan><tspan x="0" dy="15">fornøyd med, og hva</tspan><tspan x="0" dy="15">har hjulpet deg mest?</tspan>');
  });

  it("gives the same bytes every time, with unique ids across charts", async () => {
    expect(await toHtml(summary, { coded, codebook, redact: { roster: ["Kari"] } })).toBe(html);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("without coded notes shows only the category chart; charts: false keeps only the tables", async () => {
    const plain = await toHtml(summary);
    expect(count(plain, /<figure /g)).toBe(1);
    expect(plain).not.toContain("Vedlegg");
    const tables = await toHtml(summary, { coded, charts: false });
    expect(tables).not.toContain("<svg");
    expect(count(tables, /<table>/g)).toBe(5);
  });

  it("can return a fragment for embedding", async () => {
    const fragment = await toHtml(summary, { fragment: true, charts: false });
    expect(fragment.startsWith("<style>")).toBe(true);
    expect(fragment).not.toContain("<html");
    expect(fragment).toContain('<div class="kodebok-report" lang="nb">');
  });
});
