/** `homotopy-ode export --model DIR/model.json --to tfjs --out DIR2`: a fitted model for TensorFlow.js. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadFittedModel, FittedModel, fittedModelToTfjs, tfjsModelFiles } from "../../paper/index";
import { loadTfjs, TfNamespace, writeFileAtomic } from "../../core/index";
import { UsageError } from "./errors";
import { flag, flagHelp, parseCommandFlags, required } from "./flags";

export const EXPORT_SUMMARY = "write a fitted black-box model as a TensorFlow.js LayersModel";

const FLAGS = {
  model: flag.string({ placeholder: "DIR/model.json", help: "the model.json written by homotopy-ode fit (required)" }),
  to: flag.choice({ choices: ["tfjs"], help: "the format (required)" }),
  out: flag.string({ placeholder: "DIR2", help: "the folder to write model.json and weights.bin into (required)" }),
  force: flag.boolean({ help: "export a fit whose training diverged (refused otherwise)" }),
};

export const EXPORT_HELP = `homotopy-ode export --model DIR/model.json --to tfjs --out DIR2

Writes DIR2/model.json and DIR2/weights.bin: a tfjs LayersModel of the fitted network, the
right-hand side du/dt = f(u) in the data's units (the fit's scaling is folded into the first and
last Dense layers). Load it with tf.loadLayersModel in a browser or a Node app; it takes a batch
of states [n, dim] and returns their derivatives [n, dim] (float32). Black-box fits only.
Needs the optional peer dependency @tensorflow/tfjs (npm install @tensorflow/tfjs@4.22.0).

${flagHelp(FLAGS)}`;


export async function exportCommand(argv: string[]): Promise<number> {
  const { values: v } = parseCommandFlags(argv, FLAGS);
  if (v.model === undefined) throw new UsageError("--model is required: the model.json written by homotopy-ode fit");
  required(v.to, "to", FLAGS.to);
  if (v.out === undefined) throw new UsageError("--out is required: the folder to write model.json and weights.bin into");
  if (fs.existsSync(v.out) && !fs.statSync(v.out).isDirectory()) throw new UsageError(`--out ${v.out}: is a file; expected a folder`);
  if (path.resolve(v.out, "model.json") === path.resolve(v.model)) throw new UsageError(`--out ${v.out}: would overwrite the fitted model's own model.json; pick another folder`);
  let fitted: FittedModel;
  let tf: TfNamespace;
  try {
    fitted = loadFittedModel(v.model);
    if (fitted.file.metrics.status === "diverged" && !v.force) throw new UsageError(`--model ${v.model}: this fit diverged (${fitted.file.metrics.advice ?? "see its report.md"}); pass --force to export it anyway`);
    tf = loadTfjs();
    const files = await tfjsModelFiles(tf, fittedModelToTfjs(tf, fitted, `--model ${v.model}`));
    fs.mkdirSync(v.out, { recursive: true });
    // weights.bin first: a model.json on disk always names weights that are there.
    writeFileAtomic(path.join(v.out, "weights.bin"), files.weightsBin);
    writeFileAtomic(path.join(v.out, "model.json"), files.modelJson + "\n");
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("@tensorflow/tfjs is not installed")) throw new UsageError(`--to tfjs: ${e.message}`);
    throw e;
  }
  console.log(`wrote ${path.join(v.out, "model.json")} and weights.bin: du/dt of ${fitted.stateNames.join(", ")} in data units (${fitted.field.describe()})`);
  return 0;
}
