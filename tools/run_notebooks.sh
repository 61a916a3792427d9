#!/usr/bin/env bash
# Execute every notebook headless with the project's tslab kernel (tools/run_nb.py) into
# build/notebooks/, then render a few executed notebooks to HTML (build/html/) and screenshot
# them with headless Chromium (build/screenshots/) to show that the figures display.
# Exits non-zero if any notebook failed. HOMOTOPY_PROFILE (quick|full) is passed to the notebooks.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

# Notebooks to execute, in order; add folders here (e.g. notebooks/assignments/*.ipynb).
NOTEBOOK_GLOBS=(notebooks/*.ipynb notebooks/assignments/*.teacher.ipynb)
# Executed notebooks to render and screenshot (names without .ipynb).
SCREENSHOT_NOTEBOOKS=(02-loss-landscapes-and-hessian-spectra 06-benchmark)
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
CHROMIUM="${CHROMIUM_PATH:-}"
if [ -z "$CHROMIUM" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$c" ]; then CHROMIUM="$c"; break; fi
  done
fi
if [ -z "$CHROMIUM" ]; then
  echo "run_notebooks: headless Chromium not found (set CHROMIUM_PATH or apt-get install -y --no-install-recommends chromium); skipping screenshots"
fi
for name in "${SCREENSHOT_NOTEBOOKS[@]}"; do
  executed="$OUT/$name.ipynb"
  if [ ! -f "$executed" ]; then
    echo "run_notebooks: $executed does not exist; nothing to render" >&2
    status=1
    continue
  fi
  if ! jupyter nbconvert --to html --log-level=WARN "$executed" --output-dir "$HTML"; then
    echo "run_notebooks: nbconvert failed for $executed" >&2
    status=1
    continue
  fi
  echo "html   $HTML/$name.html"
  [ -z "$CHROMIUM" ] && continue
  profile_dir="$(mktemp -d)"
  # Tall window: the whole notebook in one image. The wrapper's "[: unexpected operator" and dbus noise are harmless.
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile_dir" --window-size="${SCREENSHOT_SIZE:-1100,12500}" --virtual-time-budget=15000 \
    --screenshot="$SHOTS/$name.png" "file://$ROOT/$HTML/$name.html" >/dev/null 2>&1
  rm -rf "$profile_dir"
  if [ -s "$SHOTS/$name.png" ]; then
    echo "shot   $SHOTS/$name.png"
  else
    echo "run_notebooks: chromium wrote no screenshot for $name" >&2
    status=1
  fi
done

exit "$status"
