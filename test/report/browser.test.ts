// Opens the generated HTML report in headless Chromium (Debian `chromium`, driven by playwright-core):
// no console errors, no network request, the charts' marks, æøå and the redactions as expected.
// A screenshot goes to test-artifacts/. Skipped with a message when Chromium is not installed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { toHtml } from "../../src/report/html.ts";
import { coded, codebook, summary } from "./sample.ts";

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("browser.test.ts skipped: Chromium not found (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH)");
const artifacts = new URL("../../test-artifacts/", import.meta.url);

describe.skipIf(!chromiumPath)("the HTML report in headless Chromium", () => {
  it("renders offline with its charts, æøå and the redactions, fetching nothing", async () => {
    const { chromium } = await import("playwright-core");
    mkdirSync(artifacts, { recursive: true });
    const file = new URL("report.html", artifacts);
    writeFileSync(file, await toHtml(summary, { coded, codebook, redact: { roster: ["Kari"] }, date: "2026-11-27" }));

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
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

      await page.screenshot({ path: new URL("report.png", artifacts).pathname, fullPage: true });
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: new URL("report.pdf", artifacts).pathname, format: "A4" });
    } finally {
      await browser.close();
    }
    expect(existsSync(new URL("report.png", artifacts))).toBe(true);
  });
});
