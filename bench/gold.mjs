// The independently coded development set ../shared/gold/ as kodebok notes, with the groups that
// cross-validation must keep together and the BLIND set: notes no rule writer reads while writing
// rules, so that a figure on them is a fair guess of how a codebook does on new data.
//
// Groups (never split between training and testing): a post-it's seminar; an interview, an
// observation series or a report (its source); for surveys, blocks of ten consecutive answers of one
// survey (the gold has no respondent ids; answers are taken as one respondent's each).
// Blind: the post-its of "Bergen 2022-10-04", the sources intervju-07 (English), intervju-08,
// feltnotater-ressursgruppe and lysbilder-dialogseminar-2023, and every fifth survey block (blocks
// 4, 9, 14, ... of each survey, in id order): 155 of the 523 notes, chosen before the rules were read
// against any of them.
import fs from "node:fs";
import path from "node:path";
import { sharedDir } from "./shared-dir.mjs";

export const THEMES = ["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"];
export const CATEGORIES = { relational: ["relation", "reciprocity", "choice", "time"], knowledge: ["knowledge", "knowledge_sharing"] };

const BLIND_SEMINARS = new Set(["Bergen 2022-10-04"]);
const BLIND_SOURCES = new Set(["intervju-07", "intervju-08", "feltnotater-ressursgruppe", "lysbilder-dialogseminar-2023"]);
const SURVEY_BLOCK = 10;

const readJsonl = (file) =>
  fs.readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));

/**
 * Reads the gold set.
 * @param {string} [dir] the gold folder (default: ../shared/gold beside the clone)
 * @returns {{ dir: string, units: object[], notes: object[], gold: Map<string, object>, groupOf: Map<string, string>, blind: Set<string> }}
 * @example const { notes, gold, blind } = loadGold();
 */
export function loadGold(dir = path.join(sharedDir(), "gold")) {
  const units = readJsonl(path.join(dir, "units.jsonl"));
  const gold = new Map(readJsonl(path.join(dir, "gold.jsonl")).map((g) => [g.id, g]));
  const groupOf = new Map();
  const blind = new Set();
  const surveyRank = new Map();
  for (const u of [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    let group;
    let isBlind = false;
    if (u.kind === "survey") {
      const rank = surveyRank.get(u.source) ?? 0;
      surveyRank.set(u.source, rank + 1);
      const block = Math.floor(rank / SURVEY_BLOCK);
      group = `survey:${u.source}#${block}`;
      isBlind = block % 5 === 4;
    } else if (u.seminar) {
      group = `seminar:${u.seminar}`;
      isBlind = BLIND_SEMINARS.has(u.seminar);
    } else {
      group = `source:${u.source}`;
      isBlind = BLIND_SOURCES.has(u.source);
    }
    groupOf.set(u.id, group);
    if (isBlind) blind.add(u.id);
  }
  const notes = units.map((u) => {
    const note = { id: u.id, text: u.text, language: u.language, attributes: { kind: u.kind } };
    for (const field of ["seminar", "group", "participant", "question", "source"]) if (u[field] !== undefined) note[field] = u[field];
    return note;
  });
  return { dir, units, notes, gold, groupOf, blind };
}
