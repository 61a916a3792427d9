/** Small canvas line charts for the page (no plotting library: the page must stay small and offline). */

export interface Line {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  label?: string;
  /** Draw dots instead of a line. */
  dots?: boolean;
  dash?: number[];
  width?: number;
  /** A step function: y[i] holds from x[i] to x[i + 1]. */
  steps?: boolean;
}

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  /** Shade x ≥ this (e.g. the extrapolation window) and label it. */
  shadeFrom?: number;
  shadeLabel?: string;
  /** Fixed ranges (else the data's). */
  xRange?: [number, number];
  yRange?: [number, number];
}

const PAD = { left: 54, right: 12, top: 24, bottom: 34 };

function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-2 ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** Draw `lines` into the canvas (sized to its CSS box at the device's pixel ratio). */
export function drawChart(canvas: HTMLCanvasElement, lines: Line[], options: ChartOptions = {}): void {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 400;
  const h = canvas.clientHeight || 240;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const g = canvas.getContext("2d");
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  g.font = "11px system-ui, sans-serif";
  const ty = (v: number) => (options.logY ? Math.log10(v) : v);
  let [x0, x1] = options.xRange ?? [Infinity, -Infinity];
  let [y0, y1] = options.yRange ? options.yRange.map(ty) : [Infinity, -Infinity];
  for (const l of lines) {
    for (let i = 0; i < l.x.length; i++) {
      const x = l.x[i];
      const y = ty(l.y[i]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (!options.xRange) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
      if (!options.yRange) {
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  const pw = w - PAD.left - PAD.right;
  const ph = h - PAD.top - PAD.bottom;
  g.fillStyle = "#333";
  if (options.title) g.fillText(options.title, PAD.left, 14);
  if (!Number.isFinite(x0) || !Number.isFinite(y0)) {
    g.fillStyle = "#888";
    g.fillText("no data yet", PAD.left + pw / 2 - 30, PAD.top + ph / 2);
    return;
  }
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const margin = (y1 - y0) * 0.05;
  y0 -= margin;
  y1 += margin;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => PAD.top + (1 - (y - y0) / (y1 - y0)) * ph;
  if (options.shadeFrom !== undefined && options.shadeFrom < x1) {
    const xs = sx(Math.max(options.shadeFrom, x0));
    g.fillStyle = "#f1f1f4";
    g.fillRect(xs, PAD.top, PAD.left + pw - xs, ph);
    if (options.shadeLabel) {
      g.fillStyle = "#888";
      g.fillText(options.shadeLabel, xs + 4, PAD.top + 12);
    }
  }
  g.strokeStyle = "#ddd";
  g.fillStyle = "#555";
  g.lineWidth = 1;
  for (const v of niceTicks(x0, x1, 6)) {
    const x = sx(v);
    g.beginPath();
    g.moveTo(x, PAD.top);
    g.lineTo(x, PAD.top + ph);
    g.stroke();
    g.fillText(fmt(v), x - 8, PAD.top + ph + 13);
  }
  const yTicks = options.logY ? niceTicks(Math.floor(y0), Math.ceil(y1), 5).filter((v) => Number.isInteger(v) && v >= y0 && v <= y1) : niceTicks(y0, y1, 5);
  for (const v of yTicks) {
    const y = sy(v);
    g.beginPath();
    g.moveTo(PAD.left, y);
    g.lineTo(PAD.left + pw, y);
    g.stroke();
    g.fillText(options.logY ? `1e${v}` : fmt(v), 4, y + 4);
  }
  g.strokeStyle = "#999";
  g.strokeRect(PAD.left, PAD.top, pw, ph);
  if (options.xLabel) g.fillText(options.xLabel, PAD.left + pw / 2 - 10, h - 4);
  g.save();
  g.beginPath();
  g.rect(PAD.left, PAD.top, pw, ph);
  g.clip();
  for (const l of lines) {
    g.strokeStyle = l.color;
    g.fillStyle = l.color;
    g.lineWidth = l.width ?? 1.6;
    g.setLineDash(l.dash ?? []);
    if (l.dots) {
      for (let i = 0; i < l.x.length; i++) {
        const y = ty(l.y[i]);
        if (!Number.isFinite(y)) continue;
        g.beginPath();
        g.arc(sx(l.x[i]), sy(y), 2, 0, 2 * Math.PI);
        g.fill();
      }
      continue;
    }
    g.beginPath();
    let pen = false;
    for (let i = 0; i < l.x.length; i++) {
      const y = ty(l.y[i]);
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      const px = sx(l.x[i]);
      const py = sy(Math.max(Math.min(y, y1 + (y1 - y0)), y0 - (y1 - y0)));
      if (!pen) g.moveTo(px, py);
      else if (l.steps) g.lineTo(px, sy(ty(l.y[i - 1])));
      g.lineTo(px, py);
      pen = true;
    }
    // The last step lasts as long as the one before it (a plateau, or one epoch).
    const n = l.x.length;
    if (l.steps && pen && n) g.lineTo(sx(n > 1 ? 2 * l.x[n - 1] - l.x[n - 2] : x1), sy(ty(l.y[n - 1])));
    g.stroke();
  }
  g.restore();
  g.setLineDash([]);
  // Legend, top right.
  let lx = PAD.left + pw - 6;
  for (const l of [...lines].reverse()) {
    if (!l.label) continue;
    const tw = g.measureText(l.label).width;
    lx -= tw + 22;
    g.strokeStyle = l.color;
    g.lineWidth = 2;
    g.setLineDash(l.dash ? [3, 2] : []);
    g.beginPath();
    g.moveTo(lx, 9);
    g.lineTo(lx + 12, 9);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = "#333";
    g.fillText(l.label, lx + 15, 12);
  }
}
