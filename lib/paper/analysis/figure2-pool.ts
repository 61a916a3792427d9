/**
 * figure2Sweep with its panels on the worker pool (experiments/pool.ts): each (t_end, k) panel is
 * independent and built from plain options, so a worker computes exactly the panel this thread
 * would. Callbacks cannot cross threads: onPanel runs here as panels finish (in finishing order),
 * and landscape onRow is not available on the pool.
 */
import * as path from "node:path";
import { runTasks, TaskKind } from "../experiments/pool";
import { Figure2Options, Figure2Panel, Figure2PanelProblem, figure2Panel, figure2Panels } from "./figure2";

export interface Figure2PanelTask {
  problem: Figure2PanelProblem;
  /** figure2Sweep's options without its callbacks. */
  options: Figure2Options;
}

export const figure2PanelTask: TaskKind<Figure2PanelTask, Figure2Panel> = {
  workerFile: path.join(__dirname, "figure2-worker.ts"),
  run: (task) => figure2Panel(task.problem, task.options),
};

/** Figure2Options as plain data (callbacks dropped). */
function plainOptions(options: Figure2Options): Figure2Options {
  const { onPanel: _onPanel, landscape, ...rest } = options;
  if (landscape === false || landscape === undefined) return { ...rest, landscape };
  const { onRow: _onRow, ...grid } = landscape;
  return { ...rest, landscape: grid };
}

/** figure2Sweep on `jobs` threads: the same panels, bit for bit. */
export async function figure2SweepOnPool(options: Figure2Options = {}, jobs = 1): Promise<{ byLength: Figure2Panel[]; byK: Figure2Panel[] }> {
  const plan = figure2Panels(options);
  const plain = plainOptions(options);
  let done = 0;
  const results = await runTasks(figure2PanelTask, plan.problems.map((problem) => ({ problem, options: plain })), jobs, {
    onResult: (_i, r) => {
      if (r.ok === true) options.onPanel?.(r.value, ++done, plan.problems.length);
    },
  });
  const panels = results.map((r, i) => {
    if (r.ok !== true) throw new Error(`Figure 2 panel t_end ${plan.problems[i].tEnd}, k ${plan.problems[i].k}: ${r.error}`);
    return r.value;
  });
  return { byLength: plan.byLength.map((i) => panels[i]), byK: plan.byK.map((i) => panels[i]) };
}
