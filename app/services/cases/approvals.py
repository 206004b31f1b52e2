"""DingTalk approvals (OA审批): an approval instance per opened workflow step, decided from the approver's phone.

`open_for_step` runs in the delivery sender (channel "dingtalk_approval" of "application.step_opened"); the
callback (HTTP push, `handle_callback`) is verified (msg_signature, ±5 minutes, each signature once), decrypted,
and a finished bpms_task_change / bpms_instance_change applies agree / refuse through `applications.decide`, the
same function as the staff API. An instance decides its step at most once: a redelivered event changes nothing.
"""
from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.errors import AppError, Conflict, Forbidden
from app.providers.callback_crypto import CallbackCrypto, CallbackError
from app.providers.dingtalk import DingTalk
from app.security import mask_name
from app.services.cases import applications
from app.services.platform import workdays
from models import ApplicationStep, ApprovalInstance, CallbackEvent, StaffMember, StepStatus, User
from models.users import Role

log = logging.getLogger("zhangban.approvals")
MAX_SKEW_MS = 5 * 60 * 1000


class CallbackRefused(Forbidden):
    code, message = "callback_refused", "回调验证失败"


class CallbackReplayed(Conflict):
    code, message = "callback_replayed", "该回调已处理过"


def crypto_for(settings) -> CallbackCrypto:
    return CallbackCrypto(settings.dingtalk_callback_token, settings.dingtalk_aes_key, settings.dingtalk_appkey)


async def approvers_of(department_id: int) -> tuple[list[str], str | None]:
    """(approver userids, originator): the department's staff (not admins); the originator is its supervisor."""
    members = await StaffMember.filter(department_id=department_id, active=True).order_by("id")
    approvers = [m.userid for m in members if "staff" in m.roles and "admin" not in m.roles]
    supervisor = next((m.userid for m in members if "supervisor" in m.roles), None)
    return approvers, supervisor or (approvers[0] if approvers else None)


async def open_for_step(ctx, dingtalk: DingTalk, step_ref: int | str, message: dict) -> ApprovalInstance | None:
    """Create the DingTalk approval instance for an open step (once per step); None when there is nothing to do.
    `step_ref`: the step's id, or "acceptance_no/step_key" for a step opened at submission."""
    from app.services.notifications.notifications import process_code

    if isinstance(step_ref, int) or str(step_ref).isdigit():
        step_id = int(step_ref)
    else:
        no, _, key = str(step_ref).partition("/")
        ids = await ApplicationStep.filter(application__acceptance_no=no, key=key).values_list("id", flat=True)
        if not ids:
            return None
        step_id = ids[0]
    existing = await ApprovalInstance.get_or_none(step_id=step_id)
    if existing:
        return existing
    step = await ApplicationStep.get_or_none(id=step_id).prefetch_related(
        "department", "application", "application__applicant")
    if step is None or step.status != StepStatus.OPEN:
        return None  # decided meanwhile (e.g. from the staff screen)
    approvers, originator = await approvers_of(step.department_id)
    if not approvers:
        log.warning("step %s: department %s has no approvers in the directory", step_id, step.department.code)
        return None
    a = step.application
    form = [("办件编号", a.acceptance_no), ("办理事项", a.subject_name), ("审批环节", step.name),
            ("申请人", mask_name(a.applicant.name or "")), ("提交时间", workdays.display(a.submitted_at) or ""),
            ("办结期限", workdays.local_date(step.due_at).isoformat() if step.due_at else "")]
    code = process_code(ctx.settings, step.department.code)
    instance_id = await dingtalk.create_process_instance(code, originator, approvers, form,
                                                         ctx.settings.dingtalk_agent_id)
    try:
        return await ApprovalInstance.create(step_id=step.id, process_code=code, instance_id=instance_id,
                                             approvers=approvers)
    except IntegrityError:  # a concurrent sender created one first: ours stays unanswered at DingTalk
        return await ApprovalInstance.get(step_id=step_id)


async def handle_callback(ctx, args: dict, body: dict) -> dict:
    """Verify, decrypt and apply one DingTalk event push; the encrypted "success" answer."""
    crypto = crypto_for(ctx.settings)
    signature = args.get("msg_signature") or args.get("signature") or ""
    timestamp, nonce = args.get("timestamp") or "", args.get("nonce") or ""
    encrypt = body.get("encrypt") if isinstance(body, dict) else None
    if not (signature and timestamp.isdigit() and nonce and isinstance(encrypt, str)):
        raise CallbackRefused()
    try:
        plain = crypto.verify(signature, timestamp, nonce, encrypt)
        event = json.loads(plain)
    except (CallbackError, ValueError):
        raise CallbackRefused() from None
    ts = int(timestamp) if len(timestamp) > 10 else int(timestamp) * 1000
    if abs(time.time() * 1000 - ts) > MAX_SKEW_MS:
        raise CallbackRefused("回调时间戳超出允许范围", code="callback_stale")
    kind = str(event.get("EventType", ""))[:48]
    try:
        await CallbackEvent.create(signature=signature, event_type=kind, body=event)
    except IntegrityError:
        raise CallbackReplayed() from None
    if kind in ("bpms_task_change", "bpms_instance_change"):
        await apply_event(ctx, event)
    return crypto.reply("success", timestamp, nonce)


async def _staff_user(userid: str) -> User | None:
    member = await StaffMember.get_or_none(userid=userid, active=True)
    if member is None:
        return None
    role = Role.ADMIN if "admin" in member.roles else Role.STAFF
    async with in_transaction():
        user, created = await User.get_or_create(ding_userid=userid, defaults={
            "role": role, "department_id": member.department_id, "staff_roles": member.roles, "name": member.name})
    return user


async def apply_event(ctx, event: dict) -> str:
    """A finished approval: decide the step (agree -> approve, refuse -> deny) once. What happened:
    "agree" | "refuse" | "stale" (the step was decided elsewhere) | "ignored"."""
    result, kind = event.get("result"), event.get("EventType")
    if event.get("type") != "finish" or result not in ("agree", "refuse"):
        return "ignored"
    inst = await ApprovalInstance.get_or_none(instance_id=str(event.get("processInstanceId", "")))
    if inst is None or inst.status != "running":
        return "ignored"  # not ours, or already applied (a redelivery)
    decider = event.get("staffId") if kind == "bpms_task_change" else (inst.decided_by or inst.approvers[0])
    if decider not in inst.approvers:
        return "ignored"
    user = await _staff_user(decider)
    if user is None:
        return "ignored"
    # Claim and decide in one transaction: a concurrent redelivery waits on the claim and then finds it taken.
    async with in_transaction():
        if not await ApprovalInstance.filter(id=inst.id, status="running").update(
                status=result, decided_by=decider, decided_at=datetime.now(timezone.utc)):
            return "ignored"
        try:
            await applications.decide(ctx, user, inst.step_id, "approve" if result == "agree" else "deny",
                                      event.get("remark") or ("钉钉审批不予通过" if result == "refuse" else None), None,
                                      actor_role="dingtalk")
        except AppError as exc:  # decided on the staff screen first, or the case moved on: nothing to apply
            log.info("approval %s: %s", inst.instance_id, exc.code)
            await ApprovalInstance.filter(id=inst.id).update(status="stale")
            return "stale"
    return result
