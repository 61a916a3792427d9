/**
 * The solver registry is the one list of solvers: SOLVER_NAMES, SolverName, TABLEAUS and the lookups
 * all follow SOLVERS, each entry's adaptive flag and order agree with its tableau, and the names fit z.enum.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { isSolverName, SOLVER_BY_NAME, SOLVER_NAMES, SolverName, solverByName, SOLVERS, tableauByName, TABLEAUS } from "../../lib/core/ode/tableaus";

test("SOLVER_NAMES, SOLVER_BY_NAME and TABLEAUS list exactly the registry, in its order, without duplicates", () => {
  const names = SOLVERS.map((s) => s.name);
  assert.deepEqual([...SOLVER_NAMES], names);
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual(Object.keys(SOLVER_BY_NAME), names);
  assert.deepEqual(Object.keys(TABLEAUS), names);
  for (const s of SOLVERS) {
    assert.equal(solverByName(s.name), s);
    assert.equal(tableauByName(s.name), s.tableau);
    assert.equal(s.tableau.name, s.name);
  }
});

test("each entry: adaptive ⇔ an embedded pair, order = the tableau's, a one-line description", () => {
  for (const s of SOLVERS) {
    assert.equal(s.adaptive, s.tableau.bErr !== undefined, s.name);
    assert.equal(s.adaptive, s.tableau.bHat !== undefined, s.name);
    assert.equal(s.order, s.tableau.order, s.name);
    assert.ok(s.description.length > 10 && !s.description.includes("\n"), s.name);
  }
});

test("lookups refuse unknown names and list the known ones", () => {
  assert.equal(isSolverName("dopri5-hairer"), true);
  assert.equal(isSolverName("rk45"), false);
  assert.equal(isSolverName("toString"), false, "not fooled by Object.prototype");
  assert.throws(() => solverByName("rk45"), new RegExp(`expected one of ${SOLVER_NAMES.join(", ")}, got "rk45"`));
});

test("z.enum(SOLVER_NAMES) accepts every solver and refuses others; its output type is SolverName", () => {
  const schema = z.enum(SOLVER_NAMES);
  for (const name of SOLVER_NAMES) assert.equal(schema.parse(name), name);
  assert.throws(() => schema.parse("rk45"));
  const typed: SolverName = schema.parse("dopri5");
  const back: z.infer<typeof schema> = typed;
  assert.equal(back, "dopri5");
});
