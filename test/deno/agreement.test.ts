// Deno smoke test of the agreement API from the same source (run: deno test --allow-read --allow-env test/deno/).
import assert from "node:assert/strict";
import { cohenKappaFromTable, compareCodings, krippendorffAlpha, parseCodings } from "../../src/index.ts";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units with missing values.
const data = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

Deno.test("krippendorffAlpha() reproduces Krippendorff (2011) under Deno, with a repeatable interval", () => {
  assert.equal(krippendorffAlpha(data).value.toFixed(3), "0.743");
  assert.equal(krippendorffAlpha(data, { level: "interval" }).value.toFixed(3), "0.849");
  const a = krippendorffAlpha(data, { interval: { samples: 200, seed: 2 } }).interval;
  const b = krippendorffAlpha(data, { interval: { samples: 200, seed: 2 } }).interval;
  assert.deepEqual(a, b);
});

Deno.test("cohenKappaFromTable() reproduces vcd's Kappa(SexualFun) under Deno", () => {
  const sexualFun = [[7, 7, 2, 3], [2, 8, 3, 7], [1, 5, 4, 9], [2, 8, 9, 14]];
  assert.equal(cohenKappaFromTable(sexualFun).value.toFixed(4), "0.1293");
  assert.equal(cohenKappaFromTable(sexualFun, { weights: "linear" }).value.toFixed(4), "0.2374");
});

Deno.test("parseCodings() and compareCodings() work under Deno", () => {
  const loaded = parseCodings("note_id;anna;bjørn\nn1;time;time\nn2;relation;\nn3;;time\n");
  assert.ok(loaded.ok);
  const r = compareCodings(loaded.value, loaded.value, { coders: ["anna", "bjørn"], interval: false });
  assert.deepEqual(r.codes.find((c) => c.code === "time")?.confusion, { both: 1, onlyA: 0, onlyB: 1, neither: 1 });
});
