"""Behind nginx (deploy/nginx.conf as shipped): the app reads the client's address from ZB_REAL_IP_HEADER, which
the proxy sets and overwrites, so rate limits stay per citizen and a client cannot pick its own address."""
from __future__ import annotations

import random

import httpx
import pytest

from tests.live import live_server, nginx_binary, nginx_proxy

LIMIT = 3


@pytest.fixture(scope="module")
def proxy(settings, tmp_path_factory):
    nginx_binary()  # skip (or fail under CI) before starting anything
    env = {"ZB_REAL_IP_HEADER": "X-Real-IP", "ZB_AUTH_RATE_LIMIT": str(LIMIT), "ZB_AUTH_RATE_WINDOW": "60"}
    with live_server(settings, tmp_path_factory.mktemp("behind-proxy"), **env) as app_base:
        with nginx_proxy([app_base], tmp_path_factory.mktemp("nginx")) as base:
            yield base


def _client(base: str, address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127.x.y.z is this machine's loopback)."""
    return httpx.Client(base_url=base, timeout=10, transport=httpx.HTTPTransport(local_address=address))


def _addresses(n: int) -> list[str]:
    # fresh per run: the PostgreSQL backend's Redis (and its rate-limit counters) is shared with other tests
    picked = random.sample(range(2, 250 * 250), n)
    return [f"127.{random.randint(100, 250)}.{p // 250}.{p % 250 + 1}" for p in picked]


def _sign_in(c: httpx.Client, **headers) -> int:
    # the limit is counted before the body is read: an empty body is a 422 until the bucket is spent (429)
    return c.post("/api/v1/auth/wechat", json={}, headers=headers).status_code


def test_two_clients_behind_the_proxy_have_their_own_buckets(proxy):
    a, b = _addresses(2)
    with _client(proxy, a) as ca, _client(proxy, b) as cb:
        assert [_sign_in(ca) for _ in range(LIMIT)] == [422] * LIMIT
        assert _sign_in(ca) == 429
        # the app sees nginx's address on every connection; only the header tells these two citizens apart
        assert [_sign_in(cb) for _ in range(LIMIT)] == [422] * LIMIT
        assert _sign_in(cb) == 429


def test_an_address_a_client_sends_is_overwritten_by_the_proxy(proxy):
    a, spoofed = _addresses(2)
    with _client(proxy, a) as ca:
        assert [_sign_in(ca) for _ in range(LIMIT)] == [422] * LIMIT
        for header in ("X-Real-IP", "x-real-ip", "X-Forwarded-For"):
            assert _sign_in(ca, **{header: spoofed}) == 429, header
        assert _sign_in(ca, Forwarded=f"for={spoofed}") == 429
    # and the spoofed address's own bucket was never touched
    with _client(proxy, spoofed) as cs:
        assert _sign_in(cs) == 422
