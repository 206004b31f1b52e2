"""Payment jobs: close expired orders, ask WeChat Pay about orders whose notification is late, reconcile."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from app.errors import ProviderError
from app.services.payments import payments, reconciliation
from app.tasks import job
from models import OrderStatus, PaymentOrder

log = logging.getLogger("zhangban.tasks.payments")
LATE_AFTER = timedelta(minutes=2)  # a pending order older than this: its notification is late, ask WeChat Pay
SYNC_LIMIT = 200  # orders asked about per run (oldest first); the rest wait for the next minute


@job("payments.close_expired")
async def close_expired(ctx: dict) -> int:
    """Every minute: close orders past their expiry (a last query first, so a late payment is credited)."""
    closed = await payments.close_expired(ctx["app"])
    if closed:
        log.info("closed %s expired orders", closed)
    return closed


@job("payments.sync_pending")
async def sync_pending(ctx: dict, limit: int = SYNC_LIMIT) -> dict:
    """Every minute: pending, unexpired orders older than LATE_AFTER are asked about (credited or closed)."""
    now = datetime.now(timezone.utc)
    orders = await PaymentOrder.filter(status=OrderStatus.PENDING, created_at__lt=now - LATE_AFTER,
                                       expires_at__gt=now).order_by("created_at").limit(limit)
    counts = {"checked": 0, "paid": 0, "closed": 0, "errors": 0}
    for order in orders:
        try:
            order = await payments.sync(ctx["app"], order)
        except ProviderError:  # WeChat Pay unreachable or refusing: the next run asks again
            log.warning("could not query order %s", order.out_trade_no, exc_info=True)
            counts["errors"] += 1
            continue
        counts["checked"] += 1
        if order.status == OrderStatus.PAID:
            counts["paid"] += 1
        elif order.status != OrderStatus.PENDING:
            counts["closed"] += 1
    if counts["paid"] or counts["closed"] or counts["errors"]:
        log.info("late orders: %s", counts)
    return counts


@job("payments.reconcile_yesterday")
async def reconcile_yesterday(ctx: dict) -> dict | None:
    """Daily at 10:30 Beijing time (WeChat publishes a day's bill around 10:00): reconcile yesterday."""
    day = reconciliation.beijing_today() - timedelta(days=1)
    try:
        report = await reconciliation.reconcile(ctx["app"], day)
    except payments.PaymentsUnavailable:
        log.warning("WeChat Pay is not configured: no reconciliation for %s", day)
        return None
    return {"report": report.id, "bill_date": day.isoformat(), "differences": len(report.differences)}
