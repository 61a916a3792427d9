#!/usr/bin/python3
"""Execute an assignment notebook for grading: every cell runs, even after earlier cells fail.

`homotopy-ode check` calls this with HOMOTOPY_ANSWERS_FILE set, so the notebook's recordAnswer
calls land in that file. nbclient's allow_errors alone is not enough with tslab: after a failing
cell tslab answers "abort" to every request that arrives within 200 ms, which would silently skip
the rest of the notebook. So cells are sent one at a time, with a pause after an error and a retry
of any aborted cell.

Usage: /usr/bin/python3 tools/run_assignment.py --out EXECUTED.ipynb --report REPORT.json
                                                [--timeout S] [--kernel NAME] NOTEBOOK.ipynb
The report is JSON: {"ok", "failure", "seconds", "cells": [{"index", "status", "source", "error"}]}
with status ok | error | abort | timeout for every code cell that ran. Exit status: 0 when the
notebook was executed (whatever its cells did), 2 when it could not be (unreadable notebook, no
kernel, kernel died, a cell timed out).
"""
import argparse
import asyncio
import json
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The committed kernel spec (.jupyter/kernels/tslab) must be found before any global one.
if not os.environ.get("JUPYTER_PATH"):
    os.environ["JUPYTER_PATH"] = os.path.join(REPO, ".jupyter")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: E402

# tslab rejects requests for 200 ms after a failed cell (tslab/dist/jupyter.js, execQueue.reset(200)).
AFTER_ERROR_PAUSE = 0.3
ABORT_RETRIES = 4
# tslab's file watcher throws this when a lib/*.ts file changes during the run; the run is repeated once.
WATCHER_RACE = "Unexpected pending rebuildTimer"


def error_text(cell):
    """tslab puts compile and runtime errors in a stderr stream; other kernels use error outputs."""
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            tb = out.get("traceback") or []
            texts.append("\n".join(tb) if tb else f"{out.get('ename', '')}: {out.get('evalue', '')}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            texts.append(out.get("text", ""))
    return "\n".join(t.strip() for t in texts if t.strip())


async def execute(nb, path, timeout, kernel):
    statuses = {}

    async def on_executed(cell, cell_index, execute_reply):
        statuses[cell_index] = (execute_reply or {}).get("content", {}).get("status")

    kwargs = {
        "timeout": timeout,
        "allow_errors": True,
        "resources": {"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        "on_cell_executed": on_executed,
    }
    if kernel:
        kwargs["kernel_name"] = kernel
    client = NotebookClient(nb, **kwargs)
    cells = []
    failure = None
    count = 0
    async with client.async_setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            status = None
            for attempt in range(ABORT_RETRIES + 1):
                statuses.pop(index, None)
                cell.outputs = []
                try:
                    count += 1
                    await client.async_execute_cell(cell, index, execution_count=count)
                    status = statuses.get(index) or "ok"
                except CellTimeoutError as e:
                    status = "timeout"
                    failure = f"cell {index} timed out after {timeout} s: {str(e).splitlines()[0] if str(e) else ''}"
                if status != "abort":
                    break
                await asyncio.sleep(AFTER_ERROR_PAUSE * (attempt + 1))
            cells.append({"index": index, "status": status, "source": cell.source, "error": error_text(cell) if status != "ok" else ""})
            if status == "timeout":
                break
            if status == "error":
                await asyncio.sleep(AFTER_ERROR_PAUSE)
    return cells, failure


def run(path, timeout, kernel, retry=True):
    nb = nbformat.read(path, as_version=4)
    start = time.monotonic()
    try:
        cells, failure = asyncio.run(execute(nb, path, timeout, kernel))
    except DeadKernelError as e:
        cells, failure = [], f"the kernel died: {e}"
    if retry and any(WATCHER_RACE in c["error"] for c in cells):
        print(f"note: a library file changed during the run (tslab: {WATCHER_RACE}); running {path} again", file=sys.stderr)
        answers = os.environ.get("HOMOTOPY_ANSWERS_FILE")
        if answers and os.path.exists(answers):
            os.remove(answers)
        return run(path, timeout, kernel, retry=False)
    return nb, cells, failure, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out", required=True, help="where to write the executed notebook")
    parser.add_argument("--report", required=True, help="where to write the JSON report")
    parser.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds (default 600)")
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's metadata)")
    args = parser.parse_args()
    report = {"ok": False, "failure": None, "seconds": 0.0, "cells": []}
    code = 0
    try:
        nb, cells, failure, seconds = run(args.notebook, args.timeout, args.kernel)
        nbformat.write(nb, args.out)
        report.update(ok=failure is None, failure=failure, seconds=round(seconds, 2), cells=cells)
        code = 0 if failure is None else 2
    except Exception as e:  # unreadable notebook, kernel missing, ...
        report["failure"] = f"{type(e).__name__}: {e}"
        code = 2
    with open(args.report, "w", encoding="utf-8") as f:
        json.dump(report, f)
    sys.exit(code)


if __name__ == "__main__":
    main()
