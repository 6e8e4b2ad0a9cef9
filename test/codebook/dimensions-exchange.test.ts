// Dimensions beyond the themes in agreement, kodebok check and REFI-QDA, on the fixture in
// fixtures/actors/ (two themes; actors nav and gp).
import { describe, expect, it } from "vitest";
import {
  checkDataset,
  codeNotes,
  compareByDimension,
  compareCodings,
  parseQdc,
  loadCodebook,
  parseCodings,
  toQdc,
  type Coding,
} from "../../src/index.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";
import { buildProject, toQdpx } from "../../src/refi-qda/to-qdpx.ts";
import { validate } from "../refi-qda/helpers.ts";

const CODEBOOK = "fixtures/actors/codebook.yaml";
const notes = [
  { id: "n1", text: "Legen tok seg tid, men Nav hadde aldri tid." },
  { id: "n2", text: "Veilederen hadde kunnskap om alt." },
  { id: "n3", text: "Fastlegen var der" },
  { id: "n4", text: "Ingen hjalp meg" },
];

describe("compareCodings() per dimension", () => {
  it("compares the actors when asked, the themes by default, and leaves the other dimension's codes out", async () => {
    const codebook = await loadCodebook(CODEBOOK);
    const coded = codeNotes(notes, codebook, { language: "nb" });
    // A human who coded n3 with nav instead of gp, and the themes as kodebok did.
    const human: Coding[] = [
      { note: "n1", coder: "anna", code: "time" }, { note: "n1", coder: "anna", code: "nav" }, { note: "n1", coder: "anna", code: "gp" },
      { note: "n2", coder: "anna", code: "knowledge" }, { note: "n2", coder: "anna", code: "nav" },
      { note: "n3", coder: "anna", code: "nav" },
    ];
    const universe = notes.map((n) => n.id);
    const actors = compareCodings(human, coded, { codebook, dimension: "actor", universe, interval: false });
    expect(actors.dimension).toBe("actors");
    expect(actors.codes.map((c) => [c.code, c.confusion])).toEqual([
      ["nav", { both: 2, onlyA: 1, onlyB: 0, neither: 1 }],
      ["gp", { both: 1, onlyA: 0, onlyB: 1, neither: 2 }],
    ]);
    expect(actors.categories).toEqual([]);
    const themes = compareCodings(human, coded, { codebook, universe, interval: false });
    expect(themes.dimension).toBe("themes");
    expect(themes.codes.map((c) => c.code)).toEqual(["time", "knowledge"]);
    expect(themes.overall.percentAgreement).toBe(1);
    expect(themes.diagnostics.filter((d) => d.code === "coding-unknown-code")).toEqual([]);
    expect(compareByDimension(human, coded, { codebook, universe, interval: false }).map((c) => c.dimension)).toEqual(["themes", "actors"]);
    expect(() => compareCodings(human, coded, { codebook, dimension: "phase" })).toThrow(/the codebook has no dimension "phase"/u);
  });

  it("reads a long-form file of actors (note_id, coder, actor) against the codebook's dimensions", async () => {
    const codebook = await loadCodebook(CODEBOOK);
    const result = parseCodings("note_id,coder,actor\nn1,anna,nav\nn1,anna,gp\nn2,anna,nva\n", { file: "actors.csv", codebook });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.file}:${d.start?.line}:${d.start?.column} ${d.code}`)).toEqual(["actors.csv:4:9 coding-unknown-code"]);
  });
});

describe("checkDataset() with dimensions", () => {
  it("knows each code's dimension: actor codes are known, agreed per dimension, and do not make a note coded", async () => {
    const codebook = await loadCodebook(CODEBOOK);
    const text = [
      "id;language;text;codes:anna;codes:bo",
      "n1;nb;Legen tok seg tid;time;time",
      "n2;nb;Nav-kontoret;nav;nav",
      "n3;nb;Fastlegen hadde kunnskap;knowledge;knowledge",
      "n4;nb;Veilederen;nav;",
    ].join("\n");
    const report = checkDataset([{ file: "notes.csv", text }], codebook, { maxUncoded: 1 });
    expect(report.findings.filter((f) => f.code === "coding-unknown-code")).toEqual([]);
    // Per code the notes; overall the note × code decisions (4 notes × 2 codes).
    expect(report.agreement.map((r) => `${r.id}/${r.dimension}:${r.units}`)).toEqual([
      "time/themes:4", "knowledge/themes:4", "overall/themes:8",
      "nav/actors:4", "gp/actors:4", "overall/actors:8",
    ]);
    // anna coded n2 and n4 with an actor only: two of four notes have no theme.
    expect(report.uncoded.find((u) => u.coder === "anna")).toMatchObject({ notes: 4, uncoded: 2 });
  });
});

describe("REFI-QDA with dimensions", () => {
  it("exports each dimension as a top-level code group that validates, and imports it back as the dimension", async () => {
    const codebook = await loadCodebook(CODEBOOK);
    const xml = toQdc(codebook);
    expect(validate(xml, "Codebook.xsd")).toBe("valid");
    expect(xml).toMatch(/<Code guid="[^"]+" name="Aktører" isCodable="false" color="#[0-9A-F]{6}">\n\s*<Description>Tjenestene brukerne møtte\.\n\nkodebok-dimension: actors<\/Description>\n\s*<Code guid="[^"]+" name="Nav" isCodable="true"/u);
    const back = parseQdc(xml, { id: "actors-demo" });
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.codes.map((c) => `${c.category}/${c.id}`)).toEqual(["relational/time", "knowledge/knowledge"]);
    expect(back.value.dimensions?.map((d) => [d.id, d.label, d.description, d.codes.map((c) => [c.id, c.label, c.definition])])).toEqual([
      ["actors", "Aktører", "Tjenestene brukerne møtte.", [["nav", "Nav", "Nav-kontoret og veilederne der."], ["gp", "Fastlegen", "Fastlegen."]]],
    ]);
    // A second export of the import gives the same groups.
    expect(toQdc({ ...back.value, id: codebook.id })).toMatch(/kodebok-dimension: actors/u);
  });

  it("exports the actors kodebok found as codings, and reads them back", async () => {
    const codebook = await loadCodebook(CODEBOOK);
    const coded = codeNotes(notes, codebook, { language: "nb" });
    const { qde } = buildProject(coded, codebook);
    expect(validate(qde, "Project.xsd")).toBe("valid");
    const project = parseQdpx(toQdpx(coded, codebook));
    expect(project.ok).toBe(true);
    if (!project.ok) return;
    const found = project.value.codings.filter((c) => c.coder === "kodebok").map((c) => `${c.note}:${c.code}`).sort();
    expect(found).toEqual(["n1:gp", "n1:nav", "n1:time", "n2:knowledge", "n2:nav", "n3:gp"]);
    expect(project.value.codebook.dimensions?.[0]?.codes.map((c) => c.id)).toEqual(["nav", "gp"]);
  });
});

