import { writeFileAtomic, type WriteOptions } from "../files/write-file-atomic.ts";
import type { LearnedModel } from "./model.ts";

/**
 * Serialises a model as its file's text: JSON indented by two spaces, each array of numbers on
 * one line (a code's weights are one line), keys in the schema's order, ending with a newline.
 * The same model always gives the same text.
 *
 * @param model the model
 * @returns the JSON text
 * @example
 * ```ts
 * modelToJson(trainCoder(notes, codings, { codebook })).startsWith('{\n  "format": "kodebok-model"'); // true
 * ```
 */
export function modelToJson(model: LearnedModel): string {
  return `${JSON.stringify(model, null, 2).replace(/\[\n[ ]*(-?\d[^\]{}"]*?)\n[ ]*\]/gu, (_, inner: string) => `[${inner.replace(/,\n[ ]*/gu, ", ")}]`)}\n`;
}

/**
 * Writes a model file atomically (never onto one of `inputs`).
 *
 * @param path the file to write
 * @param model the model
 * @param options input files the model must not overwrite
 * @returns nothing once written
 * @example
 * ```ts
 * await writeModel("model.json", model, { inputs: ["notes.csv"] });
 * ```
 */
export async function writeModel(path: string, model: LearnedModel, options: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, modelToJson(model), options);
}
