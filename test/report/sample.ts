// Hand-made coded notes, codebook and roll-up for the report tests, in the shapes of the core
// schemas (CodedNote, Codebook, Summary). Two seminars, two questions, six codes in two categories.
import { CodebookSchema, type Codebook } from "../../src/codebook/codebook.ts";
import type { CodedNote } from "../../src/match/coded-note.ts";
import type { Summary } from "../../src/rollup/summary.ts";

export const codebook: Codebook = CodebookSchema.parse({
  id: "natland-mini",
  title: { nb: "Hva hjelper (liten utgave)", en: "What helps (small)" },
  version: "1.0.0",
  languages: ["nb", "en"],
  reference: "Natland, Bjerke & Torstensen 2019",
  categories: [
    { id: "relational", label: { nb: "Betydningen av det relasjonelle", en: "The importance of the relational" } },
    { id: "knowledge", label: { nb: "Betydningen av kunnskap", en: "The importance of knowledge" } },
  ],
  codes: [
    { id: "relation", category: "relational", label: { nb: "Relasjon", en: "Relation" },
      definition: { nb: "Å bli sett og møtt som person: tillit, respekt, varme.", en: "Being seen as a person." },
      include: ["samme saksbehandler over tid"], exclude: ["faglig kunnskap (se kunnskap)"],
      examples: ["Hun så meg som et menneske"], terms: { nb: ["relasjon*", "tillit", "respekt*"] } },
    { id: "reciprocity", category: "relational", label: { nb: "Gjensidighet", en: "Reciprocity" },
      definition: { nb: "Likeverdig samarbeid og gjensidige krav.", en: "Equal partnership." }, terms: ["gjensidig*"] },
    { id: "choice", category: "relational", label: { nb: "Valgmuligheter", en: "Choice" },
      definition: { nb: "Skreddersydde tiltak og selvbestemmelse.", en: "Options and self-determination." }, terms: ["valg*"] },
    { id: "time", category: "relational", label: { nb: "Tid", en: "Time" },
      definition: { nb: "Tid og tilgjengelighet.", en: "Time and availability." }, terms: { nb: ["tid", "*tid"], en: ["time"] },
      barrierTerms: { nb: ["ventetid"] } },
    { id: "knowledge", category: "knowledge", label: { nb: "Kunnskap", en: "Knowledge" },
      definition: { nb: "Hjelperens kompetanse på systemet.", en: "The helper's competence." }, terms: ["kunnskap*"] },
    { id: "knowledge_sharing", category: "knowledge", label: { nb: "Kunnskapsdeling", en: "Knowledge sharing" },
      definition: { nb: "Informasjon om hjelp og hvordan systemet virker.", en: "Sharing information." },
      terms: ["informasjon*"] },
  ],
});

const CATEGORY: Record<string, string> = {
  relation: "relational", reciprocity: "relational", choice: "relational", time: "relational",
  knowledge: "knowledge", knowledge_sharing: "knowledge",
};

type Row = [id: string, seminar: string, group: string, participant: string, question: string, text: string, codes: string];

// codes: "time+ relation-" = time helpful, relation barrier; the evidence is the first occurrence of the term.
const ROWS: Row[] = [
  ["b1", "Byen", "1", "P1", "1", "Hun tok seg tid og så meg som et menneske, god relasjon", "time+:tid relation+:relasjon"],
  ["b2", "Byen", "1", "P2", "1", "Fikk direktenummeret 22 33 44 55 og kunne ringe når som helst, tid til meg", "time+:tid"],
  ["b3", "Byen", "1", "P3", "2", "Byttet saksbehandler hele tiden, ingen relasjon", "relation-:relasjon"],
  ["b4", "Byen", "2", "P4", "1", "Kari sin veileder hadde kunnskap om systemet og ga meg informasjon", "knowledge+:kunnskap knowledge_sharing+:informasjon"],
  ["b5", "Byen", "2", "P5", "2", "Mangel på informasjon om hva jeg hadde rett på", "knowledge_sharing-:informasjon"],
  ["b6", "Byen", "2", "P6", "2", "Lang ventetid, men gjensidig respekt da jeg først kom inn", "time-:ventetid reciprocity+:gjensidig relation+:respekt"],
  ["b7", "Byen", "2", "P6", "1", "Møtet var kl. 10.30 og kostet meg kr 12 000 i tapt lønn", ""],
  ["r1", "Bygda", "1", "P7", "1", "Jeg fikk velge selv, flere valg enn jeg trodde", "choice+:valg"],
  ["r2", "Bygda", "1", "P8", "1", "Tillit og respekt, vi satte mål sammen, gjensidig", "relation+:Tillit reciprocity+:gjensidig"],
  ["r3", "Bygda", "1", "P9", "2", "Ikke tid til å snakke, alt gikk på skjema", "time-:tid"],
  ["r4", "Bygda", "2", "P10", "2", "Skriv til ola.nordmann@example.no, han hadde kunnskap om NAV og tid", "knowledge+:kunnskap time+:tid"],
  ["r5", "Bygda", "2", "P11", "1", "Mitt fødselsnummer 15076500565 ble lest høyt på venterommet", ""],
  ["r6", "Bygda", "2", "P12", "1", "She took time to explain, Sarah Johnson was great", "time+:time"],
];

function parseCodes(row: Row): CodedNote["codes"] {
  const text = row[5];
  return row[6].split(" ").filter(Boolean).map((spec) => {
    const m = /^([a-z_]+)([+-]):(.+)$/.exec(spec);
    if (!m) throw new Error(spec);
    const [, code = "", sign, term = ""] = m;
    const start = text.indexOf(term);
    if (start < 0) throw new Error(`${term} not in ${text}`);
    const polarity = sign === "+" ? "helpful" : "barrier";
    return {
      code, category: CATEGORY[code] ?? "", polarity,
      evidence: [{ rule: `${code}.1`, term: term.toLowerCase(), start, end: start + term.length, text: term, polarity }],
    } as const;
  });
}

export const coded: CodedNote[] = ROWS.map((row) => ({
  note: { id: row[0], seminar: row[1], group: row[2], participant: row[3], question: row[4], text: row[5],
    ...(row[0] === "r6" ? { language: "en" as const } : {}) },
  language: row[0] === "r6" ? "en" : "nb",
  codes: parseCodes(row),
}));

/** A roll-up computed the plain way, standing in for the core rollUp() (quotes NOT redacted, on purpose). */
export function makeSummary(items: CodedNote[] = coded): Summary {
  const tally = (list: CodedNote[], pred: (a: CodedNote["codes"][number]) => boolean) => {
    const hit = list.filter((c) => c.codes.some(pred));
    const distinct = (f: (c: CodedNote) => string | undefined) => new Set(hit.map(f).filter(Boolean)).size;
    return {
      notes: hit.length,
      participants: distinct((c) => c.note.participant && `${c.note.seminar}/${c.note.participant}`),
      groups: distinct((c) => c.note.group && `${c.note.seminar}/${c.note.group}`),
      seminars: distinct((c) => c.note.seminar),
      share: hit.length / list.filter((c) => c.codes.length > 0).length,
      helpful: list.filter((c) => c.codes.some((a) => pred(a) && a.polarity === "helpful")).length,
      barrier: list.filter((c) => c.codes.some((a) => pred(a) && a.polarity === "barrier")).length,
    };
  };
  const codedOnly = items.filter((c) => c.codes.length > 0);
  return {
    codebook: { id: codebook.id, title: "Hva hjelper (liten utgave)", version: "1.0.0", hash: "sha256:3f1c0a9e" },
    language: "nb",
    totals: {
      notes: items.length, coded: codedOnly.length, uncoded: items.length - codedOnly.length,
      participants: new Set(items.map((c) => `${c.note.seminar}/${c.note.participant}`)).size,
      groups: new Set(items.map((c) => `${c.note.seminar}/${c.note.group}`)).size,
      seminars: new Set(items.map((c) => c.note.seminar)).size,
    },
    categories: codebook.categories.map((cat) => ({
      id: cat.id,
      label: typeof cat.label === "string" ? cat.label : cat.label.nb ?? cat.id,
      ...tally(items, (a) => a.category === cat.id),
      codes: codebook.codes.filter((c) => c.category === cat.id).map((code) => ({
        id: code.id,
        label: typeof code.label === "string" ? code.label : code.label.nb ?? code.id,
        category: cat.id,
        ...tally(items, (a) => a.code === code.id),
        quotes: items.flatMap((c) => c.codes.filter((a) => a.code === code.id).map((a) => ({
          note: c.note.id, text: c.note.text, code: code.id, polarity: a.polarity,
          seminar: c.note.seminar, group: c.note.group, participant: c.note.participant, question: c.note.question,
          attribution: `Seminar ${c.note.seminar}, gruppe ${c.note.group}, deltaker ${c.note.participant}`,
        }))).slice(0, 2),
      })),
    })),
    uncoded: items.filter((c) => c.codes.length === 0).map((c) => ({
      note: c.note.id, text: c.note.text, seminar: c.note.seminar, group: c.note.group, participant: c.note.participant,
    })),
    inputHash: "sha256:9b2e44d1",
  };
}

export const summary: Summary = makeSummary();
