import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const TEXT = "Hun tok seg tid 😀 til meg.\nJeg fikk god informasjon.\n\nMen ventetiden var lang.";
// Code points: "tid" 12..15; "informasjon" 40..51 (the emoji counts once; UTF-16 41..52).

const QDE = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Trial" origin="Other tool">
  <Users>
    <User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Anna"/>
    <User guid="AAAAAAAA-0000-4000-8000-000000000002" name="Bo"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="CCCCCCCC-0000-4000-8000-000000000001" name="Tid" isCodable="true"/>
    <Code guid="CCCCCCCC-0000-4000-8000-000000000002" name="Informasjon" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="55555555-0000-4000-8000-000000000001" name="Intervju 1.docx" plainTextPath="internal://55555555-0000-4000-8000-000000000001.txt" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
      <PlainTextSelection guid="66666666-0000-4000-8000-000000000001" startPosition="12" endPosition="15" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
        <Coding guid="77777777-0000-4000-8000-000000000001"><CodeRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="66666666-0000-4000-8000-000000000002" startPosition="12" endPosition="15">
        <Coding guid="77777777-0000-4000-8000-000000000002" creatingUser="AAAAAAAA-0000-4000-8000-000000000002"><CodeRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="66666666-0000-4000-8000-000000000003" startPosition="40" endPosition="51">
        <Coding guid="77777777-0000-4000-8000-000000000003" creatingUser="AAAAAAAA-0000-4000-8000-000000000002"><CodeRef targetGUID="CCCCCCCC-0000-4000-8000-000000000002"/></Coding>
        <Coding guid="77777777-0000-4000-8000-000000000004" creatingUser="AAAAAAAA-0000-4000-8000-000000000002"><CodeRef targetGUID="CCCCCCCC-0000-4000-8000-000000000099"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="66666666-0000-4000-8000-000000000004" startPosition="59" endPosition="690">
        <Coding guid="77777777-0000-4000-8000-000000000005"><CodeRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;

// Written the way other tools do: project named after the project, "Sources/" capitalised, BOMs.
const zip = zipSync({
  "Trial.qde": enc(QDE),
  "Sources/55555555-0000-4000-8000-000000000001.txt": enc(`\uFEFF${TEXT}`),
});

describe("parseQdpx() on another tool's project", () => {
  it("reads Sources/, a project not named project.qde, BOMs and braces, and counts code points", () => {
    const result = parseQdpx(zip, { file: "trial.qdpx" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notes.map((n) => [n.id, n.text])).toEqual([
      ["intervju-1-1", "Hun tok seg tid 😀 til meg.\nJeg fikk god informasjon."],
      ["intervju-1-2", "Men ventetiden var lang."],
    ]);
    expect(result.value.codings).toEqual([
      { note: "intervju-1-1", coder: "Anna", code: "tid" },
      { note: "intervju-1-1", coder: "Bo", code: "tid" },
      { note: "intervju-1-1", coder: "Bo", code: "informasjon" },
    ]);
    const info = result.value.segments.find((s) => s.code === "informasjon")!;
    expect(result.value.notes[0]!.text.slice(info.start, info.end)).toBe("informasjon");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'trial.qdpx: warning: Read the project from "Trial.qde": the standard name is project.qde [refi-nonstandard]',
      "trial.qdpx/project.qde: info: Put 2 top-level code(s) under the generated category \"uncategorised\" [refi-generated-category]",
      'trial.qdpx/project.qde:21:9: warning: Skipped a coding of source "Intervju 1.docx": code CCCCCCCC-0000-4000-8000-000000000099 is not a codable code of the codebook [refi-unknown-code-ref]',
      'trial.qdpx/project.qde:23:7: warning: Skipped selection "66666666-0000-4000-8000-000000000004" of source "Intervju 1.docx": its positions lie outside the text [refi-selection-out-of-range]',
      "trial.qdpx/project.qde: info: 2 of 2 notes carry only what REFI-QDA variables hold (seminar, group, participant, question): the project does not record their language, cluster or source, so their language will be detected [refi-note-fields-missing]",
      "trial.qdpx/project.qde: warning: The project does not record which notes its coders read and left uncoded: each coder counts as having seen only the notes they coded, so agreement and the share of uncoded notes will cover fewer notes [refi-seen-unknown]",
    ]);
    // Each coder saw what they coded, and nothing else is known.
    expect(result.value.seen).toEqual([
      { coder: "Anna", notes: ["intervju-1-1"] },
      { coder: "Bo", notes: ["intervju-1-1"] },
    ]);
  });

  it("gives selections with the same span one note when split by selections", () => {
    const result = parseQdpx(zip, { split: "selections" });
    expect(result.ok && result.value.notes.map((n) => [n.id, n.text])).toEqual([
      ["intervju-1-12-15", "tid"],
      ["intervju-1-40-51", "informasjon"],
    ]);
    expect(result.ok && result.value.codings.map((c) => `${c.note} ${c.coder}`)).toEqual([
      "intervju-1-12-15 Anna", "intervju-1-12-15 Bo", "intervju-1-40-51 Bo",
    ]);
  });

  it("splits by lines", () => {
    const result = parseQdpx(zip, { split: "lines" });
    expect(result.ok && result.value.notes.map((n) => n.text)).toEqual([
      "Hun tok seg tid 😀 til meg.", "Jeg fikk god informasjon.", "Men ventetiden var lang."]);
    expect(result.ok && result.value.codings.map((c) => `${c.note} ${c.code}`)).toEqual([
      "intervju-1-1 tid", "intervju-1-1 tid", "intervju-1-2 informasjon"]);
  });
});
