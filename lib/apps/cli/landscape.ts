/** `homotopy-ode landscape`: the 2-D loss landscape on the plane of the top-2 Hessian eigenvectors (Figure 2). */
import { writeFileAtomic } from "../../core/index";
import { exportFigures, hessianLandscapeFigure } from "../../view/index";
import * as path from "node:path";
import { LandscapeGrid, hessianLandscapeOnPool, problemSpec } from "../../paper/index";
import { jobsFor, secondsOf, WORKERS_WORTHWHILE_SECONDS } from "./auto-jobs";
import { Progress } from "./progress";
import { UsageError } from "./errors";
import { ensureWritableDir } from "./output-paths";
import { flag, flagHelp, outOfRange, parseCommandFlags } from "./flags";
import { buildProblem, PROBLEM_FLAGS, problemOptionsFromFlags } from "./spectrum";

const FLAGS = {
  ...PROBLEM_FLAGS,
  out: flag.string({ placeholder: "DIR", help: "the folder to write the CSV and the figure into (required)" }),
  range: flag.number({ default: 0.2, help: "the grid spans a, b in [−range, range]" }),
  points: flag.integer({ min: 2, default: 30, help: "grid points along each direction" }),
  clip: flag.number({ default: 4000, help: "the figure shows the loss clipped at this value, as the paper's does" }),
  iters: flag.integer({ min: 2, default: 100, help: "Lanczos steps for the two directions" }),
  "probe-seed": flag.integer({ min: 0, default: 0, help: "seed of the Lanczos start vector" }),
  kind: flag.choice({ choices: ["surface", "contour"], default: "surface", help: "the figure's kind" }),
  name: flag.string({ placeholder: "NAME", shownDefault: "landscape-<system>-<model>[-t<t_end>]-k<k>-seed<seed>", help: "file name of the CSV and figures" }),
  jobs: flag.integer({ min: 1, shownDefault: "one per core when worthwhile, else this thread", help: "worker threads" }),
  json: flag.boolean({ help: "print one JSON object with the file paths, eigenvalues and loss range" }),
};

export const LANDSCAPE_HELP = `homotopy-ode landscape --system S --model M --out DIR
                       [--t-end X] [--k X] [--lambda X] [--seed N] [--theta FILE]
                       [--range 0.2] [--points 30] [--clip 4000] [--iters 100] [--probe-seed 0]
                       [--kind surface|contour] [--name NAME] [--jobs N] [--json]

The training loss (as \`spectrum\`: rollout MSE, coupled when --k > 0) on the plane
θ + a·d₁ + b·d₂, where d₁, d₂ are the two dominant Hessian eigenvectors (unit length, from
--iters Lanczos steps), over a, b = linspace(−range, range, points). Each grid point is a fresh
adaptive solve; a failed solve counts as +∞. Writes DIR/NAME.csv (columns a, b, loss, loss_clipped;
loss is raw, "Infinity" where the solve failed), DIR/NAME.json (the plotly {data, layout}) and
DIR/NAME.html (standalone, plotly inlined); the figure shows the loss clipped at --clip (default
4000, the paper's). NAME defaults to landscape-<system>-<model>[-t<t_end>]-k<k>-seed<seed>.
The grid's rows run on --jobs worker threads with the numbers of one thread; by default one per core
when the grid would take one thread ${WORKERS_WORTHWHILE_SECONDS} s or more (timed from the centre's solve), else this thread.
--json prints one JSON object with the file paths, eigenvalues and loss range.

${flagHelp(FLAGS)}`;

export const LANDSCAPE_SUMMARY = "2-D loss landscape on the top-2 Hessian eigenvectors (CSV + figure)";

const NAME_PATTERN = /^[A-Za-z0-9._-]+$/;

/** CSV of a grid: one row per point, a varying slowest. */
export function landscapeCsv(grid: LandscapeGrid): string {
  const lines = ["a,b,loss,loss_clipped"];
  const nb = grid.b.length;
  for (let i = 0; i < grid.a.length; i++) {
    for (let j = 0; j < nb; j++) {
      const q = i * nb + j;
      lines.push(`${grid.a[i]},${grid.b[j]},${grid.loss[q]},${grid.clipped[q]}`);
    }
  }
  return lines.join("\n") + "\n";
}

export async function landscapeCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags(argv, FLAGS);
  if (values.out === undefined) throw new UsageError("--out is required: the folder to write the CSV and the figure into");
  const { range, points, clip, iters, kind } = values;
  // The library checks these too, but only after the Lanczos run for the directions; say it at once, naming the flag.
  if (!(range > 0)) throw outOfRange("--range", "a number > 0", range);
  if (!(clip > 0)) throw outOfRange("--clip", "a number > 0", clip);
  const probeSeed = values["probe-seed"];
  const givenJobs = values.jobs;
  const problemOptions = problemOptionsFromFlags(values);
  const problem = buildProblem(problemOptions);
  const cfg = problem.config;
  // The grid is what runs on workers: points² solves like the one at the centre.
  const jobs = jobsFor(givenJobs, () => points * points * secondsOf(() => problem.loss.adaptiveValue(problem.theta, cfg.solver.maxSteps)));
  const tEnd = cfg.data.kind === "simulated" ? `-t${cfg.data.tEnd}` : "";
  const name = values.name ?? `landscape-${cfg.system}-${cfg.model.kind}${tEnd}-k${problem.k}-seed${cfg.seed}`;
  if (!NAME_PATTERN.test(name)) throw new UsageError(`--name: use letters, digits, '.', '_' and '-' only, got "${name}"`);
  ensureWritableDir("--out", values.out);

  const started = performance.now();
  const progress = new Progress({ total: points, label: `landscape ${problem.label}` });
  const { grid, eigenvalues } = await hessianLandscapeOnPool(problemSpec(problemOptions), jobs, { range, points, clip, iters, seed: probeSeed, onRow: (done) => progress.update(done) });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  const title = `${problem.label}: λ₁ = ${eigenvalues[0].toPrecision(4)}, λ₂ = ${eigenvalues[1].toPrecision(4)}`;
  const figure = hessianLandscapeFigure([{ title, grid }], {
    kind,
    title: `Loss landscape on the top-2 Hessian eigenvectors (clipped at ${clip})`,
  });

  const csvPath = path.join(values.out, `${name}.csv`);
  writeFileAtomic(csvPath, landscapeCsv(grid));
  exportFigures([{ name, figure }], values.out, { formats: ["json", "html"] });
  const jsonPath = path.join(values.out, `${name}.json`);
  const htmlPath = path.join(values.out, `${name}.html`);

  const finite = Array.from(grid.loss).filter(Number.isFinite);
  const summary = {
    csv: csvPath,
    figure: jsonPath,
    html: htmlPath,
    system: cfg.system,
    model: cfg.model.kind,
    seed: cfg.seed,
    tEnd: cfg.data.kind === "simulated" ? cfg.data.tEnd : null,
    k: problem.k,
    lambda: problem.k > 0 ? problem.lambda : 0,
    topEigenvalues: eigenvalues,
    centerLoss: grid.center,
    minLoss: finite.length ? Math.min(...finite) : null,
    maxLoss: finite.length ? Math.max(...finite) : null,
    clippedPoints: Array.from(grid.loss).filter((v) => !(v < clip)).length,
    failures: grid.failures,
    points: grid.a.length * grid.b.length,
    jobs,
    seconds,
  };
  if (values.json) {
    console.log(JSON.stringify(summary));
  } else {
    console.log(`${problem.label}: top eigenvalues ${eigenvalues.map((v) => v.toExponential(4)).join(", ")}`);
    console.log(`  loss at centre ${grid.center.toExponential(4)}, range [${summary.minLoss?.toExponential(3)}, ${summary.maxLoss?.toExponential(3)}], ${summary.clippedPoints} of ${summary.points} points at or above ${clip} (${grid.failures} failed solves)`);
    console.log(`  wrote ${csvPath}, ${jsonPath}, ${htmlPath} (${seconds.toFixed(1)} s)`);
  }
  return 0;
}
