# Sourced by run.sh and test.sh: make the virtual environment; `python_packages FILE` installs FILE's packages
# when they changed since last time (run.sh: requirements.txt; test.sh: requirements-dev.txt, which starts with
# `-r requirements.txt`). npm_install does the same for the mini-program's jest toolchain.
# PYTHON picks the interpreter (default python3.11, else python3); it must be Python 3.11.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || { echo "Python 3.11 is required (found $("$PY" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "creating virtual environment in .venv" >&2
  "$PY" -m venv "$ROOT/.venv"
fi

_requirements_sha() {  # over requirements.txt too: requirements-dev.txt includes it, so a change there counts
  cat "$ROOT/requirements.txt" "$ROOT/$1" | sha256sum | cut -c1-64
}

python_packages() {  # FILE: install it unless its stamp says this exact content is installed already
  local file="$1" want
  want="$(_requirements_sha "$file")"
  if [ "$(cat "$ROOT/.venv/.${file%.txt}.sha256" 2>/dev/null)" != "$want" ]; then
    echo "installing Python packages ($file)" >&2
    "$ROOT/.venv/bin/python" -m pip install --disable-pip-version-check -q -r "$ROOT/$file"
    echo "$want" > "$ROOT/.venv/.${file%.txt}.sha256"
    # requirements-dev.txt installed requirements.txt with it
    _requirements_sha requirements.txt > "$ROOT/.venv/.requirements.sha256"
  fi
}

npm_install() {  # the mini-program's jest toolchain, from its lock file
  local lock="$ROOT/miniprogram/package-lock.json" stamp="$ROOT/miniprogram/node_modules/.lock.sha256"
  local want; want="$(sha256sum "$lock" | cut -c1-64)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "installing mini-program packages (npm ci)" >&2
    (cd "$ROOT/miniprogram" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
