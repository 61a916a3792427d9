/**
 * Every default of a run description, defined once: the paper's LV recipe (dopri5 at 1e-7 / 1e-9,
 * AdamW lr 0.05 with weight decay 0.01, the power-law schedule s = 6, κ = 0.6, spline α = 1e-3,
 * multiple shooting with 5 segments and weight 0.01), which the paper's presets, systems written
 * as equations and `fit` all start from.
 */
import { DEFAULT_ATOL, DEFAULT_RTOL } from "../../core/index";

export const DEFAULT_SEED = 10;
export const DEFAULT_LR = 0.05;
export const DEFAULT_WEIGHT_DECAY = 0.01;
export const DEFAULT_MAX_STEPS = 20000;
export const DEFAULT_SOLVER = { method: "dopri5" as const, rtol: DEFAULT_RTOL, atol: DEFAULT_ATOL, maxSteps: DEFAULT_MAX_STEPS };
export const DEFAULT_ACTIVATION = "gelu" as const;
/** Hidden widths of a black-box network when none are given. */
export const DEFAULT_HIDDEN = [32] as const;
export const DEFAULT_SPLINE_ALPHA = 1e-3;
export const DEFAULT_SCHEDULE_STEPS = 6;
export const DEFAULT_SCHEDULE_DECAY = 0.6;
export const DEFAULT_SEGMENTS = 5;
export const DEFAULT_CONTINUITY_WEIGHT = 0.01;
/** A fit's budget and training window. */
export const DEFAULT_FIT_EPOCHS = 600;
export const DEFAULT_TRAIN_FRACTION = 0.7;
