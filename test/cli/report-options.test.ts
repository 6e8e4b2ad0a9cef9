import { describe, expect, it } from "vitest";
import { kodebokInProcess as kodebok } from "./run-cli.ts";

const SEMINARS = ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv"];

// In process (runCli, the same program as the binary): five runs over 196 notes stay quick.
describe("kodebok code: report options", () => {
  it("--appendix: the HTML report's codebook appendix is short unless full is asked for, or none", async () => {
    const short = await kodebok(["code", ...SEMINARS, "--format", "html"]);
    const full = await kodebok(["code", ...SEMINARS, "--format", "html", "--appendix", "full"]);
    const none = await kodebok(["code", ...SEMINARS, "--format", "html", "--appendix", "none"]);
    for (const run of [short, full, none]) expect(run.code).toBe(0);
    expect(short.stdout).toContain('<section class="appendix short"><h2>Vedlegg: kodeboken</h2>');
    expect(short.stdout).not.toContain("<strong>Søkeord:</strong>");
    expect(full.stdout).toContain('<section class="appendix full">');
    expect(full.stdout).toContain("<strong>Søkeord:</strong>");
    expect(full.stdout.length).toBeGreaterThan(short.stdout.length);
    expect(none.stdout).toContain('<div class="kodebok-report"');
    expect(none.stdout).not.toContain('<section class="appendix');
    // the full reference of the default codebook
    expect(short.stdout).toContain("Natland, S., Bjerke, E. &amp; Torstensen, T. B. (2019). «Jeg fikk blankpusset håpet om at jeg hadde en framtid.» Opplevelser av god hjelp i møte med Nav. Fontene Forskning, 12(1), 17–29.");
    expect(short.stdout).not.toContain("to be completed");
    expect((await kodebok(["code", ...SEMINARS, "--appendix", "long"])).code).toBe(2);
  });

  it("--question id=text: the tables by question show the question's text", async () => {
    const run = await kodebok(["code", ...SEMINARS, "--format", "md", "--question", "q1=Hva har hjulpet deg mest?", "--question", "q2=Hva gjorde det godt?"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("| Tema | Hva har hjulpet deg mest? (105) | Hva gjorde det godt? (91) |");
    const bad = await kodebok(["code", ...SEMINARS, "--question", "q1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected id=text, as in q1="Hva har hjulpet deg mest?", not "q1"');
  });
});
