// Executes examples/seminar-analysis.ipynb end to end in real Jupyter with the Deno kernel, through
// test/report/run-notebook.py (jupyter_client, with a grace period for the Deno kernel's late display
// output), and checks the cells' outputs. Skipped with a message when Jupyter is not installed:
//   apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client
//   node_modules/.bin/deno jupyter --install --force   (done by this test when the kernel is missing)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sh = (command: string): string => {
  try {
    return execFileSync("sh", ["-c", command], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
};

/** The Python that runs Jupyter (the shebang of `jupyter`), if it has jupyter_client. */
function jupyterPython(): string | undefined {
  const jupyter = sh("command -v jupyter");
  const candidates: string[] = [];
  if (jupyter) {
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(jupyter, "utf8").split("\n")[0] ?? "")?.[1];
    if (shebang && !shebang.endsWith("/env")) candidates.push(shebang);
  }
  candidates.push("/usr/bin/python3", "python3");
  return candidates.find((python) => spawnSync(python, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0);
}

const python = jupyterPython();
if (!python) {
  console.warn("notebook.test.ts skipped: Jupyter not found (apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client)");
}

type Output = { output_type: string; data?: Record<string, unknown>; text?: string; ename?: string; evalue?: string };
type Cell = { cell_type: string; source: string[]; outputs?: Output[] };

describe.skipIf(!python)("examples/seminar-analysis.ipynb in Jupyter with the Deno kernel", () => {
  it("runs every cell and shows the coded notes, the roll-up, the charts and the agreement with the hand coding", { timeout: 180_000, retry: 2 }, () => {
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
    const cells = (JSON.parse(readFileSync(output, "utf8")) as { cells: Cell[] }).cells.filter((c) => c.cell_type === "code");
    const errors = cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`));
    expect(errors).toEqual([]);
    expect(run.status, run.stderr).toBe(0);

    const data = (i: number): Record<string, unknown> => {
      const out = (cells[i]?.outputs ?? []).find((o) => o.output_type === "execute_result" || o.output_type === "display_data");
      expect(out, `output of code cell ${i}: ${cells[i]?.source.join("")}`).toBeDefined();
      return out?.data ?? {};
    };
    expect(String(data(1)["text/plain"])).toMatch(/^"196 notes, \d+ hand codings, codebook natland-2021/);
    // coded notes, the demo note redacted
    expect(String(data(2)["text/html"])).toContain("Saksbehandleren ga meg direktenummeret sitt, [telefon], og tok seg god tid");
    // the roll-up as the cell's last expression: HTML report, Markdown and the Vega-Lite spec
    const summary = data(3);
    expect(String(summary["text/html"])).toContain('<div class="kodebok-report" lang="nb">');
    expect(String(summary["text/html"])).toContain('<th scope="rowgroup">Betydningen av det relasjonelle</th>');
    expect(String(summary["text/html"])).toContain('<figure id="figure-by-seminar"');
    expect(String(summary["text/markdown"])).toContain("## Kategorier og temaer");
    expect(summary["application/vnd.vegalite.v5+json"]).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" });
    // the charts, as spec and SVG
    expect(String(data(4)["image/svg+xml"])).toContain('aria-roledescription="bar"');
    expect(String(data(5)["image/svg+xml"])).toContain("Fjellvik 2019-04-09");
    // the comparison with the hand coding, from the agreement module
    expect(String(data(6)["text/html"])).toContain('<table class="kodebok-agreement"><caption>Kodere: hand, kodebok');
    expect(String(data(6)["text/markdown"])).toMatch(/\| Relasjon \| 196 \| \d+,\d %/);
    // the whole report with SVG charts
    expect((String(data(7)["text/html"]).match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
