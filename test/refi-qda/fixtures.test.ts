import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCodebook } from "../../src/codebook/load.ts";
import { parseCodebook } from "../../src/codebook/parse.ts";
import { unwrap } from "../../src/diagnostics/result.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { loadNotes } from "../../src/notes/read-notes.ts";
import { parseQdc } from "../../src/refi-qda/from-qdc.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";
import { buildProject, toQdpx } from "../../src/refi-qda/to-qdpx.ts";
import { localized, toQdc } from "../../src/refi-qda/to-qdc.ts";
import type { Codebook } from "../../src/codebook/codebook.ts";
import { validate } from "./helpers.ts";
import { compareCodings } from "../../src/agreement/compare-codings.ts";

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));

// The six themes of domain.md with a few terms each: enough to code the fixtures without the bundled codebook.
const SIX_THEMES = `
id: six-themes
title: Seks temaer
languages: [nb, nn, en]
categories:
  - {id: relational, label: Betydningen av det relasjonelle}
  - {id: knowledge, label: Betydningen av kunnskap}
codes:
  - {id: relation, category: relational, label: Relasjon, definition: Bli sett, terms: [sett, tillit*, respekt*, menneske*, saksbehandler]}
  - {id: reciprocity, category: relational, label: Gjensidighet, definition: Likeverd, terms: [sammen, gjensidig*]}
  - {id: choice, category: relational, label: Valgmuligheter, definition: Valg, terms: [valg*, tilpass*]}
  - {id: time, category: relational, label: Tid, definition: Tid, terms: [tid, "*tid", tilgjengelig*]}
  - {id: knowledge, category: knowledge, label: Kunnskap, definition: Kunnskap, terms: [kunnskap*, kartlegg*]}
  - {id: knowledge_sharing, category: knowledge, label: Kunnskapsdeling, definition: Informasjon, terms: [informasjon*, infomasjon, forklar*]}
`;

async function roundTrip(codebook: Codebook) {
  const loaded = (await loadNotes([fixture("seminars/city-seminar.csv"), fixture("seminars/rural-seminar.csv")]));
  const coded = codeNotes(loaded.notes, codebook, { language: "auto" });
  const known = new Set(codebook.codes.map((c) => c.id));
  const codings = loaded.codings.filter((c) => known.has(c.code));
  const { qde } = buildProject(coded, codebook, { codings });
  expect(validate(qde, "Project.xsd")).toBe("valid");
  expect(validate(toQdc(codebook), "Codebook.xsd")).toBe("valid");
  const back = parseQdpx(toQdpx(coded, codebook, { codings }));
  expect(back.ok).toBe(true);
  if (!back.ok) return;
  expect(back.value.notes.map((n) => [n.id, n.text, n.seminar, n.group, n.participant ?? undefined])).toEqual(
    coded.map((c) => [c.note.id, c.note.text, c.note.seminar, c.note.group, c.note.participant]));
  expect(back.value.codebook.codes.map((c) => c.id)).toEqual(codebook.codes.map((c) => c.id));
  expect(back.value.codebook.dimensions?.map((d) => [d.id, d.codes.map((c) => c.id)])).toEqual(codebook.dimensions?.map((d) => [d.id, d.codes.map((c) => c.id)]));
  const hand = back.value.codings.filter((c) => c.coder === "hand").map((c) => `${c.note}|${c.code}`).sort();
  expect(hand).toEqual([...new Set(codings.map((c) => `${c.note}|${c.code}`))].sort());
  const evidence = back.value.segments.filter((s) => s.coder === "kodebok").map((s) => `${s.note}|${s.code}|${s.start}|${s.end}`);
  // The themes' evidence, and with a codebook that has further dimensions (actors) theirs too.
  const want = coded.flatMap((c) =>
    [...c.codes, ...Object.values(c.dimensions ?? {}).flat()].flatMap((a) => a.evidence.map((e) => `${c.note.id}|${a.code}|${e.start}|${e.end}`)),
  );
  expect([...new Set(evidence)].sort()).toEqual([...new Set(want)].sort());
  expect(want.length).toBeGreaterThan(20);
  // Agreement between the hand coder and kodebok is the same on the imported project as on the originals.
  const universe = coded.map((c) => c.note.id);
  const original = compareCodings(codings, coded, { codebook, universe, interval: false });
  const imported = compareCodings(back.value, back.value, { codebook, universe, coders: ["hand", "kodebok"], interval: false });
  expect(imported.overall.kappa).toBeCloseTo(original.overall.kappa, 12);
  expect(imported.codes.map((c) => [c.code, c.kappa])).toEqual(original.codes.map((c) => [c.code, c.kappa]));
  expect(Number.isFinite(original.overall.kappa)).toBe(true);
  const qdc = parseQdc(toQdc(codebook));
  expect(qdc.ok && qdc.value.codes.map((c) => [c.id, c.category])).toEqual(codebook.codes.map((c) => [c.id, c.category]));
  // Definitions and inclusion/exclusion notes come back in the export's language.
  const lang = codebook.languages[0];
  expect(qdc.ok && qdc.value.codes.map((c) => [c.label, c.definition, c.include, c.exclude])).toEqual(
    codebook.codes.map((c) => [localized(c.label, lang), localized(c.definition, lang).trim(),
      c.include.map((i) => localized(i, lang).trim()), c.exclude.map((i) => localized(i, lang).trim())]));
}

describe("REFI-QDA with the seminar fixtures", () => {
  it("exports and re-imports the coded Bergen and Fjellvik seminars with their hand codings", async () => {
    await roundTrip(unwrap(parseCodebook(SIX_THEMES)));
  });

  it("exports and re-imports them with the bundled natland-2021 codebook", async () => {
    await roundTrip(await loadCodebook("natland-2021"));
  });
});
