"""Notifications: the caller's subscribe-message consents and inbox; dead letters for admins; the DingTalk
event callback (approvals)."""
from typing import Literal

from pydantic import ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.cases import approvals
from app.services.notifications import notifications
from handlers import _views as v
from handlers._openapi import DINGTALK_CALLBACK, BigId, Query, doc, merge_queries, paging_query, parse_query, send
from handlers._request import Body, json_object, paging, parse

bp = Blueprint("notifications")
ANY = ("citizen", "staff", "admin")


class ReadBody(Body):
    ids: list[BigId] | None = Field(default=None, max_length=200, description="要标为已读的消息；省略则全部已读")

    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": [12, 13]}, {}]})


class InboxFilter(Query):
    unread: Literal["0", "1"] | None = Field(default=None, description="1：只看未读")


class DeliveryFilter(Query):
    status: str = Field(default="dead", max_length=16, description="pending|sent|skipped|failed|dead")


InboxQuery = merge_queries("InboxQuery", InboxFilter, paging_query())
DeliveryQuery = merge_queries("DeliveryQuery", DeliveryFilter, paging_query(100))
SUBSCRIPTION_RESULTS = {"application/json": {
    "type": "object", "description": 'wx.requestSubscribeMessage 的结果 {"<templateId>": "accept"|"reject"|"ban"|"filter"}，'
                                     '或 {"results": {…}}',
    "additionalProperties": {"anyOf": [{"type": "string", "enum": ["accept", "reject", "ban", "filter"]},
                                       {"type": "object", "additionalProperties": {"type": "string"}}]},
    "examples": [{"sandbox-tpl-submitted": "accept"}]}}
CALLBACK_QUERY = [{"name": n, "in": "query", "required": False, "schema": {"type": "string", "maxLength": 128}}
                  for n in ("msg_signature", "signature", "timestamp", "nonce")]


@bp.get("/me/subscriptions")
@doc(tag="notifications", ok=v.Subscriptions)
@requires(*ANY)
async def subscriptions(request: Request):
    """The subscribe-message templates to request at each moment (submit, book, pay, complain) and the caller's
    remaining one-time quota per template."""
    return send(request, await notifications.subscriptions_of(request.app.ctx, await current_user(request)))


@bp.post("/me/subscriptions")
@doc(tag="notifications", body=SUBSCRIPTION_RESULTS, ok=v.Subscriptions, errors=(400, 422))
@requires(*ANY)
async def report_subscriptions(request: Request):
    """Report what wx.requestSubscribeMessage answered: {"<templateId>": "accept"|"reject"|"ban"|"filter", …}
    (or {"results": {…}}). Each accept allows one subscribe message of that template."""
    body = json_object(request)
    results = body.get("results", body)
    return send(request, await notifications.record_subscriptions(request.app.ctx, await current_user(request),
                                                                  results))


@bp.get("/me/notifications")
@doc(tag="notifications", query=InboxQuery, ok=v.Inbox)
@requires(*ANY)
async def inbox(request: Request):
    """The caller's messages, newest first (?unread=1 for unread only), with the unread count."""
    q = parse_query(request, InboxFilter)
    return send(request, await notifications.inbox(await current_user(request), *paging(request), q.unread == "1"))


@bp.post("/me/notifications/read")
@doc(tag="notifications", body=ReadBody, ok=v.Marked)
@requires(*ANY)
async def mark_read(request: Request):
    """Mark messages read: {"ids": [..]}, or {} for all."""
    body = parse(request, ReadBody)
    return send(request, {"marked": await notifications.mark_read(await current_user(request), body.ids)})


@bp.post("/me/notifications/<message_id:bigid>/read")
@doc(tag="notifications", ok=v.Marked)
@requires(*ANY)
async def mark_one_read(request: Request, message_id: int):
    """Mark one message read."""
    return send(request, {"marked": await notifications.mark_read(await current_user(request), [message_id])})


@bp.get("/admin/notifications/deliveries")
@doc(tag="admin", query=DeliveryQuery, ok=v.Deliveries)
@requires("admin")
async def deliveries(request: Request):
    """Deliveries by ?status= (default dead: the dead letters)."""
    q = parse_query(request, DeliveryFilter)
    return send(request, await notifications.deliveries(q.status, *paging(request, most=100)))


@bp.post("/admin/notifications/deliveries/<delivery_id:bigid>/retry")
@doc(tag="admin", ok=v.Delivery, errors=(409, 422))
@requires("admin")
async def retry(request: Request, delivery_id: int):
    """Send a dead letter again (pending now, with a fresh set of tries)."""
    return send(request, notifications.delivery_view(await notifications.retry_dead(delivery_id)))


@bp.post("/dingtalk/callback")
@doc(tag="callbacks", security=DINGTALK_CALLBACK, params=tuple(CALLBACK_QUERY),
     body={"application/json": {"type": "object", "properties": {"encrypt": {"type": "string"}}}},
     ok={"type": "object", "properties": {"msg_signature": {"type": "string"}, "timeStamp": {"type": "string"},
                                          "nonce": {"type": "string"}, "encrypt": {"type": "string"}}},
     errors=(400, 403, 409))
async def dingtalk_callback(request: Request):
    """DingTalk event push (HTTP): ?msg_signature&timestamp&nonce, body {"encrypt"}; answered with the encrypted
    "success". A bad signature, stale timestamp or undecryptable body is a 403, a replay a 409."""
    body = request.json if isinstance(request.json, dict) else {}
    args = {k: request.args.get(k) for k in ("msg_signature", "signature", "timestamp", "nonce")}
    return json(await approvals.handle_callback(request.app.ctx, args, body))
