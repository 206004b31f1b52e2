import asyncio

import redis.asyncio as aioredis

from tests.factories import citizen


async def test_healthz_reports_both_checks(client, settings):
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["checks"] == {"database": "ok", "redis": "ok"}
    assert r.json()["mode"] == ("embedded" if settings.embedded else "production")


async def test_healthz_is_503_naming_redis_when_it_is_gone(client, app):
    real = app.ctx.redis
    app.ctx.redis = aioredis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        r = await client.get("/healthz")
    finally:
        await app.ctx.redis.aclose()
        app.ctx.redis = real
    assert r.status_code == 503
    assert r.json()["checks"]["database"] == "ok" and r.json()["checks"]["redis"].startswith("error")


async def test_healthz_is_503_starting_until_the_worker_has_warmed_up(client, app):
    """A load balancer sends traffic only to a worker that answers 200: not before its warm-up is done, and not
    once it is stopping."""
    assert app.ctx.ready is True  # set at the end of the after-start warm-up
    app.ctx.ready = False
    try:
        r = await client.get("/healthz")
    finally:
        app.ctx.ready = True
    assert r.status_code == 503
    assert r.json()["status"] == "starting" and r.json()["checks"] == {"database": "ok", "redis": "ok"}
    assert (await client.get("/healthz")).status_code == 200


async def test_metrics_are_prometheus_text(client):
    await client.get("/api/v1/departments")
    r = await client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert 'zb_http_requests_total{method="GET",route="api/v1/departments",status="200"}' in r.text


async def test_openapi_document_and_swagger_ui(client):
    r = await client.get("/docs/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/v1/services/{code}" in paths and "/api/v1/auth/wechat" in paths
    assert (await client.get("/docs")).status_code == 200


async def test_framework_errors_have_the_error_shape(client, app):
    r = await client.get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "not_found", "message": "请求的内容不存在", "field": None}}
    r = await client.delete("/api/v1/departments")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    big = b"x" * (app.ctx.settings.max_body + 10)
    r = await client.post("/api/v1/auth/wechat", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


async def test_provider_tokens_have_a_single_refresher(client, app):
    redis = app.ctx.redis
    await redis.delete(f"zb:token:wechat:{app.ctx.settings.wechat_appid}")
    before = len([k async for k in redis.scan_iter("zb:sbx:wx:at:*")])
    tokens = await asyncio.gather(*[app.ctx.wechat.access_token() for _ in range(20)])
    after = len([k async for k in redis.scan_iter("zb:sbx:wx:at:*")])
    assert len(set(tokens)) == 1
    assert after - before == 1


async def test_the_wechat_sandbox_speaks_wechat_errors(client, app):
    s = app.ctx.settings
    r = await client.get("/sandbox/wechat/sns/jscode2session", params={
        "appid": s.wechat_appid, "secret": "wrong", "js_code": "x", "grant_type": "authorization_code"})
    assert r.json()["errcode"] == 40125
    r = await client.post("/sandbox/wechat/cgi-bin/stable_token",
                          json={"grant_type": "client_credential", "appid": "wxother", "secret": s.wechat_secret})
    assert r.json()["errcode"] == 40013


async def test_dingtalk_token_endpoints(client, app):
    s = app.ctx.settings
    r = await client.get("/sandbox/dingtalk/gettoken", params={"appkey": s.dingtalk_appkey, "appsecret": "nope"})
    assert r.json()["errcode"] != 0
    r = await client.post("/sandbox/dingtalk/api/v1.0/oauth2/accessToken",
                          json={"appKey": s.dingtalk_appkey, "appSecret": s.dingtalk_appsecret})
    assert r.status_code == 200 and r.json()["expireIn"] == 7200


async def test_an_unexpected_failure_is_a_json_500_not_a_traceback(client, app, monkeypatch):
    from app.services.identity import identity

    async def boom(*a, **k):
        raise RuntimeError("disk on fire")

    c = await citizen(client, bind=False)
    monkeypatch.setattr(identity, "profile", boom)
    r = await client.get("/api/v1/me", headers=c["headers"])
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal" and "disk" not in r.text


async def test_a_slow_check_times_out_without_being_cancelled(client, app):
    """A probe gives up on a check after 2 s but never cancels it (a cancelled aiosqlite query would leave the
    embedded database's connection unusable); a second probe meanwhile waits on the same check."""
    calls, finished = [], asyncio.Event()

    class SlowRedis:
        async def ping(self):
            calls.append(1)
            await asyncio.sleep(2.5)
            finished.set()
            return True

    real = app.ctx.redis
    app.ctx.redis = SlowRedis()
    try:
        first, second = await asyncio.gather(client.get("/healthz"), client.get("/healthz"))
        assert first.status_code == second.status_code == 503
        assert first.json()["checks"]["redis"] == "error: TimeoutError"
        await asyncio.wait_for(finished.wait(), 5)  # it ran to its end
        assert len(calls) == 1
    finally:
        app.ctx.redis = real
    r = await client.get("/healthz")
    assert r.status_code == 200 and r.json()["checks"] == {"database": "ok", "redis": "ok"}


async def test_every_paged_list_names_the_bad_paging_argument(client):
    """One paging check for every paged list: page from 1, page_size within the list's bound, the field named."""
    from tests.factories import admin, window_clerk

    who, clerk, boss = await citizen(client), await window_clerk(client), await admin(client)
    lists = [("/api/v1/services", {}, 50), ("/api/v1/applications", who["headers"], 50),
             ("/api/v1/me/notifications", who["headers"], 50), ("/api/v1/staff/tasks", clerk["headers"], 100),
             ("/api/v1/admin/notifications/deliveries", boss["headers"], 100)]
    for path, headers, most in lists:
        r = await client.get(path, headers=headers, params={"page": 0})
        assert r.status_code == 422 and r.json()["error"]["field"] == "page", (path, r.text)
        r = await client.get(path, headers=headers, params={"page_size": most + 1})
        assert r.status_code == 422 and r.json()["error"]["field"] == "page_size", (path, r.text)
        assert str(most) in r.json()["error"]["message"]
        r = await client.get(path, headers=headers, params={"page": "x"})
        assert r.status_code == 422 and r.json()["error"]["field"] == "page", (path, r.text)
        r = await client.get(path, headers=headers, params={"page_size": most})
        assert r.status_code == 200, (path, r.text)
