/** Worker-thread entry of the tracked-run task (tracked-run.ts): serves trackedRun to the pool. */
import { serveTasks } from "../experiments/pool";
import { trackedTask } from "./tracked-run";

serveTasks(trackedTask.run);
