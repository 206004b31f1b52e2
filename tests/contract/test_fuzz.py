"""Schemathesis over the served OpenAPI document: every operation (the sandboxes aside), as a citizen, a member of
staff and an admin, against a real server process with its own database; no 5xx, every status documented, and
every answer that has a response model conforming to it.

Bounded: a fixed seed, a few examples per operation and a time budget per role (ZB_FUZZ_SECONDS, default 40).
The server is the embedded one (its own SQLite file and in-process Redis), so what the fuzzer writes never reaches
the other tests' data: on the PostgreSQL run this test is skipped (the live server there would share the test
database and Redis).
"""
import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND
from tests.factories import admin, citizen, window_clerk
from tests.live import live_server

CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
SECONDS = int(os.environ.get("ZB_FUZZ_SECONDS", "40"))

pytestmark = pytest.mark.skipif(BACKEND != "embedded", reason="the fuzz server is the embedded one (own data)")


@pytest.fixture(scope="module")
def fuzz_server(settings, tmp_path_factory):
    with live_server(settings, tmp_path_factory.mktemp("fuzz"), ZB_CHAT_RATE_LIMIT="100000") as base:
        yield base


async def _tokens(base: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        return {"citizen": (await citizen(c))["token"], "staff": (await window_clerk(c))["token"],
                "admin": (await admin(c))["token"]}


@pytest.mark.parametrize("role", ["citizen", "staff", "admin"])
def test_schemathesis_finds_no_server_error_and_no_undocumented_answer(fuzz_server, role, tmp_path):
    token = asyncio.run(_tokens(fuzz_server))[role]
    st = Path(sys.executable).with_name("st")
    cmd = [str(st), "run", f"{fuzz_server}/docs/openapi.json", "--url", fuzz_server,
           "--checks", CHECKS, "--header", f"Authorization: Bearer {token}",
           "--exclude-tag", "sandbox", "--exclude-tag", "pages", "--exclude-tag", "callbacks",
           "--phases", "examples,coverage,fuzzing", "--max-examples", "8", "--seed", "20261202",
           "--max-time", str(SECONDS), "--workers", "1", "--no-shrink", "--request-timeout", "20",
           "--warnings", "off", "--output-truncate", "true", "--report", "junit", "--report-dir", str(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=SECONDS * 4 + 120, cwd=tmp_path)
    lines = (done.stdout + done.stderr).splitlines()
    assert done.returncode == 0, "\n".join(line[:240] for line in lines[-160:])
