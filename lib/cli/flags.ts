/** Parsing of individual flag values, with errors that name the flag and the expected form. */
import { UsageError } from "./errors";

export function numberFlag(flag: string, raw: string, check: (v: number) => boolean = () => true, expected = "a number"): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || !check(v)) throw new UsageError(`${flag}: expected ${expected}, got "${raw}"`);
  return v;
}

export function intFlag(flag: string, raw: string, min = 1): number {
  return numberFlag(flag, raw, (v) => Number.isInteger(v) && v >= min, `a whole number ≥ ${min}`);
}

export function choiceFlag<T extends string>(flag: string, raw: string | undefined, choices: readonly T[]): T {
  if (raw === undefined) throw new UsageError(`${flag} is required: one of ${choices.join(", ")}`);
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag}: expected one of ${choices.join(", ")}, got "${raw}"`);
  return raw as T;
}
