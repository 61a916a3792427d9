/**
 * A fitted black-box model as a tfjs LayersModel: the network alone, i.e. the right-hand side of
 * du/dt in the data's units. The fit's normalisation (the network sees (u − shift)/scale and
 * returns d/dt of that) is folded into the first and last Dense layers, so the exported model
 * takes u and returns du/dt in data units with no extra layer.
 *
 * Gray-box models are not exported: their right-hand side is equations with networks inside,
 * and the equations are not tfjs layers. Their networks are in model.json (learnedTerms, θ).
 *
 * tfjs is passed in: this module never loads it itself.
 */
import type * as Tfjs from "@tensorflow/tfjs";
import { BlackBoxModel, mlpDenseWeights, tfjsSequential } from "../../core/index";
import { FittedModel } from "./fitted-model";
import { FitInputError } from "../inputs/table";

/** The fitted black-box network as a tfjs Sequential taking u and returning du/dt, both in data units. */
export function fittedModelToTfjs(tf: typeof Tfjs, fitted: FittedModel, where = "--model"): Tfjs.Sequential {
  const net = fitted.field;
  if (!(net instanceof BlackBoxModel)) {
    throw new FitInputError(`${where}: a ${fitted.file.settings.model.kind} model; only black-box fits export to tfjs (a gray-box model's equations are not tfjs layers; its networks are in model.json)`);
  }
  const { shift, scale } = fitted.scaling;
  const units = fitted.file.scaling.normalise ? { inShift: shift, inScale: scale, outScale: scale } : undefined;
  return tfjsSequential(tf, mlpDenseWeights(net.mlp, fitted.theta, units), net.mlp.activation);
}

/** The two files of a tfjs LayersModel: model.json (topology + weights manifest naming weights.bin) and weights.bin. */
export interface TfjsModelFiles {
  modelJson: string;
  weightsBin: Uint8Array;
}

/** Serialise a LayersModel to the files tf.loadLayersModel reads, without tfjs-node's file:// handler. */
export async function tfjsModelFiles(tf: typeof Tfjs, model: Tfjs.LayersModel, generatedBy = "homotopy-ode export"): Promise<TfjsModelFiles> {
  let files: TfjsModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
      let at = 0;
      for (const b of buffers) {
        bytes.set(new Uint8Array(b), at);
        at += b.byteLength;
      }
      const json = {
        format: "layers-model",
        generatedBy,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(json), weightsBin: bytes };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error("tfjs did not hand over the model's artifacts");
  return files;
}
