/**
 * Classic systems written as equations (defineSystem), each with data settings that give
 * interesting, non-chaotic dynamics over the training window. Lotka–Volterra is the built-in
 * system's twin (same equations, parameters and u0), so the two must produce the same trajectory.
 */
import { defineSystem, EquationSystem, SystemDefinition } from "./defined-system";

/** dx = a x − b x y, dy = c x y − d y: the paper's Lotka–Volterra and its data recipe. */
export const LOTKA_VOLTERRA_EQUATIONS: SystemDefinition = {
  name: "lotka-volterra-eq",
  description: "Lotka–Volterra predator–prey (the paper's system, written as equations)",
  state: ["x", "y"],
  params: { a: 1.3, b: 0.9, c: 0.8, d: 1.8 },
  rhs: { x: "a*x - b*x*y", y: "c*x*y - d*y" },
  u0: [0.44249296, 4.6280594],
  data: { tEnd: 6.1, dt: 0.1, noise: { kind: "relative-to-mean", amplitude: 0.05 }, noiseSeed: 10 },
};

/**
 * Van der Pol oscillator, μ = 1: from (2, 0) the state is already on the limit cycle (period ≈ 6.66),
 * so [0, 10) holds one and a half relaxation cycles. Its states have zero mean, so the noise is
 * absolute: std 0.1 ≈ 5% of the amplitude (|x| ≤ 2, |y| ≤ 2.7).
 */
export const VAN_DER_POL: SystemDefinition = {
  name: "van-der-pol",
  description: "Van der Pol oscillator (μ = 1, on its limit cycle)",
  state: ["x", "y"],
  params: { mu: 1 },
  rhs: { x: "y", y: "mu*(1 - x^2)*y - x" },
  u0: [2, 0],
  data: { tEnd: 10, dt: 0.1, noise: { kind: "absolute", amplitude: 0.1 }, noiseSeed: 10 },
};

/**
 * Damped double-well Duffing oscillator x'' + δx' + αx + βx³ = γ cos(ωt) with δ = 0.3, α = −1,
 * β = 1 and the forcing off (γ = 0; set γ > 0 for the driven, possibly chaotic, case). From (2, 0)
 * it crosses the barrier into the left well, comes back, and spirals into the right well
 * (x → 1) within [0, 10): several regimes, no chaos. Noise: absolute std 0.05 (|x|, |v| ≲ 2).
 */
export const DUFFING: SystemDefinition = {
  name: "duffing",
  description: "damped double-well Duffing oscillator (δ = 0.3, α = −1, β = 1, unforced)",
  state: ["x", "v"],
  params: { delta: 0.3, alpha: -1, beta: 1, gamma: 0, omega: 1.2 },
  rhs: { x: "v", v: "-delta*v - alpha*x - beta*x^3 + gamma*cos(omega*t)" },
  u0: [2, 0],
  data: { tEnd: 10, dt: 0.1, noise: { kind: "absolute", amplitude: 0.05 }, noiseSeed: 10 },
};

export const CLASSIC_SYSTEMS = {
  "lotka-volterra-eq": LOTKA_VOLTERRA_EQUATIONS,
  "van-der-pol": VAN_DER_POL,
  duffing: DUFFING,
} as const;

export type ClassicSystemName = keyof typeof CLASSIC_SYSTEMS;

/** A classic system compiled; unknown names list the known ones. */
export function classicSystem(name: ClassicSystemName): EquationSystem {
  const def = (CLASSIC_SYSTEMS as Record<string, SystemDefinition>)[name];
  if (!def) throw new RangeError(`classic system: unknown name "${name}"; expected one of ${Object.keys(CLASSIC_SYSTEMS).join(", ")}`);
  return defineSystem(def);
}
