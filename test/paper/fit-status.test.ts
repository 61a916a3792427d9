/** A fit's status says what happened: diverged, still improving, explaining nothing, or ok; each with advice. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assessFit, FitFacts, risesAndFalls } from "../../lib/paper/fit/fit-status";
import { fitData } from "../../lib/paper/fit/fit";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");
const facts = (over: Partial<FitFacts>): FitFacts => ({ runStatus: "ok", bestEpoch: 100, epochs: 600, interpNmse: 0.01, oneStateTrajectories: null, method: "homotopy", ...over });

test("assessFit: each status from its rule, in order diverged > degenerate > not-converged > ok", () => {
  assert.deepEqual(assessFit(facts({})), { status: "ok" });
  assert.equal(assessFit(facts({ runStatus: "diverged" })).status, "diverged");
  assert.equal(assessFit(facts({ bestEpoch: -1 })).status, "diverged");
  assert.equal(assessFit(facts({ interpNmse: null })).status, "diverged");
  assert.match(assessFit(facts({ runStatus: "diverged", method: "vanilla" })).advice ?? "", /lower --lr \(e\.g\. to half\); the model\.json written/);
  // 5 % of 600 epochs: the last 30 (570..599) count as still improving.
  assert.equal(assessFit(facts({ bestEpoch: 569 })).status, "ok");
  assert.equal(assessFit(facts({ bestEpoch: 570 })).status, "not-converged");
  assert.match(assessFit(facts({ bestEpoch: 599 })).advice ?? "", /train longer \(--epochs 1200\)/);
  assert.equal(assessFit(facts({ interpNmse: 0.9 })).status, "ok");
  assert.equal(assessFit(facts({ interpNmse: 0.91, bestEpoch: 599 })).status, "degenerate");
  const rise = [0, 2, 4, 3, 1, 0.5];
  assert.equal(assessFit(facts({ oneStateTrajectories: [rise] })).status, "degenerate");
  assert.match(assessFit(facts({ oneStateTrajectories: [rise] })).advice ?? "", /cannot rise and then fall/);
});

test("risesAndFalls: net change under half the range", () => {
  assert.equal(risesAndFalls([0, 1, 2, 3, 4]), false);
  assert.equal(risesAndFalls([4, 3.9, 2, 1, 0]), false);
  assert.equal(risesAndFalls([0, 3, 4, 2, 1.9]), true);
  assert.equal(risesAndFalls([1, 1, 1]), false);
});

test("a drug level that rises and falls, fitted with one state, is reported degenerate (with its advice), not ok", () => {
  // One oral dose, one compartment: C(t) = (ka / (ka − ke)) (e^{−ke t} − e^{−ka t}); no autonomous dC/dt = f(C) makes it.
  const dir = tempDir("status-");
  const file = path.join(dir, "conc.csv");
  const ka = 1.5;
  const ke = 0.2;
  const rows = Array.from({ length: 40 }, (_, i) => {
    const t = 0.5 * i;
    return `${t},${((ka / (ka - ke)) * (Math.exp(-ke * t) - Math.exp(-ka * t))).toFixed(6)}`;
  });
  fs.writeFileSync(file, "t,C\n" + rows.join("\n") + "\n");
  const r = fitData({ data: file, epochs: 30, method: "vanilla" });
  assert.equal(r.metrics.status, "degenerate");
  assert.match(r.metrics.advice ?? "", /one-state autonomous ODE/);
});

test("the LV example with the defaults is ok", () => {
  const r = fitData({ data: path.join(ROOT, "examples", "lotka-volterra.csv") });
  assert.equal(r.metrics.status, "ok", r.metrics.advice);
  assert.equal(r.metrics.advice, undefined);
});
