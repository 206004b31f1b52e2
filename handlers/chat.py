"""智能咨询 and 转人工: the citizen's conversation, the staff agents' routes, and the chat WebSocket."""
import asyncio
import json as jsonlib

from pydantic import ConfigDict, Field
from sanic import Blueprint, Request

from app import ratelimit
from app.auth import current_user, requires
from app.errors import AppError
from app.services.engagement import chat
from app.validators import is_decimal
from handlers import _views as v
from handlers._openapi import doc, send
from handlers._request import Body, parse
from models import User

bp = Blueprint("chat", url_prefix="/chat")
staff_bp = Blueprint("staff_chat", url_prefix="/staff/chat")
ws_bp = Blueprint("chat_ws")


class MessageBody(Body):
    text: str | None = Field(default=None, description="消息内容（非空，最长 ZB_CHAT_MAX_CHARS 个字，默认 500）")

    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "身份证过期了怎么办"}]})


def _views(rows) -> list[dict]:
    return [chat.message_view(m) for m in rows]


async def _rate_limit(request: Request, user: User) -> None:
    s = request.app.ctx.settings
    await ratelimit.hit(request, "chat", s.chat_rate_limit, 60, who=f"u{user.id}")


@bp.post("/sessions")
@doc(ok=v.Conversation, status=201, errors=(429,))
@requires("citizen")
async def start(request: Request):
    """Start a conversation with the assistant: the session and its greeting messages."""
    user = await current_user(request)
    await _rate_limit(request, user)
    session, rows = await chat.start(request.app.ctx, user)
    await session.fetch_related("department", "agent")
    return send(request, {"session": chat.session_view(session), "messages": _views(rows)}, 201)


@bp.get("/sessions/<session_id:id>")
@doc(ok=v.Conversation)
@requires("citizen")
async def show(request: Request, session_id: int):
    """The conversation, its place in the queue while waiting for a person, and its transcript."""
    user = await current_user(request)
    s = await chat.of_citizen(user, session_id)
    return send(request, {"session": chat.session_view(s, await chat.queue_position(s)),
                          "messages": await chat.transcript(s)})


@bp.post("/sessions/<session_id:id>/messages")
@doc(body=MessageBody, ok=v.Posted, status=201, errors=(409, 429))
@requires("citizen")
async def post(request: Request, session_id: int):
    """Send {"text"}: the answer (structured messages: text, cards, quick replies, hand-off) is in the body and on
    the WebSocket /ws/chat/{id}. While a person has the conversation, the message goes to them."""
    body = parse(request, MessageBody)
    user = await current_user(request)
    await _rate_limit(request, user)
    s = await chat.of_citizen(user, session_id)
    mine, replies = await chat.post(request.app.ctx, user, s, body.text)
    return send(request, {"message": _views(mine)[0], "replies": _views(replies),
                          "session": chat.session_view(s, await chat.queue_position(s))}, 201)


@bp.post("/sessions/<session_id:id>/close")
@doc(ok=v.Conversation, errors=(409,))
@requires("citizen")
async def close(request: Request, session_id: int):
    """The citizen ends the conversation (and is asked to rate it)."""
    user = await current_user(request)
    s, rows = await chat.close(request.app.ctx, user, await chat.of_citizen(user, session_id))
    return send(request, {"session": chat.session_view(s), "messages": _views(rows)})


# ---------------------------------------------------------------- staff agents

@staff_bp.get("/queue")
@doc(ok=v.ChatQueue)
@requires("staff", "admin")
async def queue(request: Request):
    """My department's conversations waiting for a person, oldest first."""
    return send(request, await chat.queue_of(await current_user(request)))


@staff_bp.post("/next")
@doc(ok=v.Conversation, errors=(404, 409))
@requires("staff", "admin")
async def take_next(request: Request):
    """Take the oldest waiting conversation of my department (404 queue_empty when none)."""
    s, _ = await chat.take_next(request.app.ctx, await current_user(request))
    return send(request, {"session": chat.session_view(s), "messages": await chat.transcript(s)})


@staff_bp.get("/sessions/<session_id:id>")
@doc("A conversation of my department, with its transcript", ok=v.Conversation)
@requires("staff", "admin")
async def staff_show(request: Request, session_id: int):
    s = await chat.for_viewer(await current_user(request), session_id)
    return send(request, {"session": chat.session_view(s, await chat.queue_position(s)),
                          "messages": await chat.transcript(s)})


@staff_bp.post("/sessions/<session_id:id>/messages")
@doc(body=MessageBody, ok=v.AgentPosted, status=201, errors=(409,))
@requires("staff", "admin")
async def staff_post(request: Request, session_id: int):
    """Answer {"text"} in a conversation I took."""
    body = parse(request, MessageBody)
    s, rows = await chat.agent_post(request.app.ctx, await current_user(request), session_id, body.text)
    return send(request, {"message": _views(rows)[0]}, 201)


@staff_bp.post("/sessions/<session_id:id>/close")
@doc(ok=v.Conversation, errors=(409,))
@requires("staff", "admin")
async def staff_close(request: Request, session_id: int):
    """Close a conversation I took; the citizen is asked to rate it."""
    s, rows = await chat.agent_close(request.app.ctx, await current_user(request), session_id)
    return send(request, {"session": chat.session_view(s), "messages": _views(rows)})


# ---------------------------------------------------------------- WebSocket

@ws_bp.websocket("/ws/chat/<session_id:id>")
async def live(request: Request, ws, session_id: int):
    """Every new message of the conversation, as JSON, for its citizen or its agent (token in the Authorization
    header or ?token=). Messages after ?after=<id> are sent first, so a reconnect misses nothing."""
    ctx = request.app.ctx
    header = request.headers.get("authorization", "")
    token = header.partition(" ")[2].strip() or request.args.get("token", "")
    try:
        claims = ctx.tokens.verify(token)
        user = await User.get_or_none(id=claims.user_id)
        if user is None:
            raise chat.SessionNotFound()
        s = await chat.for_viewer(user, session_id)
    except AppError:
        await ws.close(code=4403, reason="forbidden")
        return
    queue = chat.watch(ctx, s.id)  # before reading the transcript, so that nothing falls in between
    try:
        after = request.args.get("after", "")
        seen = 0
        if is_decimal(after) and len(after) <= 19:
            for m in await chat.transcript(s, int(after)):
                seen = max(seen, m["id"])
                await ws.send(jsonlib.dumps(m, ensure_ascii=False))
        while True:
            m = await queue.get()
            if m["id"] > seen:
                await ws.send(jsonlib.dumps(m, ensure_ascii=False))
    except asyncio.CancelledError:
        raise
    finally:
        chat.unwatch(ctx, s.id, queue)
