"""Dashboard jobs: the 效能监管 daily facts of the recent days, rebuilt from the cases (docs/dashboard.md)."""
from __future__ import annotations

from app.services.supervision import dashboard
from app.tasks import job

RECENT_DAYS = 3  # today, and the two days before (a decision, rating or ticket is counted on the day it happens)


@job("dashboard.refresh_recent")
async def refresh_recent(ctx: dict) -> dict:
    """Every 5 minutes: rebuild the last RECENT_DAYS days' facts (idempotent), so the figures lag at most that."""
    return await dashboard.refresh_recent(RECENT_DAYS)
