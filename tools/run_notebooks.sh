#!/usr/bin/env bash
# Execute every notebook headless with the project's tslab kernel (tools/run_nb.py) into
# build/notebooks/, render every executed notebook to HTML (build/html/) and screenshot each as a
# reader sees it with headless Chromium (tools/screenshot-notebooks.ts): one PNG per figure and
# table, build/screenshots/NAME/cell-CC-O.png (SCREENSHOT_FULL_PAGE=1 adds the whole page, NAME.png).
# Exits non-zero if any notebook failed. HOMOTOPY_PROFILE (quick|full) is passed to the notebooks.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# Notebooks to execute, in order; add folders here (e.g. notebooks/assignments/*.ipynb).
NOTEBOOK_GLOBS=(notebooks/*.ipynb notebooks/assignments/*.teacher.ipynb)
# Per-cell timeout in seconds.
CELL_TIMEOUT="${NOTEBOOK_CELL_TIMEOUT:-600}"

OUT="build/notebooks"
HTML="build/html"
SHOTS="build/screenshots"

export JUPYTER_PATH="$ROOT/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export HOMOTOPY_PROFILE="${HOMOTOPY_PROFILE:-quick}"

if ! command -v jupyter >/dev/null 2>&1 || ! /usr/bin/python3 -c "import nbclient, nbformat" 2>/dev/null; then
  echo "run_notebooks: Jupyter (Debian's nbclient) is not installed. Install it with:" >&2
  echo "  apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-nbclient" >&2
  exit 2
fi

shopt -s nullglob
notebooks=()
for pattern in "${NOTEBOOK_GLOBS[@]}"; do
  for f in $pattern; do notebooks+=("$f"); done
done
shopt -u nullglob
if [ "${#notebooks[@]}" -eq 0 ]; then
  echo "run_notebooks: no notebooks match ${NOTEBOOK_GLOBS[*]}" >&2
  exit 1
fi
mapfile -t notebooks < <(printf '%s\n' "${notebooks[@]}" | sort)

# Start clean so nothing stale is rendered if a run stops early.
rm -rf "$OUT" "$HTML" "$SHOTS"

echo "== executing ${#notebooks[@]} notebook(s), profile $HOMOTOPY_PROFILE, kernel spec $ROOT/.jupyter/kernels/tslab"
/usr/bin/python3 tools/run_nb.py --timeout "$CELL_TIMEOUT" --out "$OUT" "${notebooks[@]}"
status=$?

echo "== rendering to HTML and screenshots"
mkdir -p "$HTML" "$SHOTS"
pages=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  executed="$OUT/$name.ipynb"
  if [ ! -f "$executed" ]; then
    echo "run_notebooks: $executed does not exist; nothing to render" >&2
    status=1
    continue
  fi
  if ! jupyter nbconvert --to html --log-level=WARN "$executed" --output-dir "$HTML" >/dev/null 2>&1; then
    echo "run_notebooks: nbconvert failed for $executed" >&2
    status=1
    continue
  fi
  pages+=("$HTML/$name.html")
done
echo "html   ${#pages[@]} page(s) in $HTML/"
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ] && [ ! -x /usr/bin/chromium-browser ]; then
  echo "run_notebooks: headless Chromium not found (set CHROMIUM_PATH or apt-get install -y --no-install-recommends chromium); skipping screenshots"
elif [ "${#pages[@]}" -gt 0 ]; then
  # One browser for all pages; each figure and table gets its own image.
  full=()
  [ "${SCREENSHOT_FULL_PAGE:-0}" = 1 ] && full=(--full-page)
  if ! node --import tsx tools/screenshot-notebooks.ts --out "$SHOTS" "${full[@]}" "${pages[@]}"; then
    echo "run_notebooks: screenshots failed" >&2
    status=1
  fi
fi

exit "$status"
