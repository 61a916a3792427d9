/** Worker-thread entry of the landscape row task (landscape-pool.ts): serves grid rows to the pool. */
import { serveTasks } from "../experiments/pool";
import { landscapeRowTask } from "./landscape-pool";

serveTasks(landscapeRowTask.run);
