"""Sandbox WeChat Pay: plays api.mch.weixin.qq.com for the APIv3 calls in app/providers/wechatpay.py.

Same paths, bodies, error codes and signatures as WeChat Pay (the wire formats are documented in the provider
module); state lives in Redis (keys zb:sbx:wxpay:*, kept 30 days) so every worker sees the same orders.

Keys. The sandbox is a platform with its own RSA 2048 key pair, announced in public-key mode under a
"PUB_KEY_ID_…" id: sandbox_platform_keys(settings) -> {id: public key} is what the adapter verifies with. With
no merchant key configured, the merchant key (and its certificate serial) and the APIv3 key are the sandbox's
too (merchant_key(settings), apiv3_key(settings)). All of them are derived from ZB_SECRET_KEY when it is set
(deterministically, so every worker and the job worker agree) and generated once per process otherwise (the
embedded single-process mode). No private key is ever written anywhere.

Every platform call (/v3/…) checks the merchant's Authorization header (scheme, mchid, serial_no, timestamp
within 300 s, RSA signature over METHOD\\nPATH?QUERY\\nTS\\nNONCE\\nBODY\\n of the exact path and bytes received)
and answers 401 {"code": "SIGN_ERROR", "message": …} when it does not hold. Every answer is signed with the
platform key (Wechatpay-Timestamp / -Nonce / -Signature / -Serial over TS\\nNONCE\\nBODY\\n), except the bill
file itself, as WeChat does.

  POST /v3/pay/transactions/jsapi                   -> {"prepay_id"}; the order starts NOTPAY. The same
       out_trade_no again: the same prepay_id if the order is the same, else 400 INVALID_REQUEST; a paid one
       403 ORDERPAID, a closed one 400 ORDERCLOSED; bad fields 400 PARAM_ERROR
  GET  /v3/pay/transactions/out-trade-no/{no}?mchid= -> the transaction; 404 ORDER_NOT_EXIST
  POST /v3/pay/transactions/out-trade-no/{no}/close  -> 204 (NOTPAY / PAYERROR -> CLOSED); paid: 400 ORDERPAID
  POST /v3/refund/domestic/refunds                  -> the refund, PROCESSING (the order's trade_state becomes
       REFUND). More than what is left of the payment: 400 INVALID_REQUEST; amount.total not the order's: 400
       INVALID_REQUEST; an unpaid order: 400 INVALID_REQUEST; an unknown one 404 RESOURCE_NOT_EXISTS; the same
       out_refund_no again: the same refund if the same request, else 400 INVALID_REQUEST
  GET  /v3/refund/domestic/refunds/{out_refund_no}  -> the refund; 404 RESOURCE_NOT_EXISTS
  GET  /v3/bill/tradebill?bill_date=&bill_type=ALL|SUCCESS|REFUND -> {"download_url", "hash_type": "SHA1",
       "hash_value"}; the bill of a day lists the payments that succeeded and the refunds that completed that
       day (Beijing time). Today or later, or a day without transactions: 400 NO_STATEMENT_EXIST
  GET  /v3/billdownload/file?token=                 -> the CSV (signed request, unsigned answer), 5 minutes

Stand-ins for the phone and the operator (no Authorization):
  POST /transactions/{no}/pay (also /orders/{no}/pay)   the payer pays. Body, all optional: the wx.requestPayment object the mini-program
       got ({"appId", "timeStamp", "nonceStr", "package", "signType", "paySign"}: checked against the order and
       the merchant key, 401 SIGN_ERROR if wrong), "paid_at" (RFC 3339: the success_time, e.g. yesterday's for a
       bill), "hold": true (record the notification, do not send it), "delay": seconds (send it later).
       -> {"out_trade_no", "trade_state", "transaction_id", "notification": {"id", "status" | "scheduled"}}.
       The order becomes SUCCESS and a TRANSACTION.SUCCESS notification goes to its notify_url, signed and
       encrypted as WeChat does. Magic amount: a total ending in 99 fen fails: PAYERROR, no notification.
       404 ORDER_NOT_EXIST; 409 ORDERPAID / ORDERCLOSED / ORDER_EXPIRED / PAYERROR.
  POST /refunds/{out_refund_no}/complete  body {"status": "SUCCESS" (default) | "ABNORMAL" | "CLOSED",
       "success_time"?, "hold"?, "delay"?}: a PROCESSING refund ends; REFUND.<status> goes to its notify_url
       (an ABNORMAL or CLOSED refund gives its amount back to what can be refunded).
  GET  /orders/{no}/notifications, GET /refunds/{out_refund_no}/notifications -> [notification], each
       {"id", "event_type", "url", "body": the envelope as sent, "attempts": [{"at", "status" | "error",
       "timestamp"}]}
  GET  /notifications/{id}     one of them
  POST /notifications/{id}/send  body {"delay"?: seconds, "timestamp"?: unix seconds to sign with (an old one
       plays a replay)} -> re-sends the same notification (same id and resource, a fresh signature), as WeChat
       retries: for duplicate and out-of-order delivery tests. Like WeChat, the sandbox also retries by itself
       after a non-2xx answer or a failed connection, by WeChat's schedule (15 s, 15 s, 30 s, 3 min, 10 min, …,
       6 h) multiplied by ZB_SANDBOX_TIME_SCALE (tests compress it).
Notifications are POSTed with the app's shared HTTP client (app.ctx.http).

Differences from WeChat Pay: notify_url may be http:// (WeChat requires https://); not played: the query by
transaction_id (/v3/pay/transactions/id/…), gzip bills (tar_type), the fund-flow bill, the platform certificate
download (/v3/certificates), WeChat's own notification retries.

Trade bill rows (the sandbox's reading of WeChat's ALL bill): a payment row has 交易状态 SUCCESS, 应结订单金额 =
订单金额 = the total and a fee of 0.6%; a refund row has 交易状态 REFUND, 退款金额 = 申请退款金额 = the refund,
退款状态 SUCCESS, zero order amounts and the fee given back (negative). Backticks and line breaks inside values
are replaced by spaces.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json as jsonlib
import secrets
import string
import time
import uuid
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache, wraps

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from app.providers import wechatpay as wp

bp = Blueprint("sandbox_wechatpay", url_prefix="/sandbox/wechatpay")
KEEP = 30 * 86400  # how long the sandbox remembers orders, refunds, notifications and bills
PREPAY_TTL = 7200
BILL_FILE_TTL = 300
FEE_RATE = Decimal("0.006")
P = "zb:sbx:wxpay:"
_background: set[asyncio.Task] = set()


# ---------------------------------------------------------------- keys

def _small_primes(limit: int = 3000) -> list[int]:
    sieve = bytearray([1]) * limit
    sieve[:2] = b"\0\0"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return [i for i in range(limit) if sieve[i]]


SMALL_PRIMES = _small_primes()


class _Stream:
    """A deterministic bit stream from a seed (SHA-512 in counter mode)."""

    def __init__(self, seed: bytes):
        self.seed, self.counter = seed, 0

    def bits(self, n: int) -> int:
        out = b""
        while len(out) * 8 < n:
            out += hashlib.sha512(self.seed + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        return int.from_bytes(out, "big") >> (len(out) * 8 - n)


def _probable_prime(n: int, stream: _Stream, rounds: int = 8) -> bool:
    """Miller-Rabin after trial division. For random 1024-bit candidates FIPS 186-4 (table C.3) asks for 5 rounds
    to keep the error below 2**-100; 8 are used."""
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(rounds):
        a = 2 + stream.bits(n.bit_length()) % (n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _seeded_rsa(seed: bytes, bits: int = 2048, e: int = 65537) -> rsa.RSAPrivateKey:
    """An RSA key determined by `seed` (the same seed gives the same key in every process)."""
    stream, half = _Stream(seed), bits // 2

    def prime() -> int:
        while True:
            c = stream.bits(half) | (3 << (half - 2)) | 1  # top two bits set: n has exactly `bits` bits
            if (c - 1) % e and _probable_prime(c, stream):
                return c

    p = prime()
    q = prime()
    while q == p:
        q = prime()
    p, q = max(p, q), min(p, q)
    d = pow(e, -1, (p - 1) * (q - 1))
    pub = rsa.RSAPublicNumbers(e, p * q)
    return rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                 rsa.rsa_crt_iqmp(p, q), pub).private_key()


@lru_cache(maxsize=16)
def _keypair(label: str, seed: bytes | None) -> rsa.RSAPrivateKey:
    if seed is None:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _seeded_rsa(seed)


def _seed(settings, label: str) -> bytes | None:
    secret = getattr(settings, "secret_key", "") or ""
    if not secret:
        return None
    return hmac.new(secret.encode(), f"zhangban wechatpay sandbox {label} v1".encode(), hashlib.sha256).digest()


def _fingerprint(key: rsa.RSAPrivateKey) -> bytes:
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).digest()


def merchant_key(settings) -> tuple[rsa.RSAPrivateKey, str]:
    """The sandbox merchant's private key and its certificate serial (40 hex digits, like WeChat's)."""
    key = _keypair("merchant", _seed(settings, "merchant"))
    return key, _fingerprint(key)[:20].hex().upper()


def platform_key(settings) -> tuple[rsa.RSAPrivateKey, str]:
    """The sandbox platform's private key and its public-key id (PUB_KEY_ID_ + 32 digits)."""
    key = _keypair("platform", _seed(settings, "platform"))
    digits = str(int.from_bytes(_fingerprint(key)[:16], "big")).zfill(39)[-30:]
    return key, f"PUB_KEY_ID_01{digits}"


def sandbox_platform_keys(settings) -> dict[str, rsa.RSAPublicKey]:
    """{public-key id: public key} of the sandbox platform: what the adapter verifies the sandbox with."""
    key, serial = platform_key(settings)
    return {serial: key.public_key()}


_process_apiv3 = secrets.token_hex(16)


def apiv3_key(settings) -> bytes:
    """WECHATPAY_APIV3_KEY when it is set (32 characters), else the sandbox's."""
    configured = getattr(settings, "wechatpay_apiv3_key", "") or ""
    if len(configured.encode()) == 32:
        return configured.encode()
    seed = _seed(settings, "apiv3")
    return (seed.hex()[:32] if seed else _process_apiv3).encode()


@lru_cache(maxsize=8)
def _conf(settings) -> wp.PayConfig:
    c = wp.config(settings)
    if c is None:
        raise RuntimeError("the WeChat Pay sandbox needs the sandbox on or a merchant key configured")
    return c


def _settings(request: Request):
    return request.app.ctx.settings


# ---------------------------------------------------------------- time and ids

def _now() -> datetime:
    return datetime.now(wp.CST).replace(microsecond=0)


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo else None


def _digits(n: int) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(n))


def _nonce12() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))


# ---------------------------------------------------------------- platform answers

def _answer(request: Request, status: int, obj=None) -> HTTPResponse:
    """A platform answer, signed over its exact bytes."""
    body = b"" if obj is None else wp.dumps(obj)
    key, serial = platform_key(_settings(request))
    headers = {**wp.signed_answer_headers(key, serial, body), "Request-ID": uuid.uuid4().hex}
    return raw(body, status=status, content_type="application/json" if body else None, headers=headers)


def _fail(request: Request, status: int, code: str, message: str) -> HTTPResponse:
    return _answer(request, status, {"code": code, "message": message})


def _check_authorization(request: Request) -> str | None:
    """Why the merchant's Authorization does not hold, or None when it does."""
    params = wp.parse_authorization(request.headers.get("authorization", ""))
    if params is None:
        return "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》"
    c = _conf(_settings(request))
    if params["mchid"] != c.mchid:
        return "商户号mchid与签名的商户号不一致或商户号不存在"
    if params["serial_no"] != c.cert_serial:
        return "商户证书序列号有误，请核实后再试"
    if not wp.fresh(params["timestamp"]):
        return "签名的时间戳超出有效范围"
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    message = wp.request_message(request.method, target, params["timestamp"], params["nonce_str"], request.body)
    if not wp.rsa_verify(c.private_key.public_key(), params["signature"], message):
        return "错误的签名，验签失败"
    return None


def platform(handler):
    """A platform route: the merchant's Authorization is checked first (401 SIGN_ERROR)."""
    @wraps(handler)
    async def wrapped(request: Request, *args, **kw):
        why = _check_authorization(request)
        if why:
            return _fail(request, 401, "SIGN_ERROR", why)
        return await handler(request, *args, **kw)
    return wrapped


def _body(request: Request) -> dict | None:
    try:
        data = jsonlib.loads(request.body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _int(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


# ---------------------------------------------------------------- state

_CAS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""


async def _load(redis, key: str) -> dict | None:
    raw_value = await redis.get(key)
    return None if raw_value is None else jsonlib.loads(raw_value)


async def _update(redis, key: str, change):
    """Apply change(state) -> (new state or None for no write, result) atomically (compare-and-set, retried)."""
    while True:
        old = await redis.get(key)
        state = None if old is None else jsonlib.loads(old)
        new, result = change(state)
        if new is None:
            return result
        encoded = jsonlib.dumps(new, ensure_ascii=False)
        if old is None:
            if await redis.set(key, encoded, nx=True, ex=KEEP):
                return result
        elif await redis.eval(_CAS, 1, key, old, encoded, KEEP):
            return result


def _order_key(no: str) -> str:
    return f"{P}order:{no}"


def _refund_key(no: str) -> str:
    return f"{P}refund:{no}"


def _transaction(order: dict) -> dict:
    """An order as WeChat's query answers it."""
    t = {"appid": order["appid"], "mchid": order["mchid"], "out_trade_no": order["out_trade_no"],
         "trade_type": "JSAPI", "trade_state": order["trade_state"], "trade_state_desc": order["trade_state_desc"],
         "attach": order.get("attach", ""), "payer": {"openid": order["openid"]},
         "amount": {"total": order["total"], "currency": "CNY", "payer_currency": "CNY"}}
    if order.get("transaction_id"):
        t.update(transaction_id=order["transaction_id"], bank_type=order["bank_type"],
                 success_time=order["success_time"])
        t["amount"]["payer_total"] = order["total"]
    return t


def _refund_view(refund: dict) -> dict:
    return {k: v for k, v in refund.items() if k not in ("notify_url", "reason")}


STATE_DESC = {"NOTPAY": "订单未支付", "SUCCESS": "支付成功", "REFUND": "转入退款", "CLOSED": "订单已关闭",
              "PAYERROR": "支付失败，请重新下单支付"}


# ---------------------------------------------------------------- notifications

async def _new_notification(request: Request, url: str, subject: str, event_type: str, summary: str,
                            original_type: str, resource: dict) -> str:
    nid = str(uuid.uuid4())
    nonce = _nonce12()
    ciphertext = wp.aead_encrypt(_conf(_settings(request)).apiv3_key, nonce, original_type, wp.dumps(resource))
    envelope = {"id": nid, "create_time": wp.rfc3339(_now()), "resource_type": "encrypt-resource",
                "event_type": event_type, "summary": summary,
                "resource": {"original_type": original_type, "algorithm": "AEAD_AES_256_GCM",
                             "ciphertext": ciphertext, "associated_data": original_type, "nonce": nonce}}
    redis = request.app.ctx.redis
    await redis.set(f"{P}ntf:{nid}", jsonlib.dumps({"id": nid, "event_type": event_type, "url": url,
                                                     "body": wp.dumps(envelope).decode()}, ensure_ascii=False),
                    ex=KEEP)
    await redis.rpush(f"{P}ntfs:{subject}", nid)
    await redis.expire(f"{P}ntfs:{subject}", KEEP)
    return nid


async def _deliver(app, settings, nid: str, timestamp: int | None = None) -> dict:
    """POST notification `nid` to its URL, freshly signed; record and return the attempt."""
    redis = app.ctx.redis
    ntf = await _load(redis, f"{P}ntf:{nid}")
    if ntf is None:
        return {"error": "unknown notification"}
    body = ntf["body"].encode()
    key, serial = platform_key(settings)
    headers = {"Content-Type": "application/json", "User-Agent": "Mozilla/4.0",
               **wp.signed_answer_headers(key, serial, body, timestamp=timestamp)}
    attempt = {"at": int(time.time()), "timestamp": int(headers["Wechatpay-Timestamp"])}
    try:
        resp = await app.ctx.http.post(ntf["url"], content=body, headers=headers)
        attempt["status"] = resp.status_code
    except Exception as exc:  # noqa: BLE001 - a failed delivery is recorded, as WeChat would log it
        attempt["error"] = type(exc).__name__
    await redis.rpush(f"{P}ntf:{nid}:attempts", jsonlib.dumps(attempt))
    await redis.expire(f"{P}ntf:{nid}:attempts", KEEP)
    return attempt


# WeChat Pay's notification retry schedule after a non-2xx answer (seconds), scaled by settings.sandbox_time_scale.
RETRY_SCHEDULE = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600)


def _delivered(attempt: dict) -> bool:
    return 200 <= attempt.get("status", 0) < 300


async def _deliver_until_accepted(app, settings, nid: str, timestamp: int | None = None) -> dict:
    """Deliver now; on a failure keep retrying in the background by WeChat's schedule, as WeChat does."""
    first = await _deliver(app, settings, nid, timestamp)
    if _delivered(first):
        return first

    async def retries():
        for wait in RETRY_SCHEDULE:
            await asyncio.sleep(wait * getattr(settings, "sandbox_time_scale", 1.0))
            if _delivered(await _deliver(app, settings, nid)):
                return

    task = asyncio.get_running_loop().create_task(retries())
    _background.add(task)
    task.add_done_callback(_background.discard)
    return {**first, "retrying": True}


async def _dispatch(request: Request, nid: str, hold: bool = False, delay=None, timestamp: int | None = None) -> dict:
    """Send now (-> the attempt), later (-> {"scheduled": seconds}) or not at all (hold)."""
    if hold:
        return {"id": nid, "held": True}
    app, settings = request.app, _settings(request)
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and delay > 0:
        async def later():
            await asyncio.sleep(delay)
            await _deliver_until_accepted(app, settings, nid, timestamp)
        task = asyncio.get_running_loop().create_task(later())
        _background.add(task)
        task.add_done_callback(_background.discard)
        return {"id": nid, "scheduled": delay}
    if timestamp is not None:  # a replay with an old signature: one attempt, it is meant to be refused
        return {"id": nid, **await _deliver(app, settings, nid, timestamp)}
    return {"id": nid, **await _deliver_until_accepted(app, settings, nid)}


async def _notification_view(redis, nid: str) -> dict | None:
    ntf = await _load(redis, f"{P}ntf:{nid}")
    if ntf is None:
        return None
    attempts = [jsonlib.loads(a) for a in await redis.lrange(f"{P}ntf:{nid}:attempts", 0, -1)]
    return {"id": nid, "event_type": ntf["event_type"], "url": ntf["url"], "body": jsonlib.loads(ntf["body"]),
            "attempts": attempts}


# ---------------------------------------------------------------- JSAPI orders

def _jsapi_error(body: dict | None, c: wp.PayConfig) -> str | None:
    if body is None:
        return "请求体不是合法的 JSON"
    if body.get("appid") != c.appid:
        return "appid和mch_id不匹配"
    if body.get("mchid") != c.mchid:
        return "mchid与请求的商户号不一致"
    desc = body.get("description")
    if not isinstance(desc, str) or not desc or len(desc.encode()) > 127:
        return "description 应为1-127字节的字符串"
    if not isinstance(body.get("out_trade_no"), str) or not wp.OUT_NO_RE.fullmatch(body["out_trade_no"]):
        return "out_trade_no 应为6-32位数字、字母或 _-|*"
    url = body.get("notify_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or "?" in url:
        return "notify_url 应为不带参数的 http(s) 地址"
    amount = body.get("amount")
    if not isinstance(amount, dict) or not (_int(amount.get("total")) or 0) > 0 \
            or amount.get("currency", "CNY") != "CNY":
        return "amount.total 应为正整数（分），currency 为 CNY"
    payer = body.get("payer")
    if not isinstance(payer, dict) or not isinstance(payer.get("openid"), str) or not payer["openid"]:
        return "payer.openid 不能为空"
    if "time_expire" in body:
        t = _parse_time(body["time_expire"])
        if t is None:
            return "time_expire 应为 RFC 3339 格式，如 2026-01-05T10:00:00+08:00"
        if t <= _now():
            return "time_expire 已过期"
    return None


@bp.post("/v3/pay/transactions/jsapi")
@platform
async def jsapi(request: Request):
    c, body = _conf(_settings(request)), _body(request)
    why = _jsapi_error(body, c)
    if why:
        return _fail(request, 400, "PARAM_ERROR", why)
    no = body["out_trade_no"]
    fields = {"appid": c.appid, "mchid": c.mchid, "out_trade_no": no, "description": body["description"],
              "notify_url": body["notify_url"], "time_expire": body.get("time_expire"),
              "total": body["amount"]["total"], "openid": body["payer"]["openid"], "attach": body.get("attach", "")}
    prepay_id = "wx" + _now().strftime("%d%H%M%S") + secrets.token_hex(13)

    def change(order):
        if order is None:
            return {**fields, "prepay_id": prepay_id, "prepay_expires": int(time.time()) + PREPAY_TTL,
                    "trade_state": "NOTPAY", "trade_state_desc": STATE_DESC["NOTPAY"], "refunded": 0,
                    "refunds": []}, (200, {"prepay_id": prepay_id})
        if order["trade_state"] in ("SUCCESS", "REFUND"):
            return None, (403, {"code": "ORDERPAID", "message": "该订单已支付"})
        if order["trade_state"] == "CLOSED":
            return None, (400, {"code": "ORDERCLOSED", "message": "该订单已关闭"})
        if any(order[k] != v for k, v in fields.items() if k != "time_expire"):
            return None, (400, {"code": "INVALID_REQUEST", "message": "201 商户订单号重复"})
        if order["prepay_expires"] <= time.time():  # the same order again after 2 hours: a new prepay_id
            return {**order, "prepay_id": prepay_id, "prepay_expires": int(time.time()) + PREPAY_TTL}, \
                (200, {"prepay_id": prepay_id})
        return None, (200, {"prepay_id": order["prepay_id"]})

    status, answer = await _update(request.app.ctx.redis, _order_key(no), change)
    return _answer(request, status, answer)


@bp.get("/v3/pay/transactions/out-trade-no/<no:str>", unquote=True)
@platform
async def query(request: Request, no: str):
    if request.args.get("mchid") != _conf(_settings(request)).mchid:
        return _fail(request, 400, "PARAM_ERROR", "mchid 与请求的商户号不一致")
    order = await _load(request.app.ctx.redis, _order_key(no))
    if order is None:
        return _fail(request, 404, "ORDER_NOT_EXIST", "订单不存在")
    return _answer(request, 200, _transaction(order))


@bp.post("/v3/pay/transactions/out-trade-no/<no:str>/close", unquote=True)
@platform
async def close(request: Request, no: str):
    body = _body(request)
    if body is None or body.get("mchid") != _conf(_settings(request)).mchid:
        return _fail(request, 400, "PARAM_ERROR", "mchid 与请求的商户号不一致")

    def change(order):
        if order is None:
            return None, (404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"})
        if order["trade_state"] in ("SUCCESS", "REFUND"):
            return None, (400, {"code": "ORDERPAID", "message": "订单已支付，不能关闭"})
        if order["trade_state"] == "CLOSED":
            return None, (204, None)
        return {**order, "trade_state": "CLOSED", "trade_state_desc": STATE_DESC["CLOSED"]}, (204, None)

    status, answer = await _update(request.app.ctx.redis, _order_key(no), change)
    return _answer(request, status, answer)


@bp.post("/transactions/<no:str>/pay", unquote=True)
@bp.post("/orders/<no:str>/pay", unquote=True, name="pay_order")
async def pay(request: Request, no: str):
    """The payer confirms wx.requestPayment for order `no` (see the module docstring)."""
    body = _body(request) or {}
    c = _conf(_settings(request))
    redis = request.app.ctx.redis
    order = await _load(redis, _order_key(no))
    if order is None:
        return json({"code": "ORDER_NOT_EXIST", "message": "订单不存在"}, status=404)
    if "paySign" in body:
        package = body.get("package")
        msg = f"{body.get('appId')}\n{body.get('timeStamp')}\n{body.get('nonceStr')}\n{package}\n".encode()
        if body.get("appId") != c.appid or package != f"prepay_id={order['prepay_id']}" \
                or body.get("signType") != "RSA" or not wp.rsa_verify(c.private_key.public_key(),
                                                                        str(body.get("paySign")), msg):
            return json({"code": "SIGN_ERROR", "message": "支付签名验证失败"}, status=401)
    paid_at = _parse_time(body.get("paid_at")) if "paid_at" in body else _now()
    if paid_at is None:
        return json({"code": "PARAM_ERROR", "message": "paid_at 应为 RFC 3339 时间"}, status=400)
    expire = _parse_time(order.get("time_expire"))
    transaction_id = "42000" + _now().strftime("%Y%m%d") + _digits(15)

    def change(o):
        state = o["trade_state"]
        if state in ("SUCCESS", "REFUND"):
            return None, (409, {"code": "ORDERPAID", "message": "该订单已支付"})
        if state in ("CLOSED", "PAYERROR"):
            return None, (409, {"code": "ORDERCLOSED" if state == "CLOSED" else "PAYERROR",
                                "message": STATE_DESC[state]})
        if expire is not None and expire <= _now():
            return None, (409, {"code": "ORDER_EXPIRED", "message": "订单已过支付期限"})
        if o["total"] % 100 == 99:  # the magic amount: the payment fails
            return {**o, "trade_state": "PAYERROR", "trade_state_desc": STATE_DESC["PAYERROR"]}, (200, None)
        return {**o, "trade_state": "SUCCESS", "trade_state_desc": STATE_DESC["SUCCESS"],
                "transaction_id": transaction_id, "bank_type": "OTHERS",
                "success_time": wp.rfc3339(paid_at)}, (200, None)

    status, error = await _update(redis, _order_key(no), change)
    if error:
        return json(error, status=status)
    order = await _load(redis, _order_key(no))
    answer = {"out_trade_no": no, "trade_state": order["trade_state"], "transaction_id": order.get("transaction_id")}
    if order["trade_state"] != "SUCCESS":
        return json(answer)
    await _bill_add(redis, paid_at, {"kind": "pay", "time": order["success_time"], "appid": order["appid"],
                                     "mchid": order["mchid"], "transaction_id": transaction_id,
                                     "out_trade_no": no, "openid": order["openid"], "bank_type": "OTHERS",
                                     "total": order["total"], "description": order["description"],
                                     "attach": order.get("attach", "")})
    nid = await _new_notification(request, order["notify_url"], no, "TRANSACTION.SUCCESS", "支付成功",
                                  "transaction", _transaction(order))
    answer["notification"] = await _dispatch(request, nid, bool(body.get("hold")), body.get("delay"))
    return json(answer)


# ---------------------------------------------------------------- refunds

@bp.post("/v3/refund/domestic/refunds")
@platform
async def refund(request: Request):
    body = _body(request)
    redis = request.app.ctx.redis
    amount = body.get("amount") if body else None
    no, refund_no = (body or {}).get("out_trade_no"), (body or {}).get("out_refund_no")
    if not isinstance(no, str) or not isinstance(refund_no, str) or not wp.OUT_REFUND_NO_RE.fullmatch(refund_no) \
            or not isinstance(amount, dict) or not (_int(amount.get("refund")) or 0) > 0 \
            or not (_int(amount.get("total")) or 0) > 0 or amount.get("currency", "CNY") != "CNY":
        return _fail(request, 400, "PARAM_ERROR", "out_trade_no、out_refund_no、amount.refund、amount.total 必填")
    notify_url = body.get("notify_url") or ""
    if notify_url and (not notify_url.startswith(("https://", "http://")) or "?" in notify_url):
        return _fail(request, 400, "PARAM_ERROR", "notify_url 应为不带参数的 http(s) 地址")
    order = await _load(redis, _order_key(no))
    if order is None:
        return _fail(request, 404, "RESOURCE_NOT_EXISTS", "订单不存在")
    now = wp.rfc3339(_now())
    record = {"refund_id": "50000" + _now().strftime("%Y%m%d") + _digits(19), "out_refund_no": refund_no,
              "transaction_id": order.get("transaction_id", ""), "out_trade_no": no, "channel": "ORIGINAL",
              "user_received_account": "支付用户零钱", "create_time": now, "status": "PROCESSING",
              "funds_account": "AVAILABLE", "reason": body.get("reason", ""), "notify_url": notify_url,
              "amount": {"total": amount["total"], "refund": amount["refund"], "payer_total": amount["total"],
                         "payer_refund": amount["refund"], "settlement_total": amount["total"],
                         "settlement_refund": amount["refund"], "discount_refund": 0, "currency": "CNY",
                         "refund_fee": 0}}
    if not await redis.set(_refund_key(refund_no), jsonlib.dumps(record, ensure_ascii=False), nx=True, ex=KEEP):
        existing = await _load(redis, _refund_key(refund_no))
        if existing and existing["out_trade_no"] == no and existing["amount"]["refund"] == amount["refund"] \
                and existing["amount"]["total"] == amount["total"]:
            return _answer(request, 200, _refund_view(existing))
        return _fail(request, 400, "INVALID_REQUEST", "商户退款单号重复，且与原退款请求的参数不一致")

    def change(o):
        if o["trade_state"] not in ("SUCCESS", "REFUND"):
            return None, (400, {"code": "INVALID_REQUEST", "message": "订单未支付，不能退款"})
        if amount["total"] != o["total"]:
            return None, (400, {"code": "INVALID_REQUEST", "message": "订单金额与原订单金额不一致"})
        if o["refunded"] + amount["refund"] > o["total"]:
            return None, (400, {"code": "INVALID_REQUEST", "message": "申请退款金额超过订单可退金额"})
        return {**o, "trade_state": "REFUND", "trade_state_desc": STATE_DESC["REFUND"],
                "refunded": o["refunded"] + amount["refund"], "refunds": o["refunds"] + [refund_no]}, None

    error = await _update(redis, _order_key(no), change)
    if error:
        await redis.delete(_refund_key(refund_no))
        return _fail(request, error[0], error[1]["code"], error[1]["message"])
    return _answer(request, 200, _refund_view(record))


@bp.get("/v3/refund/domestic/refunds/<refund_no:str>", unquote=True)
@platform
async def query_refund(request: Request, refund_no: str):
    record = await _load(request.app.ctx.redis, _refund_key(refund_no))
    if record is None:
        return _fail(request, 404, "RESOURCE_NOT_EXISTS", "退款单不存在")
    return _answer(request, 200, _refund_view(record))


@bp.post("/refunds/<refund_no:str>/complete", unquote=True)
async def complete_refund(request: Request, refund_no: str):
    """The refund ends (the operator's stand-in): SUCCESS by default, or ABNORMAL / CLOSED."""
    body = _body(request) or {}
    status = body.get("status", "SUCCESS")
    if status not in ("SUCCESS", "ABNORMAL", "CLOSED"):
        return json({"code": "PARAM_ERROR", "message": "status 应为 SUCCESS、ABNORMAL 或 CLOSED"}, status=400)
    done_at = _parse_time(body["success_time"]) if "success_time" in body else _now()
    if done_at is None:
        return json({"code": "PARAM_ERROR", "message": "success_time 应为 RFC 3339 时间"}, status=400)
    redis = request.app.ctx.redis

    def change(r):
        if r is None:
            return None, (404, {"code": "RESOURCE_NOT_EXISTS", "message": "退款单不存在"})
        if r["status"] != "PROCESSING":
            return None, (409, {"code": "INVALID_REQUEST", "message": f"退款单已是 {r['status']}"})
        new = {**r, "status": status}
        if status == "SUCCESS":
            new["success_time"] = wp.rfc3339(done_at)
        return new, None

    error = await _update(redis, _refund_key(refund_no), change)
    if error:
        return json(error[1], status=error[0])
    record = await _load(redis, _refund_key(refund_no))
    if status != "SUCCESS":
        await _update(redis, _order_key(record["out_trade_no"]),
                      lambda o: ({**o, "refunded": o["refunded"] - record["amount"]["refund"]}, None))
    else:
        order = await _load(redis, _order_key(record["out_trade_no"]))
        await _bill_add(redis, done_at, {
            "kind": "refund", "time": record["success_time"], "appid": order["appid"], "mchid": order["mchid"],
            "transaction_id": record["transaction_id"], "out_trade_no": record["out_trade_no"],
            "openid": order["openid"], "bank_type": order.get("bank_type", "OTHERS"), "total": order["total"],
            "description": order["description"], "attach": order.get("attach", ""),
            "refund_id": record["refund_id"], "out_refund_no": refund_no, "refund": record["amount"]["refund"]})
    answer = {"out_refund_no": refund_no, "status": status}
    if record["notify_url"]:
        resource = {"mchid": _conf(_settings(request)).mchid, "out_trade_no": record["out_trade_no"],
                    "transaction_id": record["transaction_id"], "out_refund_no": refund_no,
                    "refund_id": record["refund_id"], "refund_status": status,
                    "user_received_account": record["user_received_account"],
                    "amount": {k: record["amount"][k] for k in ("total", "refund", "payer_total", "payer_refund")}}
        if status == "SUCCESS":
            resource["success_time"] = record["success_time"]
        summary = {"SUCCESS": "退款成功", "ABNORMAL": "退款异常", "CLOSED": "退款关闭"}[status]
        nid = await _new_notification(request, record["notify_url"], f"refund:{refund_no}", f"REFUND.{status}",
                                      summary, "refund", resource)
        answer["notification"] = await _dispatch(request, nid, bool(body.get("hold")), body.get("delay"))
    return json(answer)


# ---------------------------------------------------------------- notifications (stand-ins)

@bp.get("/orders/<no:str>/notifications", unquote=True)
async def order_notifications(request: Request, no: str):
    return await _list_notifications(request, no)


@bp.get("/refunds/<refund_no:str>/notifications", unquote=True)
async def refund_notifications(request: Request, refund_no: str):
    return await _list_notifications(request, f"refund:{refund_no}")


async def _list_notifications(request: Request, subject: str):
    redis = request.app.ctx.redis
    ids = [i.decode() for i in await redis.lrange(f"{P}ntfs:{subject}", 0, -1)]
    views = [await _notification_view(redis, i) for i in ids]
    return json([v for v in views if v], ensure_ascii=False)


@bp.get("/notifications/<nid:str>")
async def notification(request: Request, nid: str):
    view = await _notification_view(request.app.ctx.redis, nid)
    if view is None:
        return json({"code": "RESOURCE_NOT_EXISTS", "message": "通知不存在"}, status=404)
    return json(view, ensure_ascii=False)


@bp.post("/notifications/<nid:str>/send")
async def send_notification(request: Request, nid: str):
    """Send notification `nid` again (WeChat's retry): same body, fresh signature, optionally delayed or with a
    given (e.g. old) timestamp."""
    body = _body(request) or {}
    if not await request.app.ctx.redis.exists(f"{P}ntf:{nid}"):
        return json({"code": "RESOURCE_NOT_EXISTS", "message": "通知不存在"}, status=404)
    timestamp = _int(body.get("timestamp"))
    result = await _dispatch(request, nid, delay=body.get("delay"), timestamp=timestamp)
    return json(result, status=202 if "scheduled" in result else 200)


# ---------------------------------------------------------------- bills

BILL_HEADER = ("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
               "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
               "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注")
SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"


async def _bill_add(redis, when: datetime, entry: dict) -> None:
    key = f"{P}bill:{when.astimezone(wp.CST).date().isoformat()}"
    await redis.rpush(key, jsonlib.dumps(entry, ensure_ascii=False))
    await redis.expire(key, KEEP)


def _yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def _fee(fen: int) -> Decimal:
    return (Decimal(fen) / 100 * FEE_RATE).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


def _clean(v) -> str:
    return str(v).replace("`", " ").replace("\r", " ").replace("\n", " ")


def render_trade_bill(entries: list[dict]) -> bytes:
    """A trade bill in WeChat's format (see the module docstring) for these payment and refund entries."""
    lines, totals = [BILL_HEADER], {"settle": 0, "refund": 0, "fee": Decimal(0), "total": 0, "asked": 0}
    for e in entries:
        pay = e["kind"] == "pay"
        trade_time = _parse_time(e["time"]).astimezone(wp.CST).strftime("%Y-%m-%d %H:%M:%S")
        settle = e["total"] if pay else 0
        refund_fen = 0 if pay else e["refund"]
        fee = _fee(e["total"]) if pay else -_fee(e["refund"])
        fields = [trade_time, e["appid"], e["mchid"], "0", "", e["transaction_id"], e["out_trade_no"], e["openid"],
                  "JSAPI", "SUCCESS" if pay else "REFUND", e["bank_type"], "CNY", _yuan(settle), "0.00",
                  "0" if pay else e["refund_id"], "0" if pay else e["out_refund_no"], _yuan(refund_fen), "0.00",
                  "" if pay else "ORIGINAL", "" if pay else "SUCCESS", e["description"], e.get("attach", ""),
                  f"{fee:.5f}", "0.60%", _yuan(settle), _yuan(refund_fen), ""]
        lines.append(",".join("`" + _clean(f) for f in fields))
        totals["settle"] += settle
        totals["refund"] += refund_fen
        totals["fee"] += fee
        totals["total"] += settle
        totals["asked"] += refund_fen
    lines.append(SUMMARY_HEADER)
    lines.append(",".join("`" + f for f in (
        str(len(entries)), _yuan(totals["settle"]), _yuan(totals["refund"]), "0.00", f"{totals['fee']:.5f}",
        _yuan(totals["total"]), _yuan(totals["asked"]))))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@bp.get("/v3/bill/tradebill")
@platform
async def tradebill(request: Request):
    day, bill_type = request.args.get("bill_date", ""), request.args.get("bill_type", "ALL")
    try:
        bill_date = date.fromisoformat(day)
    except ValueError:
        return _fail(request, 400, "PARAM_ERROR", "bill_date 应为 YYYY-MM-DD")
    if len(day) != 10 or bill_type not in ("ALL", "SUCCESS", "REFUND"):
        return _fail(request, 400, "PARAM_ERROR", "bill_date 应为 YYYY-MM-DD，bill_type 为 ALL、SUCCESS 或 REFUND")
    if bill_date >= _now().date():
        return _fail(request, 400, "NO_STATEMENT_EXIST", "当日账单尚未生成")
    redis = request.app.ctx.redis
    entries = [jsonlib.loads(e) for e in await redis.lrange(f"{P}bill:{day}", 0, -1)]
    wanted = {"ALL": ("pay", "refund"), "SUCCESS": ("pay",), "REFUND": ("refund",)}[bill_type]
    entries = [e for e in entries if e["kind"] in wanted]
    if not entries:
        return _fail(request, 400, "NO_STATEMENT_EXIST", "账单文件不存在")
    data = render_trade_bill(entries)
    token = secrets.token_urlsafe(24)
    await redis.set(f"{P}billfile:{token}", data, ex=BILL_FILE_TTL)
    url = f"{request.scheme}://{request.host}{bp.url_prefix}/v3/billdownload/file?token={token}"
    return _answer(request, 200, {"hash_type": "SHA1", "hash_value": wp.sha1_hex(data), "download_url": url})


@bp.get("/v3/billdownload/file")
@platform
async def billdownload(request: Request):
    data = await request.app.ctx.redis.get(f"{P}billfile:{request.args.get('token', '')}")
    if data is None:
        return _fail(request, 400, "INVALID_REQUEST", "下载链接已失效，请重新申请账单")
    return raw(data, content_type="text/plain; charset=utf-8")  # the bill file: WeChat does not sign it
