/**
 * A paper dataset as a measurement table (time, one column per state; training window then the
 * extrapolation window), so the paper's data can go through `fit` like anyone's data. Numbers are
 * written in JavaScript's shortest round-trip form, so reading the CSV back gives the same float64s.
 */
import { Dataset } from "../systems/dataset";

export function datasetCsv(ds: Dataset, timeName = "t"): string {
  const lines = [[timeName, ...ds.stateNames].join(",")];
  for (const w of [ds.train, ds.extrap]) {
    for (let i = 0; i < w.t.length; i++) lines.push([w.t[i], ...Array.from(w.u.subarray(i * ds.dim, (i + 1) * ds.dim))].map(String).join(","));
  }
  return lines.join("\n") + "\n";
}
