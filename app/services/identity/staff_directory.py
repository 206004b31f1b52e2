"""The staff directory: who may sign in through DingTalk, in which department, with which roles."""
from __future__ import annotations

from models import StaffMember


async def find(userid: str) -> StaffMember | None:
    if not userid:
        return None
    return await StaffMember.get_or_none(userid=userid, active=True).prefetch_related("department")


async def listing() -> list[dict]:
    members = await StaffMember.filter(active=True).prefetch_related("department").order_by("userid")
    return [{"userid": m.userid, "name": m.name, "department": m.department.code, "roles": m.roles} for m in members]
