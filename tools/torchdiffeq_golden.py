"""Record torchdiffeq's own adaptive solves (float64) as a golden fixture for our solvers' tests: every
vector-field call time, the call count and the solution on the output grid, for the test problems
(Riccati y' = -2 t y^2; Lotka-Volterra 1.3/0.9/0.8/1.8). torchdiffeq is imported from the folder given with
--tdq (nothing of it is copied here); needs Debian's python3-torch.
Usage: /usr/bin/python3 tools/torchdiffeq_golden.py --tdq PATH --method bosh3 --cases FIXTURE.json > OUT.json
(--cases: an existing fixture whose problems, u0, t and tolerances are re-run)."""
import argparse, json, sys

p = argparse.ArgumentParser()
p.add_argument("--tdq", required=True, help="folder that holds the torchdiffeq package")
p.add_argument("--method", required=True)
p.add_argument("--cases", required=True)
a = p.parse_args()
sys.path.insert(0, a.tdq)
import torch, torchdiffeq  # noqa: E402

torch.set_default_dtype(torch.float64)
fixture = json.load(open(a.cases))
out = []
for c in fixture["cases"]:
    times = []

    def f(t, y, problem=c["problem"]):
        times.append(float(t))
        if problem == "riccati":
            return -2 * t * y * y
        return torch.stack([1.3 * y[0] - 0.9 * y[0] * y[1], 0.8 * y[0] * y[1] - 1.8 * y[1]])

    y = torchdiffeq.odeint(f, torch.tensor(c["u0"]), torch.tensor(c["t"]), method=a.method, rtol=c["rtol"], atol=c["atol"])
    out.append({"problem": c["problem"], "u0": c["u0"], "t": c["t"], "rtol": c["rtol"], "atol": c["atol"], "nfe": len(times), "evalTimes": times, "y": y.tolist()})
about = f"torchdiffeq {a.method} (float64), torch {torch.__version__}; evalTimes = t of every vector-field call in order; recorded by tools/torchdiffeq_golden.py from torchdiffeq 0.2.5 (git 657943a) on Debian's python3-torch, default controller"
json.dump({"about": about, "problems": fixture["problems"], "cases": out}, sys.stdout)
