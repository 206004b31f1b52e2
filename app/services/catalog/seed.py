"""Demo data: the catalog, bundles and staff directory under app/seed/data/, loaded idempotently.

What exists is left as it is (an admin's edits survive a re-seed); what is missing is added.
"""
from __future__ import annotations

import json
from functools import lru_cache

from tortoise.transactions import in_transaction

from app.catalog_schema import Bundle as BundleSchema, Department as DepartmentSchema, Guide, StaffMember as StaffSchema
from app.catalog_schema import LicenceType as LicenceTypeSchema
from app.services.catalog import catalog
from models import Bundle, Department, Service, StaffMember

SEED_DIR = catalog.SEED_DIR


def _load(name: str):
    return json.loads((SEED_DIR / name).read_text("utf-8"))


def guides() -> list[Guide]:
    out = []
    for path in sorted((SEED_DIR / "services").glob("*.json")):
        out += [Guide.model_validate(g) for g in json.loads(path.read_text("utf-8"))]
    return out


def licence_types() -> list[LicenceTypeSchema]:
    path = SEED_DIR / "licence_types.json"
    return [LicenceTypeSchema.model_validate(x) for x in json.loads(path.read_text("utf-8"))] if path.exists() else []


@lru_cache(maxsize=1)
def home_notice() -> str:
    path = SEED_DIR / "home.json"
    return json.loads(path.read_text("utf-8")).get("notice", "") if path.exists() else ""


async def seed() -> dict:
    """Add whatever demo data is missing; returns how many rows of each kind were added."""
    added = {"departments": 0, "services": 0, "bundles": 0, "staff": 0}
    for d in (DepartmentSchema.model_validate(x) for x in _load("departments.json")):
        if not await Department.exists(code=d.code):
            await Department.create(**d.model_dump())
            added["departments"] += 1
    existing = set(await Service.all().values_list("code", flat=True))
    for g in guides():
        if g.code not in existing:
            await catalog.create_service(g, None, note="初始数据")
            added["services"] += 1
    hot = _load("home.json").get("hot", [])
    async with in_transaction():
        for rank, code in enumerate(hot, 1):
            await Service.filter(code=code, hot_rank__isnull=True).update(hot_rank=rank)
    for b in (BundleSchema.model_validate(x) for x in _load("bundles.json")):
        if not await Bundle.exists(code=b.code):
            await catalog.upsert_bundle(b)
            added["bundles"] += 1
    deps = {d.code: d for d in await Department.all()}
    for m in (StaffSchema.model_validate(x) for x in _load("staff.json")):
        if not await StaffMember.exists(userid=m.userid):
            await StaffMember.create(userid=m.userid, name=m.name, department=deps[m.department], roles=m.roles)
            added["staff"] += 1
    from app.services.licences.licences import seed_types

    added["licence_types"] = await seed_types(licence_types(), deps)
    from app.services.halls.halls import seed_halls

    added["halls"] = await seed_halls()
    return added
