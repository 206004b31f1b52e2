"""Applications (办件): one window, one acceptance number, approvals across departments, the case timeline.

A case moves only along TRANSITIONS; every move and every step decision appends an ApplicationEvent.
Steps form the service's (or bundle's) workflow DAG: a step opens when all its prerequisites are approved,
steps with the same prerequisites run in parallel. `decide` is the one way a decision is applied (the staff
API calls it, and so will DingTalk approvals).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.catalog_schema import DEFAULT_FORM
from app.providers.shared_data import shared_data_for
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.db import insert_graph
from app.services.cases import shared_reads, tracking, uploads
from app.services.catalog import catalog
from app.services.identity import audit, face
from app.services.licences import licences
from app.services.payments import payments
from app.services.platform import counters, outbox, workdays
from app.services.identity.identity import LEVEL_CHECKED, require_level
from app.security import mask_name
from models import (Application, ApplicationEvent, ApplicationMaterial, ApplicationStep, AuditLog, Bundle, CaseStatus,
                    Department, Service, StepStatus, User)
from models.users import Role

S = CaseStatus
TRANSITIONS: dict[CaseStatus, set[CaseStatus]] = {
    S.SUBMITTED: {S.ACCEPTED, S.REJECTED, S.SUPPLEMENT},
    S.SUPPLEMENT: {S.SUBMITTED, S.IN_REVIEW},  # the citizen resubmits: the case resumes where it stopped
    S.ACCEPTED: {S.IN_REVIEW, S.APPROVED, S.DENIED, S.SUPPLEMENT},
    S.IN_REVIEW: {S.APPROVED, S.DENIED, S.SUPPLEMENT},
    S.APPROVED: {S.ISSUED},
    S.ISSUED: {S.DELIVERED, S.COLLECTED},
    S.DELIVERED: {S.ARCHIVED},
    S.COLLECTED: {S.ARCHIVED},
    S.REJECTED: {S.ARCHIVED},
    S.DENIED: {S.ARCHIVED},
    S.ARCHIVED: set(),
}
STATUS_LABELS = {
    S.SUBMITTED: "已提交，待受理", S.ACCEPTED: "已受理", S.REJECTED: "不予受理", S.SUPPLEMENT: "待补正材料",
    S.IN_REVIEW: "审查中", S.APPROVED: "审批通过", S.DENIED: "审批不予许可", S.ISSUED: "已出证",
    S.DELIVERED: "已寄递", S.COLLECTED: "已领取", S.ARCHIVED: "已归档",
}
STEP_LABELS = {StepStatus.WAITING: "未开始", StepStatus.OPEN: "办理中", StepStatus.SUPPLEMENT: "待补正",
               StepStatus.APPROVED: "已通过", StepStatus.DENIED: "不予通过", StepStatus.CANCELLED: "已终止"}
# Moves staff make after the decisions (出证, 寄递/领取, 归档), each by the lead department.
STAFF_MOVES = {S.ISSUED, S.DELIVERED, S.COLLECTED, S.ARCHIVED}
FINAL = {S.REJECTED, S.DENIED, S.ARCHIVED}
FINISHED = {S.ISSUED, S.DELIVERED, S.COLLECTED, S.ARCHIVED}  # 办结: the result is issued (rateable, no due date shown)


class CaseNotFound(NotFound):
    code, message = "application_not_found", "没有找到该办件"


class TaskNotFound(NotFound):
    code, message = "task_not_found", "没有找到该审批任务"


class TaskTaken(Conflict):
    code, message = "task_already_decided", "该任务已被处理，请刷新后查看"


class InvalidTransition(Conflict):
    code, message = "invalid_transition", "办件当前状态不允许此操作"


class FaceRequired(Forbidden):
    code, message = "face_required", "该事项需要先完成刷脸核身"


class ConsentRequired(Invalid):
    code, message = "consent_required", "请先阅读并同意调取共享数据"


class MaterialMissing(Invalid):
    code = "material_missing"


class NotSupplementable(Conflict):
    code, message = "not_in_supplement", "办件不在补正状态"


# ---------------------------------------------------------------- what is applied for

@dataclass
class Subject:
    code: str
    name: str
    kind: str  # service | bundle
    lead: Department
    guides: list[dict]  # the guide of the service, or of each service of the bundle
    workflow: list[dict]
    promised_days: int
    service: Service | None = None
    bundle: Bundle | None = None
    face_required: bool = False


def _default_workflow(department: str) -> list[dict]:
    return [{"key": "accept", "department": department, "name": "窗口受理", "after": []},
            {"key": "review", "department": department, "name": "审查决定", "after": ["accept"]}]


async def _subject(service_code: str | None, bundle_code: str | None, answers: dict,
                   cat: catalog.Catalog | None = None) -> Subject:
    """What is applied for; with `cat`, a service is taken from the worker's catalog snapshot (dropped on any
    catalog change) instead of the database."""
    if bool(service_code) == bool(bundle_code):
        raise Invalid("请选择一个事项或一件事", field="service")
    if service_code:
        if cat is not None:
            entry = (await cat.snapshot()).services.get(service_code)
            svc = entry.row if entry else None
        else:
            svc = await Service.get_or_none(code=service_code, active=True).prefetch_related("department")
        if svc is None:
            raise catalog.ServiceNotFound(field="service")
        g = svc.guide
        resolved = catalog.resolve_answers(g, answers)
        return Subject(svc.code, svc.name, "service", svc.department, [g],
                       g.get("workflow") or _default_workflow(svc.department.code),
                       catalog.promised_days(g, resolved), service=svc, face_required=g.get("face_required", False))
    b = await Bundle.get_or_none(code=bundle_code, active=True).prefetch_related("lead_department")
    if b is None:
        raise catalog.BundleNotFound(field="bundle")
    svcs = await Service.filter(code__in=b.definition["services"], active=True)
    guides = [s.guide for s in svcs]
    return Subject(b.code, b.name, "bundle", b.lead_department, guides, b.definition["workflow"],
                   b.definition["promised_days"], bundle=b, face_required=any(g.get("face_required") for g in guides))


def _materials(subject: Subject, answers: dict) -> list[tuple[dict, dict]]:
    """(guide, material) for each material of the situation, de-duplicated by name across a bundle."""
    seen, out = set(), []
    for g in subject.guides:
        applied = catalog.resolve_answers(g, answers if subject.kind == "service" else {})
        for m in g["materials"]:
            if m["name"] in seen or not catalog.applies(m.get("when") or {}, applied):
                continue
            seen.add(m["name"])
            out.append((g, m))
    return out


def _form_fields(subject: Subject) -> list[dict]:
    return (subject.guides[0].get("form") if subject.kind == "service" else None) or DEFAULT_FORM


def _check_form(fields: list[dict], form: dict) -> dict:
    if not isinstance(form, dict):
        raise Invalid("申请表格式不正确", field="form")
    out = {}
    for f in fields:
        value = form.get(f["key"])
        if value in (None, ""):
            if f.get("required"):
                raise Invalid(f"请填写{f['label']}", field=f"form.{f['key']}")
            continue
        if not isinstance(value, (str, int, float)) or len(str(value)) > f.get("max_length", 200):
            raise Invalid(f"{f['label']}格式不正确或过长", field=f"form.{f['key']}")
        if f.get("type") == "select" and str(value) not in {o["value"] for o in f.get("options", [])}:
            raise Invalid(f"{f['label']}的选项无效", field=f"form.{f['key']}")
        out[f["key"]] = value
    return out


async def preview(service_code: str | None, bundle_code: str | None, answers: dict | None) -> dict:
    """What applying will take, shown before submitting: materials (免提交 ones marked), the shared-data reads
    to consent to, the form, and whether a face check is needed."""
    answers = answers or {}
    subject = await _subject(service_code, bundle_code, answers)
    mats = [catalog.material_view(m) for _, m in _materials(subject, answers)]
    consent = shared_reads.consent_for_materials([m for _, m in _materials(subject, answers)])
    return {"subject": {"code": subject.code, "name": subject.name, "kind": subject.kind},
            "lead_department": {"code": subject.lead.code, "name": subject.lead.name},
            "materials": mats, "consent": consent, "form": _form_fields(subject),
            "face_required": subject.face_required, "promised_days": subject.promised_days}


# ---------------------------------------------------------------- submitting

async def next_acceptance_no(region: str, at: datetime, audit_rows: list[AuditLog] = ()) -> str:
    """`{region}-{YYYYMMDD}-{seq:06d}`: one format for every department and channel, the date in Beijing time,
    the sequence from an atomic database counter per day (unique; gaps possible after a failed submission).
    `audit_rows` (the shared-data reads to be made for the case) are written with it, naming it as their purpose."""
    day = workdays.local_date(at).strftime("%Y%m%d")
    return await counters.next_number(f"acceptance:{region}:{day}", f"{region}-{day}-", 6, audit_rows,
                                      ("purpose", "subject_ref"))


@dataclass
class MaterialIn:
    name: str
    upload_id: str


async def submit(ctx, user: User, *, service: str | None, bundle: str | None, form: dict, answers: dict,
                 materials: list[MaterialIn], consent: bool, idempotency_key: str | None,
                 enterprise_credit_code: str | None = None, channel: str = "mobile",
                 clerk: User | None = None, hall_id: int | None = None) -> tuple[Application, bool, CaseParts | None]:
    """Apply once (一号申请): shared-data materials are fetched, never asked for. Returns (case, created, parts):
    for a new case, `parts` are its rows as written (for detail() without reading them back). Level 2 applies with
    uploads; reading shared materials needs level 3 (shared_data.plan_reads).

    With `clerk` (一窗受理, the citizen at the comprehensive window with their ID card): the clerk's presence check
    stands for the face check, the paper materials are the clerk's scans, the shared-data reads are audited under
    the clerk's authority, and a required material the citizen did not bring is recorded as missing (for the
    补正 notice) instead of refusing the case. The citizen account's real-name level is not asked for: the clerk
    checked the person."""
    if clerk is None:
        await require_level(user, LEVEL_CHECKED)
    if idempotency_key:
        existing = await Application.get_or_none(applicant=user, idempotency_key=idempotency_key)
        if existing:
            return existing, False, None
    subject = await _subject(service, bundle, answers or {}, ctx.catalog)
    resolved = catalog.resolve_answers(subject.guides[0], answers or {}) if subject.kind == "service" else {}
    if subject.face_required and clerk is None and not await face.has_recent_pass(user):
        raise FaceRequired()
    form = _check_form(_form_fields(subject), form or {})
    wanted = _materials(subject, resolved)
    given = {m.name: m.upload_id for m in materials}
    unknown = set(given) - {m["name"] for _, m in wanted}
    if unknown:
        raise Invalid(f"该事项不需要材料：{'、'.join(sorted(unknown))}", field="materials")
    consent_list = shared_reads.consent_for_materials([m for _, m in wanted])
    if consent_list and not consent:
        raise ConsentRequired(field="consent")
    files = {name: await uploads.get_owned(clerk or user, uid) for name, uid in given.items()}
    for _, m in wanted:
        if m.get("source", "citizen") == "citizen" and m.get("required", True) and m["name"] not in files \
                and clerk is None:
            raise MaterialMissing(f"请上传{m['name']}", field="materials")

    rows: list[dict] = []
    to_fetch = []
    for g, m in wanted:
        if m["name"] in files:
            rows.append({"name": m["name"], "required": m.get("required", True), "source": "citizen",
                         "upload": files[m["name"]], "status": "received"})
        elif m.get("source") == "shared":
            to_fetch.append((g, m))
        elif m.get("required", True):  # only at the window (see above): asked for in the 补正 notice
            rows.append({"name": m["name"], "required": True, "source": "citizen", "status": "missing"})
    # The shared-data reads are audited in the same statement that takes the acceptance number (their purpose),
    # then go out together in one request (before the case is written: a missing record stops the submission).
    reads = await shared_reads.plan_reads(to_fetch, user, ctx.vault, enterprise_credit_code, clerk=clerk)
    now = workdays.utcnow()
    acceptance_no = await next_acceptance_no(ctx.settings.region_code, now, reads.audit)
    records = await shared_data_for(ctx).query_many(reads.queries, acceptance_no) if reads.queries else []
    for (g, m), record in zip(to_fetch, records):
        if record is None:
            if m.get("required", True):
                raise MaterialMissing(f"共享库中未查到您的{m['name']}，请上传该材料", field="materials")
            continue
        rows.append({"name": m["name"], "required": m.get("required", True), "source": "shared",
                     "dataset": m["dataset"], "shared_ref": str(record.get("record_id", ""))[:128],
                     "shared_summary": record.get("summary"), "status": "fetched"})
    app_row = Application(
        acceptance_no=acceptance_no, applicant=user, service=subject.service, bundle=subject.bundle,
        subject_code=subject.code, subject_name=subject.name, lead_department=subject.lead,
        status=S.SUBMITTED, form=form, answers=resolved, channel=channel, hall_id=hall_id,
        consent={"datasets": consent_list, "agreed_at": now.isoformat()} if consent_list else {},
        idempotency_key=idempotency_key, track_token=secrets.token_urlsafe(24),
        promised_days=subject.promised_days, submitted_at=now)
    mats = [ApplicationMaterial(created_at=now, **r) for r in rows]
    steps = await _new_steps(subject.workflow, now, subject.lead)
    event = ApplicationEvent(actor=clerk or user, actor_role="window" if clerk else "citizen", kind="status",
                             to_status=S.SUBMITTED.value, at=now,
                             note="窗口工作人员代为提交申请" if clerk else f"通过{_channel(channel)}提交申请")
    aggregate = f"application:{acceptance_no}"
    emitted = [outbox.event("application.status_changed", aggregate, {
        "acceptance_no": acceptance_no, "user_id": user.id, "status": S.SUBMITTED.value,
        "service_name": subject.name, "note": event.note})]
    emitted += [_step_opened(acceptance_no, subject.name, st, st.due_at) for st in steps if st.status == StepStatus.OPEN]
    try:
        # The case, its materials, steps, first timeline entry and outbox event: all or nothing (one statement on
        # PostgreSQL).
        await insert_graph(app_row, [*((m, "application_id") for m in mats), *((st, "application_id") for st in steps),
                                     (event, "application_id"), *((e, None) for e in emitted)])
    except IntegrityError:
        if idempotency_key:  # the same double tap won the race
            existing = await Application.get_or_none(applicant=user, idempotency_key=idempotency_key)
            if existing:
                return existing, False, None
        raise
    # No tracking.changed: the token is new, so no worker caches or watches it yet (unknown tokens are not cached).
    return app_row, True, CaseParts(steps, [event], mats)


def _channel(channel: str) -> str:
    return {"mobile": "掌上办", "online": "网上办", "window": "窗口", "kiosk": "自助机"}.get(channel, channel)


async def _new_steps(workflow: list[dict], now: datetime, lead: Department) -> list[ApplicationStep]:
    """The case's workflow steps (unsaved, department set), intake steps open, in workflow order."""
    codes = {s["department"] for s in workflow}
    deps = {lead.code: lead} if codes == {lead.code} else \
        {d.code: d for d in await Department.filter(code__in=list(codes))}
    return [ApplicationStep(
        key=s["key"], name=s["name"], department=deps[s["department"]],
        after=s.get("after", []), is_intake=not s.get("after"),
        status=StepStatus.OPEN if not s.get("after") else StepStatus.WAITING,
        opened_at=now if not s.get("after") else None,
        due_at=workdays.add_working_days(now, 1) if not s.get("after") else None) for s in workflow]


def _step_opened(acceptance_no: str, service_name: str, step: ApplicationStep, due_at: datetime | None):
    """The outbox event of a step that opened (its department loaded). A step opened by the submission has no id
    yet when its event is written (one statement with the case): it is named by its key, and the DingTalk
    approval sender finds it by acceptance number and key."""
    return outbox.event("application.step_opened", f"application:{acceptance_no}", {
        "acceptance_no": acceptance_no, **({"step_id": step.id} if step.id else {"step_key": step.key}),
        "department": step.department.code, "service_name": service_name,
        "due_date": workdays.local_date(due_at).isoformat() if due_at else None})


async def _event(app_row: Application, actor: User | None, role: str, kind: str, frm, to, step: ApplicationStep | None = None,
                 note: str | None = None) -> ApplicationEvent:
    return await ApplicationEvent.create(application=app_row, actor=actor, actor_role=role, kind=kind,
                                  at=workdays.utcnow(),
                                  from_status=frm.value if frm else None, to_status=to.value if to else None,
                                  step_key=step.key if step else None,
                                  department_id=step.department_id if step else None, note=note)


async def _move(app_row: Application, to: CaseStatus, actor: User | None, role: str, note: str | None = None,
                step: ApplicationStep | None = None, **changes) -> None:
    """The only way a case changes status: checked against TRANSITIONS, guarded by the row version."""
    frm = app_row.status
    if to not in TRANSITIONS[frm]:
        raise InvalidTransition(f"办件当前为“{STATUS_LABELS[frm]}”，不能变更为“{STATUS_LABELS[to]}”")
    updated = await Application.filter(id=app_row.id, version=app_row.version).update(
        status=to, version=app_row.version + 1, **changes)
    if not updated:
        raise Conflict("办件已被他人更新，请刷新后重试")
    app_row.status, app_row.version = to, app_row.version + 1
    for k, v in changes.items():
        setattr(app_row, k, v)
    await _event(app_row, actor, role, "status", frm, to, step=step, note=note)
    await outbox.emit("application.status_changed", f"application:{app_row.acceptance_no}", {
        "acceptance_no": app_row.acceptance_no, "user_id": app_row.applicant_id, "status": to.value,
        "service_name": app_row.subject_name, "note": note})


# ---------------------------------------------------------------- decisions

def can_decide(user: User, step: ApplicationStep) -> bool:
    """Staff of the step's department; the comprehensive window (综合窗口) also takes every intake step."""
    if user.role not in (Role.STAFF, Role.ADMIN):
        return False
    if user.department_id == step.department_id:
        return True
    return step.is_intake and "window" in (user.staff_roles or [])


async def decide(ctx, user: User, step_id: int, decision: str, comment: str | None, items: list[str] | None,
                 actor_role: str = "staff") -> Application:
    """Apply a staff decision (approve / deny / supplement) on an open step. The one way decisions are applied:
    two deciders at once, one wins and the other gets TaskTaken (409)."""
    if decision not in ("approve", "deny", "supplement"):
        raise Invalid("审批结果应为 approve、deny 或 supplement", field="decision")
    if decision == "deny" and not (comment or "").strip():
        raise Invalid("不予通过时请填写理由", field="comment")
    if decision == "supplement" and not items:
        raise Invalid("请列出需要补正的材料或事项", field="items")
    now = workdays.utcnow()
    async with in_transaction():
        step = await ApplicationStep.get_or_none(id=step_id).prefetch_related("department")
        if step is None or not can_decide(user, step):
            raise TaskNotFound()
        app_row = await Application.filter(id=step.application_id).select_for_update().first()
        if app_row.status == S.SUPPLEMENT and step.status == StepStatus.OPEN:
            raise Conflict("办件正在等待申请人补正，补正后再审批", code="awaiting_supplement")
        taken = await ApplicationStep.filter(id=step.id, status=StepStatus.OPEN, version=step.version).update(
            status={"approve": StepStatus.APPROVED, "deny": StepStatus.DENIED,
                    "supplement": StepStatus.SUPPLEMENT}[decision],
            decision=decision, decided_at=now, decided_by_id=user.id, comment=comment, version=step.version + 1)
        if not taken:
            raise TaskTaken()
        step.status = {"approve": StepStatus.APPROVED, "deny": StepStatus.DENIED,
                       "supplement": StepStatus.SUPPLEMENT}[decision]
        label = {"approve": "通过", "deny": "不予通过", "supplement": "要求补正"}[decision]
        await _event(app_row, user, actor_role, "step_decided", None, None, step=step,
                     note=f"{step.name}：{label}" + (f"（{comment}）" if comment else ""))
        await audit.record_action(user.id, actor_role, app_row.applicant_id, "decision", f"{step.name}：{label}",
                                  subject_ref=app_row.acceptance_no, details=[f"step:{step.key}", f"decision:{decision}"])
        if decision == "supplement":
            await _pause_for_supplement(app_row, user, actor_role, step, items or [], comment, now)
        elif decision == "deny":
            await _end(app_row, user, actor_role, step, comment, now)
        else:
            await _advance(app_row, user, actor_role, step, now)
    await tracking.changed(ctx, app_row.track_token)
    return app_row


async def _pause_for_supplement(app_row, user, role, step, items, comment, now) -> None:
    remaining = workdays.working_days_left(now, app_row.due_at) if app_row.due_at else None
    await _move(app_row, S.SUPPLEMENT, user, role, note="请补正：" + "；".join(items), step=step,
                resume_status=app_row.status.value, supplement_items=items, paused_remaining_days=remaining)
    await outbox.emit("application.supplement_requested", f"application:{app_row.acceptance_no}", {
        "acceptance_no": app_row.acceptance_no, "user_id": app_row.applicant_id, "items": items})


async def _end(app_row, user, role, step, comment, now) -> None:
    to = S.REJECTED if step.is_intake else S.DENIED
    await ApplicationStep.filter(application_id=app_row.id, status__in=[StepStatus.WAITING, StepStatus.OPEN]).update(
        status=StepStatus.CANCELLED)
    await _move(app_row, to, user, role, note=comment, step=step, finished_at=now)


async def _advance(app_row, user, role, step, now) -> None:
    if step.is_intake:
        due = workdays.add_working_days(now, app_row.promised_days)
        await _move(app_row, S.ACCEPTED, user, role, note="材料齐全，予以受理", step=step, accepted_at=now, due_at=due)
    steps = await ApplicationStep.filter(application_id=app_row.id).select_related("department")
    approved = {s.key for s in steps if s.status == StepStatus.APPROVED}
    opened = []
    for s in steps:
        if s.status == StepStatus.WAITING and set(s.after) <= approved:
            if await ApplicationStep.filter(id=s.id, status=StepStatus.WAITING).update(
                    status=StepStatus.OPEN, opened_at=now, due_at=app_row.due_at, version=s.version + 1):
                opened.append(s)
                await _event(app_row, None, "system", "step_opened", None, None, step=s, note=f"{s.name}开始办理")
                await _step_opened(app_row.acceptance_no, app_row.subject_name, s, app_row.due_at).save()
    if opened and app_row.status != S.IN_REVIEW:
        await _move(app_row, S.IN_REVIEW, None, "system", note="进入部门审查")
    elif all(s.status == StepStatus.APPROVED or s.key == step.key for s in steps):
        await _move(app_row, S.APPROVED, user, role, note="审批通过", step=step, finished_at=now)
        if await payments.fee_payable(app_row, await _guides_of(app_row)):
            await _event(app_row, None, "system", "note", None, None, note="请缴纳办理费用，缴费后出证")


async def resubmit(ctx, user: User, acceptance_no: str, materials: list[MaterialIn], note: str | None,
                   at_window: bool = False) -> Application:
    """After 补正: the citizen sends what was asked for and the case resumes where it stopped; the clock restarts
    with the working days that were left. `at_window`: a window clerk (`user`) brings the citizen's papers in,
    scanned (any case; the caller has checked the clerk's role)."""
    if not materials:
        raise Invalid("请上传补正材料", field="materials")
    files = {m.name: await uploads.get_owned(user, m.upload_id) for m in materials}
    now = workdays.utcnow()
    async with in_transaction():
        q = Application.filter(acceptance_no=acceptance_no)
        app_row = await (q if at_window else q.filter(applicant=user)).select_for_update().first()
        if app_row is None:
            raise CaseNotFound()
        if app_row.status != S.SUPPLEMENT:
            raise NotSupplementable()
        for name, up in files.items():
            await ApplicationMaterial.filter(application_id=app_row.id, name=name,
                                             status__in=["received", "missing"]).update(status="replaced")
            await ApplicationMaterial.create(application=app_row, name=name, source="citizen", upload=up,
                                             status="received")
        reopened = await ApplicationStep.filter(application_id=app_row.id, status=StepStatus.SUPPLEMENT)
        for s in reopened:
            await ApplicationStep.filter(id=s.id).update(status=StepStatus.OPEN, opened_at=now, version=s.version + 1)
        due = (workdays.add_working_days(now, app_row.paused_remaining_days)
               if app_row.paused_remaining_days is not None else app_row.due_at)
        await _move(app_row, CaseStatus(app_row.resume_status or S.SUBMITTED), user,
                    "window" if at_window else "citizen",
                    note="已补正：" + "、".join(files) + (f"（{note}）" if note else ""),
                    resume_status=None, supplement_items=[], paused_remaining_days=None, due_at=due)
    await tracking.changed(ctx, app_row.track_token)
    return app_row


async def courier_move(app_row: Application, to: CaseStatus, note: str) -> None:
    """A move the courier's route events make (签收: delivered), in the caller's transaction, the case locked."""
    await _move(app_row, to, None, "courier", note=note)


async def staff_move(ctx, user: User, acceptance_no: str, to: str, note: str | None) -> Application:
    """出证, 寄递 or 领取, 归档: by staff of the lead department (or an admin)."""
    try:
        target = CaseStatus(to)
    except ValueError:
        raise Invalid("目标状态无效", field="to") from None
    if target not in STAFF_MOVES:
        raise Invalid("只能变更为 issued、delivered、collected 或 archived", field="to")
    async with in_transaction():
        app_row = await Application.filter(acceptance_no=acceptance_no).select_for_update().first()
        if app_row is None or not (user.role == Role.ADMIN or user.department_id == app_row.lead_department_id):
            raise CaseNotFound()
        if target == S.ISSUED:
            await payments.require_fee_paid(app_row)
        await _move(app_row, target, user, "staff", note=note)
        await audit.record_action(user.id, user.role.value, app_row.applicant_id,
                                  "archive" if target == S.ARCHIVED else "decision", STATUS_LABELS[target],
                                  subject_ref=app_row.acceptance_no, details=[f"status:{target.value}"])
        if target == S.ISSUED:  # 出证: the case's licences, in the transaction that issues it (PDFs follow in a job)
            await licences.issue_for_case(ctx.settings, ctx.vault, app_row, workdays.utcnow())
    await tracking.changed(ctx, app_row.track_token)
    return app_row


# ---------------------------------------------------------------- reads

async def _guides_of(app_row: Application) -> list[dict]:
    if app_row.service_id:
        return [(await Service.get(id=app_row.service_id)).guide]
    bundle = await Bundle.get(id=app_row.bundle_id)
    return [s.guide for s in await Service.filter(code__in=bundle.definition["services"])]


async def involved_department_ids(app_row: Application) -> set[int]:
    return set(await ApplicationStep.filter(application_id=app_row.id).values_list("department_id", flat=True))


async def get_for(user: User, acceptance_no: str) -> Application:
    """The case if the caller may see it (owner, staff of an involved department, the comprehensive window, admin);
    anyone else: 404."""
    app_row = await Application.get_or_none(acceptance_no=acceptance_no)
    if app_row is None:
        raise CaseNotFound()
    if app_row.applicant_id == user.id or user.role == Role.ADMIN:
        return app_row
    if user.role == Role.STAFF and "window" in (user.staff_roles or []):
        return app_row
    if user.role == Role.STAFF and user.department_id in await involved_department_ids(app_row):
        return app_row
    raise CaseNotFound()


async def mine(user: User, page: int, page_size: int) -> dict:
    q = Application.filter(applicant=user)
    total = await q.count()
    rows = await q.order_by("-id").offset((page - 1) * page_size).limit(page_size).prefetch_related("lead_department")
    return {"items": [summary(a) for a in rows], "total": total, "page": page, "page_size": page_size}


def summary(a: Application) -> dict:
    now = workdays.utcnow()
    return {"acceptance_no": a.acceptance_no, "subject": {"code": a.subject_code, "name": a.subject_name,
                                                          "kind": "bundle" if a.bundle_id else "service"},
            "status": a.status.value, "status_label": STATUS_LABELS[a.status],
            "lead_department": {"code": a.lead_department.code, "name": a.lead_department.name},
            "submitted_at": a.submitted_at.isoformat(), "due_at": a.due_at.isoformat() if a.due_at else None,
            "due_date": workdays.local_date(a.due_at).isoformat() if a.due_at else None,
            "flag": None if a.status in FINAL or a.status == S.SUPPLEMENT else workdays.flag(now, a.due_at)}


def _step_view(s: ApplicationStep) -> dict:
    return {"id": s.id, "key": s.key, "name": s.name, "department": {"code": s.department.code, "name": s.department.name},
            "after": s.after, "status": s.status.value, "status_label": STEP_LABELS[s.status],
            "opened_at": s.opened_at.isoformat() if s.opened_at else None,
            "decided_at": s.decided_at.isoformat() if s.decided_at else None, "comment": s.comment}


def _event_view(e: ApplicationEvent, with_actor: bool) -> dict:
    view = {"at": e.at.isoformat(), "at_local": workdays.display(e.at), "kind": e.kind,
            "from_status": e.from_status, "to_status": e.to_status,
            "status_label": STATUS_LABELS[CaseStatus(e.to_status)] if e.to_status else None,
            "step": e.step_key, "department": e.department.name if e.department_id else None,
            "actor_role": e.actor_role, "note": e.note}
    if with_actor:
        view["actor"] = e.actor.name if e.actor_id and e.actor and e.actor.role != Role.CITIZEN else None
    return view


@dataclass
class CaseParts:
    """What detail() would read back, when the caller has just written it (a new case): its steps (with
    department), timeline events (with department and actor) and current materials, in id order."""
    steps: list[ApplicationStep]
    events: list[ApplicationEvent]
    materials: list[ApplicationMaterial]


async def detail(viewer: User, a: Application, parts: CaseParts | None = None) -> dict:
    """The full case for its owner or staff; staff reads of the applicant's personal data are audited.
    `parts` (with lead_department and applicant already set on `a`) skips reading back what was just written."""
    if parts is None:
        await a.fetch_related("lead_department", "applicant")
        parts = CaseParts(
            await ApplicationStep.filter(application_id=a.id).order_by("id").select_related("department"),
            await ApplicationEvent.filter(application_id=a.id).order_by("id").select_related("department", "actor"),
            await ApplicationMaterial.filter(application_id=a.id).exclude(status="replaced").order_by("id"))
    steps, events, mats = parts.steps, parts.events, parts.materials
    applicant = a.applicant
    view = summary(a) | {
        "track_token": a.track_token if viewer.id == applicant.id or viewer.role != Role.CITIZEN else None,
        "channel": a.channel, "form": a.form, "answers": a.answers, "consent": a.consent,
        "supplement_items": a.supplement_items, "promised_days": a.promised_days,
        "accepted_at": a.accepted_at.isoformat() if a.accepted_at else None,
        "applicant": {"name": mask_name(applicant.name or ""), "id_number": applicant.id_number_masked},
        "materials": [{"name": m.name, "source": m.source, "exempt": m.source == "shared", "dataset": m.dataset,
                       "dataset_label": shared_reads.dataset_label(m.dataset), "status": m.status,
                       "upload_id": m.upload_id, "summary": m.shared_summary} for m in mats],
        "steps": [_step_view(s) for s in steps],
        "timeline": [_event_view(e, with_actor=viewer.role != Role.CITIZEN) for e in events],
    }
    if viewer.id != applicant.id:
        await audit.record_read(viewer, viewer.role.value, applicant, ["name", "id_number", "form"],
                                f"办件查看 {a.acceptance_no}", subject_ref=a.acceptance_no)
    return view


async def tasks(user: User, status: str, page: int, page_size: int) -> dict:
    """The caller's department's steps (and, for the comprehensive window, every intake step), oldest first."""
    try:
        st = StepStatus(status)
    except ValueError:
        raise Invalid("状态应为 open、waiting、supplement、approved、denied 或 cancelled", field="status") from None
    q = ApplicationStep.filter(status=st)
    if "window" in (user.staff_roles or []):
        q = q.filter(Q(department_id=user.department_id) | Q(is_intake=True))
    else:
        q = q.filter(department_id=user.department_id)
    total = await q.count()
    rows = await q.order_by("id").offset((page - 1) * page_size).limit(page_size).prefetch_related(
        "department", "application", "application__lead_department")
    now = workdays.utcnow()
    items = [_step_view(s) | {"application": summary(s.application),
                              "flag": workdays.flag(now, s.due_at) if s.status == StepStatus.OPEN else None,
                              "due_at": s.due_at.isoformat() if s.due_at else None} for s in rows]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


async def public_track(token: str) -> dict | None:
    """What anyone holding the QR code sees: no ID number, phone or form content; None for an unknown or
    revoked token."""
    a = await Application.get_or_none(track_token=token, track_revoked=False).prefetch_related(
        "lead_department", "applicant")
    if a is None:
        return None
    steps = await ApplicationStep.filter(application_id=a.id).order_by("id").prefetch_related("department")
    events = await ApplicationEvent.filter(application_id=a.id).order_by("id").prefetch_related("department")
    return {"acceptance_no": a.acceptance_no, "service_name": a.subject_name,
            "applicant": mask_name(a.applicant.name or ""), "status": a.status.value,
            "status_label": STATUS_LABELS[a.status],
            "lead_department": a.lead_department.name,
            "due_at": a.due_at.isoformat() if a.due_at else None,
            "due_date": workdays.local_date(a.due_at).isoformat() if a.due_at else None,
            "flag": summary(a)["flag"],
            "steps": [{"name": s.name, "department": s.department.name, "status": s.status.value,
                       "status_label": STEP_LABELS[s.status],
                       "decided_at": s.decided_at.isoformat() if s.decided_at else None} for s in steps],
            "timeline": [{"at": e.at.isoformat(), "at_local": workdays.display(e.at),
                          "status_label": STATUS_LABELS[CaseStatus(e.to_status)] if e.to_status else None,
                          "department": e.department.name if e.department_id else None,
                          "note": _public_note(e)} for e in events]}


def _public_note(e: ApplicationEvent) -> str | None:
    """Timeline text safe for anyone: decisions and status names, not comments that may hold personal data."""
    if e.kind == "step_opened":
        return e.note
    if e.kind == "step_decided":
        return (e.note or "").split("（")[0]
    if e.kind == "route":  # 寄递: stage, time, the courier's city and remark; nothing about the recipient
        return e.note
    if e.kind == "delivery":
        return "已交寄快递"  # without the waybill number, which opens the courier's own tracking
    return None


async def revoke_track(ctx, user: User, acceptance_no: str) -> Application:
    """The owner revokes the QR code's token (e.g. a photo of it was shared) and gets a new one."""
    async with in_transaction():
        a = await Application.filter(acceptance_no=acceptance_no, applicant=user).select_for_update().first()
        if a is None:
            raise CaseNotFound()
        old = a.track_token
        a.track_token = secrets.token_urlsafe(24)
        await Application.filter(id=a.id).update(track_token=a.track_token)
        await _event(a, user, "citizen", "note", None, None, note="更换了进度查询码")
    await tracking.changed(ctx, old)
    await tracking.changed(ctx, a.track_token)
    return a
