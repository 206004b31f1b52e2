"""Conversations: sessions, messages, the assistant's turn, the hand-off queue (转人工) and staff agents.

Every stored message is published on Redis (CHAT_CHANNEL) after its transaction commits; each worker's listener
pushes it to the WebSocket clients of that session it holds. Transcripts are deleted `chat_retention_days` after
their last message (job chat.purge_transcripts). Logs name sessions and intents, never what people wrote.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from app.catalog_schema import HALL_DEPARTMENT
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.redis import subscribe_forever
from app.services.cases import applications
from app.services.engagement import assistant
from app.services.halls import appointments
from app.services.identity import identity
from app.services.payments import payments
from app.services.platform import workdays
from app.services.engagement.assistant import text
from models import ChatMessage, ChatSession, ChatStatus, Department, PayableStatus, User
from models.users import Role

log = logging.getLogger("zhangban.chat")
CHAT_CHANNEL = "zb:chat:messages"


class SessionNotFound(NotFound):
    code, message = "chat_not_found", "没有找到该会话"


class SessionClosed(Conflict):
    code, message = "chat_closed", "该会话已结束，请开始新的会话"


class QueueEmpty(NotFound):
    code, message = "queue_empty", "当前没有排队等待的会话"


class NotYourChat(Forbidden):
    code, message = "not_your_chat", "该会话不是由您接待"


def check_text(value: object, max_chars: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("请输入消息内容", field="text")
    value = value.strip()
    if len(value) > max_chars:
        raise Invalid(f"消息不能超过{max_chars}个字", field="text")
    try:  # a lone surrogate ("\ud800") parses from JSON but is no character: it could be neither stored nor sent
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid("消息含有无法识别的字符", field="text") from None
    return value


def message_view(m: ChatMessage) -> dict:
    return {"id": m.id, "sender": m.sender, "created_at": m.created_at.isoformat(), **m.content}


def session_view(s: ChatSession, position: int | None = None) -> dict:
    return {"id": s.id, "status": s.status.value, "channel": s.channel, "service_code": s.service_code,
            "department": {"code": s.department.code, "name": s.department.name} if s.department_id else None,
            "agent": s.agent.name if s.agent_id else None, "queue_position": position,
            "created_at": s.created_at.isoformat(), "closed_at": s.closed_at.isoformat() if s.closed_at else None}


# ---------------------------------------------------------------- storing and pushing

async def _store(session: ChatSession, sender: str, contents: list[dict], conn=None) -> list[ChatMessage]:
    rows = [await ChatMessage.create(session_id=session.id, sender=sender, content=c, using_db=conn) for c in contents]
    await ChatSession.filter(id=session.id).using_db(conn).update(last_at=workdays.utcnow())
    return rows


async def publish(ctx, session_id: int, rows: list[ChatMessage]) -> None:
    """After commit: every worker's WebSocket clients of the session get the messages."""
    if not rows:
        return
    payload = json.dumps({"s": session_id, "m": [message_view(r) for r in rows]}, ensure_ascii=False)
    try:
        await ctx.redis.publish(CHAT_CHANNEL, payload)
    except Exception:  # stored anyway; a client that reconnects reads the transcript
        log.warning("could not publish chat messages of session %s", session_id, exc_info=True)


def watchers(ctx) -> dict[int, set[asyncio.Queue]]:
    if getattr(ctx, "chat_watchers", None) is None:
        ctx.chat_watchers = defaultdict(set)
    return ctx.chat_watchers


def watch(ctx, session_id: int) -> asyncio.Queue:
    q: asyncio.Queue = asyncio.Queue(maxsize=200)
    watchers(ctx)[session_id].add(q)
    return q


def unwatch(ctx, session_id: int, q: asyncio.Queue) -> None:
    queues = watchers(ctx).get(session_id)
    if queues is not None:
        queues.discard(q)
        if not queues:
            watchers(ctx).pop(session_id, None)


async def listen(ctx) -> None:
    """Background task per worker: hand published messages to this worker's WebSocket clients."""

    async def deliver(data: str) -> None:
        msg = json.loads(data)
        for q in list(watchers(ctx).get(int(msg["s"]), ())):
            for m in msg["m"]:
                try:
                    q.put_nowait(m)
                except asyncio.QueueFull:  # a client that stopped reading; it can reload the transcript
                    pass

    await subscribe_forever(ctx.redis, CHAT_CHANNEL, deliver, lambda: None, log)


# ---------------------------------------------------------------- sessions

async def start(ctx, user: User | None, channel: str = "miniprogram", openid: str | None = None) -> tuple[ChatSession, list[ChatMessage]]:
    """A new conversation with the assistant's greeting."""
    async with in_transaction() as conn:
        s = await ChatSession.create(user=user, channel=channel, openid=openid, using_db=conn)
        rows = await _store(s, "bot", assistant.greeting(), conn)
    return s, rows


async def of_citizen(user: User, session_id: int) -> ChatSession:
    s = await ChatSession.get_or_none(id=session_id, user_id=user.id).prefetch_related("department", "agent")
    if s is None:
        raise SessionNotFound()
    return s


async def for_viewer(user: User, session_id: int) -> ChatSession:
    """The session for its citizen, its agent, or staff of its queue's department."""
    s = await ChatSession.get_or_none(id=session_id).prefetch_related("department", "agent")
    if s is None:
        raise SessionNotFound()
    if s.user_id == user.id or user.role == Role.ADMIN:
        return s
    if user.role == Role.STAFF and (s.agent_id == user.id or (s.department_id and s.department_id == user.department_id)):
        return s
    raise SessionNotFound()


async def transcript(session: ChatSession, after: int = 0) -> list[dict]:
    rows = await ChatMessage.filter(session_id=session.id, id__gt=after).order_by("id")
    return [message_view(m) for m in rows]


async def queue_position(s: ChatSession) -> int | None:
    if s.status != ChatStatus.QUEUED:
        return None
    return await ChatSession.filter(status=ChatStatus.QUEUED, department_id=s.department_id,
                                    queued_at__lte=s.queued_at).count()


# ---------------------------------------------------------------- the citizen's turn

async def post(ctx, user: User | None, session: ChatSession, value: str) -> tuple[list[ChatMessage], list[ChatMessage]]:
    """Store the citizen's message; while the assistant has the conversation, answer it. Returns (mine, replies)."""
    value = check_text(value, ctx.settings.chat_max_chars)
    if session.status == ChatStatus.CLOSED:
        raise SessionClosed()
    replies: list[dict] = []
    changes: dict = {}
    if session.status == ChatStatus.BOT:
        replies, changes = await _answer(ctx, user, session, value)
    async with in_transaction() as conn:
        mine = await _store(session, "citizen", [text(value)], conn)
        if changes:
            await ChatSession.filter(id=session.id).using_db(conn).update(**changes)
        out = await _store(session, "bot" if not changes.get("status") else "system", replies, conn)
    if changes:
        await session.refresh_from_db()
        await session.fetch_related("department", "agent")
    await publish(ctx, session.id, mine + out)
    return mine, out


async def _answer(ctx, user: User | None, session: ChatSession, value: str) -> tuple[list[dict], dict]:
    """The assistant's reply messages and any change to the session (the recognised service, a hand-off)."""
    u = await assistant.understand(ctx.catalog, value, session.service_code)
    log.info("chat %s: intent %s", session.id, u.intent)
    snap = await ctx.catalog.snapshot()
    changes: dict = {"service_code": u.services[0]} if u.services else {}
    if u.intent == "progress":
        return await _progress(user, u.acceptance_no), changes
    if u.intent == "howto":
        return assistant.howto_answer(snap, value, u.services), changes
    if u.intent == "booking":
        return await _booking(ctx, snap, u.services), changes
    if u.intent == "paying":
        return await _paying(ctx, user), changes
    if u.intent == "complaint":
        return _complaint(session, u.services), changes
    if u.intent == "handoff":
        return await _hand_off(ctx, session, u.services[0] if u.services else session.service_code)
    return assistant.unknown_answer(), changes


def _sign_in_first() -> list[dict]:
    return [text("请在“掌办”小程序登录并完成实名认证后查询您本人的办件和待缴费用。")]


async def _progress(user: User | None, acceptance_no: str | None) -> list[dict]:
    if user is None:
        return _sign_in_first()
    if acceptance_no:
        try:
            case = await applications.get_for(user, acceptance_no)
        except applications.CaseNotFound:
            return [text(f"没有找到受理编号为 {acceptance_no} 的您本人的办件，请核对编号。"),
                    assistant.quick_replies("progress", "handoff")]
        await case.fetch_related("lead_department")
        s = applications.summary(case)
        due = f"，承诺办结日期 {s['due_date']}" if s["due_date"] and s["status"] not in applications.FINISHED else ""
        return [text(f"您的办件“{s['subject']['name']}”当前状态：{s['status_label']}{due}。"), assistant.case_card(s)]
    mine = await applications.mine(user, 1, 5)
    if not mine["items"]:
        return [text("您还没有办件。告诉我您想办什么，我来帮您找到办事指南。")]
    return [text(f"您共有 {mine['total']} 件办件，最近的如下：")] + [assistant.case_card(s) for s in mine["items"]]


async def _booking(ctx, snap, services: list[str]) -> list[dict]:
    """The booking page of the service and, when a hall offers it, its next available slots as slot cards."""
    if not services:
        return [text("请告诉我您要预约办理的事项，例如“预约办护照”。"), assistant.quick_replies("handoff")]
    code = services[0]
    out = [text(f"可以预约办理“{snap.services[code].guide['name']}”，请选择时间段："), assistant.booking_card(snap, code)]
    slots = await appointments.next_available(ctx.settings, code)
    if slots:
        out += [text("最近可预约的时段：")] + [assistant.slot_card(code, s) for s in slots]
    return out


async def _paying(ctx, user: User | None) -> list[dict]:
    if user is None or user.verified_at is None:
        return _sign_in_first()
    if identity.level_of(user) < identity.LEVEL_FACE:
        return [text("查询待缴费用需先完成本人刷脸核身（实名等级3），请在“我的”中完成刷脸后再查询。")]
    unpaid = [p for p in await payments.payables_of(ctx, user) if p.status == PayableStatus.UNPAID]
    if not unpaid:
        return [text("您目前没有待缴费用。")]
    return [text(f"您有 {len(unpaid)} 笔待缴费用：")] + [assistant.payable_card(payments.payable_view(p)) for p in unpaid]


def _complaint(session: ChatSession, services: list[str]) -> list[dict]:
    path = f"/pages/complaint/complaint?session={session.id}" + (f"&service={services[0]}" if services else "")
    return [text("很抱歉给您带来不便。请填写投诉内容，我们会转交责任部门在规定时限内答复。"),
            {"type": "card", "card": "complaint", "title": "我要投诉", "subtitle": "咨询投诉", "path": path},
            assistant.quick_replies("handoff")]


# ---------------------------------------------------------------- hand-off (转人工)

async def _hand_off(ctx, session: ChatSession, service_code: str | None) -> tuple[list[dict], dict]:
    snap = await ctx.catalog.snapshot()
    dep_code = snap.services[service_code].department["code"] if service_code in snap.services else HALL_DEPARTMENT
    dep = await Department.get(code=dep_code)
    now = workdays.utcnow()
    ahead = await ChatSession.filter(status=ChatStatus.QUEUED, department_id=dep.id).count()
    hours = ctx.settings.chat_hours
    open_now = assistant.is_open(hours, now)
    note = "" if open_now else "现在不在服务时间，工作人员上班后将按顺序接待，您也可以先留言。"
    msg = {"type": "handoff", "department": {"code": dep.code, "name": dep.name}, "position": ahead + 1,
           "business_hours": f"工作日 {hours}", "open_now": open_now,
           "text": f"正在为您转接{dep.name}的工作人员，您前面还有 {ahead} 位。服务时间：工作日 {hours}。{note}"}
    changes = {"status": ChatStatus.QUEUED, "department_id": dep.id, "queued_at": now}
    if service_code:
        changes["service_code"] = service_code
    return [msg], changes


async def queue_of(agent: User) -> dict:
    """The agent's department's waiting conversations, oldest first."""
    rows = await ChatSession.filter(status=ChatStatus.QUEUED, department_id=agent.department_id).order_by(
        "queued_at", "id").limit(50).prefetch_related("department", "agent")
    total = await ChatSession.filter(status=ChatStatus.QUEUED, department_id=agent.department_id).count()
    return {"total": total, "items": [session_view(s, i + 1) for i, s in enumerate(rows)]}


async def take_next(ctx, agent: User) -> tuple[ChatSession, list[ChatMessage]]:
    """The agent takes the oldest waiting conversation of their department (a conditional update: two agents
    never take the same one)."""
    for _ in range(10):
        s = await ChatSession.filter(status=ChatStatus.QUEUED, department_id=agent.department_id).order_by(
            "queued_at", "id").first()
        if s is None:
            raise QueueEmpty()
        async with in_transaction() as conn:
            taken = await ChatSession.filter(id=s.id, status=ChatStatus.QUEUED).using_db(conn).update(
                status=ChatStatus.AGENT, agent_id=agent.id, taken_at=workdays.utcnow())
            if not taken:
                continue
            rows = await _store(s, "system", [text(f"工作人员{agent.name or ''}为您服务。")], conn)
        await publish(ctx, s.id, rows)
        return await ChatSession.get(id=s.id).prefetch_related("department", "agent"), rows
    raise QueueEmpty()


async def _agents_session(agent: User, session_id: int) -> ChatSession:
    s = await ChatSession.get_or_none(id=session_id).prefetch_related("department", "agent")
    if s is None:
        raise SessionNotFound()
    if s.agent_id != agent.id:
        raise NotYourChat()
    if s.status == ChatStatus.CLOSED:
        raise SessionClosed()
    return s


async def agent_post(ctx, agent: User, session_id: int, value: str) -> tuple[ChatSession, list[ChatMessage]]:
    """The agent answers in the same thread (and, for a WeChat conversation, through custom/send)."""
    value = check_text(value, ctx.settings.chat_max_chars)
    s = await _agents_session(agent, session_id)
    async with in_transaction() as conn:
        rows = await _store(s, "agent", [text(value)], conn)
    await publish(ctx, s.id, rows)
    if s.channel == "wechat" and s.openid:
        from app.services.engagement import wechat_push

        wechat_push.send_later(ctx, s.openid, [text(value)])
    return s, rows


async def close(ctx, actor: User, session: ChatSession) -> tuple[ChatSession, list[ChatMessage]]:
    """End the conversation (its agent, or the citizen); the citizen may then rate it."""
    if session.status == ChatStatus.CLOSED:
        raise SessionClosed()
    now = workdays.utcnow()
    by = "工作人员" if actor.role != Role.CITIZEN else "您"
    async with in_transaction() as conn:
        done = await ChatSession.filter(id=session.id).exclude(status=ChatStatus.CLOSED).using_db(conn).update(
            status=ChatStatus.CLOSED, closed_at=now)
        if not done:
            raise SessionClosed()
        content = [text(f"{by}结束了本次会话。"),
                   {"type": "rating", "target_type": "chat", "target_id": str(session.id), "text": "请为本次服务评价"}]
        rows = await _store(session, "system", content, conn)
    await publish(ctx, session.id, rows)
    session.status, session.closed_at = ChatStatus.CLOSED, now
    return session, rows


async def agent_close(ctx, agent: User, session_id: int) -> tuple[ChatSession, list[ChatMessage]]:
    return await close(ctx, agent, await _agents_session(agent, session_id))


# ---------------------------------------------------------------- retention

async def purge_transcripts(days: int, now: datetime | None = None) -> int:
    """Delete conversations (and their messages) whose last message is older than `days`; returns how many."""
    cutoff = (now or workdays.utcnow()) - timedelta(days=days)
    ids = await ChatSession.filter(last_at__lt=cutoff).exclude(status=ChatStatus.QUEUED).values_list("id", flat=True)
    if not ids:
        return 0
    async with in_transaction() as conn:
        await ChatMessage.filter(session_id__in=ids).using_db(conn).delete()
        await ChatSession.filter(id__in=ids).using_db(conn).delete()
    return len(ids)

