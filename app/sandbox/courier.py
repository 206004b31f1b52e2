"""Sandbox SF Express (顺丰) open platform: the std/service API and its route pushes, with their signatures.

Speaks the protocol documented in app/providers/courier.py. POST /sandbox/courier/std/service checks the
partner id, timestamp (±300 s), msgDigest and requestID (remembered in Redis for 600 s: A1007 on reuse, in
every worker), then places orders (a repeated orderId gets its waybill again) and answers route queries. Its
waybills live in Redis, so every worker sees the same parcel.

The van: POST /sandbox/courier/waybills/{waybill_no}/advance moves a waybill through 揽收 → 运输 → 派送 → 签收
(one stage, or up to {"to": "picked_up" | "in_transit" | "delivering" | "signed" | "returned"}; "returned" is
拒收退回 after 派送) and pushes each new route event, signed, to our callback ({base_url}{PUSH_PATH}), as SF
would. {"duplicate": true} pushes each event twice, {"out_of_order": true} pushes the new events newest first;
{"push": false} only records them (a route query still finds them). Route times start at the waybill's order
time and advance by ZB_SANDBOX_TIME_SCALE × 2 hours per event. The answer lists the events and what our
callback answered to each push. GET /sandbox/courier/waybills/{waybill_no} shows a parcel.
"""
from __future__ import annotations

import json as jsonlib
import secrets
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from sanic import Blueprint, Request
from sanic.response import json

from app.providers.courier import (CREATE_ORDER, FINAL_STAGES, ROUTE_PUSH, SEARCH_ROUTES, SERVICE_PATH, STAGES,
                                   check_envelope, credentials, dumps, envelope, form_of, format_time,
                                   parse_time)

bp = Blueprint("sandbox_courier", url_prefix="/sandbox/courier")
PUSH_PATH = "/api/v1/callbacks/courier"  # where SF's console is told to push our route events
REQUEST_TTL = 600
WAYBILL_TTL = 30 * 24 * 3600
EVENTS = {  # stage -> (opCode, remark)
    "picked_up": ("50", "顺丰速运 已收取快件"),
    "in_transit": ("30", "快件在【示例市南湖集散中心】完成分拣，准备发往目的地"),
    "delivering": ("44", "快件交给派送员，正在派送途中"),
    "signed": ("80", "已签收，感谢使用顺丰，期待再次为您服务"),
    "returned": ("648", "收件人拒收，快件已安排退回寄件方"),
}
PATH_TO = {"picked_up": ["picked_up"], "in_transit": ["picked_up", "in_transit"],
           "delivering": ["picked_up", "in_transit", "delivering"],
           "signed": ["picked_up", "in_transit", "delivering", "signed"],
           "returned": ["picked_up", "in_transit", "delivering", "returned"]}


def _key(kind: str, ident: str) -> str:
    return f"zb:sbx:courier:{kind}:{ident}"


def _api(code: str, message: str = "", data: dict | None = None, success: bool = True, error: str = "S0000"):
    result = None
    if code == "A1000":
        result = dumps({"success": success, "errorCode": error, "errorMsg": None if success else message,
                        "msgData": data})
    return json({"apiResultCode": code, "apiErrorMsg": "" if code == "A1000" else message,
                 "apiResponseID": secrets.token_hex(16).upper(), "apiResultData": result}, ensure_ascii=False)


def _business_error(error: str, message: str):
    return _api("A1000", message, None, success=False, error=error)


async def _load(redis, no: str) -> dict | None:
    raw = await redis.get(_key("wb", no))
    return jsonlib.loads(raw) if raw else None


async def _save(redis, parcel: dict) -> None:
    await redis.set(_key("wb", parcel["waybill_no"]), dumps(parcel), ex=WAYBILL_TTL)


async def _create_order(redis, msg: dict):
    order_id = msg.get("orderId")
    contacts = msg.get("contactInfoList")
    if not isinstance(order_id, str) or not 1 <= len(order_id) <= 64:
        return _business_error("8013", "订单号不能为空")
    if not isinstance(contacts, list) or {c.get("contactType") for c in contacts if isinstance(c, dict)} != {1, 2}:
        return _business_error("8014", "寄件方和收件方信息不完整")
    for c in contacts:
        if not all(isinstance(c.get(f), str) and c.get(f) for f in ("contact", "tel", "address")):
            return _business_error("8014", "联系人、电话和地址不能为空")
    no = f"SF{secrets.randbelow(10 ** 13):013d}"
    if await redis.set(_key("order", order_id), no, nx=True, ex=WAYBILL_TTL):
        receiver = next(c for c in contacts if c.get("contactType") == 2)
        await _save(redis, {"waybill_no": no, "order_id": order_id, "stage": "created", "routes": [],
                            "ordered_at": format_time(datetime.now(timezone.utc)),
                            "receiver_city": receiver.get("city") or ""})
    else:  # a repeated order: its waybill again
        no = (await redis.get(_key("order", order_id))).decode()
    return _api("A1000", data={"orderId": order_id, "waybillNoInfoList": [{"waybillType": 1, "waybillNo": no}]})


async def _search_routes(redis, msg: dict):
    numbers = msg.get("trackingNumber")
    if not isinstance(numbers, list) or not 1 <= len(numbers) <= 10:
        return _business_error("8017", "运单号不能为空，且一次最多查询10个")
    resps = []
    for no in numbers:
        parcel = await _load(redis, str(no))
        routes = [{k: r[k] for k in ("acceptTime", "acceptAddress", "remark", "opCode")}
                  for r in (parcel or {}).get("routes", [])]
        resps.append({"mailNo": str(no), "routes": routes})
    return _api("A1000", data={"routeResps": resps})


@bp.post(SERVICE_PATH)
async def service(request: Request):
    """SF's one API endpoint: a signed form naming its serviceCode."""
    partner, check_word = credentials(request.app.ctx.settings)
    form = form_of(request.body)
    problem = check_envelope(form, partner, check_word)
    if problem:
        code, message = problem.split(":", 1)
        return _api(code, message)
    redis = request.app.ctx.redis
    if not await redis.set(_key("req", form["requestID"][:64]), "1", nx=True, ex=REQUEST_TTL):
        return _api("A1007", "重复请求（requestID）")
    try:
        msg = jsonlib.loads(form["msgData"])
    except ValueError:
        msg = None
    if not isinstance(msg, dict):
        return _api("A1001", "msgData 应为JSON对象")
    if form["serviceCode"] == CREATE_ORDER:
        return await _create_order(redis, msg)
    if form["serviceCode"] == SEARCH_ROUTES:
        return await _search_routes(redis, msg)
    return _api("A1004", f"无对应服务权限（{form['serviceCode']}）")


@bp.get("/waybills/<waybill_no:str>")
async def show(request: Request, waybill_no: str):
    """A sandbox parcel: its stage and route events."""
    parcel = await _load(request.app.ctx.redis, waybill_no)
    if parcel is None:
        return json({"error": {"code": "not_found", "message": "运单不存在", "field": "waybill_no"}}, status=404)
    return json(parcel, ensure_ascii=False)


def _new_routes(parcel: dict, to: str | None, scale: float) -> list[dict] | str:
    done = [r["stage"] for r in parcel["routes"]]
    if parcel["stage"] in FINAL_STAGES:
        return "运单已签收或退回，不能再推进"
    if to is None:
        target = STAGES[STAGES.index(parcel["stage"]) + 1]
    elif to in PATH_TO:
        target = to
    else:
        return f"未知的状态：{to}"
    todo = [s for s in PATH_TO[target] if s not in done]
    if not todo:
        return "运单已到达该状态"
    last = parse_time(parcel["routes"][-1]["acceptTime"] if parcel["routes"] else parcel["ordered_at"])
    routes = []
    for stage in todo:
        last += timedelta(hours=2 * scale, seconds=1)
        op, remark = EVENTS[stage]
        routes.append({"id": secrets.token_hex(12), "mailno": parcel["waybill_no"], "orderid": parcel["order_id"],
                       "acceptTime": format_time(last), "acceptAddress": parcel.get("receiver_city") or "示例市",
                       "remark": remark, "opCode": op, "stage": stage})
    return routes


async def push(app, routes: list[dict]) -> dict:
    """Push route events to our callback as SF does (one signed form); our answer, or the failure."""
    settings = app.ctx.settings
    partner, check_word = credentials(settings)
    body = {"Body": {"WaybillRoute": [{k: v for k, v in r.items() if k != "stage"} for r in routes]}}
    form = envelope(partner, ROUTE_PUSH, body, check_word)
    try:
        resp = await app.ctx.http.post(settings.base_url + PUSH_PATH, content=urlencode(form).encode(),
                                       headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
        return {"status": resp.status_code, "answer": resp.json()}
    except Exception as exc:  # the receiver is down or answered rubbish: SF would push again later
        return {"status": None, "answer": f"{type(exc).__name__}: {exc}"}


@bp.post("/waybills/<waybill_no:str>/advance")
async def advance(request: Request, waybill_no: str):
    """The courier's van: the waybill's next stage (or up to "to"), its route events pushed to our callback."""
    body = request.json if request.body else {}
    if not isinstance(body, dict):
        return json({"error": {"code": "invalid", "message": "请求体应为JSON对象", "field": None}}, status=422)
    redis = request.app.ctx.redis
    parcel = await _load(redis, waybill_no)
    if parcel is None:
        return json({"error": {"code": "not_found", "message": "运单不存在", "field": "waybill_no"}}, status=404)
    routes = _new_routes(parcel, body.get("to"), request.app.ctx.settings.sandbox_time_scale)
    if isinstance(routes, str):
        return json({"error": {"code": "invalid", "message": routes, "field": "to"}}, status=409)
    parcel["routes"] += routes
    parcel["stage"] = routes[-1]["stage"]
    await _save(redis, parcel)
    pushes = []
    if body.get("push", True):
        order = list(reversed(routes)) if body.get("out_of_order") else routes
        for r in order:
            for _ in range(2 if body.get("duplicate") else 1):
                pushes.append(await push(request.app, [r]))
    return json({"waybill_no": waybill_no, "stage": parcel["stage"], "routes": routes, "pushes": pushes},
                ensure_ascii=False)
