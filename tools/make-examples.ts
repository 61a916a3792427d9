/**
 * Writes examples/lotka-volterra.csv: the paper's Lotka–Volterra data (training then extrapolation
 * window, official noise, seed-independent) as a measurements table for `homotopy-ode fit`.
 * Run after any change to the solver or the noise generator: `npx tsx tools/make-examples.ts`
 * (test/paper/fit-data.test.ts checks that the file is up to date).
 */
import * as path from "node:path";
import { paperConfig } from "../lib/paper/experiments/paper";
import { buildDataset } from "../lib/paper/experiments/build";
import { datasetCsv } from "../lib/paper/fit/dataset-table";
import { writeFileAtomic } from "../lib/core/io/atomic";

const file = path.join(__dirname, "..", "examples", "lotka-volterra.csv");
writeFileAtomic(file, datasetCsv(buildDataset(paperConfig("lotka-volterra", "blackbox", "homotopy", { profile: "full" }))));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
