/**
 * Figure 1 per λ stage: the loss surfaces a training run saw on the plane of its PCA path.
 * A homotopy run minimises a different (coupled) loss on each λ plateau, so the poster draws one
 * surface per stage; vanilla and multiple shooting have one stage, the uncoupled MSE (λ = 0).
 * The grid covers the path like `pathSurface`'s but has a node exactly at the best epoch, so the
 * (often narrow) basin around θ* is sampled at its centre. Also bilinear lookup on a grid, to lay
 * a path onto a drawn surface.
 */
import { ExperimentConfig } from "../experiments/config";
import { buildModel, buildSchedule } from "../experiments/build";
import { Dataset } from "../systems/dataset";
import { LandscapeGrid, lossLandscape } from "./landscape";
import { PathSurfaceOptions, PcaPath } from "./pca-path";
import { configLoss } from "./problem";

export interface PathStage {
  /** λ of the stage; 0 is the original (uncoupled) problem. */
  lambda: number;
  /** First epoch of the stage. */
  start: number;
  /** One past its last epoch. */
  end: number;
}

/** One λ stage of an optimisation path with its loss surface on the path's principal plane (Fig. 1). */
export interface PathStageSurface extends PathStage {
  /** The stage's training loss on the PCA plane (coupled at λ > 0, the uncoupled MSE at λ = 0). */
  surface: LandscapeGrid;
}

/**
 * The λ stages of a config over its epochs: the homotopy schedule's plateaus, or one stage at
 * λ = 0 for vanilla and multiple shooting.
 */
export function pathStages(config: ExperimentConfig): PathStage[] {
  if (config.method !== "homotopy") return [{ lambda: 0, start: 0, end: config.epochs }];
  const plateaus = buildSchedule(config).plateaus;
  const out: PathStage[] = [];
  plateaus.forEach((p, i) => {
    const end = Math.min(i + 1 < plateaus.length ? plateaus[i + 1].start : config.epochs, config.epochs);
    if (p.start < end) out.push({ lambda: p.lambda, start: p.start, end });
  });
  return out;
}

/**
 * `points` offsets covering [min(0, v) − pad, max(0, v) + pad] (pad = margin × the extent, as
 * pathSurface), evenly spaced with 0 among them: the nodes on each side of 0 are split in
 * proportion to the room needed there, and the spacing is the larger of the two sides' needs.
 */
export function originGrid(values: ArrayLike<number>, points: number, margin: number): Float64Array {
  if (!Number.isInteger(points) || points < 3) throw new RangeError(`path grid: points must be a whole number ≥ 3, got ${points}`);
  if (!(margin >= 0)) throw new RangeError(`path grid: margin must be ≥ 0, got ${margin}`);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`path grid: value ${i} is not finite (${values[i]})`);
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const pad = Math.max(hi - lo, 1e-3) * margin;
  lo -= pad;
  hi += pad;
  const intervals = points - 1;
  const below = Math.min(intervals - 1, Math.max(1, Math.round((intervals * -lo) / (hi - lo))));
  const above = intervals - below;
  const step = Math.max(-lo / below, hi / above);
  return Float64Array.from({ length: points }, (_, i) => (i - below) * step);
}

export interface StageSurfaceOptions extends PathSurfaceOptions {
  /** "all" stages of the schedule (default) or only those "visited" by the path up to its best epoch. */
  stages?: "all" | "visited";
  /** Called after each surface (progress). */
  onStage?: (stage: PathStage, done: number, total: number) => void;
}

/**
 * One loss surface per λ stage of a run on the plane of its PCA path, all on the same grid
 * (`originGrid` along each direction: it covers the path and has a node at the best epoch); each
 * grid point is a fresh adaptive solve of that stage's objective; failed solves are +∞.
 * @param config the run's config (its k, spline α and solver define the stage losses)
 * @param dataset the dataset the run trained on
 * @param path the run's PCA path (pcaPath of its recorded parameters)
 */
export function stageSurfaces(config: ExperimentConfig, dataset: Dataset, path: PcaPath, options: StageSurfaceOptions = {}): PathStageSurface[] {
  const which = options.stages ?? "all";
  if (which !== "all" && which !== "visited") throw new RangeError(`stage surfaces: stages must be "all" or "visited", got "${which}"`);
  const stages = pathStages(config).filter((s) => which === "all" || s.start <= path.bestEpoch);
  const model = buildModel(config);
  const maxSteps = config.solver.maxSteps;
  const points = options.points ?? 30;
  const margin = options.margin ?? 0.2;
  const a = originGrid(path.x, points, margin);
  const b = originGrid(path.y, points, margin);
  return stages.map((stage, i) => {
    const loss = configLoss(config, dataset, path.center, { lambda: stage.lambda, model });
    const surface = lossLandscape((th) => loss.adaptiveValue(th, maxSteps), path.center, path.directions[0], path.directions[1], { ...options, a, b });
    options.onStage?.(stage, i + 1, stages.length);
    return { ...stage, surface };
  });
}

/**
 * Bilinear interpolation of a grid's values at (x, y) (x along `a`, y along `b`; points outside
 * are clamped to the edge). Default values: the clipped loss, i.e. what a surface plot draws.
 */
export function gridValueAt(grid: LandscapeGrid, x: number, y: number, values: ArrayLike<number> = grid.clipped): number {
  const na = grid.a.length;
  const nb = grid.b.length;
  if (values.length !== na * nb) throw new RangeError(`grid value: expected ${na} × ${nb} = ${na * nb} values, got ${values.length}`);
  const locate = (axis: Float64Array, v: number): [number, number] => {
    const n = axis.length;
    if (n === 1 || v <= axis[0]) return [0, 0];
    if (v >= axis[n - 1]) return [n - 2, 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (axis[mid] <= v) lo = mid;
      else hi = mid;
    }
    return [lo, (v - axis[lo]) / (axis[lo + 1] - axis[lo])];
  };
  const [i, fx] = locate(grid.a, x);
  const [j, fy] = locate(grid.b, y);
  const i1 = Math.min(i + 1, na - 1);
  const j1 = Math.min(j + 1, nb - 1);
  const v00 = values[i * nb + j];
  const v10 = values[i1 * nb + j];
  const v01 = values[i * nb + j1];
  const v11 = values[i1 * nb + j1];
  return (1 - fx) * (1 - fy) * v00 + fx * (1 - fy) * v10 + (1 - fx) * fy * v01 + fx * fy * v11;
}
