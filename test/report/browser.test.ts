// Opens the generated HTML report in headless Chromium (driven by playwright-core): no console
// errors, no network request, the charts' marks, æøå and the redactions as expected. It runs in the
// system's Chromium when there is one and in the Chromium shipped in npm (test/support/chromium.ts),
// so it runs where only Node.js and npm are installed. A screenshot goes to test-artifacts/.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { recordSkippedCheck } from "../../scripts/skipped-checks.mjs";
import { loadCodebook } from "../../src/codebook/load.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { loadNotes } from "../../src/notes/read-notes.ts";
import { rollUp } from "../../src/rollup/roll-up.ts";
import { toHtml } from "../../src/report/html.ts";
import { launchChromium, NO_CHROMIUM, npmChromium, systemChromium, type ChromiumChoice } from "../support/chromium.ts";
import { coded, codebook, summary } from "./sample.ts";

const browsers = [systemChromium(), npmChromium()].filter((b): b is ChromiumChoice => b !== undefined);
if (browsers.length === 0) recordSkippedCheck({ check: "the HTML report in headless Chromium", ...NO_CHROMIUM });
const artifacts = new URL("../../test-artifacts/", import.meta.url);

/** The report of the two example seminars (196 notes) with the default codebook, as a researcher makes it. */
async function seminarReport(appendix: "short" | "full"): Promise<string> {
  const root = new URL("../../fixtures/seminars/", import.meta.url);
  const { notes } = await loadNotes([new URL("city-seminar.csv", root).pathname, new URL("rural-seminar.csv", root).pathname]);
  const codebook = await loadCodebook("natland-2021");
  const coded = codeNotes(notes, codebook, { language: "auto" });
  const questions = { q1: "Hva har du vært mest fornøyd med, og hva har hjulpet deg mest, i møte med hjelpeapparatet?", q2: "Hva gjorde at dette ble en god erfaring?" };
  return toHtml(rollUp(coded, codebook, { language: "nb" }), { coded, codebook, questions, appendix, date: "2026-11-27" });
}

/** Pages of a PDF written by Chromium: one `/Type /Page` object each. */
const pageCount = (pdf: Buffer): number => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe.skipIf(browsers.length === 0).each(browsers)("the HTML report in headless Chromium ($source)", (choice) => {
  it("renders offline with its charts, æøå and the redactions, fetching nothing", async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = new URL(`report-${choice.source}.html`, artifacts);
    writeFileSync(file, await toHtml(summary, { coded, codebook, redact: { roster: ["Kari"] }, date: "2026-11-27" }));

    const browser = await launchChromium(choice);
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file.pathname).href, { waitUntil: "load" });

      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file.pathname).href]);
      expect(await page.evaluate(() => document.characterSet)).toBe("UTF-8");

      const marks = async (figure: string, role: string): Promise<number> =>
        page.locator(`#figure-${figure} svg [aria-roledescription="${role}"]`).count();
      expect(await marks("categories", "bar")).toBe(9);
      expect(await marks("by-seminar", "rect mark")).toBe(12);
      expect(await marks("by-group", "rect mark")).toBe(24);
      expect(await marks("by-question", "rect mark")).toBe(12);
      expect(await marks("cooccurrence", "rect mark")).toBe(36);
      // The charts are drawn with a size, not collapsed.
      const box = await page.locator("#figure-categories svg").boundingBox();
      expect(box?.width).toBeGreaterThan(300);

      const text = await page.locator("body").innerText();
      expect(text).toContain("Lang ventetid, men gjensidig respekt da jeg først kom inn");
      expect(text).toContain("Mangel på informasjon om hva jeg hadde rett på");
      expect(text).toContain("Vedlegg: kodeboken");
      expect(text).toContain("[navn] sin veileder");
      expect(text).toContain("direktenummeret [telefon]");
      expect(text).toContain("Skriv til [e-post]");
      expect(text).toContain("Mitt fødselsnummer [fødselsnummer]");
      expect(text).not.toMatch(/22 33 44 55|ola\.nordmann|15076500565|Kari sin/);
      // æøå drawn in the SVG labels too (the text of the rendered chart, not only the source).
      expect(await page.locator("#figure-by-question svg").textContent()).toContain("Spørsmål");

      await page.screenshot({ path: new URL(`report-${choice.source}.png`, artifacts).pathname, fullPage: true });
    } finally {
      await browser.close();
    }
    expect(existsSync(new URL(`report-${choice.source}.png`, artifacts))).toBe(true);
  });

  it("prints the seminars' report on a few A4 pages, its charts' words as large as the tables'", async () => {
    mkdirSync(artifacts, { recursive: true });
    const browser = await launchChromium(choice);
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      const pages: Record<string, number> = {};
      for (const appendix of ["full", "short"] as const) {
        const file = new URL(`seminars-${appendix}-${choice.source}.html`, artifacts);
        writeFileSync(file, await seminarReport(appendix));
        await page.goto(pathToFileURL(file.pathname).href, { waitUntil: "load" });
        await page.emulateMedia({ media: "print" });
        const pdf = await page.pdf({ path: new URL(`seminars-${appendix}-${choice.source}.pdf`, artifacts).pathname, format: "A4" });
        pages[appendix] = pageCount(pdf);
      }
      // 56 pages before the short appendix, 47 of them the codebook's term lists; 8 with it (Debian's
      // Chromium and its fonts). The full rules are still there behind the option.
      expect(pages.short).toBeLessThanOrEqual(10);
      expect(pages.full).toBeGreaterThan(3 * (pages.short ?? 0));

      // On the printed page (the last one loaded: the short report), the smallest word of each chart is
      // drawn at least 90 % the size of the tables' numbers, and no chart is wider than the page.
      const sizes = await page.evaluate(() => {
        const px = (el: Element): number => Number.parseFloat(getComputedStyle(el).fontSize);
        const cell = document.querySelector(".kodebok-report td.n");
        const width = document.querySelector(".kodebok-report")?.getBoundingClientRect().width ?? 0;
        return {
          table: cell ? px(cell) : 0,
          width,
          charts: [...document.querySelectorAll(".kodebok-report .chart svg")].map((svg) => {
            const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute("width"));
            const smallest = Math.min(...[...svg.querySelectorAll("text")].map((t) => Number.parseFloat(t.getAttribute("font-size") ?? "0")));
            return { id: svg.closest("figure")?.id ?? "", label: smallest * scale, width: svg.getBoundingClientRect().width };
          }),
        };
      });
      expect(sizes.charts.map((c) => c.id)).toEqual(["figure-categories", "figure-by-seminar", "figure-by-group", "figure-by-question", "figure-cooccurrence", "figure-by-dimension-actors"]);
      for (const chart of sizes.charts) {
        expect(chart.label, chart.id).toBeGreaterThanOrEqual(0.9 * sizes.table);
        expect(chart.width, chart.id).toBeLessThanOrEqual(sizes.width);
      }
    } finally {
      await browser.close();
    }
  });
});
