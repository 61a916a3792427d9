/**
 * One run from the command line, the same for `train` and `fit`: on a worker thread with progress
 * on stderr, checkpoints when asked, and Ctrl-C (or SIGTERM) stopping between two epochs with the
 * state saved and the resume command printed.
 */
import { ExperimentConfig, runId, CheckpointExtras, saveCheckpoint, runStoppable, RunResult } from "../../paper/index";
import { TrainState } from "../../core/index";
import { onInterrupt } from "./interrupt";
import { Progress } from "./progress";

export interface InterruptibleRun {
  command: "train" | "fit";
  config: ExperimentConfig;
  label: string;
  checkpoint?: string;
  checkpointEvery?: number;
  resume?: TrainState;
  extras?: CheckpointExtras;
}

/** Where an interrupted run without --checkpoint saves its state. */
export function interruptCheckpointFile(config: ExperimentConfig): string {
  return `${runId(config)}.checkpoint.json`;
}

/** The run's result, or the exit code of an interrupted run (130 for SIGINT, 143 for SIGTERM) after saving its state. */
export async function runInterruptible(run: InterruptibleRun): Promise<{ result: RunResult } | { exitCode: number }> {
  const { config, checkpoint } = run;
  const progress = new Progress({ total: config.epochs, label: run.label });
  let finalState: TrainState | null = null;
  const stoppable = runStoppable(config, {
    onEpoch: (rec) => progress.update(rec.epoch + 1, `mse ${rec.mse.toExponential(2)}${config.method === "homotopy" ? ` λ ${rec.lambda.toFixed(3)}` : ""}`),
    resume: run.resume,
    checkpointEvery: run.checkpointEvery,
    onState: (state, final) => {
      if (final) finalState = state;
      if (checkpoint) saveCheckpoint(checkpoint, config, state, run.extras);
    },
  });
  let stoppedBy: NodeJS.Signals | null = null;
  const interrupt = onInterrupt((signal) => {
    stoppedBy = signal;
    stoppable.stop();
  });
  let outcome;
  try {
    outcome = await stoppable.done;
  } finally {
    interrupt.dispose();
  }
  progress.done();
  if (outcome.stopped && finalState) {
    const file = checkpoint ?? interruptCheckpointFile(config);
    if (!checkpoint) saveCheckpoint(file, config, finalState, run.extras);
    console.error(`${run.command}: interrupted after epoch ${outcome.result.epochs} of ${config.epochs}; saved to ${file}. Resume with: homotopy-ode ${run.command} --resume ${file}`);
    return { exitCode: stoppedBy === "SIGTERM" ? 143 : 130 };
  }
  return { result: outcome.result };
}
