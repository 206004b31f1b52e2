"""Notifications: outbox events become deliveries (rules per event kind), a sender delivers them.

Dispatching (`dispatch_batch`): undispatched outbox events are taken in id order (PostgreSQL: FOR UPDATE SKIP
LOCKED, so several workers share the work; SQLite: the one in-process worker), expanded by RULES into inbox
messages and deliveries, inserted with their dedup key (ON CONFLICT DO NOTHING) and marked dispatched in the same
transaction: a worker killed mid-batch leaves the batch undispatched and untouched, and the next one plans it.
WeChat consent quotas are spent in that transaction too; no quota means a recorded "skipped" delivery, and an
important event then falls back to SMS.

Sending (`send_batch`): due deliveries are claimed by pushing next_attempt_at out by a lease (a killed sender's
claims come due again when it ends: at least once), sent concurrently, and settled: sent; failed for good
(43101 no consent: recorded, important ones fall back to SMS); retried with exponential backoff (timeouts, 5xx,
rate limits; the adapters refresh an expired token once and retry); dead after `notify_max_attempts` tries, for
an admin to retry.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from app.errors import Invalid, NotFound, ProviderError
from app.providers.dingtalk import DingTalk, DingTalkRefused
from app.providers.sms import RETRYABLE as SMS_RETRYABLE, Sms
from app.providers.wechat import TOKEN_ERRORS, WeChat
from app.services.identity import audit
from app.services.platform import workdays
from models import (ApplicationStep, Delivery, DeliveryStatus, InboxMessage, OutboxEvent,
                    StaffMember, SubscriptionQuota, User)

log = logging.getLogger("zhangban.notifications")
SEND_CONCURRENCY = 64
SEND_BATCH = 500  # deliveries claimed at a time: what a killed sender may leave sent but unsettled
MAX_BACKOFF = 3600.0

# Mini-program subscribe-message templates by scene (sandbox ids; WECHAT_TEMPLATES overrides them).
TEMPLATES = {"case_status": "ZBTPL-case-status", "supplement": "ZBTPL-supplement",
             "appointment": "ZBTPL-appointment", "payment": "ZBTPL-payment", "reply": "ZBTPL-reply"}
SMS_TEMPLATES = {"case_status": "SMS_480100001", "supplement": "SMS_480100002", "appointment": "SMS_480100003"}
# When the mini-program asks for consent (wx.requestSubscribeMessage takes at most 3 templates at a time).
MOMENTS = {"submit": ["case_status", "supplement"], "book": ["appointment"], "pay": ["payment"],
           "complain": ["reply"]}
RETRY_ERRCODES = {45009, 45011, -1}  # WeChat rate limits and "system busy": retry later


class DeliveryNotFound(NotFound):
    code, message = "delivery_not_found", "没有找到该投递记录"


class NotDead(Invalid):
    code, message = "delivery_not_dead", "只能重试已进入死信的投递"


def templates(settings) -> dict[str, str]:
    """Scene -> WeChat template id (the sandbox ids overridden by WECHAT_TEMPLATES "scene=id,…")."""
    out = dict(TEMPLATES)
    for pair in filter(None, (p.strip() for p in settings.wechat_templates.split(","))):
        scene, _, tid = pair.partition("=")
        if scene in out and tid:
            out[scene] = tid.strip()
    return out


def process_code(settings, department: str) -> str:
    for pair in filter(None, (p.strip() for p in settings.dingtalk_process_codes.split(","))):
        dept, _, code = pair.partition("=")
        if dept.strip() == department and code:
            return code.strip()
    return f"PROC-ZB-{department.upper()}"


# ---------------------------------------------------------------- rules: event -> plans

@dataclass
class Plan:
    """What one event means for one audience. `user_id`: a citizen (inbox + WeChat, SMS fallback when
    important); `department`: its staff by DingTalk work notice; `step`: a DingTalk approval instance for the
    workflow step with that id, or "acceptance_no/step_key" (steps opened at submission, before they had ids)."""
    title: str
    body: str
    user_id: int | None = None
    scene: str | None = None  # WeChat template scene
    data: dict = field(default_factory=dict)  # the template's data
    link: str | None = None
    important: bool = False
    department: str | None = None
    roles: tuple[str, ...] = ("staff",)
    step: int | str | None = None


def _thing(text: Any, n: int = 20) -> str:
    """WeChat "thing" values are at most 20 characters."""
    text = str(text or "")
    return text if len(text) <= n else text[:n - 1] + "…"


def _yuan(fen: int | None) -> str:
    return f"{(fen or 0) / 100:.2f}元"


def _local(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return workdays.display(datetime.fromisoformat(iso.replace("Z", "+00:00"))) or ""
    except ValueError:
        return iso


STATUS_TEXT = {"submitted": "已提交", "accepted": "已受理", "rejected": "不予受理", "supplement": "待补正",
               "in_review": "审查中", "approved": "审批通过", "denied": "不予许可", "issued": "已出证",
               "delivered": "已寄递", "collected": "已领取", "archived": "已归档"}


def _case_status(p: dict) -> list[Plan]:
    if p.get("status") == "supplement":
        return []  # "application.supplement_requested" tells the citizen what to bring
    status = STATUS_TEXT.get(p.get("status"), p.get("status") or "")
    body = f"您办理的{p.get('service_name', '')}（{p.get('acceptance_no')}）{status}" + (
        f"：{p['note']}" if p.get("note") else "")
    return [Plan("办件进度更新", body, user_id=p.get("user_id"), scene="case_status",
                 link=f"pages/case/case?no={p.get('acceptance_no')}", important=p.get("status") == "issued",
                 data={"character_string1": p.get("acceptance_no"), "thing2": _thing(p.get("service_name")),
                       "phrase3": status[:5], "thing4": _thing(p.get("note") or "点击查看详情")})]


def _supplement(p: dict) -> list[Plan]:
    items = "、".join(p.get("items") or [])
    return [Plan("请补正材料", f"您的办件 {p.get('acceptance_no')} 需要补正：{items}", user_id=p.get("user_id"),
                 scene="supplement", important=True, link=f"pages/case/case?no={p.get('acceptance_no')}",
                 data={"character_string1": p.get("acceptance_no"), "thing2": _thing(items),
                       "thing3": "请在小程序内上传补正材料"})]


def _step_opened(p: dict) -> list[Plan]:
    text = (f"新的审批任务：{p.get('service_name', '')}（{p.get('acceptance_no')}），"
            f"办结期限 {p.get('due_date') or '见系统'}")
    return [Plan("新的审批任务", text, department=p.get("department")),
            Plan("钉钉审批", text, department=p.get("department"),
                 step=p.get("step_id") or f"{p.get('acceptance_no')}/{p.get('step_key')}")]


def _payment(title: str, what: str) -> Callable[[dict], list[Plan]]:
    def rule(p: dict) -> list[Plan]:
        body = f"{p.get('description', '')} {_yuan(p.get('amount_fen'))}{what}"
        return [Plan(title, body, user_id=p.get("user_id"), scene="payment", link="pages/payments/payments",
                     data={"thing1": _thing(p.get("description")), "amount2": _yuan(p.get("amount_fen")),
                           "phrase3": what[:5]})]
    return rule


APPOINTMENT_TEXT = {"appointment.booked": ("预约成功", "预约成功"), "appointment.cancelled": ("预约已取消", "已取消"),
                    "appointment.no_show": ("预约未到", "已爽约")}


def _appointment(kind: str) -> Callable[[dict], list[Plan]]:
    def rule(p: dict) -> list[Plan]:
        when = _local(p.get("slot_start"))
        if kind == "appointment.reminder_due":
            tomorrow = p.get("when") == "day_before"
            title, state = "预约提醒", "明天办理" if tomorrow else "即将开始"
            important = tomorrow
        else:
            (title, state), important = APPOINTMENT_TEXT[kind], False
        body = f"{p.get('service_name', '')}：{p.get('hall_name', '')} {when} {state}，预约码 {p.get('code', '')}"
        return [Plan(title, body, user_id=p.get("user_id"), scene="appointment", important=important,
                     link="pages/appointments/appointments",
                     data={"thing1": _thing(p.get("service_name")), "time2": when, "thing3": _thing(p.get("hall_name")),
                           "phrase4": state[:5], "character_string5": p.get("code")})]
    return rule


def _queue_called(p: dict) -> list[Plan]:
    if not p.get("user_id"):
        return []  # a walk-in ticket: the hall display calls it
    body = f"请 {p.get('ticket_no')} 号到 {p.get('hall_name', '')}{p.get('window_name', '')} 办理"
    return [Plan("叫号提醒", body, user_id=p["user_id"], scene="appointment", link="pages/appointments/appointments",
                 data={"character_string1": p.get("ticket_no"), "thing2": _thing(p.get("window_name")),
                       "thing3": _thing(p.get("hall_name")), "phrase4": "请到窗口"})]


def _delivery_route(p: dict) -> list[Plan]:
    stage = p.get("stage_label") or ""
    note = "快件被拒收退回，请到窗口领取" if p.get("stage") == "returned" else f"顺丰运单 {p.get('waybill_no')}"
    body = f"您办理的{p.get('service_name', '')}（{p.get('acceptance_no')}）寄递{stage}：{note}"
    return [Plan("寄递进度更新", body, user_id=p.get("user_id"), scene="case_status",
                 link=f"pages/case/case?no={p.get('acceptance_no')}", important=p.get("stage") == "returned",
                 data={"character_string1": p.get("acceptance_no"), "thing2": _thing(p.get("service_name")),
                       "phrase3": stage[:5], "thing4": _thing(note)})]


def _complaint_replied(p: dict) -> list[Plan]:
    return [Plan("投诉已答复", f"您的投诉“{p.get('title', '')}”已有答复", user_id=p.get("user_id"), scene="reply",
                 link=f"pages/complaints/complaints?id={p.get('complaint_id')}",
                 data={"thing1": _thing(p.get("title")), "phrase2": "已答复", "thing3": "点击查看答复"})]


def _rectification_closed(p: dict) -> list[Plan]:
    return [Plan("整改已办结", f"您反映的问题已整改办结：{p.get('outcome', '')}", user_id=p.get("user_id"),
                 scene="reply", data={"thing1": _thing(p.get("outcome")), "phrase2": "已办结", "thing3": "感谢您的评价"})]


def _staff(title: str, roles: tuple[str, ...] = ("staff",)) -> Callable[[dict], list[Plan]]:
    def rule(p: dict) -> list[Plan]:
        subject = p.get("title") or p.get("service_name") or p.get("acceptance_no") or ""
        text = f"{title}：{subject}" + (f"（{p['acceptance_no']}）" if p.get("acceptance_no") and subject != p[
            "acceptance_no"] else "") + (f"，期限 {p['due_date']}" if p.get("due_date") else "")
        return [Plan(title, text, department=p.get("department"), roles=roles)]
    return rule


def _identity_reclaimed(p: dict) -> list[Plan]:
    body = (f"您账号绑定的身份（{p.get('id_number', '')}）已由本人在另一微信账号刷脸核身认证，本账号的实名绑定已解除。"
            "如非本人操作，请携带身份证到政务服务大厅办理。")
    return [Plan("实名认证已转移", body, user_id=p.get("user_id"), link="pages/me/me")]


RULES: dict[str, Callable[[dict], list[Plan]]] = {
    "application.status_changed": _case_status,
    "application.supplement_requested": _supplement,
    "application.step_opened": _step_opened,
    "payment.paid": _payment("缴费成功", "已缴纳"),
    "payment.refunded": _payment("退款成功", "已退款"),
    "payment.order_closed": _payment("订单已关闭", "未支付关闭"),
    "appointment.booked": _appointment("appointment.booked"),
    "appointment.cancelled": _appointment("appointment.cancelled"),
    "appointment.reminder_due": _appointment("appointment.reminder_due"),
    "appointment.no_show": _appointment("appointment.no_show"),
    "queue.called": _queue_called,
    "complaint.replied": _complaint_replied,
    "delivery.route": _delivery_route,
    "rectification.closed": _rectification_closed,
    "complaint.assigned": _staff("新的投诉待处理"),
    "rectification.opened": _staff("新的整改任务"),
    "staff.task_near_due": _staff("审批任务即将到期"),
    "staff.task_overdue": _staff("审批任务已超期", roles=("staff", "supervisor")),
    "identity.reclaimed": _identity_reclaimed,
}


# ---------------------------------------------------------------- dispatching

async def _claim_events(conn, limit: int) -> list[OutboxEvent]:
    """The oldest undispatched events, locked for this transaction; events another planner holds are skipped
    (FOR UPDATE SKIP LOCKED; SQLite has no row locks: its one writer at a time plans alone)."""
    return await OutboxEvent.filter(dispatched_at__isnull=True).order_by("id").limit(limit).select_for_update(
        skip_locked=True).using_db(conn)


class _Batch:
    """Lookups shared by the events of one batch: users, department staff, consent quotas."""

    def __init__(self, conn):
        self.conn = conn
        self.users: dict[int, User] = {}
        self.staff: dict[tuple[str, tuple], list[str]] = {}
        self.quotas: dict[tuple[int, str], SubscriptionQuota] = {}
        self.spent: set[int] = set()

    async def load(self, plans: list[Plan], tpl: dict[str, str]) -> None:
        ids = {p.user_id for p in plans if p.user_id}
        if ids:
            self.users = {u.id: u for u in await User.filter(id__in=ids).using_db(self.conn)}
            tids = {tpl[p.scene] for p in plans if p.user_id and p.scene}
            # Locked in id order: two planners sharing users wait, never deadlock.
            q = SubscriptionQuota.filter(user_id__in=ids, template_id__in=tids, remaining__gt=0).using_db(
                self.conn).order_by("id").select_for_update()
            self.quotas = {(s.user_id, s.template_id): s for s in await q}
        for dept, roles in {(p.department, p.roles) for p in plans if p.department}:
            members = await StaffMember.filter(department__code=dept, active=True).using_db(self.conn).order_by("id")
            self.staff[(dept, roles)] = [m.userid for m in members if set(m.roles) & set(roles)]

    def take_quota(self, user_id: int, template_id: str) -> bool:
        q = self.quotas.get((user_id, template_id))
        if q is None or q.remaining <= 0:
            return False
        q.remaining -= 1
        self.spent.add(q.id)
        return True


def _delivery(event: OutboxEvent, channel: str, recipient: str, message: dict, *, user_id=None, important=False,
              status=DeliveryStatus.PENDING, error: str | None = None, now: datetime) -> Delivery:
    return Delivery(event_id=event.id, kind=event.kind, channel=channel, recipient=recipient,
                    dedup_key=f"{event.id}:{channel}:{recipient}", user_id=user_id, message=message,
                    important=important, status=status, last_error=error, next_attempt_at=now)


def _expand(event: OutboxEvent, plan: Plan, batch: _Batch, tpl: dict[str, str], now: datetime,
            inbox: list[InboxMessage], out: list[Delivery]) -> None:
    if plan.step:
        out.append(_delivery(event, "dingtalk_approval", f"step:{plan.step}",
                             {"department": plan.department, "text": plan.body}, now=now))
        return
    if plan.department:
        userids = batch.staff.get((plan.department, plan.roles)) or []
        if userids:
            out.append(_delivery(event, "dingtalk", f"dept:{plan.department}:{'+'.join(plan.roles)}",
                                 {"userids": userids, "text": plan.body}, now=now))
        return
    user = batch.users.get(plan.user_id or 0)
    if user is None:
        return
    inbox.append(InboxMessage(user_id=user.id, dedup_key=f"{event.id}:inbox:user:{user.id}", kind=event.kind,
                              title=plan.title, body=plan.body[:500], link=plan.link))
    if not plan.scene:
        return
    rcpt = f"user:{user.id}"
    msg = {"template": tpl[plan.scene], "scene": plan.scene, "data": plan.data, "page": plan.link,
           "title": plan.title, "text": plan.body}
    if not user.openid:
        out.append(_delivery(event, "wechat", rcpt, msg, user_id=user.id, status=DeliveryStatus.SKIPPED,
                             error="no_openid", now=now))
    elif batch.take_quota(user.id, tpl[plan.scene]):
        out.append(_delivery(event, "wechat", rcpt, msg, user_id=user.id, important=plan.important, now=now))
        return
    else:
        out.append(_delivery(event, "wechat", rcpt, msg, user_id=user.id, status=DeliveryStatus.SKIPPED,
                             error="no_quota: 用户未订阅该消息，未调用微信接口", now=now))
    if plan.important:
        out.append(_sms_delivery(event.id, event.kind, user.id, plan.scene, msg, now))


def _sms_delivery(event_id: int, kind: str, user_id: int, scene: str, msg: dict, now: datetime) -> Delivery:
    return Delivery(event_id=event_id, kind=kind, channel="sms", recipient=f"user:{user_id}",
                    dedup_key=f"{event_id}:sms:user:{user_id}", user_id=user_id, important=True,
                    message={"template": SMS_TEMPLATES.get(scene, SMS_TEMPLATES["case_status"]),
                             "params": {"text": _thing(msg.get("text"), 60)}}, next_attempt_at=now)


async def dispatch_batch(ctx, limit: int = 500) -> int:
    """Plan one batch of undispatched outbox events; the number of events planned (0: nothing to do)."""
    tpl = templates(ctx.settings)
    now = workdays.utcnow()
    async with in_transaction() as conn:
        events = await _claim_events(conn, limit)
        if not events:
            return 0
        planned = [(e, plan) for e in events for plan in _rules_for(e)]
        batch = _Batch(conn)
        await batch.load([p for _, p in planned], tpl)
        inbox: list[InboxMessage] = []
        deliveries: list[Delivery] = []
        for event, plan in planned:
            _expand(event, plan, batch, tpl, now, inbox, deliveries)
        if inbox:
            await InboxMessage.bulk_create(inbox, ignore_conflicts=True, using_db=conn)
        if deliveries:
            await Delivery.bulk_create(deliveries, ignore_conflicts=True, using_db=conn)
        spent = [q for q in batch.quotas.values() if q.id in batch.spent]
        if spent:
            await SubscriptionQuota.bulk_update(spent, fields=["remaining"], using_db=conn)
        await OutboxEvent.filter(id__in=[e.id for e in events]).using_db(conn).update(dispatched_at=now)
    return len(events)


def _rules_for(event: OutboxEvent) -> list[Plan]:
    rule = RULES.get(event.kind)
    if rule is None:
        return []  # an event no one is told about (still marked dispatched)
    try:
        return rule(event.payload or {})
    except Exception:  # a malformed payload must not block the outbox behind it
        log.exception("outbox event %s (%s): bad payload", event.id, event.kind)
        return []


# ---------------------------------------------------------------- sending

async def _claim_due(limit: int, lease: float) -> list[Delivery]:
    """Claim due deliveries by pushing their next_attempt_at out by the lease (one more attempt counted); those
    another sender is claiming are skipped (FOR UPDATE SKIP LOCKED where there are row locks)."""
    now = workdays.utcnow()
    async with in_transaction() as conn:
        ids = [d.id for d in await Delivery.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at").limit(limit).select_for_update(skip_locked=True).only("id").using_db(conn)]
        if ids:
            await Delivery.filter(id__in=ids).using_db(conn).update(
                next_attempt_at=now + timedelta(seconds=lease), attempts=F("attempts") + 1)
    return await Delivery.filter(id__in=ids) if ids else []


class Retry(Exception):
    """Try again later (timeouts, 5xx, rate limits, a token still refused after one refresh)."""


class GiveUp(Exception):
    """The provider refused for good: record it, never retry."""


async def send_batch(ctx, limit: int = SEND_BATCH) -> int:
    """Send one batch of due deliveries; the number handled (0: nothing due)."""
    due = await _claim_due(limit, ctx.settings.notify_lease)
    if not due:
        return 0
    sem = asyncio.Semaphore(SEND_CONCURRENCY)
    sender = Sender(ctx)
    user_ids = {d.user_id for d in due if d.user_id}
    sender.users = {u.id: u for u in await User.filter(id__in=user_ids)} if user_ids else {}

    async def one(d: Delivery):
        async with sem:
            try:
                await sender.send(d)
                return d, None
            except (Retry, ProviderError) as exc:
                return d, Retry(str(exc))
            except GiveUp as exc:
                return d, exc
            except Exception as exc:  # a bug or a broken payload: retried, then a dead letter for an admin
                log.exception("delivery %s failed", d.id)
                return d, Retry(f"{type(exc).__name__}: {exc}")

    results = await asyncio.gather(*[one(d) for d in due])
    now = workdays.utcnow()
    ok = [d.id for d, err in results if err is None]
    if ok:
        await Delivery.filter(id__in=ok).update(status=DeliveryStatus.SENT, sent_at=now, last_error=None)
    for d, err in results:
        if err is not None:
            await _settle_failure(ctx, d, err, now)
    return len(due)


async def _settle_failure(ctx, d: Delivery, err: Exception, now: datetime) -> None:
    message = str(err)[:255]
    if isinstance(err, GiveUp):
        async with in_transaction():
            await Delivery.filter(id=d.id).update(status=DeliveryStatus.FAILED, last_error=message)
            if d.important and d.channel == "wechat" and d.user_id:
                await Delivery.bulk_create([_sms_delivery(d.event_id, d.kind, d.user_id, d.message.get("scene", ""),
                                                          d.message, now)], ignore_conflicts=True)
        return
    s = ctx.settings
    if d.attempts >= s.notify_max_attempts:
        await Delivery.filter(id=d.id).update(status=DeliveryStatus.DEAD, last_error=message)
        log.warning("delivery %s is a dead letter after %s tries: %s", d.id, d.attempts, message)
        return
    delay = min(MAX_BACKOFF, s.notify_backoff * 2 ** max(0, d.attempts - 1))
    await Delivery.filter(id=d.id).update(next_attempt_at=now + timedelta(seconds=delay), last_error=message)


class Sender:
    """The channels: WeChat subscribe messages, SMS, DingTalk work notices and approval instances."""

    def __init__(self, ctx):
        self.ctx, s = ctx, ctx.settings
        self.settings = s
        http = ctx.http
        self.wechat = WeChat(s.provider_base("wechat"), s.wechat_appid, s.wechat_secret, http, ctx.redis)
        self.dingtalk = DingTalk(s.provider_base("dingtalk_oapi"), s.provider_base("dingtalk_api"), s.dingtalk_appkey,
                                 s.dingtalk_appsecret, http, ctx.redis)
        self.sms = Sms(s.provider_base("sms"), s.sms_access_key_id, s.sms_access_key_secret, s.sms_sign_name, http)
        self.users: dict[int, User] = {}

    async def send(self, d: Delivery) -> None:
        await {"wechat": self._wechat, "sms": self._sms, "dingtalk": self._dingtalk,
               "dingtalk_approval": self._approval}[d.channel](d)

    async def _user(self, user_id: int | None) -> User | None:
        return self.users.get(user_id) or await User.get_or_none(id=user_id or 0)

    async def _wechat(self, d: Delivery) -> None:
        user = await self._user(d.user_id)
        if user is None or not user.openid:
            raise GiveUp("no_openid")
        m = d.message
        answer = await self.wechat.subscribe_send(user.openid, m["template"], m.get("data") or {}, m.get("page"))
        err = answer.get("errcode") or 0
        if err == 0:
            return
        if err == 43101:
            raise GiveUp("43101 用户拒绝接收或订阅次数已用完")
        if err in TOKEN_ERRORS or err in RETRY_ERRCODES:
            raise Retry(f"{err} {answer.get('errmsg', '')}")
        raise GiveUp(f"{err} {answer.get('errmsg', '')}")

    async def _sms(self, d: Delivery) -> None:
        user = await self._user(d.user_id)
        if user is None or not user.phone_enc:
            raise GiveUp("no_phone: 用户未登记手机号")
        phone = self.ctx.vault.decrypt("phone", user.phone_enc)
        await audit.record_read(None, "system", user, ["phone"], "短信通知发送", subject_ref=d.dedup_key)
        answer = await self.sms.send(phone, d.message["template"], d.message.get("params") or {}, d.dedup_key)
        code = answer.get("Code")
        if code == "OK":
            return
        if code in SMS_RETRYABLE:
            raise Retry(f"{code} {answer.get('Message', '')}")
        raise GiveUp(f"{code} {answer.get('Message', '')}")

    async def _dingtalk(self, d: Delivery) -> None:
        answer = await self.dingtalk.work_notice(self.settings.dingtalk_agent_id, d.message["userids"],
                                                 d.message["text"])
        err = answer.get("errcode") or 0
        if err == 0:
            return
        if err in TOKEN_ERRORS or err in (-1, 90018, 90002):  # busy / rate limited
            raise Retry(f"{err} {answer.get('errmsg', '')}")
        raise GiveUp(f"{err} {answer.get('errmsg', '')}")

    async def _approval(self, d: Delivery) -> None:
        from app.services.cases import approvals

        try:
            await approvals.open_for_step(self.ctx, self.dingtalk, d.recipient.split(":", 1)[1], d.message)
        except DingTalkRefused as exc:
            raise GiveUp(f"{exc.dingtalk_code} {exc.dingtalk_message}") from exc


# ---------------------------------------------------------------- the pump (runs in every job worker process)

async def pump_once(ctx) -> int:
    """Plan and send what is waiting: the work done (0: idle)."""
    planned = await dispatch_batch(ctx)
    sent = await send_batch(ctx)
    return planned + sent


async def run_pump(ctx) -> None:
    """Until cancelled: the planner and the sender, each its own loop (the sender's network waits overlap the
    planner's database work), each waiting `notify_poll` seconds when it has nothing to do."""
    log.info("notification pump started")
    await asyncio.gather(_loop(ctx, dispatch_batch), _loop(ctx, send_batch))


async def _loop(ctx, step) -> None:
    while True:
        try:
            done = await step(ctx)
        except asyncio.CancelledError:
            raise
        except Exception:  # a database hiccup: wait and go on (claimed work is reclaimed after its lease)
            log.exception("notification pump error in %s", step.__name__)
            done = 0
        if not done:
            await asyncio.sleep(ctx.settings.notify_poll)


# ---------------------------------------------------------------- scheduled: near-due and overdue steps

async def flag_due_steps(now: datetime | None = None) -> dict:
    """Open steps due within a working day ("staff.task_near_due") or past due ("staff.task_overdue", also to
    supervisors): one event per step and flag, ever. The step remembers each flag it was given
    (near_due_flagged_at, overdue_flagged_at), so the outbox's rows can be pruned without a flag being sent again."""
    from tortoise.expressions import Q

    from app.services.platform import outbox
    from models import StepStatus

    now = now or workdays.utcnow()
    steps = await ApplicationStep.filter(
        Q(near_due_flagged_at__isnull=True) | Q(overdue_flagged_at__isnull=True),
        status=StepStatus.OPEN, due_at__isnull=False).prefetch_related("department", "application")
    counts = {"near_due": 0, "overdue": 0}
    for s in steps:
        flag = workdays.flag(now, s.due_at)
        if not flag:
            continue
        name, column = ("overdue", "overdue_flagged_at") if flag == "red" else ("near_due", "near_due_flagged_at")
        if getattr(s, column) is not None:
            continue
        async with in_transaction() as conn:
            # claimed by this update (a job running twice at once flags a step once)
            if not await ApplicationStep.filter(id=s.id, **{f"{column}__isnull": True}).using_db(conn).update(
                    **{column: now}):
                continue
            await outbox.emit(f"staff.task_{name}", f"step:{s.id}", {
                "department": s.department.code, "acceptance_no": s.application.acceptance_no,
                "service_name": s.application.subject_name, "step_id": s.id, "step_name": s.name,
                "due_date": workdays.local_date(s.due_at).isoformat()}, using_db=conn)
        counts[name] += 1
    return counts


# ---------------------------------------------------------------- consent quotas, inbox, dead letters

async def record_subscriptions(ctx, user: User, results: dict) -> dict:
    """The results of wx.requestSubscribeMessage ({templateId: "accept"|"reject"|"ban"|"filter"}): each accept
    adds one send to that template's quota. Unknown template ids are refused."""
    known = set(templates(ctx.settings).values())
    if not isinstance(results, dict) or not results:
        raise Invalid("请提交订阅结果", field="results")
    unknown = [t for t in results if t not in known]
    if unknown:
        raise Invalid(f"未知的消息模板：{unknown[0]}", field="results")
    accepted = [t for t, v in results.items() if v == "accept"]
    async with in_transaction():
        for tid in accepted:
            q, _ = await SubscriptionQuota.get_or_create(user=user, template_id=tid)
            await SubscriptionQuota.filter(id=q.id).update(remaining=F("remaining") + 1)
    return await subscriptions_of(ctx, user)


async def subscriptions_of(ctx, user: User) -> dict:
    """The templates per moment (for wx.requestSubscribeMessage) and the caller's remaining quota per template."""
    tpl = templates(ctx.settings)
    quotas = {q.template_id: q.remaining for q in await SubscriptionQuota.filter(user=user)}
    return {"moments": {m: [tpl[s] for s in scenes] for m, scenes in MOMENTS.items()},
            "templates": [{"scene": s, "template_id": t, "remaining": quotas.get(t, 0)} for s, t in tpl.items()]}


def inbox_view(m: InboxMessage) -> dict:
    return {"id": m.id, "kind": m.kind, "title": m.title, "body": m.body, "link": m.link,
            "created_at": m.created_at.isoformat(), "created_local": workdays.display(m.created_at),
            "read": m.read_at is not None}


async def inbox(user: User, page: int, page_size: int, unread_only: bool = False) -> dict:
    q = InboxMessage.filter(user=user)
    if unread_only:
        q = q.filter(read_at__isnull=True)
    total = await q.count()
    unread = await InboxMessage.filter(user=user, read_at__isnull=True).count()
    rows = await q.order_by("-id").offset((page - 1) * page_size).limit(page_size)
    return {"items": [inbox_view(m) for m in rows], "total": total, "unread": unread, "page": page,
            "page_size": page_size}


async def mark_read(user: User, ids: list[int] | None) -> int:
    """Mark the caller's messages read (all of them when ids is None); the number changed."""
    q = InboxMessage.filter(user=user, read_at__isnull=True)
    if ids is not None:
        q = q.filter(id__in=ids)
    return await q.update(read_at=workdays.utcnow())


def delivery_view(d: Delivery) -> dict:
    return {"id": d.id, "event_id": d.event_id, "kind": d.kind, "channel": d.channel, "recipient": d.recipient,
            "dedup_key": d.dedup_key, "status": d.status.value, "attempts": d.attempts, "last_error": d.last_error,
            "next_attempt_at": d.next_attempt_at.isoformat(), "created_at": d.created_at.isoformat()}


async def deliveries(status: str, page: int, page_size: int) -> dict:
    try:
        st = DeliveryStatus(status)
    except ValueError:
        raise Invalid("状态应为 pending、sent、skipped、failed 或 dead", field="status") from None
    q = Delivery.filter(status=st)
    total = await q.count()
    rows = await q.order_by("-id").offset((page - 1) * page_size).limit(page_size)
    return {"items": [delivery_view(d) for d in rows], "total": total, "page": page, "page_size": page_size}


async def retry_dead(delivery_id: int) -> Delivery:
    """An admin sends a dead letter again: pending now, with a fresh set of tries."""
    d = await Delivery.get_or_none(id=delivery_id)
    if d is None:
        raise DeliveryNotFound()
    if not await Delivery.filter(id=d.id, status=DeliveryStatus.DEAD).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=workdays.utcnow()):
        raise NotDead()
    return await Delivery.get(id=d.id)
