#!/usr/bin/env python3
"""PyTorch references for homotopy-ode's bench cases: the same step (forward solve, MSE, gradient)
on the same problem, in PyTorch eager, float64, one thread.

    python3 tools/torch_bench.py CASE [--runs N] [--json]     # the problem comes from `bench --problem CASE`
    python3 tools/torch_bench.py --problem FILE|- [--runs N] [--json]
    python3 tools/torch_bench.py --check-golden               # dopri5 steps vs torchdiffeq's recorded ones

The problem (network widths, θ, data, splines, solver, coupling) is exported by our own bench, so
both sides solve exactly the same problem and the adaptive cases take the same number of steps.
Gradients flow through the solver's stages (discretise-then-optimise, as ours); step sizes are
constants for the gradient, as in our solve. torchdiffeq is not needed: `dopri5` below is our own
compact implementation of torchdiffeq's dopri5 algorithm (Dormand–Prince with Shampine's error
weights, torchdiffeq's RMS norm, initial step selection, step-size controller and 4th-order
dense output); --check-golden compares its evaluation times with torchdiffeq's.
Needs Debian's python3-torch (apt-get install python3-torch); not part of `npm test`.
"""
import argparse
import bisect
import json
import os
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Dormand–Prince 5(4), torchdiffeq's dopri5 constants.
DP_C = [0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0]
DP_B = [35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0.0]
DP_A = [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    DP_B[:6],
]
DP_BHAT_SHAMPINE = [1951 / 21600, 0.0, 22642 / 50085, 451 / 720, -12231 / 42400, 649 / 6300, 1 / 60]
DP_ERR = [b - bh for b, bh in zip(DP_B, DP_BHAT_SHAMPINE)]
DP_C_MID = [
    6025192743 / 30085553152 / 2,
    0.0,
    51252292925 / 65400821598 / 2,
    -2691868925 / 45128329728 / 2,
    187940372067 / 1594534317056 / 2,
    -1776094331 / 19743644256 / 2,
    11237099 / 235043384 / 2,
]


def dense_weights(x):
    """torchdiffeq's quartic interpolant (through y0, y_mid, y1 with slopes k1, k7) as stage weights at x in [0, 1]."""
    w = []
    for i in range(7):
        f0 = 1.0 if i == 0 else 0.0
        f1 = 1.0 if i == 6 else 0.0
        b, m = DP_B[i], DP_C_MID[i]
        c = [0.0, f0, f1 - 4 * f0 - 5 * b + 16 * m, 5 * f0 - 3 * f1 + 14 * b - 32 * m, 2 * f1 - 2 * f0 - 8 * b + 16 * m]
        w.append((((c[4] * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0])
    return w


def axpy(y, terms):
    """y + Σ c·k over (c, k) with c ≠ 0, one fused add per term (eager PyTorch's cheapest form)."""
    for c, k in terms:
        if c != 0:
            y = torch.add(y, k, alpha=c)
    return y


class Counter:
    def __init__(self, f):
        self.f = f
        self.times = []

    def __call__(self, t, y):
        self.times.append(t)
        return self.f(t, y)


def rms(v):
    return float(torch.sqrt(torch.mean(v * v)))


def select_initial_step(f, t0, y0, f0, order, rtol, atol):
    """torchdiffeq's _select_initial_step (Hairer, Nørsett & Wanner II.4), order = method order − 1."""
    scale = atol + torch.abs(y0) * rtol
    d0 = rms(y0 / scale)
    d1 = rms(f0 / scale)
    h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * d0 / d1
    f1 = f(t0 + h0, y0 + h0 * f0)
    d2 = rms((f1 - f0) / scale) / h0
    h1 = max(1e-6, h0 * 1e-3) if d1 <= 1e-15 and d2 <= 1e-15 else (0.01 / max(d1, d2)) ** (1.0 / (order + 1))
    return min(100 * h0, h1)


def optimal_step_size(dt, ratio, safety=0.9, ifactor=10.0, dfactor=0.2, order=5):
    """torchdiffeq's _optimal_step_size."""
    if ratio == 0:
        return dt * ifactor
    df = 1.0 if ratio < 1 else dfactor
    return dt * min(ifactor, max(safety / ratio ** (1.0 / order), df))


def dopri5(f, y0, ts, rtol, atol, max_steps=100000):
    """States at ts (a list of floats) from y0: torchdiffeq's dopri5 steps; autograd through the stages."""
    t = ts[0]
    y = y0
    k0 = f(t, y)
    with torch.no_grad():
        dt = select_initial_step(f, t, y, k0, 4, rtol, atol)
    out = [y0]
    step_t0, step_dt, step_y0, step_k = t, 0.0, y, None
    attempts = 0
    for t_next in ts[1:]:
        while t_next > step_t0 + step_dt:
            attempts += 1
            if attempts > max_steps:
                raise RuntimeError("dopri5: too many steps")
            t1 = t + dt
            ks = [k0]
            for i in range(1, 7):
                yi = axpy(y, [(dt * a, k) for a, k in zip(DP_A[i], ks)])
                ks.append(f(t1 if DP_C[i] == 1 else t + DP_C[i] * dt, yi))
            y1 = yi  # FSAL: the last stage's input is the 5th-order solution
            with torch.no_grad():
                err = axpy(torch.zeros_like(y), [(dt * e, k) for e, k in zip(DP_ERR, ks)])
                tol = atol + rtol * torch.maximum(torch.abs(y), torch.abs(y1))
                ratio = rms(err / tol)
            if ratio <= 1:
                step_t0, step_dt, step_y0, step_k = t, dt, y, ks
                t, y, k0 = t1, y1, ks[6]
            dt = optimal_step_size(dt, ratio)
        w = dense_weights((t_next - step_t0) / step_dt)
        out.append(axpy(step_y0, [(step_dt * wi, k) for wi, k in zip(w, step_k)]))
    return torch.stack(out)


def rk4(f, y0, ts, substeps=1):
    """Classic RK4, `substeps` equal steps per output interval; outputs are the step end states."""
    y = y0
    out = [y0]
    for n in range(1, len(ts)):
        h = (ts[n] - ts[n - 1]) / substeps
        for m in range(substeps):
            t = ts[n - 1] + m * h
            k1 = f(t, y)
            k2 = f(t + h / 2, torch.add(y, k1, alpha=h / 2))
            k3 = f(t + h / 2, torch.add(y, k2, alpha=h / 2))
            k4 = f(t + h, torch.add(y, k3, alpha=h))
            y = axpy(y, [(h / 6, k1), (h / 3, k2), (h / 3, k3), (h / 6, k4)])
        out.append(y)
    return torch.stack(out)


class StackedSpline:
    """B natural cubic splines on shared knots (knots, fitted values, second derivatives from our SmoothingSpline);
    the end pieces extend beyond the knots, as ours do. evaluate(t) → (B, d), one matrix–vector product:
    each piece is stored as its cubic's coefficients in s = t − t_i."""

    def __init__(self, splines, d):
        self.knots = [float(x) for x in splines[0]["knots"]]
        n = len(self.knots)
        B = len(splines)
        f = torch.tensor([s["fitted"] for s in splines]).reshape(B, n, d)
        g = torch.tensor([s["gamma"] for s in splines]).reshape(B, n, d)
        self.pieces = []
        for i in range(n - 1):
            h = self.knots[i + 1] - self.knots[i]
            c0 = f[:, i]
            c1 = (f[:, i + 1] - f[:, i]) / h - h * (2 * g[:, i] + g[:, i + 1]) / 6
            c2 = g[:, i] / 2
            c3 = (g[:, i + 1] - g[:, i]) / (6 * h)
            self.pieces.append(torch.stack([c0, c1, c2, c3], dim=-1).contiguous())  # (B, d, 4)

    def __call__(self, t):
        k = self.knots
        i = min(max(bisect.bisect_right(k, t) - 1, 0), len(k) - 2)
        s = t - k[i]
        return torch.matmul(self.pieces[i], torch.tensor([1.0, s, s * s, s * s * s]))


ACTIVATIONS = {"tanh": torch.tanh, "gelu": F.gelu, "relu": F.relu, "softplus": F.softplus, "identity": lambda x: x}


class Problem:
    def __init__(self, p):
        self.p = p
        widths = p["widths"]
        theta = torch.tensor(p["theta"])
        self.layers = []
        off = 0
        for n_in, n_out in zip(widths[:-1], widths[1:]):
            w = theta[off:off + n_in * n_out].reshape(n_out, n_in).clone().requires_grad_(True)
            off += n_in * n_out
            b = theta[off:off + n_out].clone().requires_grad_(True)
            off += n_out
            self.layers.append((w, b))
        if off != len(p["theta"]):
            raise ValueError(f"theta: expected {off} values for widths {widths}, got {len(p['theta'])}")
        self.params = [x for wb in self.layers for x in wb]
        self.act = ACTIVATIONS[p["activation"]]
        d = widths[0]
        self.ts = [float(x) for x in p["t"]]
        self.u0 = torch.tensor(p["u0"]).reshape(-1, d)  # B × d: one row per trajectory
        B = self.u0.shape[0]
        # data: B trajectories of T × d → T × B × d, the layout of the stacked solution.
        self.data = torch.tensor(p["data"]).reshape(B, len(self.ts), d).transpose(0, 1).contiguous()
        self.spline = StackedSpline(p["splines"], d)
        self.gain = float(p["lambda"]) * torch.tensor(p["k"])  # λ·k per component

    def net(self, x):
        last = len(self.layers) - 1
        for i, (w, b) in enumerate(self.layers):
            x = F.linear(x, w, b)  # (B, n_in) → (B, n_out): one matrix–matrix product for the whole batch
            if i < last:
                x = self.act(x)
        return x

    def plain(self, t, y):
        return self.net(y)

    def coupled(self, t, y):
        return torch.addcmul(self.net(y), self.gain, self.spline(t) - y)

    def solve(self, f, record=None):
        p = self.p
        if record is not None:
            f = record
        if p["method"] == "rk4":
            return rk4(f, self.u0, self.ts, p.get("substeps", 1))
        return dopri5(f, self.u0, self.ts, p["rtol"], p["atol"])

    def step(self):
        """What our bench times: [uncoupled solve without gradient + its MSE] + coupled solve + MSE + backward."""
        for q in self.params:
            q.grad = None
        total = 0.0
        if self.p.get("uncoupled"):
            with torch.no_grad():
                total += float(torch.mean((self.solve(self.plain) - self.data) ** 2))
        loss = torch.mean((self.solve(self.coupled) - self.data) ** 2)
        loss.backward()
        return total + float(loss) + float(self.layers[0][0].grad.reshape(-1)[0])


def load_problem(args):
    if args.problem == "-":
        return json.load(sys.stdin)
    if args.problem:
        with open(args.problem) as fh:
            return json.load(fh)
    cmd = ["node", os.path.join(REPO, "bin", "homotopy-ode.js"), "bench", "--problem", args.case]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if r.returncode != 0:
        sys.exit(f"torch_bench: `{' '.join(cmd)}` failed: {r.stderr.strip()}")
    return json.loads(r.stdout)


def time_step(step, runs, warmup):
    sink = 0.0
    for _ in range(warmup):
        sink += step()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        sink += step()
        times.append((time.perf_counter() - t0) * 1000)
    if sink != sink:
        raise RuntimeError("the step produced a non-finite loss")
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return {"medianMs": med, "minMs": times[0], "maxMs": times[-1], "runs": runs}


def check_golden():
    """Our torch dopri5 against torchdiffeq's recorded evaluation times (same steps ⇒ same times)."""
    with open("/work/shared/reference/torchdiffeq-dopri5-golden.json" if len(sys.argv) < 3 else sys.argv[2]) as fh:
        golden = json.load(fh)
    fields = {
        "riccati": lambda t, y: -2 * t * y * y,
        "lotka-volterra": lambda t, y: torch.stack([1.3 * y[0] - 0.9 * y[0] * y[1], 0.8 * y[0] * y[1] - 1.8 * y[1]]),
    }
    ok = True
    for c in golden["cases"]:
        rec = Counter(fields[c["problem"]])
        with torch.no_grad():
            ys = dopri5(rec, torch.tensor(c["u0"]), [float(x) for x in c["t"]], c["rtol"], c["atol"])
        # Same steps ⇒ same evaluation times up to rounding in the step-size arithmetic.
        t_err = max(abs(a - b) / max(1, abs(b)) for a, b in zip(rec.times, c["evalTimes"]))
        same = len(rec.times) == c["nfe"] and t_err < 1e-9
        y_err = float(torch.max(torch.abs(ys.reshape(-1) - torch.tensor(c["y"]).reshape(-1))))
        ok = ok and same and y_err < 1e-9
        print(f"{c['problem']:15s} rtol {c['rtol']:g}: nfe {len(rec.times)} (torchdiffeq {c['nfe']}), evaluation times {'agree' if same else 'DIFFER'} (max rel. diff. {t_err:.1e}), max |y − torchdiffeq| {y_err:.1e}")
    return 0 if ok else 1


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--check-golden":
        return check_golden()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", nargs="?", help="bench case name (the problem is fetched from `homotopy-ode bench --problem CASE`)")
    ap.add_argument("--problem", help="problem JSON file as printed by `homotopy-ode bench --problem CASE`, or - for stdin")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.case and not args.problem:
        ap.error("give a CASE or --problem FILE")
    if args.runs < 1:
        ap.error("--runs: expected a whole number ≥ 1")
    prob = Problem(load_problem(args))
    ours = prob.p.get("ourStepValue")
    if ours is not None:
        mine = prob.step()
        if not abs(mine - ours) <= 1e-9 * max(1.0, abs(ours)):
            sys.exit(f"torch_bench: the reference's step gives {mine!r} but ours gives {ours!r} on {prob.p['case']}: not the same computation")
    r = time_step(prob.step, args.runs, args.warmup)
    r["case"] = prob.p["case"]
    r["checkedAgainstOurs"] = ours is not None
    r["torch"] = torch.__version__
    r["threads"] = torch.get_num_threads()
    if args.json:
        print(json.dumps(r))
    else:
        print(f"{r['case']:24s} torch median {r['medianMs']:.2f} ms  min {r['minMs']:.2f}  max {r['maxMs']:.2f}  runs {r['runs']}  (torch {r['torch']}, float64, {r['threads']} thread)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
