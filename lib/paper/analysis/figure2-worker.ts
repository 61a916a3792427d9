/** Worker-thread entry of the Figure 2 panel task (figure2-pool.ts): serves panels to the pool. */
import { serveTasks } from "../experiments/pool";
import { figure2PanelTask } from "./figure2-pool";

serveTasks(figure2PanelTask.run);
