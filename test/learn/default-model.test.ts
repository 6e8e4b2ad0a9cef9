// The default model of natland-2021 (codebooks/natland-2021.model.json) is a build artefact of
// scripts/default-model.mjs, trained on ../shared/gold. These tests fail when it is stale: when the
// codebook or the gold changed since, or when the script would now write other bytes.
// Fix: `npm run default-model`, and commit the file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as kodebok from "../../src/index.ts";
import { buildDefaultModel, DEFAULT_MODEL_FILE } from "../../scripts/default-model.mjs";
import { loadGold } from "../../bench/gold.mjs";

const committed = readFileSync(DEFAULT_MODEL_FILE, "utf8");
const STALE = "codebooks/natland-2021.model.json is stale: run `npm run default-model` and commit it";

describe("the default model of natland-2021", () => {
  it("loads, and was trained for the codebook as it is now", async () => {
    const codebook = await kodebok.loadCodebook("natland-2021", { model: false });
    const parsed = kodebok.parseModel(committed, { file: DEFAULT_MODEL_FILE, codebook });
    expect(parsed.ok ? [] : parsed.diagnostics.map(kodebok.formatDiagnostic), STALE).toEqual([]);
  });

  it("was trained on the gold's development notes as they are now", async () => {
    const model = kodebok.LearnedModelSchema.parse(JSON.parse(committed));
    const { notes, blind } = loadGold();
    expect(model.training.notes).toBe(notes.filter((n: { id: string }) => !blind.has(n.id)).length);
    expect(model.examples.some((e) => blind.has(e.note)), "no blind note is a training note").toBe(false);
  });

  it("is what scripts/default-model.mjs writes, byte for byte", async () => {
    const { text } = await buildDefaultModel(kodebok);
    expect(text === committed, STALE).toBe(true);
  });

  it("is off: natland-2021 does not name it", async () => {
    expect((await kodebok.loadCodebook("natland-2021")).model).toBeUndefined();
  });
});
