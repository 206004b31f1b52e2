#!/usr/bin/env bash
# Run every test: the Python suite on the embedded default (SQLite + in-process Redis), again on PostgreSQL +
# Redis when they are reachable (required when CI=true), and the mini-program's jest suite.
# Needs Python 3.11 and Node.js. Debian's chromium (/usr/bin/chromium) is needed for the kiosk and hall display
# page tests only when CI=true; without CI they skip, saying why.
source "$(dirname "$0")/scripts/bootstrap.sh"
CHROMIUM=/usr/bin/chromium
if [ "${CI:-}" = "true" ] && [ ! -x "$CHROMIUM" ]; then
  echo "CI=true needs Debian's chromium at $CHROMIUM for the page tests (apt-get install -y chromium fonts-wqy-zenhei)," \
       "and PostgreSQL + Redis; .ci/run installs and starts them" >&2
  exit 1
fi
command -v node >/dev/null || { echo "the mini-program tests need Node.js 20 (node, npm)" >&2; exit 1; }
python_packages requirements-dev.txt
npm_install
cd "$ROOT"
mkdir -p var/test-reports
rm -f var/test-reports/*
export ZB_TEST_PG="${ZB_TEST_PG:-postgres://127.0.0.1:5432}" ZB_TEST_REDIS="${ZB_TEST_REDIS:-redis://127.0.0.1:6379/15}"
status=0
covered=()

[ -x "$CHROMIUM" ] || echo "== no chromium at $CHROMIUM: the kiosk and hall display page tests will skip (CI=true requires it)"
echo "== Python tests on the embedded default (SQLite file + in-process Redis)"
ZB_TEST_BACKEND=embedded .venv/bin/python -m pytest --junitxml=var/test-reports/embedded.xml "$@" || status=1
covered+=("embedded (SQLite + in-process Redis)")

if .venv/bin/python -m scripts.check_backends "$ZB_TEST_PG/postgres" "$ZB_TEST_REDIS"; then
  echo "== Python tests on PostgreSQL + Redis ($ZB_TEST_PG, $ZB_TEST_REDIS)"
  ZB_TEST_BACKEND=postgres .venv/bin/python -m pytest --junitxml=var/test-reports/postgres.xml "$@" || status=1
  covered+=("PostgreSQL + Redis")
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true: PostgreSQL and Redis are required but not reachable" >&2
  status=1
else
  echo "== PostgreSQL + Redis not reachable: that backend was NOT covered"
fi

echo "== Mini-program tests (jest + miniprogram-simulate)"
(cd miniprogram && npx jest --ci --json --outputFile="$ROOT/var/test-reports/jest.json") || status=1

.venv/bin/python -m scripts.test_summary var/test-reports "${covered[@]}" || status=1
exit $status
