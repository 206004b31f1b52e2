"""WeChat message push (消息推送): URL verification and user messages, answered by the assistant."""
from sanic import Blueprint, Request
from sanic.response import text

from app import ratelimit
from app.errors import TooManyRequests
from app.services.engagement import wechat_push
from handlers._openapi import WECHAT_PUSH, Binary, doc

bp = Blueprint("wechat_push", url_prefix="/wechat")


@bp.get("/push")
@doc(tag="callbacks", security=WECHAT_PUSH, ok=Binary("text/plain"), errors=(400, 403),
     params=tuple({"name": n, "in": "query", "required": n != "msg_signature", "schema": {"type": "string", "maxLength": 128}}
                  for n in ("signature", "timestamp", "nonce", "echostr")))
async def verify(request: Request):
    """URL verification: the echostr back when signature (token, timestamp, nonce) is ours; 403 otherwise."""
    return text(wechat_push.verify_url(request.app.ctx.settings, request.args))


@bp.post("/push")
@doc(tag="callbacks", security=WECHAT_PUSH, body={"text/xml": {"type": "string"}}, ok=Binary("application/xml", "text/plain"),
     errors=(400, 403, 409, 429),
     params=tuple({"name": n, "in": "query", "required": False, "schema": {"type": "string", "maxLength": 128}}
                  for n in ("signature", "timestamp", "nonce", "openid", "encrypt_type", "msg_signature")))
async def push(request: Request):
    """A pushed message or event: the passive reply XML (encrypted in safe mode), or "success" when the answer
    follows by custom/send, or when this push (its nonce or its message) was seen before. A forged, stale or, in
    safe mode, plaintext push is a 403; an empty, non-UTF-8 or malformed body, or one with a DTD, is a 400."""
    s = request.app.ctx.settings
    args = {k: request.args.get(k) for k in request.args}
    pushed = wechat_push.decode(s, args, request.body or b"")
    if not await wechat_push.first_time(request.app.ctx, pushed):
        return text("success")
    message = pushed.message
    try:
        await ratelimit.hit(request, "chat", s.chat_rate_limit, 60, who=f"wx:{message.source}")
        content = await wechat_push.handle(request.app.ctx, message, s.wechat_passive_timeout)
    except TooManyRequests:
        content = "消息太频繁，请稍后再试。"
    return text(wechat_push.encode(s, args, message, content), content_type="application/xml")
