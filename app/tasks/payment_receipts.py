"""Receipt jobs: e-receipts are issued here, off the payment notify path (and on demand when a payer asks)."""
from __future__ import annotations

import logging

from app.services.payments import payment_receipts
from app.tasks import job
from models import OrderStatus, PaymentOrder

log = logging.getLogger("zhangban.tasks.payment_receipts")
BATCH = 500  # receipts per run; the rest follow in the next minute


@job("receipts.issue_missing")
async def issue_missing(ctx: dict, limit: int = BATCH) -> dict:
    """Every minute: paid orders without a receipt get one (oldest payments first)."""
    orders = await PaymentOrder.filter(status=OrderStatus.PAID, receipt__id__isnull=True).order_by("paid_at").limit(
        limit)
    counts = {"issued": 0, "errors": 0}
    for order in orders:
        try:
            await payment_receipts.issue(ctx["app"].settings, order)
            counts["issued"] += 1
        except Exception:  # one bad order must not hold up the others; it is retried next minute
            log.exception("could not issue the receipt for %s", order.out_trade_no)
            counts["errors"] += 1
    return counts
