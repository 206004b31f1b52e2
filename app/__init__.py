"""The app factory: settings, Tortoise, Redis, providers, error handling, blueprints and sandboxes."""
from __future__ import annotations

import asyncio
import gc
import itertools
import logging
from functools import partial

import httpx
from sanic import Sanic
from sanic.exceptions import PayloadTooLarge, SanicException
from sanic.helpers import json_dumps

from app import db, metrics
from app import redis as redis_setup
from app.config import Settings, load_settings
from app.errors import AppError, handle_error
from app.providers.dingtalk import DingTalk
from app.providers.http import make_client
from app.providers import wechatpay
from app.providers.wechat import WeChat
from app.replica import Reads
from app.security import Tokens, Vault, load_key
from app.server import App
from app.services import documents
from app.services.cases import tracking
from app.services.engagement import chat
from app.services.halls import appointments, hall_queue
from app.services.payments import payment_receipts
from app.services.catalog.catalog import Catalog
from app.services.cases.tracking import Tracker

_names = itertools.count()


def create_app(settings: Settings | None = None, *, name: str | None = None,
               provider_transport: httpx.AsyncBaseTransport | None = None) -> Sanic:
    """Build the application. `provider_transport` lets tests route provider calls to the in-process sandbox."""
    settings = settings or load_settings()
    logging.getLogger("zhangban").setLevel(settings.log_level)
    # JSON answers carry Chinese as UTF-8 (readable with curl), not as \uXXXX escapes
    app = App(name or f"zhangban{next(_names) or ''}", dumps=partial(json_dumps, ensure_ascii=False))
    app.config.REQUEST_MAX_SIZE = settings.max_body
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.OAS = False  # /docs and its OpenAPI 3.1 document are handlers/_openapi.py's (per app, offline UI)
    app.config.CORS = False
    app.config.REAL_IP_HEADER = settings.real_ip_header or None
    app.ctx.settings = settings
    app.ctx.vault = Vault(load_key(settings, settings.data_key, "data.key"))
    app.ctx.tokens = Tokens(load_key(settings, settings.secret_key, "secret.key"))
    payment_receipts.signing_key(settings)  # a production mode without ZB_RECEIPT_KEY stops here, not at the first payment
    app.ctx.fake_redis_server = None if settings.redis_url else redis_setup.fake_server()
    app.ctx.provider_transport = provider_transport
    app.ctx.catalog = Catalog()
    app.ctx.tracker = Tracker(rate_limit=settings.track_rate_limit)
    app.ctx.lua = {}
    app.ctx.chat_watchers = None  # per worker: WebSocket queues by chat session (app/services/chat.py)
    app.ctx.ready = False  # per worker: warm-up done and not stopping (/healthz is 503 "starting" until then)

    app.error_handler.add(Exception, handle_error)
    app.error_handler.add(SanicException, handle_error)
    app.error_handler.add(AppError, handle_error)
    app.on_request(metrics.start_timer)
    app.on_request(_limit_body)
    app.on_response(metrics.observe)
    if settings.database_replica_url:
        app.on_response(_sticky_after_write)

    from handlers import blueprints
    from handlers._openapi import mount_docs, register_path_types
    from handlers._responses import security_headers

    app.on_response(security_headers)  # the HTML pages' security headers
    register_path_types(app)
    mount_docs(app)
    for bp in blueprints:
        app.blueprint(bp)
    if settings.sandbox_on:
        from app.sandbox import blueprints as sandbox_blueprints

        for bp in sandbox_blueprints:
            app.blueprint(bp)

    app.before_server_start(_start)
    app.after_server_start(_start_background)
    app.before_server_stop(_stop)
    return app


async def _limit_body(request) -> None:
    """REQUEST_MAX_SIZE is enforced by Sanic's own server; this covers ASGI servers too."""
    length = request.headers.get("content-length")
    if length and length.isascii() and length.isdigit() and int(length) > request.app.ctx.settings.max_body:
        raise PayloadTooLarge("payload too large")


async def _sticky_after_write(request, response) -> None:
    """With a replica: whoever just changed something reads their own records from the primary for a while."""
    claims = getattr(request.ctx, "claims", None)
    if claims is not None and request.method not in ("GET", "HEAD", "OPTIONS") and response.status < 400:
        await request.app.ctx.reads.wrote(f"u{claims.user_id}")


async def _start(app: Sanic, _loop=None) -> None:
    s: Settings = app.ctx.settings
    await db.connect(s)
    await documents.prepare(s)  # the PDF font (none: start fails here, saying what to install); embedded: seals
    app.ctx.redis = redis_setup.connect(s, app.ctx.fake_redis_server)
    app.ctx.reads = app.ctx.catalog.reads = Reads(s, app.ctx.redis)  # where read-mostly queries go (app/replica.py)
    app.ctx.lua = {}
    app.ctx.http = make_client(app.ctx.provider_transport)
    app.ctx.wechat = WeChat(s.provider_base("wechat"), s.wechat_appid, s.wechat_secret, app.ctx.http, app.ctx.redis)
    app.ctx.wechatpay = wechatpay.from_settings(s, app.ctx.http)  # None when not configured (and no sandbox)
    app.ctx.dingtalk = DingTalk(s.provider_base("dingtalk_oapi"), s.provider_base("dingtalk_api"), s.dingtalk_appkey,
                                s.dingtalk_appsecret, app.ctx.http, app.ctx.redis)


async def _start_background(app: Sanic, _loop=None) -> None:
    # The worker's own tasks, cancelled and awaited by _stop (Sanic's add_task would log each cancellation as
    # "Task … was cancelled before it completed" at every stop)
    background = app.ctx.background = [
        asyncio.create_task(app.ctx.catalog.listen(app.ctx.redis), name="catalog-listener"),
        asyncio.create_task(tracking.listen(app.ctx), name="tracking-listener"),
        asyncio.create_task(chat.listen(app.ctx), name="chat-listener"),
        asyncio.create_task(hall_queue.listen(app.ctx), name="queue-listener")]
    await _rebuild_gate(app)
    if app.ctx.settings.run_jobs_on:  # the job worker in this process (embedded: there is no other)
        from app.worker import run_worker

        background.append(asyncio.create_task(run_worker(app.ctx.settings, app.ctx.redis, vars(app.ctx)),
                                              name="job-worker"))
    await app.ctx.catalog.snapshot()  # build the catalog and load the segmenter before the first citizen waits
    # What start-up built (routes, catalog, the segmenter's dictionary) lives as long as the worker: out of the
    # collector's sight, so that its full collections do not walk it again and again under load.
    gc.collect()
    gc.freeze()
    app.ctx.ready = True


async def _rebuild_gate(app: Sanic) -> None:
    """The appointment gate's counters from the database (the truth) at start."""
    if app.ctx.settings.appt_gate == "redis":
        try:
            await appointments.reconcile(app.ctx)
        except Exception:  # Redis down at start: bookings go to the database until the reconciler runs
            logging.getLogger("zhangban").warning("could not rebuild the appointment gate", exc_info=True)


async def _stop(app: Sanic, _loop=None) -> None:
    app.ctx.ready = False
    # A stop is one line: Sanic's "Stopping worker [pid]" (already said) and nothing more at INFO.
    for name in ("sanic.root", "sanic.server"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger(name).getEffectiveLevel()))
    tasks = getattr(app.ctx, "background", [])
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await app.ctx.http.aclose()
    await app.ctx.redis.aclose()
    await db.close()
