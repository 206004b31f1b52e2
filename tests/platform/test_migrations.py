import subprocess
import sys

from tests.conftest import BACKEND, PG, ROOT


def test_every_model_change_has_its_migration():
    dialect = "postgres" if BACKEND == "postgres" else "sqlite"
    r = subprocess.run([sys.executable, "-m", "scripts.makemigrations", "--check", "--only", dialect,
                        "--pg", f"{PG}/postgres"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and f"{dialect}: no changes" in r.stdout, r.stdout + r.stderr[-2000:]
