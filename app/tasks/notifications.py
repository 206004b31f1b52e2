"""Notification jobs: near-due / overdue flags to staff. Delivery itself is the pump that every worker process
runs beside saq (`notifications.run_pump`, started by app/worker.py)."""
from __future__ import annotations

import logging

from app.services.notifications import notifications
from app.services.platform import outbox
from app.tasks import job

log = logging.getLogger("zhangban.tasks.notifications")


@job("notifications.flag_due")
async def flag_due(ctx: dict) -> dict:
    """Every 30 minutes: open steps near their due date or past it are announced to their department (DingTalk
    work notice; overdue ones to supervisors too), once per step and flag."""
    counts = await notifications.flag_due_steps()
    if counts["near_due"] or counts["overdue"]:
        log.info("due flags: %s", counts)
    return counts


@job("notifications.prune")
async def prune(ctx: dict) -> dict:
    """Daily: delivered notifications and their outbox events older than ZB_OUTBOX_RETENTION_DAYS are deleted,
    in batches (pending ones and dead letters stay), so the outbox does not grow for ever."""
    counts = await outbox.prune(ctx["app"].settings.outbox_retention_days)
    if counts["deliveries"] or counts["events"]:
        log.info("outbox pruned: %s", counts)
    return counts


@job("notifications.pump")
async def pump(ctx: dict, rounds: int = 100) -> int:
    """Plan and send waiting notifications until idle (at most `rounds` batches): for an operator or a test to
    drain the queue at once; workers run the same loop continuously."""
    done = 0
    for _ in range(rounds):
        n = await notifications.pump_once(ctx["app"])
        if not n:
            break
        done += n
    return done
