"""WeChat Pay APIv3 (微信支付, api.mch.weixin.qq.com) for JSAPI (mini-program) payments, with `cryptography` directly.

The sandbox in app/sandbox/wechatpay.py speaks the same protocol with its own platform key pair.

Request signing (every call, the bill download included)
    Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
    signature = base64 RSASSA-PKCS1-v1_5 SHA-256 with the merchant private key (apiclient_key.pem) over
        "{METHOD}\\n{URL path with ?query, exactly as sent}\\n{timestamp}\\n{nonce_str}\\n{body}\\n"
    where the path is the request's absolute path (a base URL's prefix included), the body the exact bytes sent
    (empty for GET). serial_no is the serial of the merchant certificate, mchid the merchant number. The body
    is serialized once (compact JSON, UTF-8) and those bytes are both signed and sent.

Response and notification verification
    Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature (base64), Wechatpay-Serial headers;
    the signature is RSASSA-PKCS1-v1_5 SHA-256 by the platform over "{timestamp}\\n{nonce}\\n{body}\\n".
    Wechatpay-Serial names the platform key: a platform certificate serial (hex) or, in public-key mode, a
    "PUB_KEY_ID_…" id. Refused: an unknown serial, a bad signature, a timestamp more than 300 s from our clock,
    a missing header, WeChat's "WECHATPAY/SIGNTEST/" probe signatures. Every API answer is verified, errors
    included; the bill file download is the one answer WeChat does not sign (its SHA1 from the signed
    tradebill answer is checked instead).

Errors
    WeChat answers a failed call with a 4xx/5xx and {"code": "PARAM_ERROR" | "INVALID_REQUEST" | "SIGN_ERROR" |
    "ORDER_NOT_EXIST" | "ORDERPAID" | "ORDERCLOSED" | "RESOURCE_NOT_EXISTS" | "NO_STATEMENT_EXIST" | …,
    "message": "…"}: the adapter raises WeChatPayError (a ProviderError) carrying wx_code, wx_message and
    http_status. Transport failures and answers without a valid signature are ProviderErrors (the latter the
    VerificationError subclasses below).

Calls
    POST /v3/pay/transactions/jsapi        {"appid", "mchid", "description", "out_trade_no", "time_expire",
                                            "notify_url", "amount": {"total": fen, "currency": "CNY"},
                                            "payer": {"openid"}}  -> 200 {"prepay_id"}
    GET  /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…  -> 200 the transaction: {"appid", "mchid",
         "out_trade_no", "transaction_id"?, "trade_type": "JSAPI", "trade_state": SUCCESS | REFUND | NOTPAY |
         CLOSED | REVOKED | USERPAYING | PAYERROR, "trade_state_desc", "bank_type"?, "success_time"?,
         "payer": {"openid"}, "amount": {"total", "payer_total"?, "currency", "payer_currency"}}
    POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close  {"mchid"}  -> 204, empty body
    POST /v3/refund/domestic/refunds       {"out_trade_no", "out_refund_no", "reason", "notify_url",
                                            "amount": {"refund", "total", "currency": "CNY"}}
         -> 200 the refund: {"refund_id", "out_refund_no", "transaction_id", "out_trade_no", "channel",
            "user_received_account", "success_time"?, "create_time", "status": SUCCESS | CLOSED | PROCESSING |
            ABNORMAL, "amount": {"total", "refund", "payer_total", "payer_refund", "currency", …}}
         a refund beyond what is left of the payment: 400 {"code": "INVALID_REQUEST", …}
    GET  /v3/refund/domestic/refunds/{out_refund_no}  -> 200 the refund
    GET  /v3/bill/tradebill?bill_date=YYYY-MM-DD&bill_type=ALL -> 200 {"download_url", "hash_type": "SHA1",
         "hash_value": hex}; GET download_url (signed like any call; the answer is the unsigned file).
    JSAPI client parameters (wx.requestPayment): {"appId", "timeStamp", "nonceStr", "package": "prepay_id=…",
    "signType": "RSA", "paySign"}, paySign = base64 RSA-SHA256 (merchant key) over
    "{appId}\\n{timeStamp}\\n{nonceStr}\\n{package}\\n".

Trade bill file (CSV, UTF-8)
    line 1: the column names (交易时间,公众账号ID,商户号,…,费率备注 for bill_type ALL);
    then one line per transaction, every field prefixed with a backtick: `2026-01-05 10:00:00,`wx…,`1230000109,…
    then the summary: a header line "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,
    申请退款总金额" and one backtick-prefixed line of values. Amounts are yuan with 2 decimals (the fee 5).
    parse_trade_bill splits a data line on ",`" (so a comma inside a product name survives) and returns the
    amounts as integer fen (the fee and the rate stay decimal strings).

Notifications (POST to notify_url)
    body {"id", "create_time", "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS" |
          "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED", "summary",
          "resource": {"algorithm": "AEAD_AES_256_GCM", "ciphertext", "associated_data", "original_type",
                       "nonce"}}
    signed like a response (headers above); the resource is AES-256-GCM with the APIv3 key (32 bytes), nonce =
    resource.nonce (UTF-8), AAD = resource.associated_data (UTF-8), ciphertext = base64(ciphertext + 16-byte
    tag); the plaintext is the transaction (or refund) JSON. verify_notification raises SignatureInvalid,
    TimestampStale, SerialUnknown, ResourceTampered or NotificationMalformed; `failure_answer(exc)` is what the
    notify endpoint answers then: (status, {"code": "FAIL", "message": …}); WeChat retries a non-2xx answer.
    A success is answered 200 (or 204) with no body needed.

Configuration (Settings, see from_settings): WECHATPAY_MCHID, WECHATPAY_APPID (default the mini-program's
WECHAT_APPID), WECHATPAY_API_BASE (default https://api.mch.weixin.qq.com, or the sandbox when it is on),
WECHATPAY_PRIVATE_KEY (PEM text or a PEM file path), WECHATPAY_CERT_SERIAL, WECHATPAY_APIV3_KEY (32 characters),
WECHATPAY_PLATFORM_KEYS ("SERIAL_OR_PUB_KEY_ID=path.pem,…", each file a public key or a platform certificate).
With the sandbox on and no private key configured, the merchant key, certificate serial, APIv3 key and the
platform keys are the sandbox's (see app/sandbox/wechatpay.py: derived from ZB_SECRET_KEY when it is set, so
every worker agrees; generated once per process otherwise).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import Invalid, ProviderError

SCHEMA = "WECHATPAY2-SHA256-RSA2048"
MAX_SKEW = 300  # seconds a response / notification timestamp may be away from our clock
DEFAULT_BASE = "https://api.mch.weixin.qq.com"
SANDBOX_MCHID = "1230000109"
CST = timezone(timedelta(hours=8))  # WeChat Pay's times are Beijing time, RFC 3339 with +08:00
OUT_NO_RE = re.compile(r"[0-9A-Za-z_\-|*]{6,32}")  # out_trade_no; out_refund_no allows @ too
OUT_REFUND_NO_RE = re.compile(r"[0-9A-Za-z_\-|*@]{1,64}")
SIGNTEST = "WECHATPAY/SIGNTEST/"


# ---------------------------------------------------------------- errors

class WeChatPayError(ProviderError):
    """WeChat Pay answered a call with an error: wx_code / wx_message as WeChat gave them."""

    def __init__(self, wx_code: str, wx_message: str, http_status: int):
        self.wx_code, self.wx_message, self.http_status = wx_code, wx_message, http_status
        super().__init__(f"微信支付：{wx_message or wx_code}（{wx_code}）")


class VerificationError(ProviderError):
    """An answer or notification that does not verify. `notify_status` is what a notify endpoint answers."""
    notify_status = 401
    message = "微信支付的签名验证失败"


class SignatureInvalid(VerificationError):
    message = "微信支付签名无效"


class TimestampStale(VerificationError):
    message = "微信支付签名的时间戳超出有效范围（±5分钟）"


class SerialUnknown(VerificationError):
    # Our list of platform keys lacks the one WeChat used (a key rotation we have not picked up): answer 5xx so
    # WeChat retries; once the key is configured the retry verifies.
    notify_status = 500
    message = "未知的微信支付平台证书序列号"


class ResourceTampered(VerificationError):
    notify_status = 400
    message = "微信支付通知的密文无法解密（已被篡改或 APIv3 密钥不符）"


class NotificationMalformed(VerificationError):
    notify_status = 400
    message = "微信支付通知的格式不正确"


def failure_answer(exc: VerificationError) -> tuple[int, dict]:
    """What a notify endpoint answers for a notification it refuses: (HTTP status, {"code": "FAIL", …})."""
    return exc.notify_status, {"code": "FAIL", "message": exc.message}


# ---------------------------------------------------------------- keys and signatures (shared with the sandbox)

def load_private_key(pem: str | bytes | rsa.RSAPrivateKey) -> rsa.RSAPrivateKey:
    if isinstance(pem, rsa.RSAPrivateKey):
        return pem
    key = serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("the WeChat Pay merchant key must be an RSA key")
    return key


def load_public_key(pem: str | bytes | rsa.RSAPublicKey) -> rsa.RSAPublicKey:
    """An RSA public key from a PEM public key (public-key mode) or a PEM platform certificate."""
    if isinstance(pem, rsa.RSAPublicKey):
        return pem
    data = pem.encode() if isinstance(pem, str) else pem
    key = (x509.load_pem_x509_certificate(data).public_key() if b"CERTIFICATE" in data
           else serialization.load_pem_public_key(data))
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("a WeChat Pay platform key must be an RSA key")
    return key


def rsa_sign(key: rsa.RSAPrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(key: rsa.RSAPublicKey, signature: str, message: bytes) -> bool:
    try:
        key.verify(base64.b64decode(signature, validate=True), message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def request_message(method: str, path_with_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return f"{method.upper()}\n{path_with_query}\n{timestamp}\n{nonce}\n".encode() + body + b"\n"


def answer_message(timestamp: str, nonce: str, body: bytes) -> bytes:
    return f"{timestamp}\n{nonce}\n".encode() + body + b"\n"


def new_nonce() -> str:
    return secrets.token_hex(16).upper()


def authorization(mchid: str, serial: str, key: rsa.RSAPrivateKey, method: str, path_with_query: str,
                  body: bytes, timestamp: int | None = None, nonce: str | None = None) -> str:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or new_nonce()
    sig = rsa_sign(key, request_message(method, path_with_query, ts, nonce, body))
    return (f'{SCHEMA} mchid="{mchid}",nonce_str="{nonce}",signature="{sig}",'
            f'timestamp="{ts}",serial_no="{serial}"')


AUTH_PARAM_RE = re.compile(r'\s*(\w+)="([^"]*)"\s*(?:,|$)')


def parse_authorization(header: str) -> dict[str, str] | None:
    """{"mchid", "nonce_str", "signature", "timestamp", "serial_no"} of an Authorization header, or None."""
    scheme, _, rest = (header or "").partition(" ")
    if scheme != SCHEMA:
        return None
    params, pos = {}, 0
    while pos < len(rest):
        m = AUTH_PARAM_RE.match(rest, pos)
        if not m:
            return None
        params[m.group(1)] = m.group(2)
        pos = m.end()
    return params if {"mchid", "nonce_str", "signature", "timestamp", "serial_no"} <= params.keys() else None


def fresh(timestamp: str, now: float | None = None) -> bool:
    if not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs((time.time() if now is None else now) - int(timestamp)) <= MAX_SKEW


def signed_answer_headers(key: rsa.RSAPrivateKey, serial: str, body: bytes, timestamp: int | None = None,
                          nonce: str | None = None) -> dict[str, str]:
    """The Wechatpay-* headers the platform puts on an answer or a notification of `body`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or new_nonce()
    return {"Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": serial,
            "Wechatpay-Signature": rsa_sign(key, answer_message(ts, nonce, body)),
            "Wechatpay-Signature-Type": SCHEMA}


def verify_signed(platform_keys: Mapping[str, rsa.RSAPublicKey], headers: Mapping[str, str], body: bytes,
                  now: float | None = None) -> str:
    """Check the Wechatpay-* headers over `body`; return the serial used, or raise a VerificationError."""
    h = {k.lower(): v for k, v in headers.items()}
    ts, nonce = h.get("wechatpay-timestamp", ""), h.get("wechatpay-nonce", "")
    sig, serial = h.get("wechatpay-signature", ""), h.get("wechatpay-serial", "")
    if not (ts and nonce and sig and serial) or sig.startswith(SIGNTEST):
        raise SignatureInvalid("微信支付应答缺少签名" if not sig else None)
    key = platform_keys.get(serial)
    if key is None:
        raise SerialUnknown(f"未知的微信支付平台证书序列号：{serial[:64]}")
    if not fresh(ts, now):
        raise TimestampStale()
    if not rsa_verify(key, sig, answer_message(ts, nonce, body)):
        raise SignatureInvalid()
    return serial


def aead_encrypt(apiv3_key: bytes, nonce: str, associated_data: str, plaintext: bytes) -> str:
    return base64.b64encode(AESGCM(apiv3_key).encrypt(nonce.encode(), plaintext, associated_data.encode())).decode()


def aead_decrypt(apiv3_key: bytes, nonce: str, associated_data: str, ciphertext_b64: str) -> bytes:
    try:
        return AESGCM(apiv3_key).decrypt(nonce.encode(), base64.b64decode(ciphertext_b64, validate=True),
                                         associated_data.encode())
    except (InvalidTag, binascii.Error, ValueError) as exc:
        raise ResourceTampered() from exc


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON: serialized once, then signed and sent as these bytes."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rfc3339(value: datetime | str) -> str:
    """WeChat Pay's time format, e.g. 2026-01-05T10:00:00+08:00 (a naive datetime is taken as Beijing time)."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=CST)
    return value.astimezone(CST).replace(microsecond=0).isoformat()


def sha1_hex(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()  # WeChat's bill hash_type is SHA1


# ---------------------------------------------------------------- the adapter

class WeChatPay:
    def __init__(self, *, mchid: str, appid: str, private_key: str | bytes | rsa.RSAPrivateKey, cert_serial: str,
                 apiv3_key: str | bytes, platform_keys: Mapping[str, Any], base: str, http: httpx.AsyncClient):
        self.mchid, self.appid, self.cert_serial = mchid, appid, cert_serial
        self.private_key = load_private_key(private_key)
        self.apiv3_key = apiv3_key.encode() if isinstance(apiv3_key, str) else apiv3_key
        if len(self.apiv3_key) != 32:
            raise ValueError("the WeChat Pay APIv3 key must be 32 bytes")
        self.platform_keys = {serial: load_public_key(k) for serial, k in platform_keys.items()}
        self.base, self.http = base.rstrip("/"), http

    # -- transport

    async def _call(self, method: str, path: str, query: dict | None = None, body: Any = None, *,
                    url: str | None = None, verify: bool = True) -> httpx.Response:
        """Sign and send one call; verify the answer's signature (unless `verify` is off: the bill file)."""
        if url is None:
            url = self.base + path + (("?" + urlencode(query)) if query else "")
        content = b"" if body is None else dumps(body)
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = self.http.build_request(method, url, content=content, headers=headers)
        # Sign what goes on the wire: the request's own path and query as httpx will send them.
        request.headers["Authorization"] = authorization(self.mchid, self.cert_serial, self.private_key, method,
                                                         request.url.raw_path.decode("ascii"), content)
        try:
            resp = await self.http.send(request)
        except httpx.HTTPError as exc:
            raise ProviderError(f"微信支付连接失败：{type(exc).__name__}") from exc
        if verify or resp.status_code >= 400:
            try:
                verify_signed(self.platform_keys, resp.headers, resp.content)
            except VerificationError as exc:
                if resp.status_code >= 500 and "wechatpay-signature" not in resp.headers:
                    raise ProviderError(f"微信支付返回错误（HTTP {resp.status_code}）") from exc
                raise
        if resp.status_code >= 400:
            raise self._error(resp)
        return resp

    @staticmethod
    def _error(resp: httpx.Response) -> WeChatPayError:
        try:
            data = resp.json()
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
        return WeChatPayError(str(data.get("code") or f"HTTP_{resp.status_code}"), str(data.get("message") or ""),
                              resp.status_code)

    @staticmethod
    def _json(resp: httpx.Response) -> dict:
        try:
            data = resp.json()
        except ValueError as exc:
            raise ProviderError("微信支付返回了无法识别的内容") from exc
        if not isinstance(data, dict):
            raise ProviderError("微信支付返回了无法识别的内容")
        return data

    # -- payments

    async def jsapi(self, out_trade_no: str, description: str, amount_fen: int, openid: str, notify_url: str,
                    time_expire: datetime | str) -> str:
        """Place a JSAPI order; returns its prepay_id (valid 2 hours) for client_params."""
        _check_out_no(out_trade_no)
        if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
            raise Invalid("支付金额必须是正整数（分）", field="amount")
        data = self._json(await self._call("POST", "/v3/pay/transactions/jsapi", body={
            "appid": self.appid, "mchid": self.mchid, "description": description, "out_trade_no": out_trade_no,
            "time_expire": rfc3339(time_expire), "notify_url": notify_url,
            "amount": {"total": amount_fen, "currency": "CNY"}, "payer": {"openid": openid}}))
        if not data.get("prepay_id"):
            raise ProviderError("微信支付下单失败：应答缺少 prepay_id")
        return data["prepay_id"]

    def client_params(self, prepay_id: str, timestamp: int | None = None) -> dict:
        """The object the mini-program passes to wx.requestPayment."""
        ts, nonce, package = str(int(time.time()) if timestamp is None else timestamp), new_nonce(), \
            f"prepay_id={prepay_id}"
        pay_sign = rsa_sign(self.private_key, f"{self.appid}\n{ts}\n{nonce}\n{package}\n".encode())
        return {"appId": self.appid, "timeStamp": ts, "nonceStr": nonce, "package": package, "signType": "RSA",
                "paySign": pay_sign}

    async def query(self, out_trade_no: str) -> dict:
        """The transaction (trade_state …); an unknown order raises WeChatPayError ORDER_NOT_EXIST."""
        _check_out_no(out_trade_no)
        return self._json(await self._call(
            "GET", f"/v3/pay/transactions/out-trade-no/{quote(out_trade_no, safe='')}", {"mchid": self.mchid}))

    async def close(self, out_trade_no: str) -> None:
        """Close an unpaid order (204). A paid one raises WeChatPayError ORDERPAID."""
        _check_out_no(out_trade_no)
        await self._call("POST", f"/v3/pay/transactions/out-trade-no/{quote(out_trade_no, safe='')}/close",
                         body={"mchid": self.mchid})

    # -- refunds

    async def refund(self, out_refund_no: str, out_trade_no: str, refund_fen: int, total_fen: int, reason: str,
                     notify_url: str) -> dict:
        """Ask for a refund (status usually PROCESSING; the outcome comes by notification or query_refund)."""
        _check_out_no(out_trade_no)
        _check_refund_no(out_refund_no)
        for name, v in (("refund", refund_fen), ("total", total_fen)):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise Invalid("退款金额必须是正整数（分）", field=name)
        body = {"out_trade_no": out_trade_no, "out_refund_no": out_refund_no, "notify_url": notify_url,
                "amount": {"refund": refund_fen, "total": total_fen, "currency": "CNY"}}
        if reason:
            body["reason"] = reason
        return self._json(await self._call("POST", "/v3/refund/domestic/refunds", body=body))

    async def query_refund(self, out_refund_no: str) -> dict:
        _check_refund_no(out_refund_no)
        return self._json(await self._call("GET", f"/v3/refund/domestic/refunds/{quote(out_refund_no, safe='')}"))

    # -- bills

    async def trade_bill(self, bill_date: date | str, bill_type: str = "ALL") -> dict:
        """{"download_url", "hash_type", "hash_value"} of a day's trade bill (a day without one raises
        WeChatPayError NO_STATEMENT_EXIST)."""
        day = bill_date.isoformat() if isinstance(bill_date, date) else bill_date
        data = self._json(await self._call("GET", "/v3/bill/tradebill", {"bill_date": day, "bill_type": bill_type}))
        if not data.get("download_url") or not data.get("hash_value"):
            raise ProviderError("微信支付账单应答缺少下载地址或摘要")
        return {"download_url": data["download_url"], "hash_type": data.get("hash_type", "SHA1"),
                "hash_value": data["hash_value"]}

    async def download(self, download_url: str, *, hash_value: str, hash_type: str = "SHA1") -> bytes:
        """The bill file at `download_url` (a signed GET; WeChat does not sign the file, so its hash from the
        signed tradebill answer is checked instead: a mismatch is a ProviderError)."""
        if hash_type.upper() != "SHA1":
            raise ProviderError(f"不支持的账单摘要算法：{hash_type}")
        resp = await self._call("GET", "", url=download_url, verify=False)
        if not hmac.compare_digest(sha1_hex(resp.content), hash_value.lower()):
            raise ProviderError("微信支付账单文件的摘要不符，已拒绝该文件")
        return resp.content

    async def download_trade_bill(self, bill_date: date | str, bill_type: str = "ALL") -> dict:
        """trade_bill + download + parse_trade_bill."""
        bill = await self.trade_bill(bill_date, bill_type)
        data = await self.download(bill["download_url"], hash_value=bill["hash_value"], hash_type=bill["hash_type"])
        return parse_trade_bill(data.decode("utf-8-sig"))

    # -- notifications

    def open_notification(self, headers: Mapping[str, str], body: bytes) -> dict:
        """The notification verified and decrypted: its envelope ({"id", "create_time", "event_type", "summary",
        …}) with "resource" replaced by the decrypted resource."""
        verify_signed(self.platform_keys, headers, body)
        try:
            envelope = json.loads(body)
        except ValueError as exc:
            raise NotificationMalformed() from exc
        res = envelope.get("resource") if isinstance(envelope, dict) else None
        if not isinstance(res, dict) or res.get("algorithm") != "AEAD_AES_256_GCM" or not all(
                isinstance(res.get(k), str) for k in ("ciphertext", "nonce")):
            raise NotificationMalformed()
        plaintext = aead_decrypt(self.apiv3_key, res["nonce"], res.get("associated_data") or "", res["ciphertext"])
        try:
            resource = json.loads(plaintext)
        except ValueError as exc:
            raise NotificationMalformed() from exc
        if not isinstance(resource, dict):
            raise NotificationMalformed()
        if resource.get("mchid") not in (None, self.mchid):
            raise NotificationMalformed("微信支付通知的商户号与本商户不符")
        return {**envelope, "resource": resource}

    def verify_notification(self, headers: Mapping[str, str], body: bytes) -> dict:
        """The decrypted resource of a verified notification (the transaction or the refund)."""
        return self.open_notification(headers, body)["resource"]


def _check_out_no(value: str) -> None:
    if not isinstance(value, str) or not OUT_NO_RE.fullmatch(value):
        raise Invalid("商户订单号须为6-32位数字、字母或 _-|*", field="out_trade_no")


def _check_refund_no(value: str) -> None:
    if not isinstance(value, str) or not OUT_REFUND_NO_RE.fullmatch(value):
        raise Invalid("商户退款单号须为1-64位数字、字母或 _-|*@", field="out_refund_no")


# ---------------------------------------------------------------- the trade bill

BILL_COLUMNS = {  # column name -> (key, kind): fen = yuan amount as integer fen, str = as is
    "交易时间": ("trade_time", "str"), "公众账号ID": ("appid", "str"), "商户号": ("mchid", "str"),
    "特约商户号": ("sub_mchid", "str"), "设备号": ("device_info", "str"), "微信订单号": ("transaction_id", "str"),
    "商户订单号": ("out_trade_no", "str"), "用户标识": ("openid", "str"), "交易类型": ("trade_type", "str"),
    "交易状态": ("trade_state", "str"), "付款银行": ("bank_type", "str"), "货币种类": ("currency", "str"),
    "应结订单金额": ("settlement_total_fen", "fen"), "代金券金额": ("coupon_fen", "fen"),
    "微信退款单号": ("refund_id", "str"), "商户退款单号": ("out_refund_no", "str"), "退款金额": ("refund_fen", "fen"),
    "充值券退款金额": ("coupon_refund_fen", "fen"), "退款类型": ("refund_type", "str"),
    "退款状态": ("refund_status", "str"), "商品名称": ("description", "str"), "商户数据包": ("attach", "str"),
    "手续费": ("fee", "str"), "费率": ("rate", "str"), "订单金额": ("total_fen", "fen"),
    "申请退款金额": ("requested_refund_fen", "fen"), "费率备注": ("rate_note", "str"),
}
SUMMARY_COLUMNS = {
    "总交易单数": ("count", "int"), "应结订单总金额": ("settlement_total_fen", "fen"), "退款总金额": ("refund_fen", "fen"),
    "充值券退款总金额": ("coupon_refund_fen", "fen"), "手续费总金额": ("fee", "str"), "订单总金额": ("total_fen", "fen"),
    "申请退款总金额": ("requested_refund_fen", "fen"),
}


def yuan_to_fen(text: str) -> int:
    try:
        fen = Decimal(text.strip() or "0") * 100
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    if fen != fen.to_integral_value():
        raise ValueError(f"not a whole number of fen: {text!r}")
    return int(fen)


def _bill_fields(line: str) -> list[str]:
    if not line.startswith("`"):
        raise ValueError("a bill data line starts with a backtick")
    return line[1:].split(",`")


def _convert(names: list[str], values: list[str], columns: dict) -> dict:
    if len(values) != len(names):
        raise ValueError(f"{len(values)} fields for {len(names)} columns")
    out = {}
    for name, value in zip(names, values):
        key, kind = columns.get(name, (name, "str"))
        out[key] = yuan_to_fen(value) if kind == "fen" else int(value) if kind == "int" else value
    return out


def parse_trade_bill(text: str) -> dict:
    """A trade bill file -> {"rows": [one dict per transaction line, amounts in fen], "summary": {"count",
    "settlement_total_fen", "refund_fen", "coupon_refund_fen", "fee", "total_fen", "requested_refund_fen"}}.
    A file that does not have that shape raises ProviderError."""
    lines = [ln.rstrip("\r") for ln in text.lstrip("\ufeff").split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    try:
        if not lines:
            raise ValueError("empty file")
        header = [c.strip() for c in lines[0].split(",")]
        rows, summary, i = [], None, 1
        while i < len(lines):
            line = lines[i]
            if line.startswith("总交易单数"):
                if i + 1 >= len(lines):
                    raise ValueError("summary header without values")
                names = [c.strip() for c in line.split(",")]
                summary = _convert(names, _bill_fields(lines[i + 1]), SUMMARY_COLUMNS)
                i += 2
                continue
            if summary is not None:
                raise ValueError("a line after the summary")
            rows.append(_convert(header, _bill_fields(line), BILL_COLUMNS))
            i += 1
        if summary is None:
            raise ValueError("no summary")
    except ValueError as exc:
        raise ProviderError(f"微信支付账单文件格式不正确：{exc}") from exc
    return {"rows": rows, "summary": summary}


# ---------------------------------------------------------------- configuration

@dataclass(frozen=True)
class PayConfig:
    mchid: str
    appid: str
    private_key: rsa.RSAPrivateKey
    cert_serial: str
    apiv3_key: bytes
    platform_keys: dict[str, rsa.RSAPublicKey]
    base: str
    sandbox: bool  # the sandbox's keys are in use


def _setting(settings, name: str, default: str = "") -> str:
    return getattr(settings, name, "") or default


def _pem_or_file(value: str) -> bytes:
    return value.encode() if value.lstrip().startswith("-----BEGIN") else Path(value).read_bytes()


def parse_platform_keys(spec: str) -> dict[str, rsa.RSAPublicKey]:
    """"SERIAL=path.pem,PUB_KEY_ID_…=path.pem" -> {serial: public key}; each file a public key or a certificate."""
    keys = {}
    for item in filter(None, (p.strip() for p in spec.split(","))):
        serial, _, path = item.partition("=")
        if not serial or not path:
            raise ValueError(f"WECHATPAY_PLATFORM_KEYS: expected SERIAL=path, got {item!r}")
        keys[serial.strip()] = load_public_key(Path(path.strip()).read_bytes())
    return keys


def config(settings) -> PayConfig | None:
    """The merchant's WeChat Pay configuration; the sandbox's keys when it is on and no merchant key is set;
    None when WeChat Pay is not configured (payments then fail with a clear error)."""
    base = _setting(settings, "wechatpay_api_base").rstrip("/")
    mchid = _setting(settings, "wechatpay_mchid")
    appid = _setting(settings, "wechatpay_appid", settings.wechat_appid)
    key_setting = _setting(settings, "wechatpay_private_key")
    if key_setting:
        apiv3 = _setting(settings, "wechatpay_apiv3_key").encode()
        serial = _setting(settings, "wechatpay_cert_serial")
        if not mchid or not serial or len(apiv3) != 32:
            raise RuntimeError("WeChat Pay needs WECHATPAY_MCHID, WECHATPAY_CERT_SERIAL and a 32-character "
                               "WECHATPAY_APIV3_KEY with WECHATPAY_PRIVATE_KEY")
        return PayConfig(mchid, appid, load_private_key(_pem_or_file(key_setting)), serial, apiv3,
                         parse_platform_keys(_setting(settings, "wechatpay_platform_keys")), base or DEFAULT_BASE,
                         sandbox=False)
    if not settings.sandbox_on:
        return None
    from app.sandbox import wechatpay as sandbox

    private_key, serial = sandbox.merchant_key(settings)
    return PayConfig(mchid or SANDBOX_MCHID, appid, private_key, serial, sandbox.apiv3_key(settings),
                     sandbox.sandbox_platform_keys(settings), base or f"{settings.base_url}/sandbox/wechatpay",
                     sandbox=True)


def from_settings(settings, http: httpx.AsyncClient) -> WeChatPay | None:
    c = config(settings)
    if c is None:
        return None
    return WeChatPay(mchid=c.mchid, appid=c.appid, private_key=c.private_key, cert_serial=c.cert_serial,
                     apiv3_key=c.apiv3_key, platform_keys=c.platform_keys, base=c.base, http=http)
