/** Worker-thread entry of the spectrum task (spectrum-pool.ts): serves the spectrum's halves to the pool. */
import { serveTasks } from "../experiments/pool";
import { spectrumPartTask } from "./spectrum-pool";

serveTasks(spectrumPartTask.run);
