/**
 * The JSON summary of a run: what `homotopy-ode train --json` and `fit --json` print, and what the
 * web page's train() resolves to. Runs on tables add NMSE, k and the number of trajectories.
 */
import { RunResult } from "./run-on-dataset";

export function runSummary(r: RunResult) {
  const base = {
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
  const t = r.trajectories;
  if (!t) return base;
  return { ...base, interpNmse: t.interp.nmse, extrapNmse: t.extrap.nmse, k: r.config.homotopy && r.config.method === "homotopy" ? r.config.homotopy.k : null, trajectories: t.predictions.length };
}

export type RunSummary = ReturnType<typeof runSummary>;
