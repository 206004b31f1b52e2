"""Shared pieces of the hand-run benchmarks under bench/ (never imported by the test suite).

- `scratch_postgres` / `scratch_redis`: a throw-away PostgreSQL database and a dedicated, flushed Redis DB number;
- `app_env`, `run_app_command`: the production-mode environment and `python -m app migrate|seed`;
- `Server`: a server subprocess in its own process group, started, waited on until /healthz is 200, and stopped;
  `Server.cpu_seconds()` is the CPU time of all its processes (read before and after a run: CPU per request);
- `command_cpu_seconds`: the CPU time of processes by name (postgres, redis-server), outside the server's session;
- `run_wrk` / `wrk_paths_script` / `parse_wrk`: drive a server with wrk (Debian's `wrk`) and read its figures
  (with `count_statuses`, also the responses per HTTP status); `percentile` for latencies measured in Python;
- `print_table` / `write_json`: the report.

Every resource is a context manager, so an error or Ctrl-C (and SIGTERM, see `sigterm_as_interrupt`) still stops
the servers and drops the scratch database. Usage: see bench/catalog.py.
"""
from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
PG_ADMIN_URL = os.environ.get("BENCH_PG", "postgres://127.0.0.1:5432/postgres")
REDIS_BASE_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
DEFAULT_REDIS_DB = 14  # the test suite uses 15


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sigterm_as_interrupt() -> None:
    """Let SIGTERM (and SIGINT, even where a background start ignored it) unwind like Ctrl-C, so the
    `finally`/`with` clean-ups run."""
    def _raise(sig, _frame):
        raise KeyboardInterrupt(signal.Signals(sig).name)
    signal.signal(signal.SIGTERM, _raise)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


# ---------------------------------------------------------------- scratch PostgreSQL and Redis

def _pg_url_for(admin_url: str, dbname: str) -> str:
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{dbname}"


@contextlib.contextmanager
def scratch_postgres(prefix: str = "zb_bench", admin_url: str = PG_ADMIN_URL) -> Iterator[str]:
    """CREATE a database named prefix_<pid>_<time>, yield its URL, DROP it (WITH FORCE) at the end."""
    import asyncpg

    name = f"{prefix}_{os.getpid()}_{int(time.time())}"

    async def _exec(sql: str) -> None:
        conn = await asyncpg.connect(admin_url, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(_exec(f'CREATE DATABASE "{name}"'))
    log(f"created scratch database {name}")
    try:
        yield _pg_url_for(admin_url, name)
    finally:
        try:
            asyncio.run(_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            log(f"dropped scratch database {name}")
        except Exception as exc:  # report, but let the original error (if any) surface
            log(f"could not drop scratch database {name}: {exc!r} (drop it by hand)")


@contextlib.contextmanager
def scratch_redis(db: int = DEFAULT_REDIS_DB, base_url: str = REDIS_BASE_URL) -> Iterator[str]:
    """A dedicated Redis DB number, flushed before and after; yields its URL."""
    import redis

    url = f"{base_url.rstrip('/')}/{db}"
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    client.flushdb()
    log(f"flushed Redis DB {db}")
    try:
        yield url
    finally:
        try:
            client.flushdb()
        except Exception as exc:
            log(f"could not flush Redis DB {db}: {exc!r}")
        client.close()


# ---------------------------------------------------------------- the app in production mode

def app_env(database_url: str, redis_url: str, data_dir: str, **extra: str) -> dict[str, str]:
    """The environment of `python -m app` in production mode with the provider sandboxes on."""
    env = dict(os.environ)
    for var in ("WORKERS", "PORT", "HOST", "PUBLIC_BASE_URL", "ZB_SEED"):  # the command line decides these
        env.pop(var, None)
    env.update({
        "DATABASE_URL": database_url, "REDIS_URL": redis_url, "ZB_DATA_DIR": data_dir, "ZB_SANDBOX": "1",
        "ZB_DATA_KEY": random_key(), "ZB_SECRET_KEY": random_key(), "ZB_RECEIPT_KEY": random_key(), "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def run_app_command(args: list[str], env: dict[str, str], timeout: float = 300, app_root: Path = ROOT) -> str:
    """`python -m app <args>` (migrate, seed, ...) in `app_root` (the repo, or an export of some commit of it);
    raises with its output when it fails."""
    proc = subprocess.run([PYTHON, "-m", "app", *args], cwd=app_root, env=env, capture_output=True, text=True,
                          timeout=timeout)
    out = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise RuntimeError(f"python -m app {' '.join(args)} failed ({proc.returncode}):\n{out[-4000:]}")
    return out


@contextlib.contextmanager
def temp_dir(prefix: str = "zb-bench-") -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------- servers

class Server:
    """A server subprocess in its own session (process group). `with Server(...) as s:` starts it, waits for
    `health_path` to answer 200 and always stops it: SIGINT to the main process (Sanic then stops its workers),
    then SIGKILL to whatever is left of the group."""

    def __init__(self, name: str, cmd: list[str], port: int, env: dict[str, str] | None = None,
                 cwd: Path = ROOT, log_dir: Path | None = None, health_path: str = "/healthz",
                 start_timeout: float = 90):
        self.name, self.cmd, self.port, self.env, self.cwd = name, cmd, port, env, cwd
        self.health_path, self.start_timeout = health_path, start_timeout
        self.log_path = (log_dir or Path(tempfile.gettempdir())) / f"{name}-{port}.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.start()
        try:
            self.wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._log = open(self.log_path, "wb")
        log(f"starting {self.name}: {' '.join(self.cmd)} (log {self.log_path})")
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, env=self.env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-n:])
        except OSError:
            return ""

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        url = self.base_url + self.health_path
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before it was healthy:\n"
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        log(f"{self.name} healthy at {self.base_url} after pid {self.proc.pid} started")
                        return
                    last = f"HTTP {r.status}"
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}: {exc.read()[:300]!r}"
            except (OSError, urllib.error.URLError) as exc:
                last = repr(exc)
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} not healthy at {url} after {self.start_timeout}s ({last}):\n"
                           f"{self.log_tail()}")

    def cpu_seconds(self) -> float:
        """User + system CPU time of every live process of the server's session (main process and workers).
        Per request, it is steadier than req/s on a machine shared with other work."""
        return session_cpu_seconds(self.proc.pid) if self.proc else 0.0

    def stop(self, grace: float = 15) -> None:
        proc = self.proc
        if proc is None:
            return
        self.proc = None
        pgid = proc.pid  # start_new_session: the group id is the main process's pid
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGINT)
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                log(f"{self.name} did not stop in {grace}s: killing its process group")
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)  # workers left behind, if any
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)
        if self._log:
            self._log.close()
        log(f"stopped {self.name}")


_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def session_cpu_seconds(sid: int) -> float:
    """utime + stime of the live processes in session `sid` (Linux /proc; 0.0 elsewhere)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        # fields[0] is the state (field 3 of stat): session is field 6, utime 14, stime 15
        if int(fields[3]) == sid:
            total += int(fields[11]) + int(fields[12])
    return total / _CLK_TCK


def command_cpu_seconds(*names: str) -> float:
    """utime + stime of the live processes whose command name (/proc/<pid>/comm) is one of `names`, e.g.
    "postgres" or "redis-server": what a run costs the database and Redis, which live outside the server's
    session (shared with any other work that uses them: read it when nothing else runs)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, _, rest = stat.read_text().rpartition(")")
            comm = head.split("(", 1)[1]
            fields = rest.split()
        except (OSError, IndexError):
            continue
        if comm in names:
            total += int(fields[11]) + int(fields[12])
    return total / _CLK_TCK


def percentile(values: list[float], pct: float) -> float | None:
    """The nearest-rank percentile (pct in 0-100) of `values`; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def http_get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get_json(url: str) -> dict:
    status, body = http_get(url)
    if status != 200:
        raise RuntimeError(f"GET {url}: HTTP {status}: {body[:300]!r}")
    return json.loads(body)


# ---------------------------------------------------------------- wrk

WRK_MISSING = ("wrk is not installed: install it with `apt-get update && apt-get install -y wrk` "
               "(Debian package `wrk`), then run the benchmark again")


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        print(WRK_MISSING, file=sys.stderr)
        raise SystemExit(2)
    return path


def wrk_paths_script(paths: list[str], path: Path, method: str = "GET", headers: dict[str, str] | None = None,
                     body: str | None = None, count_statuses: bool = False) -> Path:
    """A wrk Lua script that cycles over `paths` (each wrk thread from its own offset). With `count_statuses`,
    wrk also counts the responses per HTTP status and prints them ("Status codes: 200=… 429=…", read by
    `parse_wrk` into `WrkResult.statuses`): wrk itself only counts "Non-2xx or 3xx responses". It costs wrk a
    Lua call per response, so give every scenario compared in one run the same setting."""
    def lua_str(s: str) -> str:
        if not s.isascii():
            raise ValueError(f"URL-encode non-ASCII text for wrk: {s!r}")
        return json.dumps(s)  # for ASCII text a JSON string literal is a valid Lua string literal

    hdrs = "".join(f"wrk.headers[{lua_str(k)}] = {lua_str(v)}\n" for k, v in (headers or {}).items())
    script = f"""-- generated by bench/harness.py
local paths = {{ {", ".join(lua_str(p) for p in paths)} }}
local n = #paths
local i = 0
local method = {lua_str(method)}
local body = {lua_str(body) if body is not None else "nil"}
{hdrs}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
function init(args)
  i = (offset or 0) % n
end
request = function()
  i = i % n + 1
  return wrk.format(method, paths[i], nil, body)
end
"""
    if count_statuses:
        script += """
-- status counting (count_statuses=True)
local threads = {}
local setup_paths = setup
function setup(thread)
  setup_paths(thread)
  table.insert(threads, thread)
end
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses") or {}) do
      local code = string.format("%d", k)
      total[code] = (total[code] or 0) + v
    end
  end
  local codes = {}
  for k in pairs(total) do table.insert(codes, k) end
  table.sort(codes)
  local parts = {}
  for _, k in ipairs(codes) do table.insert(parts, k .. "=" .. string.format("%d", total[k])) end
  io.write("Status codes: " .. table.concat(parts, " ") .. "\\n")
end
"""
    path.write_text(script)
    return path


@dataclass
class WrkResult:
    requests: int = 0
    duration_s: float = 0.0
    rps: float = 0.0
    latency_avg_ms: float | None = None
    latency_max_ms: float | None = None
    p50_ms: float | None = None
    p75_ms: float | None = None
    p90_ms: float | None = None
    p99_ms: float | None = None
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)  # by HTTP status, with wrk_paths_script(count_statuses)
    transfer_per_s: str = ""
    raw: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


_TIME_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(m.group(1)) * _TIME_UNITS[m.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Read wrk's text report (with --latency for the percentiles)."""
    r = WrkResult(raw=output)
    if m := re.search(r"^\s*Latency\s+(\S+)\s+\S+\s+(\S+)", output, re.M):
        r.latency_avg_ms, r.latency_max_ms = _ms(m.group(1)), _ms(m.group(2))
    for pct in (50, 75, 90, 99):
        if m := re.search(rf"^\s*{pct}%\s+(\S+)", output, re.M):
            setattr(r, f"p{pct}_ms", _ms(m.group(1)))
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)", output):
        r.requests, r.duration_s = int(m.group(1)), _ms(m.group(2) + m.group(3)) / 1000
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        r.rps = float(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        r.non_2xx_3xx = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        r.socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
    if m := re.search(r"^Status codes:(.*)$", output, re.M):
        r.statuses = {k: int(v) for k, v in re.findall(r"(\d+)=(\d+)", m.group(1))}
    if m := re.search(r"Transfer/sec:\s+(\S+)", output):
        r.transfer_per_s = m.group(1)
    if not r.requests or not r.rps:
        raise RuntimeError(f"could not read wrk's report:\n{output}")
    return r


def run_wrk(url: str, *, duration: float, connections: int, threads: int = 2, script: Path | None = None,
            timeout_s: float = 5, latency: bool = True) -> WrkResult:
    """One wrk run; `url` is the base (scheme://host:port) when `script` picks the paths."""
    wrk = require_wrk()
    cmd = [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", f"--timeout={timeout_s}s"]
    if latency:
        cmd.append("--latency")
    if script is not None:
        cmd += ["-s", str(script)]
    cmd.append(url)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    return parse_wrk(proc.stdout)


# ---------------------------------------------------------------- the report

def print_table(headers: list[str], rows: list[list], title: str | None = None) -> str:
    """A plain-text table, columns sized to their widest cell; CJK characters count as two columns."""
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)

    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        out = []
        for i, c in enumerate(row):
            pad = " " * (widths[i] - width(c))
            out.append(c + pad if i == 0 else pad + c)
        return "  ".join(out).rstrip()

    text = "\n".join([*([title] if title else []), line(cells[0]), "  ".join("-" * w for w in widths),
                      *(line(r) for r in cells[1:])])
    print(text, flush=True)
    return text


def fmt(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def git_revision() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""
    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def machine_info() -> dict:
    import platform
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "wrk": shutil.which("wrk")}


def write_json(name: str, data: dict) -> Path:
    """bench/out/<name>-<timestamp>.json (bench/out is git-ignored)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


# ---------------------------------------------------------------- rounds and wrk scenarios (every benchmark)

def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def median_run(runs: list[dict], key: str = "rps") -> dict:
    """The run with the median `key` (the lower middle one for an even count), with every round's value."""
    ordered = sorted(runs, key=lambda r: r[key])
    mid = dict(ordered[(len(ordered) - 1) // 2])
    mid[f"rounds_{key}"] = [r[key] for r in runs]
    mid["rounds_p99_ms"] = [r["p99_ms"] for r in runs]
    if all("server_cpu_us_per_req" in r for r in runs):
        mid["server_cpu_us_per_req"] = round(median([r["server_cpu_us_per_req"] for r in runs]), 1)
        mid["rounds_server_cpu_us_per_req"] = [r["server_cpu_us_per_req"] for r in runs]
    return mid


def wrk_scenario(name: str, server: Server, script: Path, a: argparse.Namespace) -> dict:
    base = server.base_url
    if a.warmup > 0:
        log(f"{name}: warm-up {a.warmup}s")
        run_wrk(base, duration=a.warmup, connections=a.connections, threads=a.threads, script=script)
    log(f"{name}: {a.duration}s, {a.threads} threads, {a.connections} connections")
    load = os.getloadavg()[0]
    cpu = server.cpu_seconds()
    r = run_wrk(base, duration=a.duration, connections=a.connections, threads=a.threads, script=script)
    cpu_us = (server.cpu_seconds() - cpu) / r.requests * 1e6
    log(f"{name}: {r.rps:.0f} req/s, p50 {fmt(r.p50_ms)} ms, p99 {fmt(r.p99_ms)} ms, non-2xx {r.non_2xx_3xx} "
        f"{r.statuses}, server CPU {cpu_us:.0f} µs/req")
    return {**r.as_dict(), "server_cpu_us_per_req": round(cpu_us, 1), "loadavg_1m_before": load}


# ---------------------------------------------------------------- a light HTTP/1.1 load client

def run_async(coro):
    """Run a load client's coroutine on uvloop (when installed), as the servers run."""
    try:
        import uvloop
        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


def raw_request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    """One HTTP/1.1 request, rendered once, for raw_load."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}Content-Length: {len(body)}\r\n\r\n"
            .encode() + body)


_CL = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)")


async def raw_load(host: str, port: int, raw: list[bytes], concurrency: int) -> dict:
    """Send pre-rendered requests over `concurrency` keep-alive connections, each sending the next request once
    the previous answer is read (status line, headers, Content-Length body). The load client shares the cores
    with the servers it measures, so it does as little as it can: no URL or header objects, no parsing beyond
    the status and length (a fifth or less of aiohttp's client CPU per request here, a tenth of httpx's).

    Returns {"statuses": Counter, "errors": Counter of exception names, "latencies": [s] of answered requests,
    "answers": [(status, body)] in completion order, "elapsed": s, "cpu": client CPU s}."""
    statuses, errors, latencies, answers = Counter(), Counter(), [], []
    counter, n = itertools.count(), len(raw)

    async def worker() -> None:
        reader = writer = None
        while (i := next(counter)) < n:
            t0 = time.perf_counter()
            try:
                async with asyncio.timeout(60):
                    if writer is None:
                        reader, writer = await asyncio.open_connection(host, port)
                    writer.write(raw[i])
                    head = await reader.readuntil(b"\r\n\r\n")
                    low = head.lower()
                    if b"\r\ntransfer-encoding:" in low:
                        raise ValueError("chunked answer")
                    m = _CL.search(low)
                    body = await reader.readexactly(int(m.group(1))) if m and int(m.group(1)) else b""
                    status = int(head[9:12])
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                    TimeoutError) as exc:
                errors[type(exc).__name__] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            latencies.append(time.perf_counter() - t0)
            statuses[status] += 1
            answers.append((status, body))
            if b"\r\nconnection: close" in low:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    cpu0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"statuses": statuses, "errors": errors, "latencies": latencies, "answers": answers,
            "elapsed": time.perf_counter() - t0, "cpu": time.process_time() - cpu0}
