import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { enablingCommand, readSkippedChecks, recordSkippedCheck, skippedChecksLine } from "../../scripts/skipped-checks.mjs";
import { tempDir } from "./temp-dir.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("the test run's temp folder", () => {
  it("is a folder of the run inside the project, not the system's", () => {
    expect(process.env.KODEBOK_TEST_TMP).toBeDefined();
    expect(tmpdir()).toBe(process.env.KODEBOK_TEST_TMP);
    expect(relative(root, tmpdir()).startsWith("test-artifacts")).toBe(true);
  });

  let made = "";
  it("tempDir() gives a test a folder of its own", () => {
    made = tempDir("probe");
    expect(existsSync(made)).toBe(true);
    expect(made.startsWith(join(tmpdir(), "kodebok-probe-"))).toBe(true);
  });
  it("... and removes it when the test ends", () => {
    expect(made).not.toBe("");
    expect(existsSync(made)).toBe(false);
  });
});

describe("skipped checks", () => {
  const jupyter = { check: "the notebook in real Jupyter", reason: "no Jupyter found", debianPackages: ["jupyter-nbconvert", "jupyter-client"] };
  const xmllint = { check: "the XSD verdicts compared with xmllint", reason: "xmllint not found", debianPackages: ["libxml2-utils", "jupyter-client"] };

  it("end the run with one line naming them and the one command that enables them", () => {
    expect(skippedChecksLine([])).toBe("Every check ran (none skipped).");
    expect(skippedChecksLine([jupyter])).toBe(
      "Skipped 1 check: the notebook in real Jupyter (no Jupyter found). To run it: sudo apt-get install -y --no-install-recommends jupyter-client jupyter-nbconvert && npm test",
    );
    expect(enablingCommand([jupyter, xmllint])).toBe("sudo apt-get install -y --no-install-recommends jupyter-client jupyter-nbconvert libxml2-utils && npm test");
    expect(enablingCommand([{ check: "the report in Chromium", reason: "none found", env: "CHROMIUM_PATH=/path/to/chrome" }])).toBe("CHROMIUM_PATH=/path/to/chrome npm test");
  });

  it("are recorded in the folder the runner names, one file each", () => {
    const dir = mkdtempSync(join(tmpdir(), "kodebok-skipped-"));
    const before = process.env.KODEBOK_SKIPPED_CHECKS;
    const write = process.stderr.write;
    try {
      process.env.KODEBOK_SKIPPED_CHECKS = dir;
      process.stderr.write = () => true;
      recordSkippedCheck(xmllint);
      recordSkippedCheck(jupyter);
      expect(readdirSync(dir).sort()).toEqual(["the-notebook-in-real-jupyter.json", "the-xsd-verdicts-compared-with-xmllint.json"]);
      expect(readSkippedChecks(dir)).toEqual([jupyter, xmllint]);
    } finally {
      process.stderr.write = write;
      if (before === undefined) delete process.env.KODEBOK_SKIPPED_CHECKS;
      else process.env.KODEBOK_SKIPPED_CHECKS = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
