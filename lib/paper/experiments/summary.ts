/** The JSON summary of a run: what `homotopy-ode train --json` prints, and what the web page's train() resolves to. */
import { RunResult } from "./run-on-dataset";

export function runSummary(r: RunResult) {
  return {
    id: r.id,
    status: r.status,
    failure: r.failure,
    interpMse: r.interpMse,
    extrapMse: r.extrapMse,
    extrapMseClean: r.extrapMseClean,
    bestEpoch: r.bestEpoch,
    epochs: r.epochs,
    seconds: r.seconds,
    totalNfe: r.totalNfe,
    dataSource: r.dataSource,
    model: r.modelDescription,
    config: r.config,
  };
}

export type RunSummary = ReturnType<typeof runSummary>;
