#!/usr/bin/env bash
# Runs the test files (default: all of test/*/*.test.ts) with a quiet reporter (one dot per test, details
# of failures only; TEST_REPORTER=spec lists every test), inside a fresh temporary folder that must be
# empty afterwards: a test that leaves files behind fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- test/*/*.test.ts; fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/homotopy-test-XXXXXX")
# tsx keeps its compile cache in the temporary folder: share the usual one (it is not the tests' litter).
cache="tsx-$(id -u)"
mkdir -p "${TMPDIR:-/tmp}/$cache" && ln -s "${TMPDIR:-/tmp}/$cache" "$tmp/$cache"
# A TAP copy outside the checked folder gives the closing count line.
tap=$(mktemp "${TMPDIR:-/tmp}/homotopy-test-tap-XXXXXX")
TMPDIR="$tmp" node --import tsx --test --test-reporter="${TEST_REPORTER:-dot}" --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "$@"
status=$?
count() { grep -E "^# $1 [0-9]+$" "$tap" | tail -1 | awk '{print $3}'; }
echo "$(count pass) passed, $(count fail) failed, $(count skipped) skipped"
rm -f "$tap"
left=$(cd "$tmp" && find . -mindepth 1 -maxdepth 1 ! -name "$cache" -printf '%f\n' | sort)
if [ -n "$left" ]; then
  echo "tests left files in the temporary folder (remove them in the test that makes them):" >&2
  echo "$left" | sed 's/^/  /' >&2
  status=1
fi
rm -rf "$tmp"
exit $status
