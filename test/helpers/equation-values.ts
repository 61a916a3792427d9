/** Prints f, ∂f/∂u and the vjp of several equation-defined systems at fixed points (JSON), to compare builds of define.ts. */
import { defineSystem, SystemDefinition } from "../../lib/paper/systems/defined-system";
import { CLASSIC_SYSTEMS } from "../../lib/paper/systems/classic";
const defs: SystemDefinition[] = [...Object.values(CLASSIC_SYSTEMS),
  { state: ["a", "b", "c"], params: { p: 1.5 }, rhs: { a: "sin(a)*cos(b) - tanh(c)^2 + exp(-a^2)", b: "log(1 + a^2) * sqrt(abs(b)+1) / (1 + c^2)", c: "p*a*b*c - atan(c) + sec(a) + cosh(b)/3" } },
];
const out: number[] = [];
for (const d of defs) {
  const s = defineSystem(d);
  const n = s.dim;
  for (let r = 0; r < 5; r++) {
    const u = Float64Array.from({ length: n }, (_, i) => 0.3 * (i + 1) - 0.2 * r);
    const f = new Float64Array(n), J = new Float64Array(n * n), ug = new Float64Array(n), pg = new Float64Array(s.nParams);
    s.eval(0.7 * r, u, s.defaultParams, f);
    s.jacobian(0.7 * r, u, s.defaultParams, J);
    s.vjp(0.7 * r, u, s.defaultParams, Float64Array.from({ length: n }, () => 1), ug, pg);
    out.push(...f, ...J, ...ug, ...pg);
  }
}
console.log(JSON.stringify(out));
