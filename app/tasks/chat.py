"""Chat, complaint and rating jobs: transcript retention and the deadline flags."""
from __future__ import annotations

import logging

from app.services.engagement import chat, complaints, ratings
from app.tasks import job

log = logging.getLogger("zhangban.tasks.chat")


@job("chat.purge_transcripts")
async def purge_transcripts(ctx: dict) -> int:
    """Daily: delete conversations whose last message is older than the retention period."""
    n = await chat.purge_transcripts(ctx["app"].settings.chat_retention_days)
    if n:
        log.info("deleted %s conversations past retention", n)
    return n


@job("complaints.refresh_flags")
async def refresh_flags(ctx: dict) -> dict:
    """Hourly: near-due (yellow) and overdue (red) flags of open complaints and rectifications."""
    return {"complaints": await complaints.refresh_flags(), "rectifications": await ratings.refresh_flags()}
