"""docker-compose.yml, read as Docker reads it: no Docker on the dev machines, so its environment is tested here."""
from __future__ import annotations

import re

import yaml

from app.config import ENV, Settings
from app.keys import SECRETS
from app.providers import courier
from tests.conftest import ROOT

BASES = {field: var for field, var in ENV.items() if var.endswith("_BASE")}  # every provider's base URL
IN_APP = Settings(sandbox=True, public_base_url="http://app:8000")  # what the app container derives for itself
PROVIDER = {"wechat_api_base": "wechat", "dingtalk_oapi_base": "dingtalk_oapi", "dingtalk_api_base": "dingtalk_api",
            "shared_data_base": "shared_data", "sms_api_base": "sms"}
# Where the app container's sandboxes are, as the app itself derives each base with the sandbox on
EXPECTED = {**{BASES[field]: IN_APP.provider_base(name) for field, name in PROVIDER.items()},
            "WECHATPAY_API_BASE": "http://app:8000/sandbox/wechatpay", "COURIER_API_BASE": courier.base_url(IN_APP)}


def _services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_provider_bases_are_known():
    # A new *_BASE in app/config.py goes into the compose worker's environment and into EXPECTED
    assert set(BASES.values()) == set(EXPECTED), sorted(set(BASES.values()) ^ set(EXPECTED))


def test_the_job_worker_reaches_every_sandbox_in_the_app_container():
    """The worker serves no sandbox: with ZB_SANDBOX on, a provider base left unset would point at its own
    localhost (its SMS went there and died as dead letters). Each must be the app container's sandbox, at the
    path the app itself derives for it."""
    worker = _services()["worker"]["environment"]
    assert worker.get("ZB_SANDBOX") == "1"
    missing = sorted(var for var in BASES.values() if var not in worker)
    assert not missing, f"the compose worker lacks {missing}"
    for var, url in EXPECTED.items():
        assert worker[var] == url, var


def test_the_app_and_worker_share_secrets_and_backends():
    """Every secret `python -m app keys` makes is required from .env (compose stops naming the command); the
    platform-issued ones pass through, empty meaning the sandbox's."""
    services = _services()
    app, worker = services["app"]["environment"], services["worker"]["environment"]
    for var in ("DATABASE_URL", "REDIS_URL", "PUBLIC_BASE_URL", *(s.env for s in SECRETS)):
        assert var in app and app[var] == worker[var], var
    for secret in SECRETS:
        pattern = r"\$\{" + secret.env + (r":-\}" if secret.kind == "issued" else r":\?.*python -m app keys.*\}")
        assert re.fullmatch(pattern, app[secret.env]), app[secret.env]
    assert app.get("ZB_SANDBOX") == "1"
    for service in services.values():  # every variable the app reads is one it knows
        env = service.get("environment") or {}
        unknown = [v for v in env if v.startswith(("ZB_",)) and v not in ENV.values()]
        assert not unknown, unknown
