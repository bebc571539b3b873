#!/usr/bin/env bash
# `npm test`: the whole suite — types, unit, integration on PGlite and PostgreSQL, end-to-end in
# Chromium. Installs or starts what it needs first, so it works from a clean clone.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

bash scripts/ensure-test-deps.sh || exit 1

status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
step() {
  local name="$1"; shift
  echo
  echo "=== $name"
  local t0=$SECONDS
  if "$@" 2>&1 | tee -a "$log"; then
    echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    echo "=== $name: FAILED ($((SECONDS - t0)) s)"
    status=1
  fi
}

step "types" npx tsc --noEmit -p .   # before the build starts: tsc also reads .next/types

# The production build the end-to-end tests serve runs beside the unit and integration tests:
# those wait on databases and emulators more than on the CPU, so the build costs little time.
build_log=$(mktemp)
build_rc=$(mktemp)
build_start=$SECONDS
( npm run --silent build >"$build_log" 2>&1; echo $? >"$build_rc" ) &

step "unit tests" npm run --silent test:unit
step "integration tests (PGlite and PostgreSQL)" npm run --silent test:integration
# `step` runs its command in a pipeline (a subshell), where `wait` cannot see the build: poll its exit code.
build_step() {
  while [ ! -s "$build_rc" ]; do sleep 1; done
  cat "$build_log"
  echo "(built in the background, started $((SECONDS - build_start)) s ago)"
  local rc
  rc=$(cat "$build_rc")
  rm -f "$build_log" "$build_rc"
  return "$rc"
}
step "build" build_step
step "end-to-end tests (Chromium)" npx playwright test

# One closing line for the whole suite: node's runner prints "# pass N"/"# fail N", Playwright "N passed"/"N failed".
passed=$(awk '/^# pass [0-9]+$/ {n += $3} /^ +[0-9]+ passed/ {n += $1} END {print n + 0}' "$log")
failed=$(awk '/^# fail [0-9]+$/ {n += $3} /^ +[0-9]+ failed$/ {n += $1} END {print n + 0}' "$log")
# A step that failed before running tests (types, build) still counts as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
if [ "$status" -eq 0 ]; then echo "All test steps passed."; else echo "Some test steps FAILED."; fi
echo "$passed passed, $failed failed"
exit $status
