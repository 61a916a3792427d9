/** Worker-thread entry of the experiment task (run-pool.ts): serves runExperiment to the pool. */
import { serveTasks } from "./pool";
import { experimentTask } from "./run-pool";

serveTasks(experimentTask.run);
