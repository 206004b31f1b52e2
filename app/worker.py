"""The background job worker (saq on Redis): the job functions, the cron schedule, and `run_worker`.

Production: `python -m app worker`, its own process (any number of them; and any number of Sanic workers).
Embedded: the app process runs it as a background task on its in-process Redis (see create_app), sharing the
app's ctx and its already-connected database.

Cron jobs run once per schedule however many workers run: saq enqueues each cron job under the fixed key
"cron:<name>" and Redis (a Lua script) refuses a second job with a key that is still queued or running.
"""
from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import fakeredis
import redis.asyncio as aioredis
from saq import CronJob, Queue, Worker
from saq.queue.redis import RedisQueue
from saq.utils import cancel_tasks

from app.config import Settings
from app.providers import wechatpay
from app.providers.http import make_client
from app.security import Vault, load_key
from app.services.notifications import notifications
from app.tasks import appointments as appointment_jobs
from app.tasks import audit as audit_jobs
from app.tasks import chat as chat_jobs
from app.tasks import dashboard as dashboard_jobs
from app.tasks import licences as licence_jobs
from app.tasks import notifications as notification_jobs
from app.tasks import payments as payment_jobs
from app.tasks import payment_receipts as receipt_jobs
from app.tasks import tokens as token_jobs

log = logging.getLogger("zhangban.worker")
QUEUE = "zhangban"
CRON_TZ = wechatpay.CST  # cron times below are Beijing time

FUNCTIONS = [payment_jobs.close_expired, payment_jobs.sync_pending, payment_jobs.reconcile_yesterday,
             receipt_jobs.issue_missing, chat_jobs.purge_transcripts, chat_jobs.refresh_flags,
             notification_jobs.flag_due, notification_jobs.prune, notification_jobs.pump, token_jobs.refresh_tokens,
             appointment_jobs.mark_no_shows, appointment_jobs.remind, appointment_jobs.release_slots,
             appointment_jobs.reconcile, audit_jobs.seal, dashboard_jobs.refresh_recent,
             licence_jobs.render_missing]
CRON_JOBS = [
    CronJob(payment_jobs.close_expired, cron="* * * * *", timeout=50),
    CronJob(payment_jobs.sync_pending, cron="* * * * *", timeout=50),
    CronJob(payment_jobs.reconcile_yesterday, cron="30 10 * * *", timeout=600),  # 02:30 UTC
    CronJob(receipt_jobs.issue_missing, cron="* * * * *", timeout=50),
    CronJob(licence_jobs.render_missing, cron="* * * * *", timeout=50),
    CronJob(chat_jobs.purge_transcripts, cron="15 3 * * *", timeout=600),
    CronJob(chat_jobs.refresh_flags, cron="5 * * * *", timeout=300),
    CronJob(notification_jobs.flag_due, cron="*/30 * * * *", timeout=300),
    CronJob(notification_jobs.prune, cron="45 3 * * *", timeout=3000),
    CronJob(token_jobs.refresh_tokens, cron="*/5 * * * *", timeout=60),
    CronJob(appointment_jobs.mark_no_shows, cron="* * * * *", timeout=50),
    CronJob(appointment_jobs.remind, cron="*/5 * * * *", timeout=250),
    CronJob(appointment_jobs.release_slots, cron="0 * * * *", timeout=600),  # the 08:00 release, idempotently hourly
    CronJob(appointment_jobs.reconcile, cron="*/5 * * * *", timeout=250),
    CronJob(audit_jobs.seal, cron="* * * * *", timeout=50),
    CronJob(dashboard_jobs.refresh_recent, cron="*/5 * * * *", timeout=250),
]


class _InProcessQueue(RedisQueue):
    """saq's Redis queue on the embedded mode's fakeredis, which has no INFO (saq reads the server version from
    it) and answers BLMOVE at once instead of blocking (saq's dequeue loop would spin): poll instead."""

    POLL = 0.25

    async def version(self) -> tuple[int, ...]:
        return (7, 2, 0)  # fakeredis implements BLMOVE

    async def dequeue(self, timeout: float = 0.0, poll_interval: float = 0.0):
        job = await super().dequeue(timeout, poll_interval)
        if job is None:
            await asyncio.sleep(self.POLL)
        return job


def queue_for(redis: aioredis.Redis, name: str = QUEUE) -> Queue:
    """The job queue on a Redis client (to enqueue from anywhere: `await queue_for(r).enqueue("payments.…")`)."""
    cls = _InProcessQueue if isinstance(redis, fakeredis.FakeAsyncRedis) else RedisQueue
    return cls(redis, name=name)


class _Worker(Worker):
    async def stop(self) -> None:
        """saq's stop, without its warning. With no shutdown grace period (ours) saq cancels its tasks at once —
        the upkeep loops and the dequeuing tasks, which never end by themselves — but first logs "Some tasks did
        not finish within the shutdown grace period" at every stop. They are cancelled here the same way, then
        saq closes the rest."""
        if not self._stopped:
            self.event.set()
            await cancel_tasks(list(self.tasks), timeout=self._cancellation_hard_deadline_s)
            self.tasks.clear()
        await super().stop()


def make_worker(queue: Queue, *, signals: bool = True, **kw) -> Worker:
    worker = _Worker(queue, functions=FUNCTIONS, cron_jobs=CRON_JOBS, cron_tz=CRON_TZ, concurrency=4, **kw)
    if not signals:
        worker.SIGNALS = []  # inside the app process: Sanic owns SIGINT/SIGTERM
    return worker


async def run_worker(settings: Settings, redis: aioredis.Redis | None = None, ctx_extra: dict | None = None) -> None:
    """Run the worker until cancelled (or, in its own process, SIGINT/SIGTERM).

    redis=None: its own process — connects the database, Redis (REDIS_URL) and an HTTP client, closes them at
    the end. With `redis` given it runs inside a process that owns those: the database is connected already
    and `ctx_extra` (e.g. the app's ctx) supplies what the jobs share (http, vault, wechatpay, …); nothing it
    was given is closed.
    """
    from app import db

    own = redis is None
    ctx = SimpleNamespace(**{"lua": {}, **(ctx_extra or {}), "settings": settings})
    opened_http = None
    if own:
        if not settings.redis_url:
            raise RuntimeError("the job worker needs REDIS_URL (the embedded mode runs it inside the app)")
        await db.connect(settings)
        from app.services import documents

        await documents.prepare(settings)  # the PDF font, checked before the first job renders
        redis = aioredis.from_url(settings.redis_url, health_check_interval=30)
    ctx.redis = redis
    if getattr(ctx, "http", None) is None:
        ctx.http = opened_http = make_client(getattr(ctx, "provider_transport", None))
    if getattr(ctx, "vault", None) is None:
        ctx.vault = Vault(load_key(settings, settings.data_key, "data.key"))
    if getattr(ctx, "wechatpay", None) is None:
        ctx.wechatpay = wechatpay.from_settings(settings, ctx.http)  # None when not configured

    queue = queue_for(redis)
    worker = make_worker(queue, signals=own)
    worker.context["app"] = ctx
    await queue.connect()
    log.info("job worker started: %s", ", ".join(sorted(worker.functions)))
    # The notification pump: outbox -> deliveries -> providers, beside saq in every worker process (each takes
    # its own batches: SKIP LOCKED on PostgreSQL).
    pump = asyncio.create_task(notifications.run_pump(ctx), name="notification-pump")
    try:
        await worker.start()  # returns on a signal; on cancellation it stops and swallows the cancel
    finally:
        pump.cancel()
        await asyncio.gather(pump, return_exceptions=True)
        await worker.stop()
        if own:
            await queue.disconnect()  # closes the Redis client too
        else:
            await _release_pubsub(queue)
        if opened_http is not None:
            await opened_http.aclose()
        if own:
            await db.close()
        log.info("job worker stopped")


async def _release_pubsub(queue: Queue) -> None:
    """Close the queue's pub/sub connection without closing the shared Redis client."""
    mux = getattr(queue, "_pubsub", None)
    if mux is None:
        return
    await mux.close()
    await mux.pubsub.aclose()
