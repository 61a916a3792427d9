/** Worker-thread entry of probeTask (pool-probe.ts). */
import { serveTasks } from "../../lib/paper/experiments/pool";
import { probeTask } from "./pool-probe";

serveTasks(probeTask.run);
