#!/usr/bin/python3
"""Execute notebooks headless with Debian's nbclient and report failures readably.

tslab reports compile and runtime errors only as a stderr stream of the failing cell, and
nbconvert prints an empty `<Error>:` for them, so this runner prints every cell's error and
stderr text itself. It always writes the (possibly partly) executed notebook.

Usage: /usr/bin/python3 tools/run_nb.py [--timeout S] [--kernel NAME] [--out DIR] NB.ipynb...
The last line is `N passed, N failed`; the exit status is 1 if any notebook failed.
"""
import argparse
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The committed kernel spec (.jupyter/kernels/tslab) must be found before any global one.
if not os.environ.get("JUPYTER_PATH"):
    os.environ["JUPYTER_PATH"] = os.path.join(REPO, ".jupyter")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

SOURCE_CHARS = 400


def output_text(out):
    if out.get("output_type") == "error":
        tb = out.get("traceback") or []
        text = "\n".join(tb) if tb else f"{out.get('ename', '')}: {out.get('evalue', '')}"
        return text.strip() or "(error with no message)"
    if out.get("output_type") == "stream" and out.get("name") == "stderr":
        return out.get("text", "").strip()
    return None


def report_cells(path, nb):
    """Print, for every cell with an error output or stderr text, its index, source start and that text."""
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        texts = [t for t in (output_text(o) for o in cell.get("outputs", [])) if t]
        if not texts:
            continue
        source = cell.get("source", "")
        if len(source) > SOURCE_CHARS:
            source = source[:SOURCE_CHARS] + " …"
        print(f"--- {path} cell {index}:")
        print(source)
        print("--- output:")
        for text in texts:
            print(text)


# tslab's file watcher throws this when a lib/*.ts file changes on disk while a kernel runs (e.g.
# someone is editing the library). It says nothing about the notebook, so such a run is repeated once.
WATCHER_RACE = "Unexpected pending rebuildTimer"


def hit_watcher_race(nb):
    return any(
        WATCHER_RACE in (output_text(o) or "")
        for c in nb.cells
        if c.get("cell_type") == "code"
        for o in c.get("outputs", [])
    )


def run_one(path, timeout, kernel, out_dir, retry=True):
    nb = nbformat.read(path, as_version=4)
    kwargs = {"timeout": timeout, "resources": {"metadata": {"path": os.path.dirname(os.path.abspath(path))}}}
    if kernel:
        kwargs["kernel_name"] = kernel
    start = time.monotonic()
    failure = None
    try:
        NotebookClient(nb, **kwargs).execute()
    except CellTimeoutError as e:
        failure = f"cell timeout ({timeout} s): {e}"
    except CellExecutionError:
        failure = "cell error"
    except DeadKernelError as e:
        failure = f"kernel died: {e}"
    except Exception as e:  # kernel missing, bad notebook JSON, ...
        failure = f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - start
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        target = os.path.join(out_dir, os.path.basename(path))
    else:
        target = path
    if failure and retry and hit_watcher_race(nb):
        print(f"note   {path}: a library file changed during the run (tslab: {WATCHER_RACE}); running it again", flush=True)
        return run_one(path, timeout, kernel, out_dir, retry=False)
    nbformat.write(nb, target)
    if failure:
        report_cells(path, nb)
        if failure != "cell error":
            print(f"--- {path}: {failure}")
    status = "FAILED" if failure else "ok"
    print(f"{status:6} {path}  {seconds:.1f} s  -> {target}", flush=True)
    return failure is None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", help="notebook files to execute")
    parser.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds (default 600)")
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's metadata)")
    parser.add_argument("--out", default=None, help="folder for executed notebooks (default: in place)")
    args = parser.parse_args()
    passed = failed = 0
    for path in args.notebooks:
        if run_one(path, args.timeout, args.kernel, args.out):
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
