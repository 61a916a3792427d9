#!/usr/bin/env bash
# Open the notebooks interactively with the project's tslab kernel: JupyterLab if installed, else
# the classic Jupyter Notebook. Runs from the repository root with JUPYTER_PATH pointing at the
# committed kernel spec (.jupyter/kernels/tslab), so cells import "./lib/...". Extra arguments go
# to Jupyter (e.g. --port=8899 --no-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$PWD/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

if [ ! -f node_modules/tslab/bin/tslab ]; then
  echo "lab: node_modules/tslab is missing; run npm ci first" >&2
  exit 1
fi
if ! command -v jupyter >/dev/null 2>&1; then
  echo "lab: Jupyter is not installed. On Debian/Ubuntu:" >&2
  echo "  apt-get install -y --no-install-recommends jupyter-notebook" >&2
  exit 1
fi
# Jupyter refuses to start as root ("Running as root is not recommended") unless told; containers
# often run as root, so say so and pass --allow-root rather than fail.
extra=()
if [ "$(id -u)" = 0 ] && [[ " $* " != *" --allow-root "* ]]; then
  echo "lab: running as root, so passing --allow-root to Jupyter" >&2
  extra+=(--allow-root)
fi
if jupyter lab --version >/dev/null 2>&1; then
  exec jupyter lab --notebook-dir="$PWD" "${extra[@]}" "$@"
elif jupyter notebook --version >/dev/null 2>&1; then
  # Debian 12 packages the classic Notebook only (no JupyterLab).
  echo "lab: JupyterLab is not installed; opening Jupyter Notebook" >&2
  exec jupyter notebook --notebook-dir="$PWD" "${extra[@]}" "$@"
fi
echo "lab: neither JupyterLab nor Jupyter Notebook is installed (only the jupyter command). On Debian/Ubuntu:" >&2
echo "  apt-get install -y --no-install-recommends jupyter-notebook" >&2
exit 1
