import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CodebookSchema, type Codebook } from "../../src/codebook/codebook.ts";
import type { Coding } from "../../src/codings/coding.ts";
import type { CodedNote } from "../../src/match/coded-note.ts";
import { validateXml } from "../support/xml-schema.ts";

/**
 * ../shared/refi-qda, read in place (never copied): `$KODEBOK_SHARED`, or `shared/` next to the
 * clone (CI, /work/main), or next to the worktrees' folder (/work/wt/<name>).
 */
export const SHARED = [
  process.env.KODEBOK_SHARED,
  resolve(process.cwd(), "../shared"),
  fileURLToPath(new URL("../../../shared", import.meta.url)),
  fileURLToPath(new URL("../../../../shared", import.meta.url)),
]
  .filter((p): p is string => p !== undefined)
  .map((p) => join(p, "refi-qda"))
  .find((p) => existsSync(join(p, "Project.xsd"))) ?? resolve(process.cwd(), "../shared/refi-qda");

/**
 * Validates XML against a schema of ../shared (libxml2 in WebAssembly, the same verdicts as Debian's
 * `xmllint --schema`); returns "valid", or the problems as `file:line: message` lines.
 */
export function validate(xml: string, schema: "Codebook.xsd" | "Project.xsd"): string {
  return validateXml(xml, join(SHARED, schema), schema === "Codebook.xsd" ? "out.qdc" : "project.qde");
}

/** A small two-category codebook with Norwegian letters in names and notes. */
export const codebook: Codebook = CodebookSchema.parse({
  id: "test-book",
  title: "Testbok",
  languages: ["nb", "en"],
  categories: [
    { id: "relational", label: { nb: "Betydningen av det relasjonelle", en: "The relational" }, color: "#aa3300" },
    { id: "knowledge", label: { nb: "Betydningen av kunnskap", en: "Knowledge" } },
  ],
  codes: [
    { id: "relation", category: "relational", label: { nb: "Relasjon", en: "Relation" },
      definition: { nb: "Å bli sett og møtt som menneske.", en: "Being seen as a person." },
      include: ["tillit, respekt", "samme saksbehandler"], exclude: ["tid alene (se tid)"] },
    { id: "time", category: "relational", label: { nb: "Tid", en: "Time" }, definition: "Tid & tilgjengelighet <direkte>" },
    { id: "knowledge_sharing", category: "knowledge", label: "Kunnskapsdeling", definition: "Informasjon om hjelp", color: "#123456" },
  ],
});

const ev = (text: string, term: string, rule: string, polarity: "helpful" | "barrier" = "helpful") => {
  const start = text.indexOf(term);
  return { rule, term, start, end: start + term.length, text: term, polarity };
};

const t1 = "Saksbehandleren tok seg tid 😀 og så meg";
const t2 = "Fikk ærlig informasjon om ordningene";
const t3 = "🙂🙂 Ingen tid, byttet saksbehandler hele tiden";
const t4 = "Møtt med respekt på NAV-kontoret";

/** Coded notes from two seminars, with emoji before codes so UTF-16 and code points differ. */
export const coded: CodedNote[] = [
  { note: { id: "n1", text: t1, seminar: "Bergen 2019", group: "A", participant: "p1" }, language: "nb",
    codes: [
      { code: "time", category: "relational", polarity: "helpful", evidence: [ev(t1, "tid", "time.1")] },
      { code: "relation", category: "relational", polarity: "helpful", evidence: [ev(t1, "så meg", "relation.1")] },
    ] },
  { note: { id: "n2", text: t2, seminar: "Bergen 2019", group: "A", participant: "p2" }, language: "nb",
    codes: [{ code: "knowledge_sharing", category: "knowledge", polarity: "helpful", evidence: [ev(t2, "informasjon", "ks.1")] }] },
  { note: { id: "n3", text: t3, seminar: "Tromsø 2020", group: "B", participant: "p3" }, language: "nb",
    codes: [
      { code: "time", category: "relational", polarity: "barrier", evidence: [ev(t3, "tid", "time.1", "barrier")] },
      { code: "relation", category: "relational", polarity: "barrier", evidence: [ev(t3, "byttet saksbehandler", "relation.2", "barrier")] },
    ] },
  { note: { id: "n4", text: t4, seminar: "Tromsø 2020", group: "B" }, language: "nb", codes: [] },
];

/** Two human coders over the same notes. */
export const humanCodings: Coding[] = [
  { note: "n1", coder: "Kari Nordmann", code: "time" },
  { note: "n1", coder: "Kari Nordmann", code: "relation" },
  { note: "n3", coder: "Kari Nordmann", code: "time" },
  { note: "n4", coder: "Kari Nordmann", code: "relation" },
  { note: "n2", coder: "Ola", code: "knowledge_sharing" },
];
