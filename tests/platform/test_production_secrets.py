"""Production secrets: with the sandbox off the service refuses to start (every offending variable named on one
line each, no traceback, non-zero exit) for `python -m app` and `python -m app worker`; `python -m app keys` makes
a fresh .env block whose values pass; key files and the SQLite file are private (0600)."""
import os
import stat
import subprocess
import sys

import pytest

from app.config import Settings
from app.keys import SECRETS, problems
from tests.conftest import ROOT

ALL = ["ZB_SECRET_KEY", "ZB_DATA_KEY", "ZB_RECEIPT_KEY", "ZB_AUDIT_KEY", "WECHAT_PUSH_TOKEN", "WECHAT_PUSH_AES_KEY",
       "DINGTALK_CALLBACK_TOKEN", "DINGTALK_AES_KEY", "SHARED_DATA_APP_SECRET", "WECHAT_SECRET", "DINGTALK_APPSECRET",
       "SMS_ACCESS_KEY_SECRET"]
ISSUED = {"WECHAT_SECRET": "wx-real-secret-from-console", "DINGTALK_APPSECRET": "ding-real-secret",
          "SMS_ACCESS_KEY_SECRET": "aliyun-real-secret", "SHARED_DATA_APP_SECRET": "shared-real-secret"}


def _env(tmp_path, **extra) -> dict:
    """A production environment (PostgreSQL + Redis URLs that nothing reaches: the check comes first)."""
    env = {k: v for k, v in os.environ.items() if k not in {*ALL, "ZB_SANDBOX", "DATABASE_URL", "REDIS_URL"}
           and not k.startswith(("WECHATPAY_", "ZB_", "WECHAT_", "DINGTALK_", "SHARED_DATA_", "SMS_"))}
    env.update({"PYTHONPATH": str(ROOT), "DATABASE_URL": "postgres://127.0.0.1:1/none",
                "REDIS_URL": "redis://127.0.0.1:1/0", "ZB_DATA_DIR": str(tmp_path), "ZB_SANDBOX": "0", **extra})
    return env


def _run(env: dict, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _keys() -> dict:
    out = _run({**os.environ, "PYTHONPATH": str(ROOT)}, "keys")
    assert out.returncode == 0, out.stderr
    pairs = {}
    for line in out.stdout.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


@pytest.mark.parametrize("command", [[], ["worker"]])
def test_a_production_start_with_sandbox_secrets_names_every_one_and_stops(tmp_path, command):
    out = _run(_env(tmp_path), *command)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout
    named = [line.split()[0] for line in out.stderr.splitlines() if line.startswith("  ")]
    assert sorted(named) == sorted(ALL), out.stderr  # each by its variable's own name (not "DATA", "SECRET"), once
    assert out.stderr.splitlines()[0].startswith("zhangban: refusing to start")
    assert "python -m app keys" in out.stderr and out.stdout == ""


def test_only_the_offending_ones_are_named(tmp_path):
    keys = _keys()
    env = _env(tmp_path, **{**keys, **ISSUED, "WECHAT_SECRET": "sandbox-wechat-secret", "ZB_DATA_KEY": "c2hvcnQ="})
    out = _run(env)
    assert out.returncode == 2
    named = sorted(line.split()[0] for line in out.stderr.splitlines() if line.startswith("  "))
    assert named == ["WECHAT_SECRET", "ZB_DATA_KEY"], out.stderr


def test_wechat_pay_keys_are_required_once_payments_are_on(tmp_path):
    env = _env(tmp_path, **{**_keys(), **ISSUED, "WECHATPAY_MCHID": "1900000109", "WECHATPAY_APIV3_KEY": "short"})
    out = _run(env)
    assert out.returncode == 2
    named = sorted(line.split()[0] for line in out.stderr.splitlines() if line.startswith("  "))
    assert named == ["WECHATPAY_APIV3_KEY", "WECHATPAY_CERT_SERIAL", "WECHATPAY_PLATFORM_KEYS",
                     "WECHATPAY_PRIVATE_KEY"], out.stderr


def test_keys_are_fresh_well_formed_and_make_a_passing_configuration():
    import base64
    import re

    a, b = _keys(), _keys()
    assert set(a) == {s.env for s in SECRETS}
    generated = {k for k, v in a.items() if v}
    assert generated == {"ZB_SECRET_KEY", "ZB_DATA_KEY", "ZB_RECEIPT_KEY", "ZB_AUDIT_KEY", "WECHAT_PUSH_TOKEN",
                         "WECHAT_PUSH_AES_KEY", "DINGTALK_CALLBACK_TOKEN", "DINGTALK_AES_KEY"}
    assert all(a[k] != b[k] for k in generated)  # fresh every time
    for k in ("ZB_SECRET_KEY", "ZB_DATA_KEY", "ZB_RECEIPT_KEY", "ZB_AUDIT_KEY"):
        assert len(base64.b64decode(a[k], validate=True)) == 32
    for k in ("WECHAT_PUSH_AES_KEY", "DINGTALK_AES_KEY"):
        assert re.fullmatch(r"[A-Za-z0-9]{43}", a[k]) and len(base64.b64decode(a[k] + "=")) == 32
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    Ed25519PrivateKey.from_private_bytes(base64.b64decode(a["ZB_RECEIPT_KEY"]))
    Ed25519PrivateKey.from_private_bytes(base64.b64decode(a["ZB_AUDIT_KEY"]))
    from app.config import load_settings
    assert problems(load_settings({**a, **ISSUED, "ZB_SANDBOX": "0", "DATABASE_URL": "postgres://x/y"})) == []


def test_keys_output_starts_a_server_with_the_sandbox_off(settings, tmp_path):
    """The .env that `keys` printed, plus the platform-issued secrets, passes the check: the server starts and
    answers /healthz (PostgreSQL + Redis on that backend, the embedded mode's own SQLite file on the other)."""
    from tests.live import live_server

    with live_server(settings, tmp_path, **{**_keys(), **ISSUED, "ZB_SANDBOX": "0"}) as base:
        import httpx

        r = httpx.get(f"{base}/healthz", timeout=10)
        assert r.status_code == 200
        assert httpx.get(f"{base}/sandbox/wechat/codes", timeout=10).status_code == 404  # the sandbox is off


def test_key_files_and_the_sqlite_file_are_private(tmp_path):
    """The embedded mode's key files and its SQLite file are created 0600 by the real start path (`migrate` and a
    key load, in a subprocess: the test's own database connection stays untouched), and a loose one is tightened."""
    from app import db
    from app.security import load_key

    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ZB_DATA_DIR"}}
    out = _run({**env, "PYTHONPATH": str(ROOT), "ZB_DATA_DIR": str(var)}, "migrate")
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE((var / "zhangban.sqlite3").stat().st_mode) == 0o600
    s = Settings(data_dir=str(var))
    for name in ("data.key", "secret.key", "receipt.key"):
        load_key(s, "", name)
        assert stat.S_IMODE((var / name).stat().st_mode) == 0o600
    # one made earlier with a loose mode (copied in, an older version) is tightened when it is next used
    os.chmod(var / "data.key", 0o644)
    os.chmod(var / "zhangban.sqlite3", 0o664)
    load_key(s, "", "data.key")
    db.sqlite_file(s)
    assert stat.S_IMODE((var / "data.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((var / "zhangban.sqlite3").stat().st_mode) == 0o600
