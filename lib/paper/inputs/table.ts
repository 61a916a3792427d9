/**
 * Measured time series from a user's table (CSV, TSV, Parquet or JSON records, read with
 * nodejs-polars): which column is time, which are states, which (optional) column separates
 * trajectories. Every problem is a FitInputError whose one line names the file, the column or
 * row, and what was expected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import pl from "nodejs-polars";
import { UsageError } from "../../core/index";

export class FitInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "FitInputError";
  }
}

/** One trajectory: times (strictly increasing) and states (t.length × dim, row-major). */
export interface Trajectory {
  id: string;
  t: Float64Array;
  u: Float64Array;
}

export interface MeasuredData {
  source: string;
  timeName: string;
  stateNames: string[];
  /** Name of the trajectory column, if the table has several trajectories. */
  trajectoryColumn?: string;
  trajectories: Trajectory[];
  /** sha256 of the values used (times, states, trajectory ids), to recognise the same data later. */
  hash: string;
  /** Rows dropped for missing values (with dropMissing). */
  dropped: number;
  /** How a text table was read: its separator and decimal mark, and which of them were detected rather than given. */
  format?: TextFormat;
}

/** How to read a text table: the field separator and whether numbers use a decimal comma (default: detected). */
export interface TableFormat {
  separator?: string;
  decimalComma?: boolean;
}

/** How a text table was read. */
export interface TextFormat {
  separator: string;
  decimalComma: boolean;
  /** What was detected from the file, e.g. ["separator", "decimalComma"]; empty when everything was given or default. */
  detected: ("separator" | "decimalComma")[];
}

const SEPARATOR_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "bar", " ": "space" };

/** "semicolon-separated, decimal commas (detected)" and the like, for messages. */
export function describeFormat(f: TextFormat): string {
  const sep = `${SEPARATOR_NAMES[f.separator] ?? JSON.stringify(f.separator)}-separated${f.detected.includes("separator") ? " (detected)" : ""}`;
  return f.decimalComma ? `${sep}, decimal commas${f.detected.includes("decimalComma") ? " (detected)" : ""}` : sep;
}

const DECIMAL_COMMA = /^\s*[-+]?\d*,\d+(?:[eE][-+]?\d+)?\s*$/;

/** Separator and decimal mark of a text table: as given, else from its header line and first rows. */
export function detectTextFormat(text: string, given: TableFormat, tsv: boolean): TextFormat {
  const detected: TextFormat["detected"] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 50);
  let separator = given.separator ?? (tsv ? "\t" : undefined);
  if (separator === undefined) {
    const header = lines[0] ?? "";
    const counts = [",", ";", "\t"].map((c) => ({ c, n: header.split(c).length - 1 }));
    const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
    separator = best.n > 0 ? best.c : ",";
    if (separator !== ",") detected.push("separator");
  }
  let decimalComma = given.decimalComma;
  if (decimalComma === undefined) {
    decimalComma = separator !== "," && lines.slice(1).some((l) => l.split(separator as string).some((f) => DECIMAL_COMMA.test(f)));
    if (decimalComma) detected.push("decimalComma");
  }
  return { separator, decimalComma, detected };
}

/** The table's text with decimal commas turned into points (field by field, so a separator is never touched). */
function withDecimalPoints(text: string, separator: string): string {
  return text
    .split("\n")
    .map((line) => line.split(separator).map((f) => (DECIMAL_COMMA.test(f) ? f.replace(",", ".") : f)).join(separator))
    .join("\n");
}

export interface TableColumns {
  /** Time column (default: the first column). */
  time?: string;
  /** State columns (default: every other numeric column). */
  states?: string[];
  /** Column with a trajectory id per row (optional). */
  trajectory?: string;
  /** Drop rows with a missing value instead of refusing them. */
  dropMissing?: boolean;
}

const FORMATS: Record<string, "csv" | "tsv" | "parquet" | "json"> = { ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet", ".json": "json" };

/** Read a table file; the format follows the extension (.csv, .tsv, .parquet, .json); text tables' separator and decimal mark are detected unless given. */
export function readTable(file: string, given: TableFormat = {}): pl.DataFrame {
  return readTableWithFormat(file, given).df;
}

/** readTable, and how a text table was read. */
export function readTableWithFormat(file: string, given: TableFormat = {}): { df: pl.DataFrame; format?: TextFormat } {
  if (given.separator !== undefined && (given.separator.length !== 1 || /[\d.\-+eE"\n\r]/.test(given.separator))) {
    throw new FitInputError(`--separator: expected one character that cannot be part of a number, e.g. ";" or "\\t", got ${JSON.stringify(given.separator)}`);
  }
  if (!fs.existsSync(file)) throw new FitInputError(`${file}: file not found`);
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (!format) throw new FitInputError(`${file}: unknown format "${path.extname(file)}"; expected a .csv, .tsv, .parquet or .json (records) file`);
  if (fs.statSync(file).size === 0) throw new FitInputError(`${file}: the file is empty; expected a header and at least 4 rows`);
  if ((given.separator !== undefined || given.decimalComma !== undefined) && format !== "csv" && format !== "tsv") {
    throw new FitInputError(`${file}: --separator and --decimal-comma apply to text tables (.csv, .tsv), not ${format}`);
  }
  let df: pl.DataFrame;
  let textFormat: TextFormat | undefined;
  try {
    if (format === "csv" || format === "tsv") {
      const text = fs.readFileSync(file, "utf8");
      textFormat = detectTextFormat(text, given, format === "tsv");
      const { separator, decimalComma } = textFormat;
      if (decimalComma && separator === ",") throw new FitInputError(`${file}: decimal commas need another separator than the comma; pass --separator ";" (or the file's own)`);
      df = separator === "," && !decimalComma ? pl.readCSV(file) : pl.readCSV(Buffer.from(decimalComma ? withDecimalPoints(text, separator) : text), { sep: separator });
    } else if (format === "parquet") df = pl.readParquet(file);
    else {
      const records = JSON.parse(fs.readFileSync(file, "utf8"));
      if (!Array.isArray(records)) throw new Error("expected an array of records [{\"t\": 0, \"x\": 1.2}, …]");
      if (!records.length) throw new FitInputError(`${file}: the file holds no records; expected a header and at least 4 rows`);
      df = pl.readRecords(records);
    }
  } catch (e) {
    if (e instanceof FitInputError) throw e;
    const msg = (e as Error).message.split("\n")[0];
    if (/empty|no data/i.test(msg)) throw new FitInputError(`${file}: the file is empty; expected a header and at least 4 rows`);
    throw new FitInputError(`${file}: cannot read it as ${format.toUpperCase()}: ${msg}`);
  }
  if (df.height === 0) throw new FitInputError(`${file}: the table has no rows; expected at least 4`);
  return { df, format: textFormat };
}

function isNumericType(dtype: unknown): boolean {
  return /Float|Int|UInt/.test(String(dtype));
}

/** Numeric, or text whose non-empty cells are mostly numbers (a typo must not silently drop a state). */
function mostlyNumeric(df: pl.DataFrame, name: string): boolean {
  const column = df.getColumn(name);
  if (isNumericType(column.dtype)) return true;
  if (!/String|Utf8/.test(String(column.dtype))) return false;
  const cells = (column.toArray() as unknown[]).filter((v) => v !== null && v !== undefined && String(v).trim() !== "");
  const numbers = cells.filter((v) => Number.isFinite(Number(String(v).trim()))).length;
  return cells.length > 0 && numbers >= cells.length / 2;
}

/** Column values as numbers (null for missing); a text cell that is not a number names its row. */
function numericColumn(df: pl.DataFrame, name: string, source: string): (number | null)[] {
  const numericNames = () => df.columns.filter((c) => isNumericType(df.getColumn(c).dtype)).join(", ") || "(none)";
  const raw = df.getColumn(name).toArray() as unknown[];
  const numeric = isNumericType(df.getColumn(name).dtype);
  return raw.map((v, i) => {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
    const x = typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(String(v).trim());
    if (!numeric && !Number.isFinite(x)) throw new FitInputError(`${source}: column "${name}" is not numeric: row ${i + 1} holds ${JSON.stringify(String(v))} (numeric columns: ${numericNames()})`);
    if (Number.isNaN(x)) return null;
    if (!Number.isFinite(x)) throw new FitInputError(`${source}: column "${name}", row ${i + 1}: expected a finite number, got ${x}`);
    return x;
  });
}

function checkColumn(df: pl.DataFrame, name: string, flag: string, source: string): void {
  if (!df.columns.includes(name)) throw new FitInputError(`${source}: ${flag} "${name}" is not a column; the columns are ${df.columns.join(", ")}`);
}

/** Pick time, states and trajectories out of a table and check them. */
export function measuredData(df: pl.DataFrame, columns: TableColumns = {}, source = "data"): MeasuredData {
  if (df.height < 2) throw new FitInputError(`${source}: the table has ${df.height} row; a fit needs at least 4 rows per trajectory`);
  const timeName = columns.time ?? df.columns[0];
  checkColumn(df, timeName, "--time", source);
  if (columns.trajectory !== undefined) {
    checkColumn(df, columns.trajectory, "--trajectory", source);
    if (columns.trajectory === timeName) throw new FitInputError(`${source}: --trajectory "${columns.trajectory}" is also the time column`);
  }
  let stateNames: string[];
  if (columns.states) {
    if (!columns.states.length) throw new FitInputError(`${source}: --states: expected a comma-separated list of columns`);
    for (const s of columns.states) checkColumn(df, s, "--states", source);
    const clash = columns.states.find((s) => s === timeName || s === columns.trajectory);
    if (clash) throw new FitInputError(`${source}: --states "${clash}" is also the ${clash === timeName ? "time" : "trajectory"} column`);
    if (new Set(columns.states).size !== columns.states.length) throw new FitInputError(`${source}: --states lists a column twice`);
    stateNames = columns.states.slice();
  } else {
    stateNames = df.columns.filter((c) => c !== timeName && c !== columns.trajectory && mostlyNumeric(df, c));
    if (!stateNames.length) {
      const other = df.columns.length === 1 ? [";", "\t", ","].find((c) => df.columns[0].includes(c)) : undefined;
      const hint = other ? `; the header looks ${other === "\t" ? "tab" : JSON.stringify(other)}-separated: pass --separator ${other === "\t" ? "tab" : JSON.stringify(other)}` : "";
      throw new FitInputError(`${source}: no numeric state columns besides time "${timeName}"; the columns are ${df.columns.join(", ")}${hint}`);
    }
  }
  const time = numericColumn(df, timeName, source);
  const states = stateNames.map((s) => numericColumn(df, s, source));
  const ids = columns.trajectory ? (df.getColumn(columns.trajectory).toArray() as unknown[]).map((v) => (v === null || v === undefined ? null : String(v))) : null;
  const keep: number[] = [];
  let dropped = 0;
  for (let i = 0; i < df.height; i++) {
    const missing = time[i] === null ? timeName : ids && ids[i] === null ? (columns.trajectory as string) : stateNames.find((_, j) => states[j][i] === null);
    if (missing === undefined) keep.push(i);
    else if (columns.dropMissing) dropped++;
    else throw new FitInputError(`${source}: row ${i + 1} has no value in column "${missing}"; fill it or pass --drop-missing to drop such rows`);
  }
  const groups = new Map<string, number[]>();
  for (const i of keep) {
    const id = ids ? (ids[i] as string) : "0";
    if (!groups.has(id)) groups.set(id, []);
    (groups.get(id) as number[]).push(i);
  }
  const dim = stateNames.length;
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ timeName, stateNames, trajectory: columns.trajectory ?? null }));
  const trajectories: Trajectory[] = [];
  for (const [id, rows] of groups) {
    const label = ids ? `trajectory "${id}"` : "the data";
    if (rows.length < 4) throw new FitInputError(`${source}: ${label} has ${rows.length} row${rows.length === 1 ? "" : "s"}; a fit needs at least 4 per trajectory`);
    const t = Float64Array.from(rows, (i) => time[i] as number);
    for (let k = 1; k < rows.length; k++) {
      if (t[k] === t[k - 1]) throw new FitInputError(`${source}: duplicate time ${t[k]} in ${label} (rows ${rows[k - 1] + 1} and ${rows[k] + 1}); times must be strictly increasing`);
      if (t[k] < t[k - 1]) throw new FitInputError(`${source}: time "${timeName}" is not increasing in ${label}: row ${rows[k] + 1} (t = ${t[k]}) follows row ${rows[k - 1] + 1} (t = ${t[k - 1]})`);
    }
    const u = new Float64Array(rows.length * dim);
    rows.forEach((i, k) => stateNames.forEach((_, j) => (u[k * dim + j] = states[j][i] as number)));
    hash.update(id);
    hash.update(new Uint8Array(t.buffer));
    hash.update(new Uint8Array(u.buffer));
    trajectories.push({ id, t, u });
  }
  return { source, timeName, stateNames, trajectoryColumn: columns.trajectory, trajectories, hash: hash.digest("hex"), dropped };
}

/** readTable then measuredData. */
export function readMeasuredData(file: string, columns: TableColumns = {}, format: TableFormat = {}): MeasuredData {
  const read = readTableWithFormat(file, format);
  const data = measuredData(read.df, columns, file);
  if (read.format) data.format = read.format;
  return data;
}
