#!/usr/bin/env bash
# Run every test: the Python suite on the embedded default (SQLite + in-process Redis), again on PostgreSQL +
# Redis when they are reachable (required when CI=true), and the mini-program's jest suite.
# Needs Python 3.11, Node.js and a CJK font (fonts-wqy-zenhei, as ./run.sh). The page and document tests also use
# Debian's chromium, poppler-utils, libnss3-tools and nginx-light: without them those tests skip, saying why, unless CI=true,
# which needs them all (.ci/run installs them) and stops here, up front, when one is missing.
source "$(dirname "$0")/scripts/bootstrap.sh"
CHROMIUM=/usr/bin/chromium
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdfsig >/dev/null && command -v pdffonts >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null || missing+=(libnss3-tools)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx-light)
if [ "${CI:-}" = "true" ] && [ ${#missing[@]} -gt 0 ]; then
  echo "CI=true needs Debian's ${missing[*]} for the page, document and proxy tests (apt-get install -y ${missing[*]};" \
       ".ci/run installs them, and starts PostgreSQL and Redis)" >&2
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

[ ${#missing[@]} -eq 0 ] || echo "== not installed: ${missing[*]} (Debian packages): the tests that need them skip (CI=true requires them)"
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
