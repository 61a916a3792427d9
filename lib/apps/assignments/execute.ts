/**
 * Execute an assignment notebook through Jupyter with the project's tslab kernel
 * (tools/run_assignment.py on Debian's nbclient), with HOMOTOPY_ANSWERS_FILE pointing at a fresh
 * file, and collect the recorded answers and which cells failed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { ANSWERS_ENV, Answers, readAnswers } from "./answers";
import { recordedExercises } from "./generate";
import { UsageError } from "../../core/index";

const REPO = path.resolve(__dirname, "..", "..", "..");
export const RUNNER = path.join(REPO, "tools", "run_assignment.py");
/** Debian's Python with nbclient (the `python3` on PATH may be another one). */
export const PYTHON = process.env.HOMOTOPY_PYTHON ?? "/usr/bin/python3";

export interface CellReport {
  index: number;
  status: "ok" | "error" | "abort" | "timeout";
  /** The cell's source. */
  source: string;
  /** tslab's error text (compile or runtime). */
  error: string;
}

export interface ExecutionReport {
  /** False when the run stopped early (a cell timed out, the kernel died) or never started. */
  ok: boolean;
  failure: string | null;
  seconds: number;
  cells: CellReport[];
}

export interface NotebookRun {
  answers: Answers;
  report: ExecutionReport;
  /** The executed notebook (with outputs), if it was kept. */
  executedPath: string | null;
  /** Exercise id → error message of the failed cell that should have recorded it. */
  cellErrors: Record<string, string>;
}

/** Jupyter cannot run here (no Debian nbclient): the message says how to install it; a usage error (the setup, not a bug). */
export class JupyterMissingError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "JupyterMissingError";
  }
}

export const JUPYTER_INSTALL_HINT = "apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-nbclient";

/** Null if notebooks can be executed, else why not. */
export function jupyterProblem(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import nbclient, nbformat"], { encoding: "utf8" });
  if (r.error) return `${PYTHON} cannot be started (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); install Jupyter: ${JUPYTER_INSTALL_HINT}`;
  if (r.status !== 0) return `${PYTHON} has no nbclient; install Jupyter: ${JUPYTER_INSTALL_HINT}`;
  if (!fs.existsSync(path.join(REPO, "node_modules", "tslab"))) return "tslab is not installed in node_modules; run npm install";
  return null;
}

/** The readable part of tslab's error text: "Error: not implemented yet: …" or "1:13 - Cannot find name 'r'." */
export function errorMessage(text: string): string {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const thrown = lines.find((l) => /^[A-Za-z_$][\w$]*(Error|Exception)\b.*?:/.test(l) || /^Error\b/.test(l));
  if (thrown) return thrown;
  const compile = lines.find((l) => /^\d+:\d+ - /.test(l));
  return compile ?? lines.find((l) => !l.startsWith("evalmachine") && !/^\^+$/.test(l)) ?? "an error";
}

/** Exercise id → error message, for failed cells that call recordAnswer. */
export function cellErrorsByExercise(report: ExecutionReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of report.cells) {
    if (c.status === "ok") continue;
    const message = c.status === "error" ? errorMessage(c.error) : c.status === "abort" ? "the kernel aborted it" : "a timeout";
    for (const id of recordedExercises(c.source)) if (!(id in out)) out[id] = `${message} (cell ${c.index})`;
  }
  return out;
}

export interface ExecuteOptions {
  /** Per-cell timeout in seconds (default 600). */
  timeout?: number;
  /** HOMOTOPY_PROFILE for the notebook (default "quick"). */
  profile?: "quick" | "full";
  /** Keep the executed notebook here (file name as the input); default: discarded. */
  outDir?: string;
}

/** Run the notebook and collect its answers. Throws JupyterMissingError when Jupyter is absent. */
export function executeAssignmentNotebook(file: string, options: ExecuteOptions = {}): NotebookRun {
  const problem = jupyterProblem();
  if (problem) throw new JupyterMissingError(problem);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "homotopy-check-"));
  try {
    const answersFile = path.join(tmp, "answers.json");
    const reportFile = path.join(tmp, "report.json");
    const executed = options.outDir ? path.join(options.outDir, path.basename(file)) : path.join(tmp, "executed.ipynb");
    if (options.outDir) fs.mkdirSync(options.outDir, { recursive: true });
    const env = {
      ...process.env,
      [ANSWERS_ENV]: answersFile,
      HOMOTOPY_PROFILE: options.profile ?? "quick",
      JUPYTER_PATH: [path.join(REPO, ".jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    };
    const args = [RUNNER, "--out", executed, "--report", reportFile, "--timeout", String(options.timeout ?? 600), path.resolve(file)];
    const r = spawnSync(PYTHON, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    let report: ExecutionReport;
    try {
      report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as ExecutionReport;
    } catch {
      const why = r.error ? r.error.message : `${r.stderr || r.stdout || ""}`.trim().split("\n").slice(-3).join(" ");
      report = { ok: false, failure: `the notebook runner wrote no report (exit ${r.status}): ${why}`, seconds: 0, cells: [] };
    }
    return {
      answers: readAnswers(answersFile),
      report,
      executedPath: options.outDir && fs.existsSync(executed) ? executed : null,
      cellErrors: cellErrorsByExercise(report),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
