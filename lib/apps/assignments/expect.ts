/**
 * Reading recorded answers in checks: shape guards and numeric comparisons that throw a
 * CheckFailure whose message names the part of the answer and what was expected.
 */
import { CheckFailure } from "./exercise";

function render(value: unknown, depth = 0): string {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== "object") return String(value);
  if (depth > 4) return "…";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return `[${Array.from(value as ArrayLike<unknown>, (v) => render(v, depth + 1)).join(",")}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}:${render(v, depth + 1)}`).join(",")}}`;
}

/** A short rendering of a value for messages (numbers to 6 digits; NaN and Infinity as such). */
export function brief(value: unknown, max = 80): string {
  const s = render(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function fail(detail: string, hint?: string): never {
  throw new CheckFailure(detail, hint);
}

export function asObject(x: unknown, what: string): Record<string, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) fail(`${what}: expected an object, got ${brief(x)}`);
  return x as Record<string, unknown>;
}

export function asArray(x: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(x)) fail(`${what}: expected an array, got ${brief(x)}`);
  if (length !== undefined && x.length !== length) fail(`${what}: expected ${length} entries, got ${x.length}`);
  return x;
}

/** A number (NaN and ±Infinity allowed only with `finite: false`). */
export function asNumber(x: unknown, what: string, finite = true): number {
  if (typeof x !== "number" || (finite && !Number.isFinite(x))) fail(`${what}: expected ${finite ? "a finite number" : "a number"}, got ${brief(x)}`);
  return x;
}

export function asNumberArray(x: unknown, what: string, length?: number, finite = true): number[] {
  return asArray(x, what, length).map((v, i) => asNumber(v, `${what}[${i}]`, finite));
}

export function asString(x: unknown, what: string): string {
  if (typeof x !== "string") fail(`${what}: expected a string, got ${brief(x)}`);
  return x;
}

/** |a − b| ≤ atol + rtol·|b| (NaN equals NaN, so a reference NaN can be matched). */
export function close(a: number, b: number, rtol = 1e-9, atol = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

export function expectArrayClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol: { rtol?: number; atol?: number } = {}, hint?: string): void {
  if (actual.length !== expected.length) fail(`${what} should have ${expected.length} entries, got ${actual.length} (${brief(Array.from(actual))})`, hint);
  for (let i = 0; i < expected.length; i++) {
    if (!close(actual[i], expected[i], tol.rtol, tol.atol)) {
      fail(`${what}: entry ${i} should be ${brief(expected[i])}, got ${brief(actual[i])} (expected ${brief(Array.from(expected))})`, hint);
    }
  }
}

/**
 * Answers recorded for fixed cases as `cases[i].answer` (a student's function applied to each
 * case), each equal to the reference; fails at the first mismatch, naming the call.
 */
export function expectCaseAnswers<C>(answer: Record<string, unknown>, id: string, cases: readonly C[], call: (c: C) => string, reference: (c: C) => number): void {
  const recorded = asArray(answer.cases, `answer ${id} cases`, cases.length);
  cases.forEach((c, i) => {
    const got = asNumber(asObject(recorded[i], `answer ${id} cases[${i}]`).answer, `your ${call(c)}`);
    const expected = reference(c);
    if (got !== expected) fail(`${call(c)} should be ${expected}, got ${got}`);
  });
}
