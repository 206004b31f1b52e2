"""Accuracy of the assistant's service recognition on the evaluation set (tests/data/assistant_eval.json).

    python -m scripts.eval_assistant [--set PATH] [--misses]

Builds the catalog from the seed data in a scratch SQLite database (migrate + seed through the real CLI), then
ranks every question with the assistant (the catalog's own search) and prints top-1 and top-3 accuracy.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from app import db
from app.config import Settings
from app.services.engagement import assistant
from app.services.catalog.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "data" / "assistant_eval.json"


def load_cases(path: Path = DEFAULT_SET) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["cases"]


async def _evaluate(settings: Settings, cases: list[dict]) -> dict:
    await db.connect(settings)
    try:
        return await assistant.evaluate(Catalog(), cases)
    finally:
        await db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--misses", action="store_true", help="list the questions missed in the top 3")
    args = parser.parse_args()
    cases = load_cases(args.set)
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(ZB_DATA_DIR=tmp, PYTHONPATH=str(ROOT))
        for cmd in ("migrate", "seed"):
            subprocess.run([sys.executable, "-m", "app", cmd], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        result = asyncio.run(_evaluate(Settings(data_dir=tmp), cases))
    print(f"questions: {result['n']}")
    print(f"top-1 accuracy: {result['top1']:.3f}")
    print(f"top-3 accuracy: {result['top3']:.3f}")
    if args.misses:
        for m in result["misses"]:
            print(f"  miss: {m['q']}  expected {m['expected']}, got {', '.join(m['got']) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
