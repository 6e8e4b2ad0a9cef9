// Executes examples/seminar-analysis.ipynb in real Jupyter with the Deno kernel, through
// test/report/run-notebook.py (jupyter_client, with a grace period for the Deno kernel's late display
// output), checks the cells' outputs, then turns the executed notebook into HTML with
// `jupyter nbconvert --to html` and checks that the report and the charts are in it. This needs
// Debian's Jupyter (`.ci/run` installs it); without it the check is skipped and named at the end of
// `npm test`. notebook.test.ts runs the same cells in the Deno kernel without Jupyter.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { recordSkippedCheck } from "../../scripts/skipped-checks.mjs";
import { expectNotebookOutputs, readNotebook } from "./notebook-outputs.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sh = (command: string): string => {
  try {
    return execFileSync("sh", ["-c", command], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
};

/** The Python that runs Jupyter (the shebang of `jupyter`), if it has jupyter_client and nbconvert. */
function jupyterPython(): string | undefined {
  const jupyter = sh("command -v jupyter");
  if (!jupyter) return undefined;
  const candidates: string[] = [];
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(jupyter, "utf8").split("\n")[0] ?? "")?.[1];
  if (shebang && !shebang.endsWith("/env")) candidates.push(shebang);
  candidates.push("/usr/bin/python3", "python3");
  return candidates.find((python) => spawnSync(python, ["-c", "from jupyter_client.manager import KernelManager; import nbconvert.exporters"], { stdio: "ignore" }).status === 0);
}

const python = jupyterPython();
if (!python) {
  recordSkippedCheck({
    check: "the example notebook in real Jupyter (jupyter_client, nbconvert)",
    reason: "no Jupyter found",
    debianPackages: ["jupyter-nbconvert", "jupyter-client"],
  });
}

describe.skipIf(!python)("examples/seminar-analysis.ipynb in Jupyter with the Deno kernel", () => {
  it("runs every cell, shows the coded notes, the roll-up, the charts and the agreement, and nbconvert's HTML shows them", { timeout: 180_000, retry: 1 }, () => {
    if (!sh("jupyter kernelspec list --json").includes('"deno"')) {
      execFileSync(`${root}node_modules/.bin/deno`, ["jupyter", "--install", "--force"], { stdio: "ignore" });
    }
    mkdirSync(`${root}test-artifacts`, { recursive: true });
    const output = `${root}test-artifacts/seminar-analysis.executed.ipynb`;
    const run = spawnSync(python as string, [`${root}test/report/run-notebook.py`, `${root}examples/seminar-analysis.ipynb`, output, "--grace", "0.75"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 170_000,
    });
    expect(existsSync(output), run.stderr).toBe(true);
    expectNotebookOutputs(readNotebook(output).cells);
    expect(run.status, run.stderr).toBe(0);

    const html = spawnSync("jupyter", ["nbconvert", "--to", "html", "--output-dir", `${root}test-artifacts`, output], { encoding: "utf8" });
    expect(html.status, html.stderr).toBe(0);
    const page = readFileSync(`${root}test-artifacts/seminar-analysis.executed.html`, "utf8");
    expect(page).toContain('<div class="kodebok-report" lang="nb">');
    // The roll-up's six charts (natland-2021's actors add the theme × actor heatmap) and the chart of
    // one's own are outputs of their own, pictures in nbconvert's HTML (an <img> of the SVG: nbconvert
    // 6.5 strips SVG outputs to their words); the whole report has its six charts drawn into its HTML.
    expect((page.match(/<img src="data:image\/svg\+xml;charset=utf-8,%3Csvg%20/g) ?? []).length).toBe(7);
    expect((page.match(/<svg /g) ?? []).length).toBe(6);
  });
});
