#!/usr/bin/env bash
# What the tests need beyond npm packages: a running PostgreSQL and a Chromium.
# Installs them from Debian's packages when missing and we are allowed to (root, apt-get).
set -uo pipefail

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=0
apt_install() {
  can_apt || return 1
  if [ $apt_updated = 0 ]; then apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_up() { node -e '
  const p = require("postgres")(process.env.TEST_DATABASE_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  p`select 1`.then(() => p.end().then(() => process.exit(0)), () => process.exit(1));' 2>/dev/null; }

if ! pg_up; then
  echo "PostgreSQL is not answering at $TEST_DATABASE_URL; starting it…"
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql || { echo "Cannot install PostgreSQL; set TEST_DATABASE_URL to a server."; exit 1; }
  fi
  for v in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
  done
  # Local trust auth, as on the development machines, for the postgres user over TCP.
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL did not come up at $TEST_DATABASE_URL."; exit 1; }
fi
echo "PostgreSQL: ok"

if [ -x /usr/bin/chromium ] || [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]; then
  echo "Chromium: ${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}"
elif ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  echo "Chromium: Playwright's own"
else
  echo "Installing Chromium from Debian's packages…"
  apt_install chromium || npx playwright install chromium || { echo "No Chromium available for the end-to-end tests."; exit 1; }
fi

# Request Tracker 5 (Debian packages), for the RT connector's test against a real server.
bash "$(dirname "$0")/ensure-rt.sh" || exit 1
