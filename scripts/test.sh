#!/usr/bin/env bash
# `npm test`: the whole suite — types, unit, integration on PGlite and PostgreSQL, end-to-end in
# Chromium. Installs or starts what it needs first, so it works from a clean clone.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

bash scripts/ensure-test-deps.sh || exit 1

status=0
step() {
  local name="$1"; shift
  echo
  echo "=== $name"
  local t0=$SECONDS
  if "$@"; then
    echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    echo "=== $name: FAILED ($((SECONDS - t0)) s)"
    status=1
  fi
}

step "types" npx tsc --noEmit -p .
step "unit tests" npm run --silent test:unit
step "integration tests (PGlite and PostgreSQL)" npm run --silent test:integration
step "build" npm run --silent build
step "end-to-end tests (Chromium)" npx playwright test

echo
if [ "$status" -eq 0 ]; then echo "All test steps passed."; else echo "Some test steps FAILED."; fi
exit $status
