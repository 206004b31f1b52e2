"""The README works as written: every path it names is served, and its "Try it" commands (curl and the journey
script) run as pasted against a real server."""
from __future__ import annotations

import os
import re
import subprocess

import pytest
from sanic.exceptions import MethodNotAllowed, NotFound

from tests.conftest import ROOT
from tests.live import live_server

README = (ROOT / "README.md").read_text()
DEMO = re.compile(r"(?:https?://)?(?:localhost|127\.0\.0\.1):8000")
PATH = re.compile(r"(?<![\w.~/-])(/(?:api/v1|sandbox|docs|healthz|metrics|verify|ws|t|kiosk|display)\b"
                  r"[^\s`'\"|)<>,;]*)")


def readme_paths() -> list[str]:
    text = DEMO.sub(" ", README)
    return sorted({m.rstrip(".:") for m in PATH.findall(text)})


def bash_blocks(section: str) -> list[str]:
    """The ```bash blocks of a `## section` of the README."""
    body = README.split(f"\n## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)```", body, re.S)


def test_the_readme_names_paths_and_its_demo_commands():
    paths = readme_paths()
    assert "/api/v1/services" in {p.split("?")[0] for p in paths} and "/healthz" in paths, paths
    assert bash_blocks("Try it") and any("scripts/journey.py" in b for b in bash_blocks("Try it"))


@pytest.mark.parametrize("path", readme_paths())
async def test_every_path_in_the_readme_is_served(client, app, path):
    route_path = path.split("?")[0]
    if "{" in route_path or "…" in route_path:
        # A pattern: some route must match it with its placeholders filled in, for some method
        concrete = re.sub(r"\{[^}]*\}", "1", route_path).replace("…", "")
        found = False
        for method in ("GET", "POST", "PUT", "DELETE"):
            try:
                app.router.get(concrete.rstrip("/") or "/", method, None)
                found = True
            except MethodNotAllowed:
                found = True
            except NotFound:
                pass
        if "…" in route_path and not found:  # an elided tail: a route under this prefix
            found = any(f"/{r.path}".startswith(concrete) for r in app.router.routes)
        assert found, f"no route serves {path}"
        return
    if any(f"/{r.path}".startswith(route_path.rstrip("/") + "/") for r in app.router.routes) \
            and not _served(app, route_path):
        return  # a prefix ("all under /api/v1")
    r = await client.get(path)
    if r.status_code == 405:  # a POST-only path, named for what it does: it is there
        return
    assert r.status_code < 500 and r.status_code != 404, (path, r.status_code, r.text[:300])


def _served(app, path: str) -> bool:
    try:
        app.router.get(path, "GET", None)
    except MethodNotAllowed:
        return True
    except NotFound:
        return False
    return True


@pytest.fixture(scope="module")
def demo(settings, tmp_path_factory):
    # The demo's job worker delivers the inbox (production mode: in the app process here, as ZB_RUN_JOBS allows)
    with live_server(settings, tmp_path_factory.mktemp("readme"), ZB_RUN_JOBS="1") as base:
        yield base


def _run(block: str, base: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-euo", "pipefail", "-c", DEMO.sub(base, block)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_the_try_it_commands_work_when_pasted(demo):
    """The curl lines: raw Chinese in the query works, and what they print is readable Chinese."""
    block = next(b for b in bash_blocks("Try it") if "curl" in b)
    done = _run(block, demo)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "居民身份证换领" in done.stdout and "\\u" not in done.stdout, done.stdout[:2000]
    assert '"status":"ok"' in done.stdout.replace(" ", "")


def test_the_journey_runs_to_its_end(demo):
    """A citizen's journey (bind, face, apply with consent, track, book, pay, inbox, assistant) and a staff
    member's (DingTalk sign-in, decisions), as the README shows it."""
    block = next(b for b in bash_blocks("Try it") if "scripts/journey.py" in b)
    done = _run(block, demo)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    out = done.stdout
    for seen in ("— level 2", "passed: True — level 3", "受理编号", "SUCCESS", "our order: paid", "缴费成功", "审批通过",
                 "问: 我的办件", "journey complete"):
        assert seen in out, (seen, out[-3000:])
