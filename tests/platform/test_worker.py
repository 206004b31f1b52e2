"""The background job worker: each payment job run directly with the app's ctx, the cron schedule, and the real
worker loop (saq) on the app's Redis — fakeredis on the embedded backend, Redis on postgres."""
import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from croniter import croniter

from app import worker
from app.tasks import payments as jobs
from models import LedgerEntry, OrderStatus, PaymentOrder
from tests.factories import own_order


async def _pay_held(client, order: dict) -> None:
    """Paid at WeChat Pay, but the notification is held back (a late notification)."""
    r = await client.post(f"/sandbox/wechatpay/orders/{order['out_trade_no']}/pay", json={"hold": True})
    assert r.status_code == 200, r.text


async def _status(order: dict) -> str:
    return (await PaymentOrder.get(id=order["id"])).status


async def test_close_expired_closes_unpaid_and_credits_paid_meanwhile(client, app):
    unpaid, paid = await own_order(client), await own_order(client)
    await _pay_held(client, paid)
    past = datetime.now(UTC) - timedelta(minutes=1)
    await PaymentOrder.filter(id__in=[unpaid["id"], paid["id"]]).update(expires_at=past)

    assert await jobs.close_expired({"app": app.ctx}) >= 1
    assert await _status(unpaid) == OrderStatus.CLOSED
    assert await _status(paid) == OrderStatus.PAID
    assert await LedgerEntry.filter(order_id=paid["id"]).count() == 1
    assert await LedgerEntry.filter(order_id=unpaid["id"]).count() == 0


async def test_sync_pending_credits_late_notifications_after_the_threshold(client, app):
    # Other tests' pending orders aged past the threshold in a long run, and some are unknown to the sandbox by
    # now (a test flushes the app's Redis, where the sandbox keeps them): out of this run's sight
    await PaymentOrder.filter(status=OrderStatus.PENDING, created_at__lt=datetime.now(UTC) - jobs.LATE_AFTER) \
        .update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    late_paid, late_unpaid, recent_paid = [await own_order(client) for _ in range(3)]
    await _pay_held(client, late_paid)
    await _pay_held(client, recent_paid)
    old = datetime.now(UTC) - jobs.LATE_AFTER - timedelta(seconds=30)
    await PaymentOrder.filter(id__in=[late_paid["id"], late_unpaid["id"]]).update(created_at=old)

    counts = await jobs.sync_pending({"app": app.ctx})
    assert counts["paid"] >= 1 and counts["errors"] == 0
    assert await _status(late_paid) == OrderStatus.PAID
    assert await LedgerEntry.filter(order_id=late_paid["id"]).count() == 1
    assert await _status(late_unpaid) == OrderStatus.PENDING  # not paid at WeChat: left to expire
    assert await _status(recent_paid) == OrderStatus.PENDING  # its notification may still come

    again = await jobs.sync_pending({"app": app.ctx})  # idempotent: nothing credited twice
    assert await LedgerEntry.filter(order_id=late_paid["id"]).count() == 1
    assert again["errors"] == 0


async def test_cron_schedule():
    crons = {c.function.__qualname__: c for c in worker.CRON_JOBS}
    assert set(crons) == {"payments.close_expired", "payments.sync_pending", "payments.reconcile_yesterday",
                          "receipts.issue_missing", "chat.purge_transcripts", "complaints.refresh_flags",
                          "notifications.flag_due", "notifications.prune", "tokens.refresh", "appointments.mark_no_shows",
                          "appointments.remind", "appointments.release_slots", "appointments.reconcile",
                          "audit.seal", "dashboard.refresh_recent", "licences.render_missing"}
    assert all(c.unique for c in crons.values())  # one queued instance per cron job, however many workers
    assert all(c.function in worker.FUNCTIONS for c in crons.values())
    start = datetime(2026, 1, 5, 0, 0, 30, tzinfo=UTC).astimezone(worker.CRON_TZ)

    def next_utc(name: str, n: int = 1) -> list[datetime]:
        it = croniter(crons[name].cron, start)
        return [datetime.fromtimestamp(it.get_next(), UTC) for _ in range(n)]

    for name in ("payments.close_expired", "payments.sync_pending", "receipts.issue_missing"):
        assert next_utc(name, 2) == [datetime(2026, 1, 5, 0, 1, tzinfo=UTC), datetime(2026, 1, 5, 0, 2, tzinfo=UTC)]
    # 10:30 Beijing time = 02:30 UTC, daily
    assert next_utc("payments.reconcile_yesterday", 2) == [datetime(2026, 1, 5, 2, 30, tzinfo=UTC),
                                                           datetime(2026, 1, 6, 2, 30, tzinfo=UTC)]


async def test_a_cron_key_is_queued_once(app):
    queue = worker.queue_for(app.ctx.redis, name=f"zbtest-{uuid.uuid4().hex[:8]}")
    far = int((datetime.now(UTC) + timedelta(days=1)).timestamp())
    first = await queue.enqueue("payments.close_expired", key="cron:payments.close_expired", scheduled=far)
    second = await queue.enqueue("payments.close_expired", key="cron:payments.close_expired", scheduled=far)
    assert first is not None and second is None  # what a second worker's scheduler gets
    await queue.abort(first, "test over")


async def test_the_worker_loop_runs_an_enqueued_job(app, settings):
    task = asyncio.create_task(worker.run_worker(settings, app.ctx.redis, vars(app.ctx)))
    try:
        # saq sweeps the active list once as a worker starts (recovering jobs of a crashed worker); a job moved
        # there in that same instant can be swept as stale, so enqueue once the worker is up.
        await asyncio.sleep(1)
        queue = worker.queue_for(app.ctx.redis)
        job = await queue.enqueue("payments.sync_pending", key=f"test-{uuid.uuid4().hex}")
        assert job is not None
        for _ in range(100):
            await job.refresh()
            if job.completed:
                break
            await asyncio.sleep(0.1)
        assert job.status == "complete", (job.status, job.error)
        assert set(job.result) == {"checked", "paid", "closed", "errors"}
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert task.done()
    assert await app.ctx.redis.ping()  # the shared client is left open


async def test_receipts_are_issued_by_the_job_or_on_demand(client, app):
    from app.tasks import payment_receipts as receipt_jobs
    from models import Receipt
    order = await own_order(client)
    who = order["who"]
    await client.post(f"/sandbox/wechatpay/transactions/{order['out_trade_no']}/pay", json={})
    assert not await Receipt.exists(order_id=order["id"])  # not on the notify path
    counts = await receipt_jobs.issue_missing({"app": app.ctx})  # other tests' orders may be in the batch too
    assert counts["issued"] >= 1
    receipt = await Receipt.get(order_id=order["id"])
    await receipt_jobs.issue_missing({"app": app.ctx})  # a second run leaves an issued receipt alone
    assert await Receipt.filter(order_id=order["id"]).count() == 1
    r = await client.get(f"/api/v1/payments/{order['id']}/receipt", headers=who["headers"])
    assert r.status_code == 200 and r.json()["number"] == receipt.number
