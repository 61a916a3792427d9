/**
 * The page: the form and its URL, the charts, and the workers that train. Every number comes
 * from the library's own code (jobs.ts in a Web Worker); this file only arranges and draws.
 */
import { configFromSettings, DEFAULT_EQUATIONS, effectiveValues, NUMERIC_FIELDS, PAGE_METHODS, PAGE_SYSTEMS, PageSystem, Settings, SettingsError, settingsFromQuery, settingsToQuery } from "./settings";
import type { DataView, EpochRows, Prediction, Progress, SyncOutcome, TrainOutcome } from "./jobs";
import type { WorkerJob } from "./worker";
import { drawChart, Line } from "./plot";
import { ExperimentConfig, parseConfig, buildSchedule, SOLVER_METHODS } from "../lib/paper/index";
import { KernelBackend, wasmSimdSupported, trainingMethod } from "../lib/core/index";
import type { RunSummary } from "../lib/paper/index";

declare const __WORKER_SOURCE__: string;
declare const __VERSION__: string;

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---------- workers ----------

const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: "text/javascript" }));
const forcedJs = new URLSearchParams(location.search).get("kernels") === "js";
const backend: KernelBackend = forcedJs || !wasmSimdSupported() ? "js" : "wasm-simd";

type Reply = { id: number; kind: "progress"; progress: Progress } | { id: number; kind: "done"; result: unknown } | { id: number; kind: "error"; message: string };

/** One job in a fresh worker; `terminate` stops it (what was reported so far stays with the caller). */
function runInWorker<T>(request: WorkerJob, onProgress?: (p: Progress) => void): { promise: Promise<T>; terminate: () => void } {
  const worker = new Worker(workerUrl);
  let settle: { reject: (e: Error) => void } | null = null;
  const promise = new Promise<T>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const m = e.data;
      if (m.kind === "progress") onProgress?.(m.progress);
      else {
        worker.terminate();
        if (m.kind === "done") resolve(m.result as T);
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "worker failed"));
    };
    worker.postMessage({ ...request, id: 1 });
  });
  return {
    promise,
    terminate: () => {
      worker.terminate();
      (settle as { reject: (e: Error) => void } | null)?.reject(new Error("stopped"));
    },
  };
}

/** The helper worker for data previews and the synchronisation panel: only the latest request of each kind runs. */
class Helper {
  private busy = false;
  private queued: { request: WorkerJob; done: (r: unknown) => void } | null = null;
  private worker = new Worker(workerUrl);
  private nextId = 1;
  private waiting = new Map<number, (m: Reply) => void>();
  constructor() {
    this.worker.onmessage = (e: MessageEvent<Reply>) => {
      this.waiting.get(e.data.id)?.(e.data);
      this.waiting.delete(e.data.id);
    };
  }
  request(request: WorkerJob, done: (r: unknown) => void, fail: (message: string) => void): void {
    this.queued = { request, done: (r) => done(r) };
    this.failHandler = fail;
    this.pump();
  }
  private failHandler: (message: string) => void = () => {};
  private pump(): void {
    if (this.busy || !this.queued) return;
    const job = this.queued;
    this.queued = null;
    this.busy = true;
    const id = this.nextId++;
    this.waiting.set(id, (m) => {
      this.busy = false;
      if (m.kind === "done") job.done(m.result);
      else if (m.kind === "error") this.failHandler(m.message);
      this.pump();
    });
    this.worker.postMessage({ ...job.request, id });
  }
}

const dataHelper = new Helper();
const syncHelper = new Helper();

// ---------- state ----------

let { settings, problems } = settingsFromQuery(location.search);
let config: ExperimentConfig | null = null;
let data: DataView | null = null;
let trainRows: EpochRows = { epoch: [], loss: [], mse: [], lambda: [] };
let prediction: Prediction | null = null;
let plateaus: { start: number; lambda: number }[] = [];
let lastOutcome: (TrainOutcome & { stoppedAt?: number }) | null = null;
let running: { terminate: () => void }[] = [];
let trainedConfig: ExperimentConfig | null = null;
let sync: SyncOutcome | null = null;
let sliderTouched = false;
const race: Record<"vanilla" | "homotopy", { rows: EpochRows; prediction: Prediction | null; summary: RunSummary | null }> = {
  vanilla: { rows: { epoch: [], loss: [], mse: [], lambda: [] }, prediction: null, summary: null },
  homotopy: { rows: { epoch: [], loss: [], mse: [], lambda: [] }, prediction: null, summary: null },
};
let raceData: DataView | null = null;

function appendRows(to: EpochRows, from: EpochRows): void {
  to.epoch.push(...from.epoch);
  to.loss.push(...from.loss);
  to.mse.push(...from.mse);
  to.lambda.push(...from.lambda);
}

// ---------- form ----------

const form = $<HTMLFormElement>("settings");
const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;

function fillSelects(): void {
  $<HTMLSelectElement>("system").innerHTML = Object.entries(PAGE_SYSTEMS).map(([v, label]) => `<option value="${v}">${label}</option>`).join("");
  $<HTMLSelectElement>("method").innerHTML = PAGE_METHODS.map((m) => `<option value="${m}">${trainingMethod(m).label}</option>`).join("");
  $<HTMLSelectElement>("solver").innerHTML = SOLVER_METHODS.map((m) => `<option value="${m}">${m}</option>`).join("");
}

/** Put the settings into the form: set fields as set, the others as the config's values. */
function showSettings(): void {
  $<HTMLSelectElement>("system").value = settings.system;
  $<HTMLSelectElement>("method").value = settings.method;
  $<HTMLSelectElement>("solver").value = config?.solver.method ?? settings.solver ?? "dopri5";
  $("equations-box").hidden = settings.system !== "custom";
  $<HTMLTextAreaElement>("equations").value = settings.equations ?? DEFAULT_EQUATIONS;
  const values = config ? effectiveValues(settings, config) : null;
  for (const f of NUMERIC_FIELDS) {
    const el = input(f);
    // While the settings are invalid there are no config values: keep what the fields show.
    if (document.activeElement === el || (!values && settings[f] === undefined)) continue;
    const v = settings[f] ?? values?.[f];
    el.value = v === undefined ? "" : String(v);
  }
  for (const el of document.querySelectorAll(".homotopy-only")) el.classList.toggle("off", settings.method !== "homotopy");
}

function readForm(changed: string): void {
  const next: Settings = { ...settings };
  if (changed === "system") {
    // A new system brings its own data recipe and k.
    next.system = $<HTMLSelectElement>("system").value as PageSystem;
    for (const f of ["tEnd", "dt", "noise", "k"] as const) delete next[f];
  } else if (changed === "method") next.method = $<HTMLSelectElement>("method").value as Settings["method"];
  else if (changed === "solver") next.solver = $<HTMLSelectElement>("solver").value as Settings["solver"];
  else if (changed === "equations") next.equations = $<HTMLTextAreaElement>("equations").value;
  else if ((NUMERIC_FIELDS as readonly string[]).includes(changed)) {
    const raw = input(changed).value.trim();
    const f = changed as (typeof NUMERIC_FIELDS)[number];
    if (raw === "") delete next[f];
    else next[f] = Number(raw);
  }
  settings = next;
  update(changed === "system" || changed === "method" || changed === "equations");
}

let previewTimer = 0;

/** Recompute the config from the settings, show any problem next to its field, and keep the URL in step. */
function update(refill: boolean): void {
  for (const el of form.querySelectorAll(".bad")) el.classList.remove("bad");
  try {
    config = configFromSettings(settings);
    $("error").textContent = problems.join("\n");
  } catch (e) {
    config = null;
    const field = e instanceof SettingsError ? e.field : "";
    $("error").textContent = (e as Error).message;
    const el = form.elements.namedItem(field) as HTMLElement | null;
    el?.classList.add("bad");
  }
  problems = [];
  history.replaceState(null, "", `?${settingsToQuery(settings)}${forcedJs ? "&kernels=js" : ""}`);
  $<HTMLAnchorElement>("link").href = location.href;
  if (refill || config) showSettings();
  $<HTMLButtonElement>("train").disabled = !config || running.length > 0;
  $<HTMLButtonElement>("race").disabled = !config || running.length > 0;
  $("cli").textContent = config ? cliLine(config) : "";
  clearTimeout(previewTimer);
  if (config) previewTimer = window.setTimeout(preview, 250);
}

function cliLine(c: ExperimentConfig): string {
  if (c.system === "custom") return "command line: homotopy-ode train --system-file my-system.json …";
  return `command line: homotopy-ode train --system ${c.system} --model blackbox --method ${c.method} --seed ${c.seed} --epochs ${c.epochs} --lr ${c.lr}${c.homotopy ? ` --k ${c.homotopy.k}` : ""}${c.solver.method !== "dopri5" ? ` --solver ${c.solver.method}` : ""} --json`;
}

// ---------- previews: data and synchronisation ----------

function preview(): void {
  if (!config) return;
  const c = config;
  dataHelper.request({ kind: "data", config: c }, (r) => {
    data = r as DataView;
    if (running.length === 0 && !trainedConfig) draw();
    drawSync();
  }, (m) => ($("error").textContent = m));
  requestSync(true);
}

function requestSync(rescale: boolean): void {
  if (!config) return;
  const slider = $<HTMLInputElement>("sync-k");
  syncHelper.request({ kind: "sync", config, k: Number(slider.value) }, (r) => {
    sync = r as SyncOutcome;
    if (rescale) {
      const max = Math.max(10, Math.ceil(sync.suggestedK * 2.5), config?.homotopy ? Math.ceil(config.homotopy.k * 1.5) : 0);
      if (Number(slider.max) !== max) {
        slider.max = String(max);
        slider.step = String(max / 200);
      }
      if (!sliderTouched) {
        // Start at the suggestion: the synchronised picture homotopy training starts from.
        slider.value = String(sync.suggestedK);
        requestSync(false);
      }
    }
    drawSync();
  }, (m) => ($("sync-info").textContent = m));
}

// ---------- drawing ----------

function fitLines(view: DataView | null, pred: Prediction | null): Line[] {
  const lines: Line[] = [];
  if (!view) return lines;
  for (let j = 0; j < view.dim; j++) {
    const color = COLORS[j % COLORS.length];
    const pick = (s: { t: number[]; u: number[] }) => ({ x: s.t, y: s.t.map((_, i) => s.u[i * view.dim + j]) });
    lines.push({ ...pick(view.train), color, dots: true, label: view.stateNames[j] });
    lines.push({ ...pick(view.extrap), color, dots: true });
    if (pred) lines.push({ x: pred.t, y: pred.t.map((_, i) => pred.u[i * pred.dim + j]), color, width: 2 });
  }
  return lines;
}

function drawFit(canvas: HTMLCanvasElement, view: DataView | null, pred: Prediction | null, title: string): void {
  const shade = view && view.extrap.t.length ? view.extrap.t[0] : undefined;
  const yRange = view ? dataRange(view) : undefined;
  drawChart(canvas, fitLines(view, pred), { title, shadeFrom: shade, shadeLabel: "extrapolation", yRange, xLabel: "t" });
}

/** The data's range widened by half its span: a wild prediction is clipped, not squashing the data. */
function dataRange(view: DataView): [number, number] {
  const all = [...view.train.u, ...view.extrap.u];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.5;
  return [lo - pad, hi + pad];
}

function draw(): void {
  const epochsTotal = trainedConfig?.epochs ?? config?.epochs ?? 1;
  const label = trainRows.epoch.length ? `epoch ${trainRows.epoch.length} of ${epochsTotal}` : "data";
  drawFit($("fit"), data, prediction, `data (dots) and the model's prediction (lines): ${label}`);
  const x = trainRows.epoch;
  const lambdaLines: Line[] = [];
  if (plateaus.length) lambdaLines.push({ x: plateaus.map((p) => p.start), y: plateaus.map((p) => p.lambda), color: "#bbb", steps: true, label: "schedule", dash: [4, 3] });
  lambdaLines.push({ x, y: trainRows.lambda, color: "#9467bd", label: "λ", steps: true, width: 2 });
  drawChart($("lambda"), lambdaLines, { title: "λ staircase", xLabel: "epoch", xRange: [0, epochsTotal], yRange: [0, 1] });
  drawChart(
    $("loss"),
    [
      { x, y: trainRows.loss, color: "#ff7f0e", label: "training loss" },
      { x, y: trainRows.mse, color: "#1f77b4", label: "MSE (uncoupled)" },
    ],
    { title: "loss curves", xLabel: "epoch", logY: true, xRange: [0, epochsTotal] },
  );
}

function drawRace(): void {
  drawFit($("race-vanilla"), raceData, race.vanilla.prediction, `vanilla: epoch ${race.vanilla.rows.epoch.length}`);
  drawFit($("race-homotopy"), raceData, race.homotopy.prediction, `homotopy: epoch ${race.homotopy.rows.epoch.length}`);
  drawChart(
    $("race-mse"),
    [
      { x: race.vanilla.rows.epoch, y: race.vanilla.rows.mse, color: "#7f7f7f", label: "vanilla MSE" },
      { x: race.homotopy.rows.epoch, y: race.homotopy.rows.mse, color: "#d62728", label: "homotopy MSE" },
    ],
    { title: "MSE on the training window", xLabel: "epoch", logY: true },
  );
}

function drawSync(): void {
  const slider = $<HTMLInputElement>("sync-k");
  $("sync-k-value").textContent = Number(slider.value).toFixed(2);
  if (!sync || !data) return;
  const s = sync;
  const mark = $("sync-mark");
  const frac = Math.min(1, s.suggestedK / Number(slider.max));
  mark.style.left = `calc(${(frac * 100).toFixed(2)}% + ${(8 - 16 * frac).toFixed(1)}px)`;
  $("sync-info").textContent = `suggested k = ${s.suggestedK.toPrecision(3)} (red mark)${config?.homotopy ? `; training uses k = ${config.homotopy.k}` : ""}; coupled MSE ${s.coupledMse === null ? "n/a (solver failed)" : s.coupledMse.toExponential(2)}`;
  const view: DataView = { ...data, extrap: { t: [], u: [] } };
  const lines = fitLines(view, null);
  for (let j = 0; j < s.dim; j++) {
    const color = COLORS[j % COLORS.length];
    if (s.coupled) lines.push({ x: s.t, y: s.t.map((_, i) => (s.coupled as number[])[i * s.dim + j]), color, width: 2 });
    if (s.free) lines.push({ x: s.t, y: s.t.map((_, i) => (s.free as number[])[i * s.dim + j]), color, dash: [5, 4], width: 1 });
  }
  // Legend entries for the two line styles.
  lines.push({ x: [], y: [], color: "#444", width: 2, label: `coupled at k = ${s.k.toPrecision(3)}` });
  lines.push({ x: [], y: [], color: "#444", dash: [5, 4], width: 1, label: "alone (k = 0)" });
  drawChart($("sync"), lines, { title: "untrained model coupled to the data (λ = 1)", xLabel: "t", yRange: dataRange(data) });
}

// ---------- training ----------

function setRunning(jobs: { terminate: () => void }[]): void {
  running = jobs;
  $<HTMLButtonElement>("stop").disabled = jobs.length === 0;
  $<HTMLButtonElement>("train").disabled = jobs.length > 0 || !config;
  $<HTMLButtonElement>("race").disabled = jobs.length > 0 || !config;
}

let redrawQueued = false;
function redrawSoon(fn: () => void): void {
  if (redrawQueued) return;
  redrawQueued = true;
  requestAnimationFrame(() => {
    redrawQueued = false;
    fn();
  });
}

function startTraining(): void {
  if (!config) return;
  const c = config;
  trainedConfig = c;
  trainRows = { epoch: [], loss: [], mse: [], lambda: [] };
  prediction = null;
  lastOutcome = null;
  plateaus = c.homotopy && c.method === "homotopy" ? buildSchedule(c).plateaus.map((p) => ({ ...p })) : [];
  const started = performance.now();
  $("status").textContent = "training…";
  const job = runInWorker<TrainOutcome>({ kind: "train", config: c, progressMs: 200, backend }, (p) => {
    appendRows(trainRows, p.rows);
    if (p.prediction) prediction = p.prediction;
    $("status").textContent = `training… epoch ${p.epochsDone} of ${c.epochs}, MSE ${trainRows.mse[trainRows.mse.length - 1].toExponential(2)}, λ ${trainRows.lambda[trainRows.lambda.length - 1].toFixed(3)}`;
    redrawSoon(draw);
  });
  setRunning([job]);
  job.promise.then(
    (out) => {
      lastOutcome = out;
      trainRows = out.rows;
      prediction = out.prediction;
      plateaus = out.plateaus;
      const s = out.summary;
      const wall = (performance.now() - started) / 1000;
      $("status").textContent = `done: best MSE ${s.interpMse.toExponential(3)} at epoch ${s.bestEpoch} of ${s.epochs}; extrapolation MSE ${s.extrapMse === null ? "n/a" : s.extrapMse.toExponential(3)}; ${s.seconds.toFixed(2)} s training (${wall.toFixed(2)} s wall)${backend === "js" ? ", plain JavaScript kernels" : ""}. The line is the best epoch's model.`;
      document.body.dataset.trained = "yes";
    },
    (e: Error) => {
      const n = trainRows.epoch.length;
      if (e.message === "stopped") {
        lastOutcome = null;
        $("status").textContent = `stopped after ${n} epochs; the curves so far are kept (Download CSV has them).`;
      } else $("status").textContent = `training failed: ${e.message}`;
    },
  ).finally(() => {
    setRunning([]);
    $<HTMLButtonElement>("csv").disabled = trainRows.epoch.length === 0;
    $<HTMLButtonElement>("json").disabled = trainRows.epoch.length === 0;
    draw();
  });
}

function startRace(): void {
  if (!config) return;
  let homotopy: ExperimentConfig;
  let vanilla: ExperimentConfig;
  try {
    homotopy = configFromSettings({ ...settings, method: "homotopy" });
    vanilla = configFromSettings({ ...settings, method: "vanilla", epochs: homotopy.epochs });
  } catch (e) {
    $("race-status").textContent = (e as Error).message;
    return;
  }
  raceData = data;
  const started = performance.now();
  const jobs = (["vanilla", "homotopy"] as const).map((method) => {
    const lane = race[method];
    lane.rows = { epoch: [], loss: [], mse: [], lambda: [] };
    lane.prediction = null;
    lane.summary = null;
    const job = runInWorker<TrainOutcome>({ kind: "train", config: method === "vanilla" ? vanilla : homotopy, progressMs: 200, backend }, (p) => {
      appendRows(lane.rows, p.rows);
      if (p.prediction) lane.prediction = p.prediction;
      redrawSoon(drawRace);
    });
    const done = job.promise.then((out) => {
      lane.rows = out.rows;
      lane.prediction = out.prediction;
      lane.summary = out.summary;
      drawRace();
    });
    return { job, done };
  });
  $("race-status").textContent = `racing: ${homotopy.epochs} epochs each…`;
  setRunning(jobs.map((j) => j.job));
  Promise.all(jobs.map((j) => j.done)).then(
    () => {
      const v = race.vanilla.summary as RunSummary;
      const h = race.homotopy.summary as RunSummary;
      const line = (name: string, s: RunSummary) => `${name}: best MSE ${s.interpMse.toExponential(2)} (epoch ${s.bestEpoch}), extrapolation ${s.extrapMse === null ? "n/a" : s.extrapMse.toExponential(2)}`;
      $("race-status").textContent = `${line("vanilla", v)}; ${line("homotopy", h)}; ${((performance.now() - started) / 1000).toFixed(1)} s wall.`;
      document.body.dataset.raced = "yes";
    },
    (e: Error) => ($("race-status").textContent = e.message === "stopped" ? "race stopped; the curves so far are kept." : `race failed: ${e.message}`),
  ).finally(() => {
    setRunning([]);
    drawRace();
  });
}

// ---------- downloads ----------

function download(name: string, text: string, type: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function baseName(): string {
  return lastOutcome?.summary.id ?? (trainedConfig ? `${trainedConfig.system}__${trainedConfig.method}__seed${trainedConfig.seed}__partial` : "run");
}

function historyCsv(): string {
  const r = trainRows;
  const rows = r.epoch.map((e, i) => `${e},${r.loss[i]},${r.mse[i]},${r.lambda[i]}`);
  return ["epoch,loss,mse,lambda", ...rows].join("\n") + "\n";
}

// ---------- automation ----------

/** window.homotopyOde.train(config): the object `homotopy-ode train --json` prints for that config. */
function trainForAutomation(raw: unknown): Promise<RunSummary> {
  const c = parseConfig(raw);
  // Through JSON, as the CLI prints it (undefined fields dropped).
  return runInWorker<TrainOutcome>({ kind: "train", config: c, backend }).promise.then((out) => JSON.parse(JSON.stringify(out.summary)) as RunSummary);
}

(window as unknown as { homotopyOde: object }).homotopyOde = {
  version: __VERSION__,
  /** "wasm-simd" or "js" (the fallback). */
  kernels: backend,
  train: trainForAutomation,
  /** The config the page's form stands for. */
  config: () => config,
  /** The --json object of the last run finished from the page's Train button (null before). */
  lastRun: () => (lastOutcome ? JSON.parse(JSON.stringify(lastOutcome.summary)) : null),
};

// ---------- wiring ----------

fillSelects();
$("version").textContent = `v${__VERSION__}`;
if (backend === "js") {
  const notice = $("notice");
  notice.hidden = false;
  notice.textContent = forcedJs
    ? "Plain JavaScript kernels (kernels=js in the URL): the same numbers as the WebAssembly SIMD kernels, more slowly."
    : "This browser lacks WebAssembly SIMD, so the network runs on the plain JavaScript kernels: the same numbers, more slowly.";
}
form.addEventListener("input", (e) => readForm((e.target as HTMLInputElement).name));
form.addEventListener("submit", (e) => e.preventDefault());
$("train").addEventListener("click", startTraining);
$("race").addEventListener("click", startRace);
$("stop").addEventListener("click", () => running.forEach((j) => j.terminate()));
$("reset").addEventListener("click", () => {
  settings = { system: settings.system, method: settings.method, solver: settings.solver, equations: settings.equations };
  update(true);
});
$("csv").addEventListener("click", () => download(`${baseName()}.csv`, historyCsv(), "text/csv"));
$("json").addEventListener("click", () =>
  download(`${baseName()}.json`, JSON.stringify({ ...(lastOutcome ? lastOutcome.summary : { config: trainedConfig, status: "stopped" }), history: trainRows, prediction }, null, 1), "application/json"),
);
$("link").addEventListener("click", (e) => {
  e.preventDefault();
  void navigator.clipboard?.writeText(location.href).then(() => ($("link").textContent = "Link copied"), () => undefined);
});
$("sync-k").addEventListener("input", () => {
  sliderTouched = true;
  $("sync-k-value").textContent = Number($<HTMLInputElement>("sync-k").value).toFixed(2);
  requestSync(false);
});
window.addEventListener("resize", () => {
  draw();
  drawRace();
  drawSync();
});
update(true);
draw();
drawRace();
