#!/usr/bin/env bash
# Run the service. With no DATABASE_URL / REDIS_URL: the embedded mode (SQLite file under ./var, in-process
# Redis, migrations and demo data applied on start, provider sandboxes on) at http://127.0.0.1:8000.
# Extra arguments go to `python -m app` (e.g. ./run.sh migrate, ./run.sh seed, ./run.sh --workers 4).
source "$(dirname "$0")/scripts/bootstrap.sh"
python_packages requirements.txt
cd "$ROOT"
exec "$ROOT/.venv/bin/python" -m app "$@"
