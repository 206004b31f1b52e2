"""SF Express (顺丰) open platform (丰桥, "std/service" API), over HTTP at a configurable base URL.

Wire protocol (what this adapter sends and the sandbox in app/sandbox/courier.py implements):

Request: every call is one form-encoded POST to {base}/std/service
    Content-Type: application/x-www-form-urlencoded;charset=UTF-8
    partnerID    顾客编码, the partner id SF registered us under
    requestID    a fresh UUID per request (SF refuses a reused one: A1007)
    serviceCode  EXP_RECE_CREATE_ORDER (下订单) | EXP_RECE_SEARCH_ROUTES (路由查询)
    timestamp    unix milliseconds (refused when more than MAX_SKEW seconds from SF's clock: A1002)
    msgData      the service's message, JSON
    msgDigest    base64(md5(urlencode(msgData + timestamp + checkWord))): urlencode is form encoding
                 (application/x-www-form-urlencoded, spaces as "+", UTF-8), checkWord is 校验码, our shared secret

Answer: JSON {"apiResultCode": "A1000" | A1001 missing parameter | A1002 stale timestamp | A1004 no permission
    for the service | A1006 bad digest | A1007 duplicate request | A1099 system error, "apiErrorMsg": "…",
    "apiResponseID": "…", "apiResultData": a JSON string {"success": true|false, "errorCode": "S0000"|…,
    "errorMsg": …, "msgData": {…}}}.

    EXP_RECE_CREATE_ORDER msgData {"language": "zh-CN", "orderId": our order id (unique; SF answers a repeated
        orderId with its existing waybill), "contactInfoList": [{"contactType": 1 sender | 2 receiver, "contact",
        "tel", "province", "city", "county", "address"}], "cargoDetails": [{"name", "count"}], "expressTypeId": 1,
        "payMethod": 1, "monthlyCard": 月结卡号}
      -> msgData {"orderId", "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF…"}]}
    EXP_RECE_SEARCH_ROUTES msgData {"language": "0", "trackingType": "1", "trackingNumber": [waybill numbers],
        "methodType": "1"}
      -> msgData {"routeResps": [{"mailNo", "routes": [{"acceptTime": "YYYY-MM-DD HH:MM:SS" (Beijing),
        "acceptAddress", "remark", "opCode"}]}]}

Route push (路由推送, SF -> us): SF POSTs to our callback URL the same form envelope (partnerID, requestID,
serviceCode "RoutePushService", timestamp, msgDigest over msgData + timestamp + checkWord as above) with msgData
{"Body": {"WaybillRoute": [{"id": SF's unique route id, "mailno", "orderid", "acceptTime", "acceptAddress",
"remark", "opCode"}]}}, and expects {"return_code": "0000", "return_msg": "成功"} (anything else, or no answer,
makes SF push again later). `parse_push` checks the partner id, the digest and the timestamp's freshness;
the callback stores each route id once, so a repeated or replayed push changes nothing.

opCodes and the stage each one means (SF has many more; unknown codes are kept as in-transit events):
    50 收件 (picked_up, 揽收) · 30 / 31 / 36 分拣, 到达, 发车 (in_transit, 运输) · 44 派件 (delivering, 派送)
    · 80 签收 (signed, 签收) · 648 拒收退回 (returned, 退回)

Configuration: COURIER_API_BASE (default https://sfapi.sf-express.com, or the in-app sandbox at
{base_url}/sandbox/courier when the sandbox is on), COURIER_PARTNER_ID, COURIER_CHECK_WORD, COURIER_MONTHLY_CARD.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping, Protocol
from urllib.parse import parse_qsl, quote_plus, urlencode
from zoneinfo import ZoneInfo

import httpx

from app.errors import ProviderError

log = logging.getLogger("zhangban.courier")
SERVICE_PATH = "/std/service"
CREATE_ORDER = "EXP_RECE_CREATE_ORDER"
SEARCH_ROUTES = "EXP_RECE_SEARCH_ROUTES"
ROUTE_PUSH = "RoutePushService"
MAX_SKEW = 300  # seconds a request's or push's timestamp may be away from the clock
CST = ZoneInfo("Asia/Shanghai")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
PRODUCTION_BASE = "https://sfapi.sf-express.com"
SANDBOX_PARTNER = "ZHANGBAN_SBX"
SANDBOX_CHECK_WORD = "sandbox-courier-checkword-0123456789"

# opCode -> stage; the stages in the order a parcel goes through them (returned is an end like signed)
STAGES = ("created", "picked_up", "in_transit", "delivering", "signed", "returned")
OP_STAGES = {"50": "picked_up", "30": "in_transit", "31": "in_transit", "36": "in_transit",
             "44": "delivering", "80": "signed", "648": "returned"}
STAGE_NAMES = {"created": "已下单", "picked_up": "已揽收", "in_transit": "运输中", "delivering": "派送中",
               "signed": "已签收", "returned": "拒收退回"}
FINAL_STAGES = {"signed", "returned"}


# ---------------------------------------------------------------- the signature scheme (shared with the sandbox)

def digest(msg_data: str, timestamp: str, check_word: str) -> str:
    """msgDigest: base64(md5(form-urlencode(msgData + timestamp + checkWord)))."""
    text = quote_plus(msg_data + timestamp + check_word, encoding="utf-8")
    return base64.b64encode(hashlib.md5(text.encode("utf-8")).digest()).decode()


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def envelope(partner_id: str, service_code: str, msg: dict | str, check_word: str, *,
             request_id: str | None = None, timestamp: str | None = None) -> dict[str, str]:
    """The signed form fields of a request (or of a route push)."""
    msg_data = msg if isinstance(msg, str) else dumps(msg)
    ts = timestamp or str(int(time.time() * 1000))
    return {"partnerID": partner_id, "requestID": request_id or uuid.uuid4().hex, "serviceCode": service_code,
            "timestamp": ts, "msgDigest": digest(msg_data, ts, check_word), "msgData": msg_data}


def fresh(timestamp: str, now: float | None = None) -> bool:
    """A unix-milliseconds timestamp within MAX_SKEW seconds of the clock."""
    if not timestamp.isdigit() or len(timestamp) > 15:
        return False
    return abs((time.time() if now is None else now) - int(timestamp) / 1000) <= MAX_SKEW


def check_envelope(form: Mapping[str, str], partner_id: str, check_word: str) -> str | None:
    """Why a signed envelope is refused (an API result code and message), or None when it is good."""
    for name in ("partnerID", "requestID", "serviceCode", "timestamp", "msgDigest", "msgData"):
        if not form.get(name):
            return f"A1001:必传参数不可为空（{name}）"
    if not hmac.compare_digest(form["partnerID"], partner_id):
        return "A1004:无对应服务权限（partnerID）"
    if not fresh(form["timestamp"]):
        return "A1002:请求时效已过期（timestamp）"
    if not hmac.compare_digest(form["msgDigest"], digest(form["msgData"], form["timestamp"], check_word)):
        return "A1006:数字签名无效（msgDigest）"
    return None


def parse_time(text: str) -> datetime:
    """An SF time ("YYYY-MM-DD HH:MM:SS", Beijing) as UTC."""
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=CST).astimezone(timezone.utc)


def format_time(at: datetime) -> str:
    return at.astimezone(CST).strftime(TIME_FORMAT)


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    province: str
    city: str
    county: str
    address: str

    def sf(self, contact_type: int) -> dict:
        return {"contactType": contact_type, "contact": self.name, "tel": self.phone, "province": self.province,
                "city": self.city, "county": self.county, "address": self.address}


@dataclass(frozen=True)
class Route:
    """One route event of a waybill; `event_id` is unique per event across pushes and queries."""

    event_id: str
    waybill_no: str
    op_code: str
    accept_time: datetime  # UTC
    address: str
    remark: str
    order_id: str | None = None

    @property
    def stage(self) -> str:
        return OP_STAGES.get(self.op_code, "in_transit")


class PushRejected(Exception):
    """A route push that is not SF's: unsigned, stale, for another partner, or malformed."""


class Courier(Protocol):
    async def create_order(self, order_id: str, sender: Contact, receiver: Contact, cargo: str) -> str: ...

    async def routes(self, waybill_no: str) -> list[Route]: ...


def _route(item: Mapping, waybill_no: str | None = None) -> Route:
    no = str(item.get("mailno") or item.get("mailNo") or waybill_no or "")
    accept = str(item.get("acceptTime") or "")
    op = str(item.get("opCode") or "")
    if not no or not accept or not op:
        raise ValueError("route without mailno, acceptTime or opCode")
    event_id = str(item.get("id") or hashlib.sha256(f"{no}|{op}|{accept}".encode()).hexdigest()[:32])
    return Route(event_id=event_id[:64], waybill_no=no[:32], op_code=op[:8], accept_time=parse_time(accept),
                 address=str(item.get("acceptAddress") or "")[:128], remark=str(item.get("remark") or "")[:256],
                 order_id=(str(item["orderid"])[:64] if item.get("orderid") else None))


def form_of(body: bytes | None) -> dict[str, str]:
    """A form-encoded body as a dict (a field given twice: the last); undecodable bytes cannot match a digest."""
    return dict(parse_qsl((body or b"").decode("utf-8", "replace"), keep_blank_values=True))


def parse_push(form: Mapping[str, str], partner_id: str, check_word: str) -> list[Route]:
    """The route events of a signed route push; PushRejected when it is not SF's or cannot be read."""
    problem = check_envelope(form, partner_id, check_word)
    if problem is None and form["serviceCode"] != ROUTE_PUSH:
        problem = f"A1004:未知的推送服务（{form['serviceCode']}）"
    if problem:
        raise PushRejected(problem.split(":", 1)[1])
    try:
        routes = json.loads(form["msgData"])["Body"]["WaybillRoute"]
        if not isinstance(routes, list) or not 1 <= len(routes) <= 100:
            raise ValueError("WaybillRoute should be a list of 1 to 100 routes")
        return [_route(r) for r in routes]
    except (ValueError, KeyError, TypeError) as exc:
        raise PushRejected(f"推送报文格式错误：{exc}") from exc


def push_answer(ok: bool, message: str = "成功") -> dict:
    return {"return_code": "0000" if ok else "1000", "return_msg": message}


# ---------------------------------------------------------------- the adapter

class SFExpress:
    def __init__(self, base: str, partner_id: str, check_word: str, http: httpx.AsyncClient,
                 monthly_card: str = ""):
        self.base, self.partner_id, self.check_word = base.rstrip("/"), partner_id, check_word
        self.http, self.monthly_card = http, monthly_card

    async def call(self, service_code: str, msg: dict) -> dict:
        """One signed call; the answer's msgData, or ProviderError with SF's reason."""
        form = envelope(self.partner_id, service_code, msg, self.check_word)
        try:
            resp = await self.http.post(self.base + SERVICE_PATH, content=urlencode(form).encode(),
                                        headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
        except httpx.HTTPError as exc:
            raise ProviderError(f"顺丰接口连接失败：{type(exc).__name__}") from exc
        if resp.status_code >= 400:
            raise ProviderError(f"顺丰接口返回错误（HTTP {resp.status_code}）")
        try:
            answer = resp.json()
            code = answer["apiResultCode"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ProviderError("顺丰接口返回了无法识别的内容") from exc
        if code != "A1000":
            log.warning("SF %s refused: %s %s", service_code, code, answer.get("apiErrorMsg"))
            raise ProviderError(f"顺丰接口拒绝了请求（{code}：{answer.get('apiErrorMsg') or ''}）")
        try:
            result = json.loads(answer["apiResultData"])
            ok, data = result["success"], result.get("msgData")
        except (ValueError, KeyError, TypeError) as exc:
            raise ProviderError("顺丰接口返回了无法识别的内容") from exc
        if not ok or not isinstance(data, dict):
            raise ProviderError(f"顺丰业务处理失败（{result.get('errorCode')}：{result.get('errorMsg') or ''}）")
        return data

    async def create_order(self, order_id: str, sender: Contact, receiver: Contact, cargo: str) -> str:
        """Place an order (下订单) and return its waybill number (运单号)."""
        data = await self.call(CREATE_ORDER, {
            "language": "zh-CN", "orderId": order_id, "contactInfoList": [sender.sf(1), receiver.sf(2)],
            "cargoDetails": [{"name": cargo, "count": 1}], "expressTypeId": 1, "payMethod": 1,
            "monthlyCard": self.monthly_card})
        try:
            no = next(w["waybillNo"] for w in data["waybillNoInfoList"] if str(w.get("waybillType", 1)) == "1")
        except (KeyError, TypeError, StopIteration) as exc:
            raise ProviderError("顺丰下单应答中没有运单号") from exc
        if data.get("orderId") != order_id or not isinstance(no, str) or not 6 <= len(no) <= 32:
            raise ProviderError("顺丰下单应答与订单不符")
        return no

    async def routes(self, waybill_no: str) -> list[Route]:
        """Every route event of a waybill (路由查询), oldest first."""
        data = await self.call(SEARCH_ROUTES, {"language": "0", "trackingType": "1",
                                               "trackingNumber": [waybill_no], "methodType": "1"})
        try:
            resp = next(r for r in data["routeResps"] if r.get("mailNo") == waybill_no)
            routes = [_route(item, waybill_no) for item in resp.get("routes") or []]
        except (KeyError, TypeError, ValueError, StopIteration) as exc:
            raise ProviderError("顺丰路由应答格式不正确") from exc
        return sorted(routes, key=lambda r: r.accept_time)


def credentials(settings) -> tuple[str, str]:
    """(partner id, check word): COURIER_PARTNER_ID / COURIER_CHECK_WORD, the sandbox's by default."""
    return (getattr(settings, "courier_partner_id", "") or SANDBOX_PARTNER,
            getattr(settings, "courier_check_word", "") or SANDBOX_CHECK_WORD)


def base_url(settings) -> str:
    own = getattr(settings, "courier_api_base", "")
    if own:
        return own.rstrip("/")
    return f"{settings.base_url}/sandbox/courier" if settings.sandbox_on else PRODUCTION_BASE


def from_settings(settings, http: httpx.AsyncClient) -> SFExpress:
    partner, check_word = credentials(settings)
    return SFExpress(base_url(settings), partner, check_word, http, getattr(settings, "courier_monthly_card", ""))
