/**
 * Typed command-line flags. Each command declares ONE table (flag name → Flag); parseCommandFlags
 * reads argv against it once into a typed object (a number flag gives a number, a choice flag the
 * union of its choices, …), and flagHelp writes the help's option lines from the same table.
 *
 * Flags check the form only (a number, a whole number ≥ min, one of the choices, a list of numbers);
 * whether a value is in range (lr > 0, …) is the library's to say, in its schema.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors";
import { didYouMean } from "./suggest";

export type FlagKind = "boolean" | "string" | "number" | "integer" | "choice" | "numbers" | "strings" | "repeated";

/**
 * One flag: how its text becomes a value of type V, and its line in the help. `present` is true when
 * the parsed value is always there (booleans, repeated flags and flags with a default).
 */
export interface Flag<V, Present extends boolean = boolean> {
  readonly kind: FlagKind;
  /** The help line (wrapped to the help's width). */
  readonly help: string;
  /** What the help shows after the flag: N, X, FILE, a|b|c; "" for a boolean. */
  readonly placeholder: string;
  /** The value when the flag is not given (shown in the help). */
  readonly default?: V;
  /** The default as the help shows it: the default's text, or what the library uses when the flag is not given. */
  readonly shownDefault?: string;
  /** integer: the smallest value accepted. */
  readonly min?: number;
  /** choice: the values accepted. */
  readonly choices?: readonly string[];
  readonly present: Present;
  /** The value of a given flag's text; throws a UsageError naming the flag and the expected form. */
  readonly parse: (raw: string, flag: string) => V;
}

export type FlagTable = Record<string, Flag<unknown>>;

/** The parsed value of one flag: V, or V | undefined when it may be absent. */
export type FlagValue<F> = F extends Flag<infer V, infer Present> ? (Present extends true ? V : V | undefined) : never;

/** The parsed values of a table, keyed by flag name (without the dashes). */
export type FlagValues<T extends FlagTable> = { [K in keyof T]: FlagValue<T[K]> };

export interface ParsedCommandFlags<T extends FlagTable> {
  values: FlagValues<T>;
  positionals: string[];
}

/** Options every valued flag takes: its help line, placeholder and shown default. */
export interface FlagOptions {
  help: string;
  placeholder?: string;
  /** The default as the help shows it, when the library (not the flag) supplies it. */
  shownDefault?: string;
}

function bad(flag: string, expected: string, raw: string): UsageError {
  return new UsageError(`${flag}: expected ${expected}, got "${raw}"`);
}

function toNumber(raw: string, flag: string, expected: string): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) throw bad(flag, expected, raw);
  return v;
}

function make<V, P extends boolean>(kind: FlagKind, options: FlagOptions & { default?: V }, placeholder: string, present: P, parse: (raw: string, flag: string) => V, extra: { min?: number; choices?: readonly string[] } = {}): Flag<V, P> {
  const shown = options.shownDefault ?? (options.default === undefined ? undefined : Array.isArray(options.default) ? options.default.join(",") : String(options.default));
  return { kind, help: options.help, placeholder: options.placeholder ?? placeholder, default: options.default, shownDefault: shown, present, parse, ...extra };
}

function booleanFlag(options: { help: string }): Flag<boolean, true> {
  return { kind: "boolean", help: options.help, placeholder: "", default: false, present: true, parse: () => true };
}

function stringFlag(options: FlagOptions & { default: string }): Flag<string, true>;
function stringFlag(options: FlagOptions & { default?: undefined }): Flag<string, false>;
function stringFlag(options: FlagOptions & { default?: string }): Flag<string, boolean> {
  return make("string", options, "TEXT", options.default !== undefined, (raw) => raw);
}

function numberFlag(options: FlagOptions & { default: number }): Flag<number, true>;
function numberFlag(options: FlagOptions & { default?: undefined }): Flag<number, false>;
function numberFlag(options: FlagOptions & { default?: number }): Flag<number, boolean> {
  return make("number", options, "X", options.default !== undefined, (raw, flag) => toNumber(raw, flag, "a number"));
}

function integerFlag(options: FlagOptions & { min: number; default: number }): Flag<number, true>;
function integerFlag(options: FlagOptions & { min: number; default?: undefined }): Flag<number, false>;
function integerFlag(options: FlagOptions & { min: number; default?: number }): Flag<number, boolean> {
  const expected = `a whole number ≥ ${options.min}`;
  const parse = (raw: string, flag: string) => {
    const v = toNumber(raw, flag, expected);
    if (!Number.isInteger(v) || v < options.min) throw bad(flag, expected, raw);
    return v;
  };
  return make("integer", options, "N", options.default !== undefined, parse, { min: options.min });
}

function choiceFlag<C extends string>(options: FlagOptions & { choices: readonly C[]; default: C }): Flag<C, true>;
function choiceFlag<C extends string>(options: FlagOptions & { choices: readonly C[]; default?: undefined }): Flag<C, false>;
function choiceFlag<C extends string>(options: FlagOptions & { choices: readonly C[]; default?: C }): Flag<C, boolean> {
  const choices = options.choices;
  if (options.default !== undefined && !choices.includes(options.default)) throw new Error(`choice flag: default "${options.default}" is not one of ${choices.join(", ")}`);
  const parse = (raw: string, flag: string): C => {
    if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`${flag}: expected one of ${choices.join(", ")}, got "${raw}"${didYouMean(raw, choices)}`);
    return raw as C;
  };
  return make("choice", options, choices.join("|"), options.default !== undefined, parse, { choices });
}

function numbersFlag(options: FlagOptions): Flag<number[], false> {
  const parse = (raw: string, flag: string) => raw.split(",").map((x) => toNumber(x.trim(), flag, "comma-separated numbers"));
  return make("numbers", options, "a,b,...", false, (raw, flag) => {
    try {
      return parse(raw, flag);
    } catch {
      throw bad(flag, "comma-separated numbers", raw);
    }
  });
}

function stringsFlag(options: FlagOptions): Flag<string[], false> {
  return make("strings", options, "a,b,...", false, (raw, flag) => {
    const items = raw.split(",").map((x) => x.trim());
    if (items.some((x) => x === "")) throw bad(flag, "comma-separated names", raw);
    return items;
  });
}

/** A string flag that may be given more than once: every value, in order ([] when not given). */
function repeatedFlag(options: FlagOptions): Flag<string[], true> {
  return { ...make("repeated", options, "TEXT", true, (raw) => [raw]), default: [] };
}

/** The flag kinds, e.g. `flag.integer({ min: 1, default: 100, help: "Lanczos steps" })`. */
export const flag = {
  boolean: booleanFlag,
  string: stringFlag,
  number: numberFlag,
  integer: integerFlag,
  choice: choiceFlag,
  numbers: numbersFlag,
  strings: stringsFlag,
  repeated: repeatedFlag,
};

/** Read argv against a table: typed values (defaults filled in), and the positional arguments when allowed. */
export function parseCommandFlags<T extends FlagTable>(argv: string[], table: T, options: { positionals?: boolean } = {}): ParsedCommandFlags<T> {
  const spec: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const [name, f] of Object.entries(table)) spec[name] = f.kind === "boolean" ? { type: "boolean" } : f.kind === "repeated" ? { type: "string", multiple: true } : { type: "string" };
  // parseArgs refuses "--lr -0.1" as ambiguous; a negative number after a value flag is its value.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : "";
    const next = argv[i + 1];
    if (spec[name]?.type === "string" && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else args.push(argv[i]);
  }
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: spec, strict: true, allowPositionals: options.positionals ?? false });
  } catch (e) {
    const accepted = Object.entries(table)
      .map(([name, f]) => `--${name}${f.kind === "boolean" ? "" : " VALUE"}`)
      .join(", ");
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    const unknown = /^Unknown option '(--?[^']+)'/.exec(msg)?.[1];
    const hint = unknown ? didYouMean(unknown, Object.keys(table).map((name) => `--${name}`)) : "";
    throw new UsageError(`${msg}${hint}; accepted flags: ${accepted}`);
  }
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(table)) {
    const raw = parsed.values[name];
    if (raw === undefined) values[name] = f.default;
    else if (f.kind === "boolean") values[name] = raw === true;
    else if (f.kind === "repeated") values[name] = raw as string[];
    else values[name] = f.parse(raw as string, `--${name}`);
  }
  return { values: values as FlagValues<T>, positionals: parsed.positionals };
}

/** Width of the help text (the option lines wrap their help to it). */
const HELP_WIDTH = 100;
/** The help starts in this column unless the flag and its placeholder are longer. */
const HELP_COLUMN = 27;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The option lines of a help text: "  --flag PLACEHOLDER   help (default …)", one flag after another, in table order. */
export function flagHelp(table: FlagTable): string {
  const out: string[] = [];
  for (const [name, f] of Object.entries(table)) {
    const head = `  --${name}${f.placeholder ? ` ${f.placeholder}` : ""}`;
    const text = f.shownDefault !== undefined && f.kind !== "boolean" ? `${f.help} (default: ${f.shownDefault})` : f.help;
    const body = wrap(text, HELP_WIDTH - HELP_COLUMN);
    const indent = " ".repeat(HELP_COLUMN);
    if (head.length + 2 > HELP_COLUMN) out.push(head, ...body.map((l) => indent + l));
    else out.push(head.padEnd(HELP_COLUMN) + (body[0] ?? ""), ...body.slice(1).map((l) => indent + l));
  }
  return out.join("\n");
}

/** A usage error for a value of the right form out of range, worded like the flag errors. */
export function outOfRange(flag: string, expected: string, value: number): UsageError {
  return new UsageError(`${flag}: expected ${expected}, got "${value}"`);
}

/** The value of a flag the command cannot do without: "--NAME is required: one of …" when it is missing. */
export function required<V>(value: V | undefined, name: string, f: Flag<V>): V {
  if (value === undefined) throw new UsageError(`--${name} is required${f.choices ? `: one of ${f.choices.join(", ")}` : ""}`);
  return value;
}
