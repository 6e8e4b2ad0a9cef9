// Opens the generated HTML report in headless Chromium (driven by playwright-core): no console
// errors, no network request, the charts' marks, æøå and the redactions as expected. It runs in the
// system's Chromium when there is one and in the Chromium shipped in npm (test/support/chromium.ts),
// so it runs where only Node.js and npm are installed. A screenshot goes to test-artifacts/.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { recordSkippedCheck } from "../../scripts/skipped-checks.mjs";
import { toHtml } from "../../src/report/html.ts";
import { launchChromium, NO_CHROMIUM, npmChromium, systemChromium, type ChromiumChoice } from "../support/chromium.ts";
import { coded, codebook, summary } from "./sample.ts";

const browsers = [systemChromium(), npmChromium()].filter((b): b is ChromiumChoice => b !== undefined);
if (browsers.length === 0) recordSkippedCheck({ check: "the HTML report in headless Chromium", ...NO_CHROMIUM });
const artifacts = new URL("../../test-artifacts/", import.meta.url);

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
});
