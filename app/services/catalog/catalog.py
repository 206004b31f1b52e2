"""The catalog of services (事项库): guides, situations, bundles (一件事), search, stats and admin edits.

Reads are served from an in-memory snapshot of the whole catalog (a few hundred rows), rebuilt lazily
after any change; every worker drops its snapshot when a change is published on Redis, so one source
serves every channel. Writes go to the database in one transaction and keep every guide version.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from tortoise.transactions import in_transaction

from app.catalog_schema import CHANNELS, DATASETS, DEFAULT_FORM, DELIVERY_DEFAULT, Bundle as BundleSchema, Department as DepartmentSchema, Guide
from app.errors import Conflict, Invalid, NotFound, from_validation
from app.redis import subscribe_forever
from app.services.catalog.search import Doc, SearchIndex
from models import Bundle, Department, LicenceType, Service, ServiceVersion, User

log = logging.getLogger("zhangban.catalog")
CHANGED_CHANNEL = "zb:catalog:changed"
# The catalog data to seed: the demo data shipped here, or a city's own export (ZB_SEED_DIR).
SEED_DIR = Path(os.environ.get("ZB_SEED_DIR") or Path(__file__).resolve().parents[2] / "seed" / "data")
FORMS = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件", "electronic": "电子证照"}


class ServiceNotFound(NotFound):
    code, message = "service_not_found", "没有找到该事项"


class BundleNotFound(NotFound):
    code, message = "bundle_not_found", "没有找到该“一件事”"


class DepartmentNotFound(NotFound):
    code, message = "department_not_found", "没有找到该部门"


class ServiceExists(Conflict):
    code, message = "service_exists", "事项编码已存在"


class VersionConflict(Conflict):
    code, message = "version_conflict", "该指南已被他人修改，请刷新后再编辑"


# ---------------------------------------------------------------- situations and materials

def resolve_answers(guide: dict, answers: dict | None) -> dict[str, str]:
    """The situation answers with defaults filled in; an unknown question or option is a 422."""
    answers = answers or {}
    if not isinstance(answers, dict):
        raise Invalid("情形答案格式不正确", field="answers")
    questions = {s["key"]: s for s in guide.get("situations", [])}
    for key, value in answers.items():
        q = questions.get(key)
        if q is None:
            raise Invalid(f"该事项没有情形问题“{key}”", field=f"answers.{key}")
        if value not in {o["value"] for o in q["options"]}:
            raise Invalid(f"情形“{q['question']}”没有选项“{value}”", field=f"answers.{key}")
    return {k: answers.get(k, q["default"]) for k, q in questions.items()}


def applies(when: dict, answers: dict) -> bool:
    """Does a material or time rule with condition `when` apply in the situation `answers`?"""
    return all(answers.get(k) == v for k, v in when.items())


def material_view(m: dict) -> dict:
    shared = m.get("source") == "shared"
    return {
        "name": m["name"], "form": m.get("form", "original"), "form_label": FORMS[m.get("form", "original")],
        "copies": m.get("copies", 1), "required": m.get("required", True), "source": m.get("source", "citizen"),
        "dataset": m.get("dataset"), "dataset_label": DATASETS.get(m.get("dataset") or "", None),
        "licence_type": m.get("licence_type"), "note": m.get("note"), "exempt": shared,
    }


def materials_for(guide: dict, answers: dict) -> list[dict]:
    return [material_view(m) for m in guide["materials"] if applies(m.get("when") or {}, answers)]


def promised_days(guide: dict, answers: dict) -> int:
    days = guide["time_limit"]["promised_days"]
    for rule in guide["time_limit"].get("rules", []):
        if applies(rule["when"], answers):
            days = rule["promised_days"]
    return days


def is_id_only(guide: dict) -> bool:
    """一证通办: in the default situation, every required material comes from a shared dataset."""
    mats = materials_for(guide, resolve_answers(guide, {}))
    return all(m["exempt"] for m in mats if m["required"])


def merge_materials(guides: list[dict]) -> list[dict]:
    """One de-duplicated materials list for a bundle (default situations); a material asked twice appears once."""
    merged: dict[str, dict] = {}
    for g in guides:
        for m in materials_for(g, resolve_answers(g, {})):
            seen = merged.get(m["name"])
            if seen is None:
                merged[m["name"]] = {**m, "for_services": [g["code"]]}
            else:
                seen["for_services"].append(g["code"])
                seen["required"] = seen["required"] or m["required"]
                seen["copies"] = max(seen["copies"], m["copies"])
    return sorted(merged.values(), key=lambda m: (m["exempt"], not m["required"], m["name"]))


# ---------------------------------------------------------------- the snapshot

def _dep_brief(dep: Department) -> dict:
    return {"code": dep.code, "name": dep.name}


def _dep_full(dep: Department) -> dict:
    return {"code": dep.code, "name": dep.name, "short_name": dep.short_name, "phone": dep.phone,
            "address": dep.address}


@dataclass
class ServiceEntry:
    code: str
    version: int
    guide: dict
    department: dict
    summary: dict  # the list/search item
    hot_rank: int | None
    default_body: bytes = b""  # the guide in its default situation, serialized once
    summary_body: bytes = b""  # the list/search item, serialized once
    etag: str = ""
    row: Service | None = None  # the active row, its department loaded (read-only: shared by every request)


@dataclass
class Snapshot:
    departments: list[dict]
    services: dict[str, ServiceEntry]
    bundles: dict[str, dict]
    index: SearchIndex
    order: list[str]  # service codes: hot first, then by code
    hot: list[str] = field(default_factory=list)


def guide_view(entry: ServiceEntry, answers: dict) -> dict:
    g = entry.guide
    return {
        "code": g["code"], "name": g["name"], "version": entry.version, "department": entry.department,
        "kind": g["kind"], "audience": g.get("audience", "citizen"), "livelihood": g.get("livelihood", True),
        "summary": g["summary"], "legal_basis": g["legal_basis"], "conditions": g["conditions"],
        "situations": g.get("situations", []), "answers": answers,
        "materials": materials_for(g, answers),
        "time_limit": {"promised_days": promised_days(g, answers), "legal_days": g["time_limit"]["legal_days"]},
        "fees": g.get("fees", []), "fees_total_fen": sum(f["amount_fen"] for f in g.get("fees", [])),
        "channels": g["channels"], "online_level": g["online_level"], "visits": g["visits"],
        "citywide": g.get("citywide", False), "appointment_required": g.get("appointment_required", False),
        "face_required": g.get("face_required", False), "id_only": entry.summary["id_only"],
        "faqs": g.get("faqs", []), "workflow": g.get("workflow", []), "contact": g.get("contact"),
        "keywords": g.get("keywords", []), "form": g.get("form") or DEFAULT_FORM,
        "delivery": g.get("delivery") or list(DELIVERY_DEFAULT),
    }


def _summary(g: dict, dep: dict, id_only: bool) -> dict:
    return {"code": g["code"], "name": g["name"], "department": dep, "kind": g["kind"],
            "online_level": g["online_level"], "channels": g["channels"], "id_only": id_only,
            "summary": g["summary"], "audience": g.get("audience", "citizen")}


def _etag(*parts) -> str:
    return '"' + hashlib.sha1(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20] + '"'


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def load_synonyms() -> dict[str, list[str]]:
    path = SEED_DIR / "synonyms.json"
    return json.loads(path.read_text("utf-8")).get("synonyms", {}) if path.exists() else {}


async def build_snapshot() -> Snapshot:
    deps = {d.id: d for d in await Department.all().order_by("code")}
    services: dict[str, ServiceEntry] = {}
    for s in await Service.filter(active=True).order_by("code"):
        dep = deps[s.department_id]
        s.department = dep
        entry = ServiceEntry(s.code, s.version, s.guide, _dep_full(dep), _summary(s.guide, _dep_brief(dep), s.id_only),
                             s.hot_rank)
        entry.default_body = _dumps(guide_view(entry, resolve_answers(s.guide, {})))
        entry.summary_body = _dumps(entry.summary)
        entry.etag = _etag("service", s.code, s.version)
        entry.row = s
        services[s.code] = entry
    bundles = {}
    for b in await Bundle.filter(active=True).order_by("code"):
        bundles[b.code] = _bundle_view(b, deps[b.lead_department_id], services)
    order = sorted(services, key=lambda c: (services[c].hot_rank is None, services[c].hot_rank or 0, c))
    docs = [Doc(key=c, tie=services[c].hot_rank or 9999, phrases=[e.guide["name"], *e.guide.get("keywords", [])],
                fields={"name": e.guide["name"], "keywords": " ".join(e.guide.get("keywords", [])),
                        "department": e.department["name"], "summary": e.guide["summary"],
                        "faqs": " ".join(f["q"] for f in e.guide.get("faqs", []))})
            for c, e in services.items()]
    index = await asyncio.to_thread(SearchIndex, docs, load_synonyms())
    hot = [c for c in order if services[c].hot_rank is not None]
    return Snapshot([_dep_full(d) for d in deps.values()], services, bundles, index, order, hot)


def _bundle_view(b: Bundle, lead: Department, services: dict[str, ServiceEntry]) -> dict:
    d = b.definition
    members = [services[c] for c in d["services"] if c in services]
    return {
        "code": b.code, "name": b.name, "version": b.version, "summary": d["summary"],
        "keywords": d.get("keywords", []), "lead_department": _dep_brief(lead),
        "services": [{"code": e.code, "name": e.guide["name"], "department": e.summary["department"]}
                     for e in members],
        "promised_days": d["promised_days"], "workflow": d["workflow"],
        "materials": merge_materials([e.guide for e in members]),
    }


class Catalog:
    """The per-worker read side: a lazily built snapshot, dropped when the catalog changes anywhere."""

    def __init__(self):
        self._snapshot: Snapshot | None = None
        self._generation = 0
        self._lock = asyncio.Lock()
        self.reads = None  # app.replica.Reads, set at start: snapshots load from a replica when there is one

    def invalidate(self) -> None:
        self._generation += 1
        self._snapshot = None

    async def snapshot(self) -> Snapshot:
        snap = self._snapshot
        if snap is not None:
            return snap
        async with self._lock:
            while self._snapshot is None:
                gen = self._generation
                snap = await (self.reads.run(build_snapshot, "catalog") if self.reads else build_snapshot())
                if gen == self._generation:  # no change arrived while building
                    self._snapshot = snap
            return self._snapshot

    async def listen(self, redis) -> None:
        """Drop the snapshot whenever any worker publishes a catalog change (runs as a background task)."""

        async def changed(_message: str) -> None:
            self.invalidate()

        await subscribe_forever(redis, CHANGED_CHANNEL, changed, self.invalidate, log)


async def publish_change(catalog: Catalog, redis) -> None:
    catalog.invalidate()
    if catalog.reads is not None:  # every worker's next snapshot comes from the primary until the replica has it
        await catalog.reads.wrote("catalog")
    await redis.publish(CHANGED_CHANNEL, "1")


# ---------------------------------------------------------------- reads

async def service_entry(catalog: Catalog, code: str) -> ServiceEntry:
    entry = (await catalog.snapshot()).services.get(code)
    if entry is None:
        raise ServiceNotFound()
    return entry


async def service_guide(catalog: Catalog, code: str, answers: dict | None) -> tuple[dict | bytes, str]:
    """The guide for a situation (or the pre-serialized default one) and its ETag."""
    entry = await service_entry(catalog, code)
    if not answers:
        return entry.default_body, entry.etag
    resolved = resolve_answers(entry.guide, answers)
    return guide_view(entry, resolved), _etag("service", code, entry.version, resolved)


def page_json(entries: list[ServiceEntry], page: int, page_size: int) -> bytes:
    """One page of service summaries as JSON, joined from their pre-serialized forms (the search hot path)."""
    start = (page - 1) * page_size
    items = b",".join(e.summary_body for e in entries[start:start + page_size])
    return b'{"items":[' + items + b'],"total":%d,"page":%d,"page_size":%d}' % (len(entries), page, page_size)


async def search_services(catalog: Catalog, q: str = "", department: str | None = None, channel: str | None = None,
                          page: int = 1, page_size: int = 20) -> bytes:
    """Search (or list) services: ranked by relevance for a query, hot first otherwise; filters by department/channel."""
    if channel and channel not in CHANNELS:
        raise Invalid("办理渠道应为 mobile、online、window 或 kiosk", field="channel")
    if len(q) > 100:
        raise Invalid("搜索内容过长", field="q")
    snap = await catalog.snapshot()
    if department and department not in {d["code"] for d in snap.departments}:
        raise DepartmentNotFound(field="department")
    codes = [h.key for h in snap.index.search(q)] if q.strip() else snap.order
    entries = [snap.services[c] for c in codes]
    if department:
        entries = [e for e in entries if e.department["code"] == department]
    if channel:
        entries = [e for e in entries if channel in e.guide["channels"]]
    return page_json(entries, page, page_size)


async def departments(catalog: Catalog) -> list[dict]:
    return (await catalog.snapshot()).departments


async def bundles(catalog: Catalog) -> list[dict]:
    snap = await catalog.snapshot()
    return [_bundle_summary(b) for b in snap.bundles.values()]


def _bundle_summary(b: dict) -> dict:
    return {k: b[k] for k in ("code", "name", "summary", "lead_department", "services", "promised_days")}


async def bundle(catalog: Catalog, code: str) -> dict:
    b = (await catalog.snapshot()).bundles.get(code)
    if b is None:
        raise BundleNotFound()
    return b


async def home(catalog: Catalog, notice: str) -> dict:
    snap = await catalog.snapshot()
    return {"hot": [snap.services[c].summary for c in snap.hot[:10]],
            "bundles": [_bundle_summary(b) for b in snap.bundles.values()], "notice": notice}


async def stats(catalog: Catalog) -> dict:
    """Totals, the share by star level and by channel, and the 一证通办 share of livelihood services."""
    snap = await catalog.snapshot()
    entries = list(snap.services.values())
    n = len(entries) or 1
    stars = Counter(e.guide["online_level"] for e in entries)
    chans = Counter(c for e in entries for c in e.guide["channels"])
    livelihood = [e for e in entries if e.guide.get("livelihood", True)]
    id_only = [e for e in livelihood if e.summary["id_only"]]
    return {
        "services": len(entries), "departments": len({e.department["code"] for e in entries}),
        "bundles": len(snap.bundles),
        "by_online_level": {str(k): {"count": stars.get(k, 0), "share": round(stars.get(k, 0) / n, 4)}
                            for k in range(1, 6)},
        "by_channel": {c: {"count": chans.get(c, 0), "share": round(chans.get(c, 0) / n, 4)} for c in CHANNELS},
        "livelihood_services": len(livelihood),
        "id_only": {"count": len(id_only), "share": round(len(id_only) / (len(livelihood) or 1), 4)},
        "zero_visit": {"count": sum(1 for e in entries if e.guide["visits"] == 0),
                       "share": round(sum(1 for e in entries if e.guide["visits"] == 0) / n, 4)},
        "licence_types": await _licence_type_stats({e.summary["code"] for e in entries}, n),
    }


async def _licence_type_stats(codes: set[str], n: int) -> dict:
    """How many 证照类型 there are, and how many services name one as their result (电子证照库 coverage)."""
    lists = await LicenceType.all().values_list("services", flat=True)
    typed = codes & {c for services in lists for c in services}
    return {"count": len(lists), "services": len(typed), "share": round(len(typed) / n, 4)}


# ---------------------------------------------------------------- writes (admin and seed)

def parse_guide(data: dict) -> Guide:
    try:
        return Guide.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


def parse_bundle(data: dict) -> BundleSchema:
    try:
        return BundleSchema.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


async def _department(code: str, field: str = "department") -> Department:
    dep = await Department.get_or_none(code=code)
    if dep is None:
        raise DepartmentNotFound(field=field)
    return dep


async def _check_workflow_departments(steps: list) -> None:
    codes = {s.department for s in steps}
    found = set(await Department.filter(code__in=list(codes)).values_list("code", flat=True))
    if codes - found:
        raise DepartmentNotFound(f"流程中的部门不存在：{'、'.join(sorted(codes - found))}", field="workflow")


async def create_service(guide: Guide, actor: User | None, note: str = "创建") -> Service:
    """Add a service with its first guide version."""
    dep = await _department(guide.department)
    await _check_workflow_departments(guide.workflow)
    data = guide.model_dump(mode="json")
    async with in_transaction():
        if await Service.exists(code=guide.code):
            raise ServiceExists(field="code")
        svc = await Service.create(code=guide.code, name=guide.name, department=dep, kind=guide.kind,
                                   audience=guide.audience, livelihood=guide.livelihood,
                                   online_level=guide.online_level, channels=data["channels"],
                                   id_only=is_id_only(data), guide=data, version=1)
        await ServiceVersion.create(service=svc, version=1, guide=data, edited_by=actor, note=note)
    return svc


async def update_service(code: str, guide: Guide, actor: User | None, expected_version: int | None,
                         note: str | None) -> Service:
    """Edit a guide: a new version, the old one kept. `expected_version` guards against lost updates."""
    if guide.code != code:
        raise Invalid("事项编码不可修改", field="code")
    dep = await _department(guide.department)
    await _check_workflow_departments(guide.workflow)
    data = guide.model_dump(mode="json")
    async with in_transaction():
        svc = await Service.filter(code=code).select_for_update().first()
        if svc is None:
            raise ServiceNotFound()
        if expected_version is not None and expected_version != svc.version:
            raise VersionConflict(field="version")
        # Conditional update: correct on SQLite too, where select_for_update is a no-op.
        updated = await Service.filter(id=svc.id, version=svc.version).update(
            name=guide.name, department_id=dep.id, kind=guide.kind, audience=guide.audience,
            livelihood=guide.livelihood, online_level=guide.online_level, channels=data["channels"],
            id_only=is_id_only(data), guide=data, version=svc.version + 1, active=True)
        if not updated:
            raise VersionConflict(field="version")
        await ServiceVersion.create(service=svc, version=svc.version + 1, guide=data, edited_by=actor,
                                    note=(note or "修改")[:200])
    return await Service.get(id=svc.id)


async def deactivate_service(code: str, actor: User | None) -> None:
    async with in_transaction():
        if not await Service.filter(code=code, active=True).update(active=False):
            raise ServiceNotFound()


async def service_versions(code: str) -> list[dict]:
    svc = await Service.get_or_none(code=code)
    if svc is None:
        raise ServiceNotFound()
    rows = await ServiceVersion.filter(service=svc).order_by("-version").prefetch_related("edited_by")
    return [{"version": v.version, "note": v.note, "created_at": v.created_at.isoformat(),
             "edited_by": v.edited_by.name if v.edited_by else None, "guide": v.guide} for v in rows]


async def upsert_bundle(bundle_def: BundleSchema) -> Bundle:
    lead = await _department(bundle_def.lead_department, "lead_department")
    await _check_workflow_departments(bundle_def.workflow)
    missing = set(bundle_def.services) - set(
        await Service.filter(code__in=bundle_def.services).values_list("code", flat=True))
    if missing:
        raise ServiceNotFound(f"事项不存在：{'、'.join(sorted(missing))}", field="services")
    data = bundle_def.model_dump(mode="json")
    async with in_transaction():
        existing = await Bundle.filter(code=bundle_def.code).select_for_update().first()
        if existing is None:
            return await Bundle.create(code=bundle_def.code, name=bundle_def.name, lead_department=lead,
                                       definition=data)
        await Bundle.filter(id=existing.id).update(name=bundle_def.name, lead_department_id=lead.id,
                                                   definition=data, version=existing.version + 1, active=True)
    return await Bundle.get(id=existing.id)


async def upsert_department(code: str, name: str, short_name: str, phone: str | None, address: str | None) -> Department:
    """Create or update a department (validated like the seed data: the code is a lowercase slug)."""
    try:
        DepartmentSchema(code=code, name=name, short_name=short_name, phone=phone, address=address)
    except ValidationError as exc:
        raise from_validation(exc) from None
    dep, created = await Department.get_or_create(code=code, defaults={
        "name": name, "short_name": short_name, "phone": phone, "address": address})
    if not created:
        dep.name, dep.short_name, dep.phone, dep.address = name, short_name, phone, address
        await dep.save()
    return dep
