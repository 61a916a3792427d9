/**
 * Answers of an assignment notebook: `recordAnswer("1.2", value)` keeps the value for the
 * in-notebook self-check and, when `homotopy-ode check` runs the notebook (it sets
 * HOMOTOPY_ANSWERS_FILE), merges it into that JSON file for grading. Values become plain JSON:
 * typed arrays turn into arrays, and NaN/±Infinity (which JSON cannot hold) into the strings
 * "NaN", "Infinity", "-Infinity", read back as numbers by readAnswers.
 */
import * as fs from "node:fs";
import { writeJsonAtomic } from "../../core/index";

/** Environment variable naming the answers file (set by `homotopy-ode check`). */
export const ANSWERS_ENV = "HOMOTOPY_ANSWERS_FILE";

/** Exercise id → recorded value (JSON form). */
export type Answers = Record<string, unknown>;

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
const EXERCISE_ID = /^\d+\.\d+$/;

/** The JSON form of a value: typed arrays → arrays, Maps → objects, non-finite numbers → strings. */
export function toJsonValue(value: unknown, seen: Set<unknown> = new Set()): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return null;
  if (typeof value === "bigint") return Number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (v) => toJsonValue(v));
  if (seen.has(value)) throw new TypeError("recordAnswer: the value contains a cycle; record plain data (numbers, arrays, objects)");
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => toJsonValue(v, seen));
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v, seen)]));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJsonValue(v, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Inverse of the non-finite encoding: "NaN", "Infinity", "-Infinity" → numbers, recursively. */
export function fromJsonValue(value: unknown): unknown {
  if (typeof value === "string" && value in NON_FINITE) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map(fromJsonValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJsonValue(v);
    return out;
  }
  return value;
}

/** Answers recorded in this process (the notebook's kernel), for the self-check cell. */
const session: Answers = {};
let noted = false;

/**
 * Record the answer to an exercise (e.g. "1.2"). Returns the value unchanged, so a cell can
 * record and keep using it. A later call for the same exercise replaces the earlier answer.
 */
export function recordAnswer<T>(exercise: string, value: T): T {
  if (typeof exercise !== "string" || !EXERCISE_ID.test(exercise)) {
    throw new RangeError(`recordAnswer exercise: expected an id such as "1.2", got ${JSON.stringify(exercise)}`);
  }
  const json = toJsonValue(value);
  session[exercise] = json;
  const file = process.env[ANSWERS_ENV];
  if (file) {
    const all = readAnswerFileRaw(file);
    all[exercise] = json;
    writeJsonAtomic(file, all);
  } else if (!noted) {
    noted = true;
    console.log(`(answer ${exercise} recorded for this session's self-check; \`homotopy-ode check NOTEBOOK\` saves answers for grading)`);
  }
  return value;
}

/** The answer recorded for an exercise whose code threw: the check reports the message. */
export interface ErrorAnswer {
  $error: string;
}

export function isErrorAnswer(x: unknown): x is ErrorAnswer {
  return x !== null && typeof x === "object" && !Array.isArray(x) && typeof (x as ErrorAnswer).$error === "string" && Object.keys(x as object).length === 1;
}

/**
 * Record compute()'s value as the answer. If compute throws, record the error instead (the check
 * shows its message) and return fallback() so that later exercises can go on without this one;
 * without a fallback the error is thrown again.
 */
export function recordAnswerOr<T>(exercise: string, compute: () => T, fallback?: () => T): T {
  let value: T;
  try {
    value = compute();
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    recordAnswer(exercise, { $error: message } as ErrorAnswer);
    if (!fallback) throw e;
    console.log(`exercise ${exercise} is not done yet (${message}); the notebook continues with the reference solution for it`);
    return fallback();
  }
  return recordAnswer(exercise, value);
}

/** The answers recorded in this process so far (JSON form). */
export function sessionAnswers(): Answers {
  return fromJsonValue(JSON.parse(JSON.stringify(session))) as Answers;
}

/** Forget this process's answers (tests; re-running a notebook in one kernel). */
export function clearSessionAnswers(): void {
  for (const k of Object.keys(session)) delete session[k];
}

function readAnswerFileRaw(file: string): Answers {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return {};
  }
  if (!text.trim()) return {};
  const value = JSON.parse(text) as unknown;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`answers file ${file}: expected a JSON object of exercise id → answer`);
  }
  return value as Answers;
}

/** Read an answers file written by recordAnswer (a missing or empty file means no answers). */
export function readAnswers(file: string): Answers {
  let raw: Answers;
  try {
    raw = readAnswerFileRaw(file);
  } catch (e) {
    throw new TypeError(`answers file ${file}: ${(e as Error).message.replace(/^answers file [^:]*: /, "")}`);
  }
  return fromJsonValue(raw) as Answers;
}
