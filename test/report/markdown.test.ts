import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { formatShare } from "../../src/report/labels.ts";
import { toMarkdown } from "../../src/report/markdown.ts";
import { KODEBOK_VERSION } from "../../src/report/report-options.ts";
import { coded, summary } from "./sample.ts";

describe("toMarkdown()", () => {
  const md = toMarkdown(summary, { coded });

  it("writes categories and themes with counts, shares and polarity in codebook order", () => {
    expect(md).toContain("| **Betydningen av det relasjonelle** | 9 | 81,8 % | 7 | 3 | 9 | 4 | 2 |");
    expect(md).toContain("| Tid | 6 | 54,5 % | 4 | 2 | 6 | 4 | 2 |");
    expect(md.indexOf("| Relasjon |")).toBeLessThan(md.indexOf("| Gjensidighet |"));
    expect(md).toContain("13 notater, 11 kodet, 2 uten kode · 12 deltakere · 4 grupper · 2 seminarer");
  });

  it("quotes with attribution and polarity, redacted by default", () => {
    expect(md).toContain("> Fikk direktenummeret [telefon] og kunne ringe når som helst, tid til meg\n>\n> — Seminar Byen, gruppe 1, deltaker P2 (hjelpsomt)");
    expect(md).toContain("> Byttet saksbehandler hele tiden, ingen relasjon\n>\n> — Seminar Byen, gruppe 1, deltaker P3 (hindring)");
    expect(md).not.toContain("22 33 44 55");
    expect(md).not.toContain("15076500565");
  });

  it("masks roster names when given one, and shows text as written only when redaction is off", () => {
    expect(toMarkdown(summary, { redact: { roster: ["Kari"] } })).toContain("> [navn] sin veileder hadde kunnskap");
    const raw = toMarkdown(summary, { redact: false });
    expect(raw).toContain("direktenummeret 22 33 44 55");
    expect(raw).toContain("Sitatene er ikke anonymisert.");
  });

  it("lists the uncoded notes", () => {
    expect(md).toContain("## Notater uten kode (2)");
    expect(md).toContain("- Møtet var kl. 10.30 og kostet meg kr 12 000 i tapt lønn (b7; Byen, gruppe 2, deltaker P6)");
    expect(md).toContain("- Mitt fødselsnummer [fødselsnummer] ble lest høyt på venterommet (r5; Bygda, gruppe 2, deltaker P11)");
  });

  it("ends with provenance; the date only when the caller gives one; byte-stable", () => {
    expect(md.endsWith(`Opphav: Laget med kodebok ${KODEBOK_VERSION} · kodebok natland-mini 1.0.0 (sha256:3f1c0a9e) · inndata sha256:9b2e44d1\n`)).toBe(true);
    expect(toMarkdown(summary, { date: "2026-11-27" })).toContain("inndata sha256:9b2e44d1 · dato 2026-11-27\n");
    expect(toMarkdown(summary, { coded })).toBe(md);
  });

  it("escapes Markdown in note text", () => {
    const tricky = structuredClone(summary);
    tricky.uncoded[0]!.text = "*viktig* | <b>tid</b>\n# ikke overskrift";
    expect(toMarkdown(tricky)).toContain("- \\*viktig\\* \\| \\<b\\>tid\\</b\\> # ikke overskrift (b7;");
  });

  it("writes English words for an English report", () => {
    const en = toMarkdown(summary, { language: "en" });
    expect(en).toContain("| Category / theme | Notes | Share | Helpful | Barrier | Participants | Groups | Seminars |");
    expect(en).toContain("| Tid | 6 | 54.5% | 4 | 2 | 6 | 4 | 2 |");
    expect(en).toContain("Provenance: Made with kodebok");
  });
});

describe("toMarkdown() rendered (markdown-it, CommonMark with tables)", () => {
  const md = toMarkdown(summary, { coded });
  const html = new MarkdownIt().render(md);

  it("keeps each quote apart from its attribution: two paragraphs in the quote", () => {
    expect(html).toContain(
      "<blockquote>\n<p>Fikk direktenummeret [telefon] og kunne ringe når som helst, tid til meg</p>\n<p>— Seminar Byen, gruppe 1, deltaker P2 (hjelpsomt)</p>\n</blockquote>",
    );
    expect(html).not.toMatch(/tid til meg\s*— Seminar/);
  });

  it("has the tables of themes by seminar, group and question and of co-occurrence, as the README promises", () => {
    const headings = [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1]).slice(0, 4);
    expect(headings).toEqual(["Tema per seminar", "Tema per gruppe", "Tema per spørsmål", "Temaer som forekommer sammen"]);
    // Byen has 7 notes (b1-b7), Bygda 6 (r1-r6), see sample.ts. Relasjon: b1, b3, b6 and r2; Tid: b1, b2, b6 and r3, r4, r6.
    expect(html).toContain('<th style="text-align:left">Tema</th>\n<th style="text-align:right">Byen (7)</th>\n<th style="text-align:right">Bygda (6)</th>');
    expect(html).toContain('<td style="text-align:left">Relasjon</td>\n<td style="text-align:right">3 (42,9 %)</td>\n<td style="text-align:right">1 (16,7 %)</td>');
    expect(html).toContain('<td style="text-align:left">Tid</td>\n<td style="text-align:right">3 (42,9 %)</td>\n<td style="text-align:right">3 (50,0 %)</td>');
    // Group ids repeat across the seminars, so they carry the seminar.
    expect(html).toContain('<th style="text-align:right">Byen / 1 (3)</th>');
    expect((html.match(/<table>/g) ?? []).length).toBe(5);
  });

  it("shows a question's text instead of its id when given", () => {
    // question 1: b1, b2, b4, b7, r1, r2, r5, r6; question 2: b3, b5, b6, r3, r4
    expect(md).toContain("| Tema | 1 (8) | 2 (5) |");
    const withText = toMarkdown(summary, { coded, questions: { 1: "Hva har hjulpet deg mest?", 2: "Hva gjorde det godt?" } });
    expect(withText).toContain("| Tema | Hva har hjulpet deg mest? (8) | Hva gjorde det godt? (5) |");
  });

  it("leaves the tables out without the coded notes", () => {
    expect((new MarkdownIt().render(toMarkdown(summary)).match(/<table>/g) ?? []).length).toBe(1);
  });

  it("says a share is of all notes, and counts in singular and plural", () => {
    expect(md).toContain("Andel: andelen av alle notatene (med og uten kode) som har temaet.");
    const one = structuredClone(summary);
    one.totals = { notes: 1, coded: 1, uncoded: 0, participants: 1, groups: 1, seminars: 1 };
    expect(toMarkdown(one)).toContain("1 notat, 1 kodet, 0 uten kode · 1 deltaker · 1 gruppe · 1 seminar\n");
    expect(toMarkdown(one, { language: "en" })).toContain("1 note, 1 coded, 0 uncoded · 1 participant · 1 group · 1 seminar\n");
  });
});

describe("formatShare()", () => {
  it("rounds to one decimal without locale libraries", () => {
    expect(formatShare(3 / 7, "nb")).toBe("42,9 %");
    expect(formatShare(0.0005, "en")).toBe("0.1%");
    expect(formatShare(1, "nb")).toBe("100,0 %");
    expect(formatShare(0, "en")).toBe("0.0%");
  });
});

describe("KODEBOK_VERSION", () => {
  it("equals package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(KODEBOK_VERSION).toBe(pkg.version);
  });
});
