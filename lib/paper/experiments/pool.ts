/**
 * One pool of worker threads for every kind of long task (experiment runs, tracked runs, …).
 *
 * A task kind is a function `run(task, progress)` plus a worker script that serves that same
 * function with `serveTasks`. Tasks and results cross threads by structured clone, so they are
 * plain data (closures cannot cross). With jobs = 1, or a single task, the tasks run in this
 * thread, one after the other, and no worker is started. A result depends only on its task, so it
 * does not depend on `jobs` or on which worker ran it; results come back in task order whatever
 * order the tasks finish in.
 *
 * Failure rule, the same in this thread and in workers: a task that throws ends as a failed
 * result `{ ok: false, error }` carrying the error's message, and the pool goes on with the other
 * tasks. A worker thread that dies while running a task (an uncaught error, process.exit, running
 * out of memory) is replaced by a new one, and that task ends as a failed result naming the cause.
 * `runTasks` itself rejects only for invalid arguments; callers decide what a failed task means.
 *
 * Order: given `costs` (an estimate per task, any unit), workers take the costliest task not yet
 * started first (ties in task order), so long tasks do not start last and keep one core busy
 * alone at the end (longest-processing-time-first list scheduling). In this thread (jobs = 1)
 * the order cannot change the total time, so tasks run in task order there.
 *
 * Progress: a task calls `progress(n)` (e.g. epochs done) as often as it likes; `onProgress`
 * receives it at most every 250 ms per task, through the callback alone, whether or not a terminal
 * is attached.
 */
import * as os from "node:os";
import { parentPort, Worker } from "node:worker_threads";

/** What a task ended with: its value, or the message of the error it failed with. */
export type TaskResult<R> = { ok: true; value: R } | { ok: false; error: string };

/** A kind of task: the function that runs one, and the worker script that serves it. */
export interface TaskKind<T, R> {
  /** Absolute path of the worker script that calls serveTasks(run) with this same run. */
  workerFile: string;
  run: (task: T, progress: (n: number) => void) => R;
}

/** Callbacks of runTasks; `index` is the task's position in the task list. */
export interface TaskEvents<R> {
  onStart?: (index: number) => void;
  onProgress?: (index: number, n: number) => void;
  /** Each task's outcome as soon as it is known (so in finishing order, not task order). */
  onResult?: (index: number, result: TaskResult<R>) => void;
  /**
   * Stop early (Ctrl-C): the workers are ended, tasks in flight and not started get no result
   * (their entries stay empty); finished tasks have been reported.
   */
  signal?: AbortSignal;
  /** Estimated cost of each task (same length as the task list, finite, ≥ 0): workers start the costliest first. */
  costs?: readonly number[];
}

type WorkerMessage<R> = { type: "progress"; index: number; n: number } | { type: "result"; index: number; result: TaskResult<R> };

const PROGRESS_INTERVAL_MS = 250;

/** One job per available core. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

function throttled(send: (n: number) => void): (n: number) => void {
  let last = 0;
  return (n) => {
    const now = Date.now();
    if (now - last > PROGRESS_INTERVAL_MS) {
      last = now;
      send(n);
    }
  };
}

function messageOf(e: unknown): string {
  return (e as Error | null)?.message ?? String(e);
}

/** One task under the failure rule: a throw becomes a failed result. */
function attempt<T, R>(run: TaskKind<T, R>["run"], task: T, progress: (n: number) => void): TaskResult<R> {
  try {
    return { ok: true, value: run(task, throttled(progress)) };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}

/** Worker-script side: run each task the pool posts and post back its progress and result. */
export function serveTasks<T, R>(run: TaskKind<T, R>["run"]): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks: a task worker script must run in a worker thread");
  port.on("message", ({ index, task }: { index: number; task: T }) => {
    const result = attempt(run, task, (n) => port.postMessage({ type: "progress", index, n }));
    port.postMessage({ type: "result", index, result });
  });
}

/** Task indices, costliest first (ties keep task order); task order without costs. */
export function startOrder(count: number, costs?: readonly number[]): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  if (!costs) return order;
  if (costs.length !== count) throw new RangeError(`costs: expected one estimate per task (${count}), got ${costs.length}`);
  const bad = costs.findIndex((c) => !Number.isFinite(c) || c < 0);
  if (bad >= 0) throw new RangeError(`costs[${bad}]: expected a finite number ≥ 0, got ${costs[bad]}`);
  return order.sort((a, b) => costs[b] - costs[a] || a - b);
}

/** Run every task on up to `jobs` worker threads; resolves with one result per task, in task order. */
export async function runTasks<T, R>(kind: TaskKind<T, R>, tasks: readonly T[], jobs: number, events: TaskEvents<R> = {}): Promise<TaskResult<R>[]> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs: expected a whole number ≥ 1, got ${jobs}`);
  const order = startOrder(tasks.length, events.costs);
  const results: TaskResult<R>[] = new Array(tasks.length);
  const finish = (index: number, result: TaskResult<R>) => {
    results[index] = result;
    events.onResult?.(index, result);
  };
  // In this thread nothing can interrupt a task, so a stoppable pool always uses workers.
  if ((jobs === 1 || tasks.length <= 1) && !events.signal) {
    tasks.forEach((task, index) => {
      events.onStart?.(index);
      finish(index, attempt(kind.run, task, (n) => events.onProgress?.(index, n)));
    });
    return results;
  }
  // Workers compile the TypeScript with tsx, like the CLI does.
  const execArgv = ["--require", require.resolve("tsx/cjs")];
  let nextTask = 0;
  // A lane keeps one worker busy until no task is left, replacing the worker if it dies.
  const lane = () =>
    new Promise<void>((resolve) => {
      const startWorker = () => {
        const worker = new Worker(kind.workerFile, { execArgv });
        let current = -1;
        let crash: string | null = null;
        let stopped = false;
        const stop = () => {
          stopped = true;
          nextTask = tasks.length;
          void worker.terminate();
        };
        if (events.signal?.aborted) {
          stop();
          return resolve();
        }
        events.signal?.addEventListener("abort", stop, { once: true });
        const next = () => {
          if (nextTask >= tasks.length) {
            current = -1;
            void worker.terminate();
            return;
          }
          current = order[nextTask++];
          events.onStart?.(current);
          worker.postMessage({ index: current, task: tasks[current] });
        };
        worker.on("message", (msg: WorkerMessage<R>) => {
          if (msg.type === "progress") events.onProgress?.(msg.index, msg.n);
          else {
            finish(msg.index, msg.result);
            next();
          }
        });
        worker.on("error", (e) => {
          crash = messageOf(e);
        });
        worker.on("exit", (code) => {
          events.signal?.removeEventListener("abort", stop);
          if (current < 0 || stopped) return resolve();
          finish(current, { ok: false, error: `the worker thread died: ${crash ?? `exit code ${code}`}` });
          if (nextTask < tasks.length) startWorker();
          else resolve();
        });
        next();
      };
      startWorker();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
  return results;
}
