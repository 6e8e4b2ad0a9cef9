import type { Codebook } from "../codebook/codebook.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { LearnedModel } from "./model.ts";
import { checkModel } from "./read-model.ts";

/** The codebooks a model was checked against and fits (so the check runs once per pair). */
const fits = new WeakMap<LearnedModel, WeakSet<Codebook>>();

/**
 * The model `codeNotes` uses: the one given (`{ model }`), none with `{ model: false }`, else
 * the codebook's own (`model:` in the codebook, read by `readCodebook`). A model that does not
 * fit the codebook, and a codebook naming a model file that was never read (parsed from text),
 * are errors.
 *
 * @param codebook the codebook
 * @param option the `model` option of `codeNotes`
 * @returns the model to apply, or undefined for rules alone
 * @throws KodebokError when the model does not fit or was not loaded
 * @example
 * ```ts
 * modelFor(codebook, false); // undefined: rules alone
 * ```
 */
export function modelFor(codebook: Codebook, option: LearnedModel | false | undefined): LearnedModel | undefined {
  if (option === false) return undefined;
  const model = option ?? codebook.model;
  if (model === undefined) return undefined;
  if (typeof model === "string") {
    throw new KodebokError([diagnostic({
      code: "model-not-loaded", severity: "error", source: "kodebok:model",
      reason: `Cannot code notes with codebook "${codebook.id}": it names the model file "${model}", which was not read`,
      note: "Load the codebook from its file (readCodebook/loadCodebook read the model beside it), pass { model }, or code without a model: { model: false }.",
    })]);
  }
  let checked = fits.get(model);
  if (checked?.has(codebook)) return model;
  const problems = checkModel(model, codebook);
  if (problems.length > 0) throw new KodebokError(problems);
  if (checked === undefined) fits.set(model, (checked = new WeakSet()));
  checked.add(codebook);
  return model;
}
