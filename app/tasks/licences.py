"""Licence jobs: the signed PDF of every issued licence, made off the request that issued it."""
from __future__ import annotations

import logging

from app.providers.storage import storage_for
from app.services.licences import licences
from app.tasks import job

log = logging.getLogger("zhangban.tasks.licences")


@job("licences.render_missing")
async def render_missing(ctx: dict, limit: int = 100) -> dict:
    """Every minute: licences without their PDF get it (rendered, PDF/A-2b, signed with the department's seal).
    Idempotent: a licence stores one PDF, whoever renders first."""
    app = ctx["app"]
    return {"rendered": await licences.render_missing(app.settings, app.vault, storage_for(app), limit)}
