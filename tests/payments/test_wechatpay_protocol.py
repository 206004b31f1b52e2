"""WeChat Pay APIv3 wire protocol: the adapter (app/providers/wechatpay.py) against the sandbox platform
(app/sandbox/wechatpay.py), with real RSA signatures and AES-256-GCM notifications.

These tests do not use the main app: they build a small Sanic app with the sandbox blueprint, a notify endpoint
and the pieces of app.ctx the sandbox needs (settings, redis, http), driven through httpx over ASGI. Redis is
fakeredis on the embedded backend and the real test Redis (ZB_TEST_REDIS) on the postgres backend.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import secrets
import time
import uuid
from datetime import date, datetime, timedelta

import fakeredis
import httpx
import pytest
import redis.asyncio as aioredis
from asgi_lifespan import LifespanManager
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sanic import Sanic
from sanic.response import HTTPResponse
from sanic.response import json as sanic_json

from app.config import Settings
from app.errors import Invalid, ProviderError
from app.providers import wechatpay as wp
from app.sandbox import wechatpay as sandbox

BACKEND = os.environ.get("ZB_TEST_BACKEND", "embedded")
REDIS = os.environ.get("ZB_TEST_REDIS", "redis://127.0.0.1:6379/15")
HOST = "http://paytest.local"
NOTIFY = f"{HOST}/notify/pay"
REFUND_NOTIFY = f"{HOST}/notify/refund"
SBX = f"{HOST}/sandbox/wechatpay"


class Tap(httpx.AsyncBaseTransport):
    """A transport in the middle: it may rewrite the request before it goes and the answer before it returns."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner, self.on_request, self.on_response, self.sent = inner, None, None, []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.sent.append(request)
        if self.on_request:
            request = self.on_request(request)
        resp = await self.inner.handle_async_request(request)
        if self.on_response:
            content = await resp.aread()
            resp = self.on_response(request, resp, content)
        return resp


def _response(resp: httpx.Response, content: bytes, **headers) -> httpx.Response:
    h = httpx.Headers(resp.headers)
    h.pop("content-length", None)
    h.update(headers)
    return httpx.Response(resp.status_code, headers=h, content=content)


class Env:
    def __init__(self, app: Sanic, settings: Settings, http: httpx.AsyncClient, tap: Tap, tapped: wp.WeChatPay):
        self.app, self.settings, self.http, self.tap, self.tapped = app, settings, http, tap, tapped

    @property
    def pay(self) -> wp.WeChatPay:
        return self.app.ctx.wechatpay

    @property
    def received(self) -> list[dict]:
        return self.app.ctx.received

    @property
    def refused(self) -> list[str]:
        return self.app.ctx.refused

    async def order(self, total: int = 100, description: str = "掌办测试缴费", no: str | None = None,
                    notify_url: str = NOTIFY) -> tuple[str, str]:
        no = no or "ZB" + uuid.uuid4().hex[:24]
        expire = datetime.now(wp.CST) + timedelta(minutes=30)
        prepay_id = await self.pay.jsapi(no, description, total, "oPayer" + no[-10:], notify_url, expire)
        return no, prepay_id

    async def paid(self, total: int = 100, **pay_body) -> str:
        no, prepay_id = await self.order(total)
        r = await self.http.post(f"{SBX}/orders/{no}/pay", json={**self.pay.client_params(prepay_id), **pay_body})
        assert r.status_code == 200, r.text
        return no

    def received_for(self, no: str) -> list[dict]:
        return [e for e in self.received if e["resource"].get("out_trade_no") == no]


@pytest.fixture(scope="module")
async def env(tmp_path_factory):
    settings = Settings(data_dir=str(tmp_path_factory.mktemp("wxpay")), public_base_url=HOST, sandbox=True)
    app = Sanic(f"wxpaytest{uuid.uuid4().hex[:8]}")
    app.config.TOUCHUP = False  # Sanic rewrites its request code once per process: a second app must not retry
    app.blueprint(sandbox.bp)
    app.ctx.settings = settings
    app.ctx.received, app.ctx.refused = [], []

    @app.post("/notify/<kind:str>")
    async def notify(request, kind):
        try:
            envelope = request.app.ctx.wechatpay.open_notification(request.headers, request.body)
        except wp.VerificationError as exc:
            request.app.ctx.refused.append(type(exc).__name__)
            status, body = wp.failure_answer(exc)
            return sanic_json(body, status=status)
        request.app.ctx.received.append({**envelope, "kind": kind})
        return HTTPResponse(status=204)

    @app.before_server_start
    async def start(app, _loop=None):
        app.ctx.redis = aioredis.from_url(REDIS) if BACKEND == "postgres" else fakeredis.FakeAsyncRedis()
        app.ctx.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), timeout=30)
        app.ctx.wechatpay = wp.from_settings(settings, app.ctx.http)

    @app.before_server_stop
    async def stop(app, _loop=None):
        await app.ctx.http.aclose()
        await app.ctx.redis.aclose()

    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=30):
        tap = Tap(httpx.ASGITransport(app=app))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), timeout=30) as http, \
                httpx.AsyncClient(transport=tap, timeout=30) as tapped_http:
            yield Env(app, settings, http, tap, wp.from_settings(settings, tapped_http))


@pytest.fixture
def tap(env):
    env.tap.on_request = env.tap.on_response = None
    env.tap.sent.clear()
    yield env.tap
    env.tap.on_request = env.tap.on_response = None


def _merchant_public(env) -> rsa.RSAPublicKey:
    return sandbox.merchant_key(env.settings)[0].public_key()


# ---------------------------------------------------------------- configuration

def test_sandbox_configuration(env):
    pay = env.pay
    assert pay.base == f"{HOST}/sandbox/wechatpay" and pay.mchid == wp.SANDBOX_MCHID
    assert pay.appid == env.settings.wechat_appid
    (serial,) = pay.platform_keys
    assert serial.startswith("PUB_KEY_ID_")
    assert len(pay.cert_serial) == 40 and len(pay.apiv3_key) == 32
    assert wp.from_settings(Settings(sandbox=False), env.http) is None  # not configured, sandbox off


def test_seeded_keys_are_deterministic():
    a = sandbox._seeded_rsa(b"seed-1", bits=1024)
    b = sandbox._seeded_rsa(b"seed-1", bits=1024)
    c = sandbox._seeded_rsa(b"seed-2", bits=1024)
    assert a.private_numbers() == b.private_numbers() != c.private_numbers()
    assert a.key_size == 1024
    assert sandbox._seed(Settings(secret_key="k"), "merchant") == sandbox._seed(Settings(secret_key="k"), "merchant")
    assert sandbox._seed(Settings(), "merchant") is None  # no secret: a key per process


def test_configured_merchant(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    (tmp_path / "key.pem").write_bytes(pem)
    platform = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    (tmp_path / "pub.pem").write_bytes(platform.public_bytes(serialization.Encoding.PEM,
                                                              serialization.PublicFormat.SubjectPublicKeyInfo))

    class S:  # the Settings fields app/config.py will carry
        wechat_appid, sandbox_on, secret_key = "wxappid", False, ""
        wechatpay_mchid, wechatpay_appid, wechatpay_api_base = "1900000001", "", ""
        wechatpay_private_key, wechatpay_cert_serial = str(tmp_path / "key.pem"), "ABCDEF"
        wechatpay_apiv3_key = "k" * 32
        wechatpay_platform_keys = f"PUB_KEY_ID_0100,5157F09EFDC096DE15EBE81A47057A72={tmp_path / 'pub.pem'}"

    with pytest.raises(ValueError):
        wp.config(S)
    S.wechatpay_platform_keys = f"PUB_KEY_ID_0100={tmp_path / 'pub.pem'}"
    c = wp.config(S)
    assert c.base == wp.DEFAULT_BASE and c.appid == "wxappid" and not c.sandbox
    assert c.private_key.private_numbers() == key.private_numbers()
    assert list(c.platform_keys) == ["PUB_KEY_ID_0100"]
    S.wechatpay_apiv3_key = "short"
    with pytest.raises(RuntimeError):
        wp.config(S)


# ---------------------------------------------------------------- JSAPI, query, close

async def test_jsapi_client_params_and_pay(env):
    no, prepay_id = await env.order(total=2500)
    assert prepay_id.startswith("wx")
    params = env.pay.client_params(prepay_id)
    assert params["appId"] == env.pay.appid and params["package"] == f"prepay_id={prepay_id}"
    assert params["signType"] == "RSA" and params["timeStamp"].isdigit()
    message = f"{params['appId']}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n".encode()
    assert wp.rsa_verify(_merchant_public(env), params["paySign"], message)
    assert not wp.rsa_verify(_merchant_public(env), params["paySign"], message.replace(b"prepay", b"prepai"))

    forged = {**params, "package": "prepay_id=wx_someone_else"}
    r = await env.http.post(f"{SBX}/orders/{no}/pay", json=forged)
    assert r.status_code == 401 and r.json()["code"] == "SIGN_ERROR"
    assert (await env.pay.query(no))["trade_state"] == "NOTPAY"

    r = await env.http.post(f"{SBX}/orders/{no}/pay", json=params)
    assert r.status_code == 200, r.text
    paid = r.json()
    assert paid["trade_state"] == "SUCCESS" and paid["transaction_id"].startswith("42000")
    assert paid["notification"]["status"] == 204  # the notify endpoint verified and accepted it

    (event,) = env.received_for(no)
    assert event["event_type"] == "TRANSACTION.SUCCESS" and event["resource_type"] == "encrypt-resource"
    assert event["summary"] == "支付成功"
    res = event["resource"]
    assert res["trade_state"] == "SUCCESS" and res["transaction_id"] == paid["transaction_id"]
    assert res["amount"]["total"] == 2500 and res["mchid"] == env.pay.mchid and res["appid"] == env.pay.appid
    assert res["success_time"].endswith("+08:00")

    q = await env.pay.query(no)
    assert q["trade_state"] == "SUCCESS" and q["transaction_id"] == paid["transaction_id"]
    assert q["amount"] == {"total": 2500, "payer_total": 2500, "currency": "CNY", "payer_currency": "CNY"}

    r = await env.http.post(f"{SBX}/orders/{no}/pay", json={})
    assert r.status_code == 409 and r.json()["code"] == "ORDERPAID"
    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.jsapi(no, "掌办测试缴费", 2500, "oPayer" + no[-10:], NOTIFY,
                            datetime.now(wp.CST) + timedelta(minutes=30))
    assert err.value.wx_code == "ORDERPAID" and err.value.http_status == 403


async def test_notification_envelope_is_wechats(env):
    no, _ = await env.order(total=300)
    r = await env.http.post(f"{SBX}/orders/{no}/pay", json={"hold": True})
    assert r.json()["notification"]["held"] is True
    (ntf,) = (await env.http.get(f"{SBX}/orders/{no}/notifications")).json()
    body = ntf["body"]
    assert set(body) == {"id", "create_time", "resource_type", "event_type", "summary", "resource"}
    assert body["resource"]["algorithm"] == "AEAD_AES_256_GCM"
    assert body["resource"]["associated_data"] == body["resource"]["original_type"] == "transaction"
    assert len(body["resource"]["nonce"]) == 12 and ntf["attempts"] == [] and ntf["url"] == NOTIFY
    # the ciphertext is AES-256-GCM with the APIv3 key, its 16-byte tag appended
    raw = base64.b64decode(body["resource"]["ciphertext"])
    plain = AESGCM(env.pay.apiv3_key).decrypt(body["resource"]["nonce"].encode(), raw, b"transaction")
    assert json.loads(plain)["out_trade_no"] == no
    assert env.received_for(no) == []


async def test_duplicate_and_delayed_notifications(env):
    no, _ = await env.order(total=500)
    r = await env.http.post(f"{SBX}/orders/{no}/pay", json={"delay": 0.2})
    nid = r.json()["notification"]["id"]
    assert r.json()["notification"]["scheduled"] == 0.2 and env.received_for(no) == []
    for _ in range(100):
        if env.received_for(no):
            break
        await asyncio.sleep(0.05)
    assert len(env.received_for(no)) == 1
    r = await env.http.post(f"{SBX}/notifications/{nid}/send")  # WeChat's retry: same id, fresh signature
    assert r.status_code == 200 and r.json()["status"] == 204
    first, second = env.received_for(no)
    assert first["id"] == second["id"] == nid and first["resource"] == second["resource"]
    view = (await env.http.get(f"{SBX}/notifications/{nid}")).json()
    assert [a["status"] for a in view["attempts"]] == [204, 204]


async def test_query_close_and_duplicate_orders(env):
    no, prepay_id = await env.order(total=800)
    q = await env.pay.query(no)
    assert q["trade_state"] == "NOTPAY" and q["trade_type"] == "JSAPI" and "transaction_id" not in q
    again = await env.pay.jsapi(no, "掌办测试缴费", 800, "oPayer" + no[-10:], NOTIFY,
                                datetime.now(wp.CST) + timedelta(minutes=30))
    assert again == prepay_id  # the same order again: the same prepay_id
    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.jsapi(no, "掌办测试缴费", 801, "oPayer" + no[-10:], NOTIFY,
                            datetime.now(wp.CST) + timedelta(minutes=30))
    assert err.value.wx_code == "INVALID_REQUEST" and err.value.http_status == 400

    assert await env.pay.close(no) is None
    assert (await env.pay.query(no))["trade_state"] == "CLOSED"
    r = await env.http.post(f"{SBX}/orders/{no}/pay", json={})
    assert r.status_code == 409 and r.json()["code"] == "ORDERCLOSED"

    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.query("ZBnever" + uuid.uuid4().hex[:10])
    assert err.value.wx_code == "ORDER_NOT_EXIST" and err.value.http_status == 404
    assert isinstance(err.value, ProviderError)

    paid = await env.paid(total=900)
    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.close(paid)
    assert err.value.wx_code == "ORDERPAID"


async def test_out_trade_no_with_reserved_characters(env):
    """| and * are allowed in out_trade_no: the path goes percent-encoded and the signature covers it as sent."""
    no = "ZB|a*" + uuid.uuid4().hex[:12]
    await env.order(total=100, no=no)
    q = await env.pay.query(no)
    assert q["out_trade_no"] == no
    await env.pay.close(no)
    assert (await env.pay.query(no))["trade_state"] == "CLOSED"


async def test_bad_arguments_never_leave(env, tap):
    with pytest.raises(Invalid):
        await env.tapped.query("short")
    with pytest.raises(Invalid):
        await env.tapped.jsapi("ZB" + uuid.uuid4().hex[:10], "x", 1.5, "o", NOTIFY, datetime.now())
    assert tap.sent == []
    with pytest.raises(wp.WeChatPayError) as err:  # the sandbox checks fields as WeChat does
        await env.pay.jsapi("ZB" + uuid.uuid4().hex[:10], "x", 100, "o", f"{NOTIFY}?a=1",
                            datetime.now(wp.CST) + timedelta(minutes=5))
    assert err.value.wx_code == "PARAM_ERROR"


async def test_magic_amount_fails_payment(env):
    no, _ = await env.order(total=199)
    r = await env.http.post(f"{SBX}/orders/{no}/pay", json={})
    assert r.status_code == 200 and r.json()["trade_state"] == "PAYERROR" and "notification" not in r.json()
    q = await env.pay.query(no)
    assert q["trade_state"] == "PAYERROR" and q["trade_state_desc"]
    assert (await env.http.get(f"{SBX}/orders/{no}/notifications")).json() == []
    assert env.received_for(no) == []


# ---------------------------------------------------------------- refunds

async def test_refunds(env):
    no = await env.paid(total=100)
    refund_no = "RF" + uuid.uuid4().hex[:20]
    r = await env.pay.refund(refund_no, no, 30, 100, "材料不齐，退回", REFUND_NOTIFY)
    assert r["status"] == "PROCESSING" and r["out_refund_no"] == refund_no and r["out_trade_no"] == no
    assert r["amount"]["refund"] == 30 and r["amount"]["total"] == 100 and r["refund_id"]
    assert (await env.pay.query(no))["trade_state"] == "REFUND"

    same = await env.pay.refund(refund_no, no, 30, 100, "材料不齐，退回", REFUND_NOTIFY)
    assert same["refund_id"] == r["refund_id"]  # the same request again: the same refund

    with pytest.raises(wp.WeChatPayError) as err:  # 30 + 80 > 100
        await env.pay.refund("RF" + uuid.uuid4().hex[:20], no, 80, 100, "", REFUND_NOTIFY)
    assert err.value.wx_code == "INVALID_REQUEST" and err.value.http_status == 400
    with pytest.raises(wp.WeChatPayError) as err:  # total is not the order's
        await env.pay.refund("RF" + uuid.uuid4().hex[:20], no, 10, 120, "", REFUND_NOTIFY)
    assert err.value.wx_code == "INVALID_REQUEST"
    with pytest.raises(wp.WeChatPayError) as err:  # the same out_refund_no for another amount
        await env.pay.refund(refund_no, no, 31, 100, "", REFUND_NOTIFY)
    assert err.value.wx_code == "INVALID_REQUEST"

    rest_no = "RF" + uuid.uuid4().hex[:20]
    rest = await env.pay.refund(rest_no, no, 70, 100, "", REFUND_NOTIFY)
    assert rest["status"] == "PROCESSING"
    with pytest.raises(wp.WeChatPayError) as err:  # nothing left
        await env.pay.refund("RF" + uuid.uuid4().hex[:20], no, 1, 100, "", REFUND_NOTIFY)
    assert err.value.wx_code == "INVALID_REQUEST"

    r = await env.http.post(f"{SBX}/refunds/{refund_no}/complete", json={})
    assert r.status_code == 200 and r.json()["notification"]["status"] == 204
    q = await env.pay.query_refund(refund_no)
    assert q["status"] == "SUCCESS" and q["success_time"].endswith("+08:00")
    (event,) = [e for e in env.received if e["resource"].get("out_refund_no") == refund_no]
    assert event["event_type"] == "REFUND.SUCCESS" and event["kind"] == "refund"
    assert event["resource"]["refund_status"] == "SUCCESS" and event["resource"]["amount"]["refund"] == 30

    r = await env.http.post(f"{SBX}/refunds/{rest_no}/complete", json={"status": "ABNORMAL"})
    assert r.status_code == 200
    assert (await env.pay.query_refund(rest_no))["status"] == "ABNORMAL"
    again = await env.pay.refund("RF" + uuid.uuid4().hex[:20], no, 70, 100, "", REFUND_NOTIFY)  # 70 is back
    assert again["status"] == "PROCESSING"

    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.query_refund("RFnever" + uuid.uuid4().hex[:10])
    assert err.value.wx_code == "RESOURCE_NOT_EXISTS" and err.value.http_status == 404
    unpaid, _ = await env.order(total=100)
    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.refund("RF" + uuid.uuid4().hex[:20], unpaid, 10, 100, "", REFUND_NOTIFY)
    assert err.value.wx_code == "INVALID_REQUEST"


# ---------------------------------------------------------------- trade bills

def _bill_day() -> date:
    """A day of its own for this run (the postgres backend's Redis outlives a run)."""
    return date(2020, 1, 1) + timedelta(days=secrets.randbelow(2000))


async def test_trade_bill_download_and_parse(env, tap):
    day = _bill_day()
    at = datetime(day.year, day.month, day.day, 10, 30, tzinfo=wp.CST).isoformat()
    a = await env.paid(total=1234, paid_at=at)
    no_b, _ = await env.order(total=500, description="户籍证明,加急")
    r = await env.http.post(f"{SBX}/orders/{no_b}/pay", json={"paid_at": at})
    assert r.status_code == 200
    refund_no = "RF" + uuid.uuid4().hex[:20]
    await env.pay.refund(refund_no, a, 234, 1234, "", REFUND_NOTIFY)
    r = await env.http.post(f"{SBX}/refunds/{refund_no}/complete", json={"success_time": at})
    assert r.status_code == 200

    bill = await env.pay.trade_bill(day)
    assert bill["hash_type"] == "SHA1" and len(bill["hash_value"]) == 40
    data = await env.pay.download(bill["download_url"], hash_value=bill["hash_value"])
    assert hashlib.sha1(data).hexdigest() == bill["hash_value"]
    text = data.decode("utf-8")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("交易时间,公众账号ID,商户号") and all(ln.startswith("`") for ln in lines[1:4])
    assert lines[-2].startswith("总交易单数,")

    parsed = wp.parse_trade_bill(text)
    rows = {(row["out_trade_no"], row["trade_state"]): row for row in parsed["rows"]}
    assert len(parsed["rows"]) == 3
    pay_a, pay_b, refund_a = rows[(a, "SUCCESS")], rows[(no_b, "SUCCESS")], rows[(a, "REFUND")]
    assert pay_a["total_fen"] == pay_a["settlement_total_fen"] == 1234 and pay_a["refund_fen"] == 0
    assert pay_a["trade_time"] == f"{day.isoformat()} 10:30:00" and pay_a["mchid"] == env.pay.mchid
    assert pay_b["description"] == "户籍证明,加急" and pay_b["total_fen"] == 500  # the comma survives
    assert refund_a["refund_fen"] == refund_a["requested_refund_fen"] == 234
    assert refund_a["out_refund_no"] == refund_no and refund_a["refund_status"] == "SUCCESS"
    s = parsed["summary"]
    assert s["count"] == 3 and s["total_fen"] == s["settlement_total_fen"] == 1734 and s["refund_fen"] == 234
    assert s["requested_refund_fen"] == 234 and s["fee"] == "0.09000"  # 0.6% of 17.34 - 0.6% of 2.34

    assert (await env.pay.download_trade_bill(day))["summary"]["count"] == 3

    # The file is not signed by WeChat: its SHA1 from the signed tradebill answer is what protects it.
    bill = await env.tapped.trade_bill(day)
    tap.on_response = lambda req, resp, content: (
        _response(resp, content.replace(b"`12.34", b"`92.34")) if "billdownload" in str(req.url) else
        _response(resp, content))
    with pytest.raises(ProviderError) as err:
        await env.tapped.download(bill["download_url"], hash_value=bill["hash_value"])
    assert "摘要" in err.value.message
    tap.on_response = None
    # The download request is signed like any call.
    r = await env.http.get(bill["download_url"])
    assert r.status_code == 401 and r.json()["code"] == "SIGN_ERROR"

    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.trade_bill(datetime.now(wp.CST).date())
    assert err.value.wx_code == "NO_STATEMENT_EXIST"
    with pytest.raises(wp.WeChatPayError) as err:
        await env.pay.trade_bill(date(2019, 12, 31) - timedelta(days=secrets.randbelow(300)))
    assert err.value.wx_code == "NO_STATEMENT_EXIST"


def test_parse_trade_bill_shapes():
    text = ("\ufeff交易时间,商户订单号,订单金额,手续费\r\n`2026-01-05 10:00:00,`ZB1,`0.01,`0.00006\r\n"
            "总交易单数,订单总金额,手续费总金额\r\n`1,`0.01,`0.00006\r\n")
    parsed = wp.parse_trade_bill(text)
    assert parsed == {"rows": [{"trade_time": "2026-01-05 10:00:00", "out_trade_no": "ZB1", "total_fen": 1,
                                "fee": "0.00006"}],
                      "summary": {"count": 1, "total_fen": 1, "fee": "0.00006"}}
    for bad in ("", "交易时间,订单金额\n`x,`1.0a\n总交易单数\n`1\n",  # not an amount
                "交易时间,订单金额\n`x,`0.001\n总交易单数\n`1\n",  # not whole fen
                "交易时间,订单金额\n`x\n总交易单数\n`1\n",  # a field missing
                "交易时间,订单金额\nx,1.00\n总交易单数\n`1\n",  # no backticks
                "交易时间,订单金额\n`x,`1.00\n"):  # no summary
        with pytest.raises(ProviderError):
            wp.parse_trade_bill(bad)


# ---------------------------------------------------------------- notification verification

async def _held_notification(env) -> tuple[str, bytes]:
    no, _ = await env.order(total=700)
    await env.http.post(f"{SBX}/orders/{no}/pay", json={"hold": True})
    (ntf,) = (await env.http.get(f"{SBX}/orders/{no}/notifications")).json()
    return no, wp.dumps(ntf["body"])


def _platform_headers(env, body: bytes, **kw) -> dict:
    key, serial = sandbox.platform_key(env.settings)
    return wp.signed_answer_headers(key, kw.pop("serial", serial), body, **kw)


async def test_verify_notification(env):
    no, body = await _held_notification(env)
    headers = _platform_headers(env, body)
    res = env.pay.verify_notification(headers, body)
    assert res["out_trade_no"] == no and res["trade_state"] == "SUCCESS"
    lower = {k.lower(): v for k, v in headers.items()}
    assert env.pay.verify_notification(lower, body) == res  # header names in any case

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = wp.signed_answer_headers(other, headers["Wechatpay-Serial"], body)
    with pytest.raises(wp.SignatureInvalid):
        env.pay.verify_notification(forged, body)
    with pytest.raises(wp.SignatureInvalid):  # a genuine signature over other bytes
        env.pay.verify_notification(headers, body.replace(b'"summary":"', b'"summary":" '))
    with pytest.raises(wp.SignatureInvalid):
        env.pay.verify_notification({**headers, "Wechatpay-Signature": "WECHATPAY/SIGNTEST/" + "A" * 20}, body)
    with pytest.raises(wp.SignatureInvalid):
        env.pay.verify_notification({k: v for k, v in headers.items() if k != "Wechatpay-Signature"}, body)

    old = _platform_headers(env, body, timestamp=int(time.time()) - 301)
    with pytest.raises(wp.TimestampStale):
        env.pay.verify_notification(old, body)
    future = _platform_headers(env, body, timestamp=int(time.time()) + 400)
    with pytest.raises(wp.TimestampStale):
        env.pay.verify_notification(future, body)
    assert env.pay.verify_notification(_platform_headers(env, body, timestamp=int(time.time()) - 250), body)

    with pytest.raises(wp.SerialUnknown):
        env.pay.verify_notification(_platform_headers(env, body, serial="PUB_KEY_ID_0100000000000000000000"), body)
    with pytest.raises(wp.SerialUnknown):  # the right key under a certificate serial we do not know
        env.pay.verify_notification(_platform_headers(env, body, serial="5157F09EFDC096DE15EBE81A47057A72"), body)

    envelope = json.loads(body)
    ct = bytearray(base64.b64decode(envelope["resource"]["ciphertext"]))
    ct[3] ^= 0x01
    envelope["resource"]["ciphertext"] = base64.b64encode(bytes(ct)).decode()
    tampered = wp.dumps(envelope)  # re-signed by the platform key: only the AEAD tag can catch it
    with pytest.raises(wp.ResourceTampered):
        env.pay.verify_notification(_platform_headers(env, tampered), tampered)
    envelope = json.loads(body)
    envelope["resource"]["associated_data"] = "refund"
    swapped = wp.dumps(envelope)
    with pytest.raises(wp.ResourceTampered):
        env.pay.verify_notification(_platform_headers(env, swapped), swapped)
    with pytest.raises(wp.NotificationMalformed):
        env.pay.verify_notification(_platform_headers(env, b"[]"), b"[]")

    for exc, status in ((wp.SignatureInvalid(), 401), (wp.TimestampStale(), 401), (wp.SerialUnknown(), 500),
                        (wp.ResourceTampered(), 400), (wp.NotificationMalformed(), 400)):
        assert isinstance(exc, ProviderError)
        got_status, answer = wp.failure_answer(exc)
        assert got_status == status and answer["code"] == "FAIL" and answer["message"]


async def test_certificate_serial_keys(env):
    """A platform key may be named by a certificate serial (certificate mode) or a PUB_KEY_ID_ (public-key mode)."""
    no, body = await _held_notification(env)
    key, _ = sandbox.platform_key(env.settings)
    cert_serial = "5157F09EFDC096DE15EBE81A47057A72"
    pay = wp.WeChatPay(mchid=env.pay.mchid, appid=env.pay.appid, private_key=env.pay.private_key,
                       cert_serial=env.pay.cert_serial, apiv3_key=env.pay.apiv3_key,
                       platform_keys={cert_serial: key.public_key(), **env.pay.platform_keys},
                       base=env.pay.base, http=env.http)
    assert pay.verify_notification(wp.signed_answer_headers(key, cert_serial, body), body)["out_trade_no"] == no


async def test_sandbox_delivery_refused_when_replayed(env):
    """The sandbox replays an old notification (signed 10 minutes ago): the notify endpoint answers 401 FAIL."""
    no, _ = await _held_notification(env)
    (ntf,) = (await env.http.get(f"{SBX}/orders/{no}/notifications")).json()
    before = len(env.refused)
    r = await env.http.post(f"{SBX}/notifications/{ntf['id']}/send", json={"timestamp": int(time.time()) - 600})
    assert r.json()["status"] == 401 and env.refused[before:] == ["TimestampStale"]
    r = await env.http.post(f"{SBX}/notifications/{ntf['id']}/send")
    assert r.json()["status"] == 204 and len(env.received_for(no)) == 1


# ---------------------------------------------------------------- answers and requests on the wire

async def test_answers_with_bad_signatures_are_refused(env, tap):
    no, _ = await env.order(total=100)
    assert (await env.tapped.query(no))["trade_state"] == "NOTPAY"

    tap.on_response = lambda req, resp, content: _response(resp, content.replace(b"NOTPAY", b"SUCCESS"))
    with pytest.raises(wp.SignatureInvalid) as err:
        await env.tapped.query(no)
    assert isinstance(err.value, ProviderError) and err.value.status == 502

    tap.on_response = lambda req, resp, content: _response(
        resp, content, **{"Wechatpay-Serial": "PUB_KEY_ID_0199999999999999999999999999"})
    with pytest.raises(wp.SerialUnknown):
        await env.tapped.query(no)

    def stale(req, resp, content):  # a genuine old answer replayed
        return _response(resp, content, **_platform_headers(env, content, timestamp=int(time.time()) - 301))
    tap.on_response = stale
    with pytest.raises(wp.TimestampStale):
        await env.tapped.query(no)

    def unsigned(req, resp, content):
        return httpx.Response(resp.status_code, headers={"content-type": "application/json"}, content=content)
    tap.on_response = unsigned
    with pytest.raises(wp.SignatureInvalid):
        await env.tapped.query(no)
    with pytest.raises(wp.SignatureInvalid):  # the 204 of close is signed too
        await env.tapped.close(no)
    assert (await env.pay.query(no))["trade_state"] == "CLOSED"  # (the close itself went through)

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tap.on_response = lambda req, resp, content: _response(
        resp, content, **wp.signed_answer_headers(other, resp.headers["wechatpay-serial"], content))
    with pytest.raises(wp.SignatureInvalid):
        await env.tapped.query(no)

    tap.on_response = lambda req, resp, content: httpx.Response(502, content=b"<html>bad gateway</html>")
    with pytest.raises(ProviderError) as err:
        await env.tapped.query(no)
    assert not isinstance(err.value, wp.VerificationError)


async def test_authorization_covers_the_exact_bytes_sent(env, tap):
    no = "ZB" + uuid.uuid4().hex[:24]
    await env.tapped.jsapi(no, "掌办测试：户籍证明", 100, "oPayer1", NOTIFY,
                           datetime.now(wp.CST) + timedelta(minutes=30))
    (req,) = tap.sent
    params = wp.parse_authorization(req.headers["authorization"])
    assert req.headers["authorization"].startswith("WECHATPAY2-SHA256-RSA2048 mchid=\"")
    assert params["mchid"] == env.pay.mchid and params["serial_no"] == env.pay.cert_serial
    assert params["timestamp"].isdigit() and len(params["nonce_str"]) == 32
    assert req.url.raw_path == b"/sandbox/wechatpay/v3/pay/transactions/jsapi"
    body = req.content
    assert json.loads(body)["amount"] == {"total": 100, "currency": "CNY"}
    assert json.loads(body)["time_expire"].endswith("+08:00")

    def verifies(content: bytes, path: str = req.url.raw_path.decode()) -> bool:
        msg = wp.request_message("POST", path, params["timestamp"], params["nonce_str"], content)
        return wp.rsa_verify(_merchant_public(env), params["signature"], msg)

    assert verifies(body)
    reserialized = json.dumps(json.loads(body)).encode()  # same JSON, other bytes (spaces, \u escapes)
    assert reserialized != body and not verifies(reserialized)
    assert not verifies(body, "/v3/pay/transactions/jsapi")  # the path as sent, prefix included

    # A proxy re-serializing the body on the way: WeChat (the sandbox) refuses with 401 SIGN_ERROR.
    def rewrite(request: httpx.Request) -> httpx.Request:
        content = json.dumps(json.loads(request.content), indent=1).encode()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(request.method, request.url, headers=headers, content=content)
    tap.on_request = rewrite
    with pytest.raises(wp.WeChatPayError) as err:
        await env.tapped.jsapi("ZB" + uuid.uuid4().hex[:24], "掌办测试", 100, "oPayer1", NOTIFY,
                               datetime.now(wp.CST) + timedelta(minutes=30))
    assert err.value.wx_code == "SIGN_ERROR" and err.value.http_status == 401
    tap.on_request = None

    # The query string is part of what is signed.
    await env.tapped.query(no)
    get = tap.sent[-1]
    assert get.url.raw_path == f"/sandbox/wechatpay/v3/pay/transactions/out-trade-no/{no}?mchid={env.pay.mchid}" \
        .encode()
    tap.on_request = lambda request: httpx.Request(
        request.method, str(request.url).replace("mchid=", "mchid=0"), headers=request.headers)
    with pytest.raises(wp.WeChatPayError) as err:
        await env.tapped.query(no)
    assert err.value.wx_code == "SIGN_ERROR"


async def test_sandbox_refuses_bad_authorizations(env):
    path = f"/sandbox/wechatpay/v3/pay/transactions/out-trade-no/ZB{uuid.uuid4().hex[:10]}?mchid={env.pay.mchid}"
    key, serial = env.pay.private_key, env.pay.cert_serial
    mchid = env.pay.mchid

    async def get(auth: str | None) -> httpx.Response:
        return await env.http.get(HOST + path, headers={"Authorization": auth} if auth else {})

    cases = {
        "none": None,
        "scheme": wp.authorization(mchid, serial, key, "GET", path, b"").replace("WECHATPAY2", "WECHATPAY3"),
        "mchid": wp.authorization("1900000000", serial, key, "GET", path, b""),
        "serial": wp.authorization(mchid, "00" * 20, key, "GET", path, b""),
        "stale": wp.authorization(mchid, serial, key, "GET", path, b"", timestamp=int(time.time()) - 301),
        "key": wp.authorization(mchid, serial, rsa.generate_private_key(public_exponent=65537, key_size=2048),
                                "GET", path, b""),
        "method": wp.authorization(mchid, serial, key, "POST", path, b""),
    }
    for name, auth in cases.items():
        r = await get(auth)
        assert r.status_code == 401 and r.json()["code"] == "SIGN_ERROR", name
        wp.verify_signed(env.pay.platform_keys, r.headers, r.content)  # errors are signed answers too
    r = await get(wp.authorization(mchid, serial, key, "GET", path, b""))
    assert r.status_code == 404 and r.json()["code"] == "ORDER_NOT_EXIST"
