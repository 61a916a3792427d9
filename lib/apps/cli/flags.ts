/** Parsing of individual flag values, with errors that name the flag and the expected form. */
import { parseArgs } from "node:util";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

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
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag}: expected one of ${choices.join(", ")}, got "${raw}"${didYouMean(raw, choices)}`);
  return raw as T;
}

type FlagSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;

/** parseArgs' result for a spec, written out so declaration emit (tslab) can name it. */
export interface ParsedFlags<T extends FlagSpec> {
  values: { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : T[K]["multiple"] extends true ? string[] : string };
  positionals: string[];
}

/** node:util parseArgs (strict) with errors that list the accepted flags; positional arguments only when allowed. */
export function parseFlags<T extends FlagSpec>(argv: string[], options: T, allowPositionals = false): ParsedFlags<T> {
  // parseArgs refuses "--lr -0.1" as ambiguous; a negative number after a value flag is its value.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    const next = argv[i + 1];
    if (options[name]?.type === "string" && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals }) as ParsedFlags<T>;
  } catch (e) {
    const accepted = Object.entries(options)
      .map(([name, o]) => `--${name}${o.type === "string" ? " VALUE" : ""}`)
      .join(", ");
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    const unknown = /^Unknown option '(--?[^']+)'/.exec(msg)?.[1];
    const hint = unknown ? didYouMean(unknown, Object.keys(options).map((name) => `--${name}`)) : "";
    throw new UsageError(`${msg}${hint}; accepted flags: ${accepted}`);
  }
}
