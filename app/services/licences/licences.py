"""电子证照: issuing a case's licences when it reaches 出证, the holder's wallet, and the signed PDF.

`issue_for_case` runs inside the transaction that moves a case to `issued` (applications.staff_move): for every
licence type whose `services` name the case's service (or one of its bundle's services) it writes one licence
with the next number of that type (one counter upsert per type, on the same transaction: no gap, no duplicate),
the holder (the applicant, or the case's enterprise for an enterprise licence), the field values (personal ones
encrypted), issue date and validity, the case's acceptance number, status `valid` with its first history entry,
and the data signature (documents.datasig: SM2 with SM3 by default) over the canonical payload. A case issued
twice gets nothing twice: (application, licence type) is unique.

The PDF (layout, seal image, PDF/A-2b, PAdES signature with the department's seal) is heavy, so it is made by
the job worker (`render_missing`, every minute) or on the holder's first download, whichever comes first; both
are idempotent: a licence has at most one stored PDF.
"""
from __future__ import annotations

import asyncio
import calendar
import hashlib
from datetime import date, datetime

from tortoise.transactions import in_transaction

from app.errors import AppError, Conflict, Invalid, NotFound
from app.providers.storage import new_key
from app.security import Vault, mask_id_number
from app.services.documents import datasig, seals
from app.services.licences import pdf as licence_pdf
from app.services.platform import counters, workdays
from models import (Application, Bundle, Department, Enterprise, Licence, LicenceStatus, LicenceType, Service,
                    User)

STATUS_LABELS = {"valid": "有效", "revoked": "已吊销", "cancelled": "已注销", "expired": "已过期"}
NUMBER_WIDTH = 6


class LicenceNotFound(NotFound):
    code, message = "licence_not_found", "没有找到该证照"


class SealUnavailable(AppError):
    """The issuing department has no seal or signing key configured (production): 出证 waits until it has."""
    status, code, message = 503, "seal_unavailable", "发证部门的电子印章尚未配置，暂不能出证，请联系系统管理员"


# ---------------------------------------------------------------- validity and numbers

def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def valid_until(rule: dict, start: date) -> date | None:
    """The last day a licence issued on `start` is valid (None: permanent). N years/months run to the day before
    the same date N years/months later."""
    kind = rule["kind"]
    if kind == "permanent":
        return None
    if kind == "until":
        return date.fromisoformat(rule["until"])
    months = rule["years"] * 12 if kind == "years" else rule["months"]
    return date.fromordinal(add_months(start, months).toordinal() - 1)


def number_prefix(region: str, t: LicenceType, year: int) -> str:
    return f"{region}-{t.code}-{year}-"


# ---------------------------------------------------------------- the signed payload

def payload(lic: Licence, t: LicenceType, dept: Department, values: dict) -> dict:
    """What the data signature covers (and what a verifier rebuilds): plain values, no database ids."""
    return {
        "type": {"code": t.code, "name": t.name},
        "number": lic.number,
        "holder_kind": t.holder,
        "fields": {f["key"]: values.get(f["key"], "") for f in t.fields_spec},
        "issued_at": workdays.display(lic.issued_at),  # Beijing time to the minute
        "valid_from": lic.valid_from.isoformat(),
        "valid_until": lic.valid_until.isoformat() if lic.valid_until else None,
        "issuer": {"code": dept.code, "name": seals.seal_name(dept.name)},
        "acceptance_no": lic.acceptance_no,
    }


def _source_value(source: str, app_row: Application, holder: User, enterprise: Enterprise | None,
                  vault: Vault) -> str:
    if source == "holder.name":
        return holder.name or ""
    if source == "holder.id_number":
        return vault.decrypt("id_number", holder.id_number_enc) if holder.id_number_enc else ""
    if source == "holder.enterprise_name":
        return enterprise.name if enterprise else ""
    if source == "holder.credit_code":
        return enterprise.credit_code if enterprise else ""
    if source == "case.subject_name":
        return app_row.subject_name
    if source == "case.acceptance_no":
        return app_row.acceptance_no
    _, part, key = source.split(".", 2)
    return str((app_row.form if part == "form" else app_row.answers).get(key, ""))


def _mask(kind: str, value: str) -> str:
    return mask_id_number(value) if kind == "id_number" else "*" * min(len(value), 8)


def plain_values(vault: Vault, lic: Licence, t: LicenceType) -> dict:
    """The field values in the clear (personal ones decrypted): for the holder's PDF and the signed payload."""
    out = {}
    for f in t.fields_spec:
        v = lic.values.get(f["key"], "")
        out[f["key"]] = vault.decrypt(f"licence.{f['key']}", v) if f["personal"] and v else v
    return out


# ---------------------------------------------------------------- issuing

async def _types_for(app_row: Application) -> list[LicenceType]:
    codes = {app_row.subject_code}
    if app_row.bundle_id:
        bundle = await Bundle.get(id=app_row.bundle_id)
        codes |= set(bundle.definition.get("services", []))
    elif app_row.service_id:
        codes.add((await Service.get(id=app_row.service_id)).code)
    return [t for t in await LicenceType.all().select_related("department") if codes & set(t.services)]


async def issue_for_case(settings, vault: Vault, app_row: Application, now: datetime) -> list[Licence]:
    """The case's licences, written on the caller's transaction (the one moving the case to `issued`)."""
    types = await _types_for(app_row)
    if not types:
        return []
    holder = await User.get(id=app_row.applicant_id)
    enterprise = await Enterprise.get_or_none(id=app_row.enterprise_id) if app_row.enterprise_id else None
    store = seals.store(settings)
    issued = []
    for t in types:
        if t.holder == "enterprise" and enterprise is None:
            continue  # an enterprise licence needs the enterprise the case was made for
        if await Licence.exists(application_id=app_row.id, licence_type_id=t.id):
            continue
        start = workdays.local_date(now)
        plain = {f["key"]: _source_value(f["source"], app_row, holder, enterprise, vault) for f in t.fields_spec}
        seq = await counters.next_value(f"licence:{t.code}:{start.year}")
        lic = Licence(number=counters.number(number_prefix(settings.region_code, t, start.year), seq, NUMBER_WIDTH),
                      licence_type=t, application_id=app_row.id, acceptance_no=app_row.acceptance_no,
                      holder_user=holder if t.holder == "person" else None,
                      holder_enterprise=enterprise if t.holder == "enterprise" else None,
                      department=t.department, issued_at=now, valid_from=start,
                      valid_until=valid_until(t.validity, start), status=LicenceStatus.VALID,
                      status_history=[{"status": "valid", "at": now.isoformat(), "reason": "出证"}])
        lic.values = {f["key"]: (vault.encrypt(f"licence.{f['key']}", plain[f["key"]])
                                 if f["personal"] and plain[f["key"]] else plain[f["key"]]) for f in t.fields_spec}
        lic.masked = {f["key"]: _mask(f["type"], plain[f["key"]]) for f in t.fields_spec if f["personal"]}
        try:
            key = await asyncio.to_thread(datasig.department_key, store, settings.data_signature,
                                          t.department.code, t.department.name)
        except seals.SealMissing as e:
            raise SealUnavailable() from e
        lic.data_signature = await asyncio.to_thread(datasig.sign, key, payload(lic, t, t.department, plain))
        await lic.save()
        issued.append(lic)
    return issued


# ---------------------------------------------------------------- reads

def current_status(lic: Licence, today: date | None = None) -> str:
    """valid, revoked or cancelled as stored; a valid licence past its last day is expired."""
    today = today or workdays.local_date(workdays.utcnow())
    if lic.status == LicenceStatus.VALID and lic.valid_until and today > lic.valid_until:
        return "expired"
    return lic.status.value


def _held_by(user: User):
    return Licence.filter(holder_user_id=user.id)


async def mine(user: User) -> list[Licence]:
    return await _held_by(user).order_by("-issued_at", "-id").select_related("licence_type", "department")


async def get_for(user: User, licence_id: int) -> Licence:
    """The caller's own licence (someone else's, or none, looks the same: 404)."""
    lic = await _held_by(user).filter(id=licence_id).select_related("licence_type", "department").first()
    if lic is None:
        raise LicenceNotFound()
    return lic


def summary(lic: Licence) -> dict:
    t = lic.licence_type
    status = current_status(lic)
    return {"id": lic.id, "number": lic.number, "type": {"code": t.code, "name": t.name, "kind": t.kind},
            "issuer": seals.seal_name(lic.department.name), "issued_at": lic.issued_at.isoformat(),
            "valid_from": lic.valid_from.isoformat(),
            "valid_until": lic.valid_until.isoformat() if lic.valid_until else None,
            "status": status, "status_label": STATUS_LABELS[status]}


def detail(lic: Licence) -> dict:
    """The holder's view: fields with personal values masked, status history, the data signature."""
    t = lic.licence_type
    fields = [{"key": f["key"], "label": f["label"],
               "value": lic.masked.get(f["key"], "") if f["personal"] else lic.values.get(f["key"], "")}
              for f in t.fields_spec]
    return {**summary(lic), "acceptance_no": lic.acceptance_no, "fields": fields,
            "status_history": lic.status_history, "data_signature": lic.data_signature,
            "pdf_ready": lic.pdf_key is not None}


# ---------------------------------------------------------------- the PDF

async def ensure_pdf(settings, vault: Vault, storage, lic: Licence) -> bytes:
    """The licence's signed PDF: the stored one, or rendered, signed and stored now (once: a concurrent second
    render loses the conditional update and its file is not used)."""
    if lic.pdf_key:
        return await storage.get(lic.pdf_key)
    t = lic.licence_type
    dept = lic.department
    plain = plain_values(vault, lic, t)
    seal = await asyncio.to_thread(seals.store(settings).seal, dept.code, dept.name)
    body = await asyncio.to_thread(licence_pdf.render_signed, seal, payload(lic, t, dept, plain), t.kind,
                                   [(f["label"], plain.get(f["key"], "")) for f in t.fields_spec],
                                   lic.data_signature)
    key = new_key()
    await storage.put(key, body)
    async with in_transaction():
        won = await Licence.filter(id=lic.id, pdf_key__isnull=True).update(
            pdf_key=key, pdf_sha256=hashlib.sha256(body).hexdigest(), version=lic.version + 1)
    if not won:  # a concurrent render stored its PDF first: that one is the licence's
        await storage.delete(key)
        fresh = await Licence.get(id=lic.id)
        return await storage.get(fresh.pdf_key)
    lic.pdf_key = key
    return body


async def render_missing(settings, vault: Vault, storage, limit: int = 100) -> int:
    """Licences without a PDF get one (oldest first): the job worker's pass."""
    rows = await Licence.filter(pdf_key__isnull=True).order_by("id").limit(limit).select_related(
        "licence_type", "department")
    for lic in rows:
        await ensure_pdf(settings, vault, storage, lic)
    return len(rows)


# ---------------------------------------------------------------- seed

async def seed_types(types: list, departments: dict[str, Department]) -> int:
    """Add the licence types of the seed data that are missing (an existing one is left as it is)."""
    added = 0
    for t in types:
        if not await LicenceType.exists(code=t.code):
            await LicenceType.create(code=t.code, name=t.name, kind=t.kind, department=departments[t.department],
                                     holder=t.holder, validity=t.validity.model_dump(exclude_none=True),
                                     services=t.services, fields_spec=[f.model_dump() for f in t.fields])
            added += 1
    return added


async def holder_pdf(settings, vault: Vault, storage, user: User, licence_id: int) -> tuple[Licence, bytes]:
    """The holder's own licence PDF (full personal values in it, so the read is written to the access log)."""
    from app.services.identity import audit

    lic = await get_for(user, licence_id)
    personal = [f["key"] for f in lic.licence_type.fields_spec if f["personal"]]
    if personal:
        await audit.record_read(user, "citizen", user, personal, f"本人下载电子证照 {lic.number}")
    return lic, await ensure_pdf(settings, vault, storage, lic)


# ---------------------------------------------------------------- revocation (吊销) and cancellation (注销)

class NotRevocable(Conflict):
    code, message = "licence_not_valid", "该证照当前不是有效状态，不能吊销或注销"


async def end(user: User, licence_id: int, kind: str, reason: str) -> Licence:
    """吊销 (revoked) or 注销 (cancelled) a valid licence: staff of the issuing department or an admin. The status
    history keeps who, when and why; 亮证 verification then says so."""
    from models.users import Role

    if kind not in (LicenceStatus.REVOKED, LicenceStatus.CANCELLED):
        raise Invalid("kind 应为 revoked（吊销）或 cancelled（注销）", field="kind")
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise Invalid("请填写吊销或注销的理由（200 字以内）", field="reason")
    async with in_transaction():
        lic = await Licence.filter(id=licence_id).select_for_update().first()
        if lic is None or not (user.role == Role.ADMIN or
                               (user.role == Role.STAFF and user.department_id == lic.department_id)):
            raise LicenceNotFound()
        if lic.status != LicenceStatus.VALID:
            raise NotRevocable()
        history = [*lic.status_history, {"status": kind, "at": workdays.utcnow().isoformat(), "by": user.id,
                                         "reason": reason}]
        if not await Licence.filter(id=lic.id, version=lic.version, status=LicenceStatus.VALID).update(
                status=LicenceStatus(kind), status_history=history, version=lic.version + 1):
            raise NotRevocable()
    return await Licence.get(id=licence_id).select_related("licence_type", "department")
