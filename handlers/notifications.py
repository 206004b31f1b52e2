"""Notifications: the caller's subscribe-message consents and inbox; dead letters for admins; the DingTalk
event callback (approvals)."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.cases import approvals
from app.services.notifications import notifications
from handlers._request import Body, json_object, paging, parse

bp = Blueprint("notifications")
ANY = ("citizen", "staff", "admin")


class ReadBody(Body):
    ids: list[int] | None = Field(default=None, max_length=200)  # None: all


@bp.get("/me/subscriptions")
@requires(*ANY)
async def subscriptions(request: Request):
    """The subscribe-message templates to request at each moment (submit, book, pay, complain) and the caller's
    remaining one-time quota per template."""
    return json(await notifications.subscriptions_of(request.app.ctx, await current_user(request)))


@bp.post("/me/subscriptions")
@requires(*ANY)
async def report_subscriptions(request: Request):
    """Report what wx.requestSubscribeMessage answered: {"<templateId>": "accept"|"reject"|"ban"|"filter", …}
    (or {"results": {…}}). Each accept allows one subscribe message of that template."""
    body = json_object(request)
    results = body.get("results", body)
    return json(await notifications.record_subscriptions(request.app.ctx, await current_user(request), results))


@bp.get("/me/notifications")
@requires(*ANY)
async def inbox(request: Request):
    """The caller's messages, newest first (?unread=1 for unread only), with the unread count."""
    return json(await notifications.inbox(await current_user(request), *paging(request),
                                          request.args.get("unread") == "1"))


@bp.post("/me/notifications/read")
@requires(*ANY)
async def mark_read(request: Request):
    """Mark messages read: {"ids": [..]}, or {} for all."""
    body = parse(request, ReadBody)
    return json({"marked": await notifications.mark_read(await current_user(request), body.ids)})


@bp.post("/me/notifications/<message_id:int>/read")
@requires(*ANY)
async def mark_one_read(request: Request, message_id: int):
    """Mark one message read."""
    return json({"marked": await notifications.mark_read(await current_user(request), [message_id])})


@bp.get("/admin/notifications/deliveries")
@requires("admin")
async def deliveries(request: Request):
    """Deliveries by ?status= (default dead: the dead letters)."""
    return json(await notifications.deliveries(request.args.get("status", "dead"),
                                               *paging(request, most=100)))


@bp.post("/admin/notifications/deliveries/<delivery_id:int>/retry")
@requires("admin")
async def retry(request: Request, delivery_id: int):
    """Send a dead letter again (pending now, with a fresh set of tries)."""
    return json(notifications.delivery_view(await notifications.retry_dead(delivery_id)))


@bp.post("/dingtalk/callback")
async def dingtalk_callback(request: Request):
    """DingTalk event push (HTTP): ?msg_signature&timestamp&nonce, body {"encrypt"}; answered with the encrypted
    "success". A bad signature, stale timestamp or undecryptable body is a 403, a replay a 409."""
    body = request.json if isinstance(request.json, dict) else {}
    args = {k: request.args.get(k) for k in ("msg_signature", "signature", "timestamp", "nonce")}
    return json(await approvals.handle_callback(request.app.ctx, args, body))
