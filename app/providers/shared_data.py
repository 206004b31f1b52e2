"""The 数据共享交换平台 (government data-sharing platform) API, over HTTP at a configurable base URL.

Wire protocol (what this adapter sends and the sandbox in app/sandbox/shared.py implements):

Request: one signed request reads every dataset a case needs (a case's materials go out together).
    POST {base}/api/v1/datasets/query
    Content-Type: application/json; charset=utf-8
    body   {"purpose": "330402-20261125-000001",       # the acceptance number (or the reason) of the reads
            "queries": [{"dataset": "licence",          # 1 to MAX_QUERIES of them
                         "subject": {"id_number": "…"} | {"credit_code": "…"},
                         "licence_type": "居民户口簿" | null},   # which 电子证照, for dataset "licence"
                        …]}
    X-Zb-App-Id     the app id the platform registered us under
    X-Zb-Timestamp  unix seconds
    X-Zb-Nonce      32 lowercase hex characters, never reused
    X-Zb-Signature  hex HMAC-SHA256(app_secret, "POST\\n{path}\\n{timestamp}\\n{nonce}\\n{sha256 hex of body}")

    {path} is the URL's absolute path as sent, base prefix included, without the query string; the body hash
    is over the exact bytes sent. The platform refuses with HTTP 401 {"code": 401, "message": …}: an unknown
    app id, a wrong signature, a timestamp more than 300 s from its clock, a nonce it has seen in the last
    600 s (it remembers nonces in Redis for 600 s). A malformed request (any query with an unknown dataset, a
    licence query without licence_type, no purpose, no or too many queries) is refused whole: HTTP 400
    {"code": 400, "message": "queries[1]: …"}.

Answer (always JSON; HTTP 200 answered, 400 bad request, 401 refused)
    {"code": 0, "data": {"results": [one per query, in the order asked:
        {"code": 0, "data": {"record_id": "…", "dataset": "…", "licence_type": "…" | null,
                             "summary": {non-sensitive fields, e.g. 证照名称, 证照编号 (masked), 发证机关, 有效期},
                             "record": {the full record}}}
      | {"code": 404, "message": "未查询到记录"}]}}
    X-Zb-Timestamp, X-Zb-Nonce, X-Zb-Signature: the platform signs its answer with the same key and scheme over
    "{HTTP status}\\n{path}\\n{timestamp}\\n{nonce}\\n{sha256 hex of the answer body}", where {path} is the
    request's path and the nonce echoes the request's X-Zb-Nonce, so an answer cannot be replayed for another
    request. The adapter refuses (ProviderError) an answer without a valid signature, with a stale timestamp
    or with another nonce, and one whose results do not match the queries one to one.

二要素核验 (is this ID number held by a person of this name in the population database?), signed the same way
in both directions:
    POST {base}/api/v1/identity/verify
    body   {"purpose": "实名认证二要素核验", "name": "张三", "id_number": "…"}
    answer {"code": 0, "data": {"result": "match" | "mismatch" | "unknown" | "cancelled"}}
    "mismatch": the number belongs to a person of another name; "unknown": no such number; "cancelled": the
    number is cancelled (its holder died). A malformed request is HTTP 400 {"code": 400, "message": …}.

Configuration: SHARED_DATA_BASE (the platform's base URL; the in-app sandbox at {base_url}/sandbox/shared when
the sandbox is on and no base is set), SHARED_DATA_APP_ID and SHARED_DATA_APP_SECRET (sandbox defaults
"zhangban" / "sandbox-shared-secret").
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from urllib.parse import urlsplit

import httpx
from sanic import Sanic

from app.errors import ProviderError
from app.providers.http import ProviderClient

log = logging.getLogger("zhangban.shared_data")
MAX_SKEW = 300  # seconds a signed timestamp may be away from the clock
NONCE_TTL = 600  # seconds the platform remembers a nonce
NONCE = re.compile(r"^[0-9a-f]{32}$")
MAX_QUERIES = 20  # dataset reads in one request
QUERY_PATH = "/api/v1/datasets/query"
VERIFY_PATH = "/api/v1/identity/verify"
VERIFY_RESULTS = frozenset({"match", "mismatch", "unknown", "cancelled"})


# ---------------------------------------------------------------- the signature scheme (shared with the sandbox)

def credentials(settings) -> tuple[str, str]:
    """(app id, app secret): SHARED_DATA_APP_ID / SHARED_DATA_APP_SECRET, sandbox values by default."""
    return settings.shared_data_app_id, settings.shared_data_app_secret


def base_url(settings) -> str:
    """SHARED_DATA_BASE if set, else the sandbox when it is on; empty when neither (queries then fail)."""
    return settings.provider_base("shared_data")


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def sign(secret: str, first_line: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    """hex HMAC-SHA256 over "{METHOD or status}\\n{path}\\n{timestamp}\\n{nonce}\\n{sha256 hex of body}"."""
    text = f"{first_line}\n{path}\n{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}"
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def signed_headers(secret: str, first_line: str, path: str, body: bytes, nonce: str | None = None,
                   timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(16)
    return {"X-Zb-Timestamp": ts, "X-Zb-Nonce": nonce,
            "X-Zb-Signature": sign(secret, first_line, path, ts, nonce, body)}


def fresh(timestamp: str, now: float | None = None) -> bool:
    """A unix-seconds timestamp within MAX_SKEW of the clock."""
    if not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs((time.time() if now is None else now) - int(timestamp)) <= MAX_SKEW


def valid(secret: str, first_line: str, path: str, headers, body: bytes) -> bool:
    """Do the X-Zb-* headers carry a fresh timestamp, a well-formed nonce and the right signature?"""
    ts, nonce, signature = (headers.get(h) or "" for h in ("x-zb-timestamp", "x-zb-nonce", "x-zb-signature"))
    if not fresh(ts) or not NONCE.match(nonce):
        return False
    return hmac.compare_digest(signature.lower(), sign(secret, first_line, path, ts, nonce, body))


# ---------------------------------------------------------------- the adapter

class SharedData:
    def __init__(self, base: str, app_id: str, secret: str, http: ProviderClient):
        self.base, self.app_id, self.secret, self.http = base.rstrip("/"), app_id, secret, http

    async def query(self, dataset: str, subject: dict, licence_type: str | None, purpose: str) -> dict | None:
        """One record of `dataset` about `subject` ({"id_number"} or {"credit_code"}): {"record_id", "dataset",
        "licence_type", "summary", "record"}, or None when the platform holds none."""
        return (await self.query_many([(dataset, subject, licence_type)], purpose))[0]

    async def query_many(self, queries: list[tuple[str, dict, str | None]], purpose: str) -> list[dict | None]:
        """Several (dataset, subject, licence_type) reads in one signed request: for each, in order, its record
        (as query() returns it) or None."""
        if not 1 <= len(queries) <= MAX_QUERIES:
            raise ProviderError(f"一次最多查询{MAX_QUERIES}项共享数据")
        datasets = [d for d, _, _ in queries]
        answer = await self._call(QUERY_PATH, {"purpose": purpose, "queries": [
            {"dataset": d, "subject": subject, "licence_type": lt} for d, subject, lt in queries]}, ",".join(datasets))
        data = answer.get("data")
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list) or len(results) != len(datasets):
            raise ProviderError("数据共享平台返回的数据格式不正确")
        return [self._result(item, dataset) for item, dataset in zip(results, datasets)]

    async def verify_identity(self, name: str, id_number: str, purpose: str) -> str:
        """二要素核验 against the population database: "match", "mismatch" (the number belongs to someone of another
        name), "unknown" (no such number) or "cancelled" (the number is cancelled, e.g. its holder died)."""
        answer = await self._call(VERIFY_PATH, {"purpose": purpose, "name": name, "id_number": id_number}, "identity")
        data = answer.get("data")
        result = data.get("result") if isinstance(data, dict) else None
        if result not in VERIFY_RESULTS:
            raise ProviderError("数据共享平台返回的数据格式不正确")
        return result

    async def _call(self, suffix: str, payload: dict, what: str) -> dict:
        """One signed request to {base}{suffix}; its signed, fresh answer with code 0 (else a ProviderError)."""
        if not self.base:
            raise ProviderError("数据共享平台未配置（SHARED_DATA_BASE）")
        url = self.base + suffix
        path = urlsplit(url).path
        body = dumps(payload)
        headers = {"Content-Type": "application/json; charset=utf-8", "X-Zb-App-Id": self.app_id,
                   **signed_headers(self.secret, "POST", path, body)}
        try:
            resp = await self.http.exchange("POST", url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise ProviderError(f"数据共享平台连接失败：{type(exc).__name__}") from exc
        return self._answer(resp, path, headers["X-Zb-Nonce"], what)

    def _answer(self, resp: httpx.Response, path: str, nonce: str, what: str) -> dict:
        if resp.status_code >= 500:
            raise ProviderError(f"数据共享平台返回错误（HTTP {resp.status_code}）")
        if resp.headers.get("x-zb-nonce") != nonce or not valid(self.secret, str(resp.status_code), path,
                                                                 resp.headers, resp.content):
            log.warning("shared data %s: answer (HTTP %s) without a valid signature", what, resp.status_code)
            raise ProviderError("数据共享平台的应答签名无效，已拒绝该数据")
        try:
            answer = resp.json()
        except ValueError as exc:
            raise ProviderError("数据共享平台返回了无法识别的内容") from exc
        if not isinstance(answer, dict):
            raise ProviderError("数据共享平台返回的数据格式不正确")
        code = answer.get("code")
        if resp.status_code == 401 or code == 401:
            raise ProviderError("数据共享平台拒绝了本系统的请求（签名或时间戳无效）")
        if code != 0:
            raise ProviderError(f"数据共享平台查询失败（{code}：{answer.get('message', '')}）")
        return answer

    @staticmethod
    def _result(item, dataset: str) -> dict | None:
        if not isinstance(item, dict):
            raise ProviderError("数据共享平台返回的数据格式不正确")
        code = item.get("code")
        if code == 404:
            return None
        if code != 0:
            raise ProviderError(f"数据共享平台查询失败（{code}：{item.get('message', '')}）")
        data = item.get("data")
        if not isinstance(data, dict) or data.get("dataset") != dataset or not {"record_id", "record"} <= set(data):
            raise ProviderError("数据共享平台返回的数据格式不正确")
        return data


def shared_data_for(app: Sanic) -> SharedData:
    """The app's adapter (also at app.ctx.shared_data), made on first use from the settings and environment."""
    ctx = getattr(app, "ctx", app)  # the app, or its ctx
    client = getattr(ctx, "shared_data", None)
    if client is None or client.http is not ctx.http:  # a new HTTP client after a restart of the server
        app_id, secret = credentials(ctx.settings)
        client = ctx.shared_data = SharedData(base_url(ctx.settings), app_id, secret, ctx.http)
    return client
