#!/usr/bin/env bash
# Request Tracker 5 for the RT connector's integration test (tests/integration/rt-connector.test.ts):
# installs it from Debian's packages, non-interactively, with an SQLite database. The test copies
# that freshly initialised database and starts its own `rt-server` on a free port.
# Exits non-zero (and says why) when RT cannot be had: the test must fail, never skip.
set -uo pipefail

RT_HOME=/usr/share/request-tracker5
RT_DB=/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb

if [ -x "$RT_HOME/libexec/rt-server" ] && [ -s "$RT_DB" ]; then
  echo "Request Tracker: ok"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Request Tracker 5 is not installed and this user cannot install it (needs root and apt-get):"
  echo "  apt-get install request-tracker5 rt5-db-sqlite rt5-standalone"
  exit 1
fi
echo "Installing Request Tracker 5 from Debian's packages (about two minutes)…"
t0=$SECONDS
# dbconfig-common creates the SQLite database at install time; these answers keep it quiet.
debconf-set-selections <<'SEL'
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/initial-root-password password password
request-tracker5 request-tracker5/rtname string podium.test
request-tracker5 request-tracker5/organization string podium.test
request-tracker5 request-tracker5/correspondaddress string rt@podium.test
request-tracker5 request-tracker5/commentaddress string rt-comment@podium.test
request-tracker5 request-tracker5/webbaseurl string http://localhost
request-tracker5 request-tracker5/webpath string /rt
SEL
log=$(mktemp)
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone; } >"$log" 2>&1; then
  tail -30 "$log"
  echo "Installing Request Tracker 5 failed (log above)."
  exit 1
fi
rm -f "$log"
if [ ! -x "$RT_HOME/libexec/rt-server" ] || [ ! -s "$RT_DB" ]; then
  echo "Request Tracker 5 installed, but $RT_HOME/libexec/rt-server or its database $RT_DB is missing."
  exit 1
fi
echo "Request Tracker: installed in $((SECONDS - t0)) s"
