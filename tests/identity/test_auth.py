import asyncio
import time

from tests.factories import auth, citizen, directory, staff, wechat_code


async def test_wechat_login_creates_a_citizen_and_the_same_phone_stays_the_same_user(client):
    code = await wechat_code(client)
    r = await client.post("/api/v1/auth/wechat", json={"code": code["code"]})
    assert r.status_code == 200
    body = r.json()
    assert body["user"]["role"] == "citizen" and body["user"]["verified"] is False
    assert body["expires_at"].endswith("+00:00")
    me = await client.get("/api/v1/me", headers=auth(body["token"]))
    assert me.status_code == 200 and me.json()["id"] == body["user"]["id"]

    again = await wechat_code(client, openid=code["openid"])
    r2 = await client.post("/api/v1/auth/wechat", json={"code": again["code"]})
    assert r2.json()["user"]["id"] == body["user"]["id"]


async def test_a_code_is_single_use_and_a_made_up_one_is_refused(client):
    code = await wechat_code(client)
    assert (await client.post("/api/v1/auth/wechat", json={"code": code["code"]})).status_code == 200
    reused = await client.post("/api/v1/auth/wechat", json={"code": code["code"]})
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "wechat_code_invalid"
    assert reused.json()["error"]["field"] == "code"
    made_up = await client.post("/api/v1/auth/wechat", json={"code": "not-a-code"})
    assert made_up.status_code == 401


async def test_bad_login_bodies_are_422_or_400_with_the_error_shape(client):
    r = await client.post("/api/v1/auth/wechat", json={})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "code"
    r = await client.post("/api/v1/auth/wechat", json=["code"])
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid"
    r = await client.post("/api/v1/auth/wechat", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400 and set(r.json()["error"]) == {"code", "message", "field"}


async def test_missing_forged_and_expired_tokens_are_401(client, app):
    assert (await client.get("/api/v1/me")).status_code == 401
    r = await client.get("/api/v1/me", headers=auth("forged.token.value"))
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_invalid"
    c = await citizen(client, bind=False)
    expired, _ = app.ctx.tokens.issue(c["user"]["id"], "citizen", None, ttl=-10)
    r = await client.get("/api/v1/me", headers=auth(expired))
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"
    assert r.json()["error"]["message"] == "登录已过期，请重新登录"


async def test_tokens_signed_with_our_key_but_not_of_our_shape_are_401(client, app):
    """Signed with the right key is not enough: no role, an unknown role, a sub that is not a user id (letters,
    "²", beyond 64 bits), a department that is not a string are each a 401 (they were KeyError / ValueError: 500)."""
    import jwt

    c = await citizen(client, bind=False)
    uid, exp = str(c["user"]["id"]), int(time.time()) + 600
    key = app.ctx.tokens._key
    bad = [{"sub": uid, "exp": exp}, {"sub": uid, "role": "root", "exp": exp}, {"sub": uid, "role": None, "exp": exp},
           {"sub": "abc", "role": "citizen", "exp": exp}, {"sub": "²", "role": "citizen", "exp": exp},
           {"sub": "9" * 30, "role": "citizen", "exp": exp}, {"sub": "-1", "role": "citizen", "exp": exp},
           {"sub": " 1", "role": "citizen", "exp": exp}, {"sub": uid, "role": "citizen", "dep": 5, "exp": exp}]
    for payload in bad:
        r = await client.get("/api/v1/me", headers=auth(jwt.encode(payload, key, algorithm="HS256")))
        assert r.status_code == 401 and r.json()["error"]["code"] == "token_invalid", (payload, r.text)
    good = jwt.encode({"sub": uid, "role": "citizen", "dep": None, "exp": exp}, key, algorithm="HS256")
    assert (await client.get("/api/v1/me", headers=auth(good))).status_code == 200


async def test_a_token_seen_before_still_expires_on_time(client, app):
    """Each worker remembers the claims of tokens it verified: the expiry is still checked on every request."""
    c = await citizen(client, bind=False)
    token, exp = app.ctx.tokens.issue(c["user"]["id"], "citizen", None, ttl=2)
    assert (await client.get("/api/v1/me", headers=auth(token))).status_code == 200
    assert (await client.get("/api/v1/me", headers=auth(token))).status_code == 200  # from the remembered claims
    await asyncio.sleep(max(0.0, exp - time.time()) + 0.05)
    r = await client.get("/api/v1/me", headers=auth(token))
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"


async def test_dingtalk_login_gives_staff_their_department_and_roles(client):
    members = await directory(client)
    clerk = next(m for m in members if "admin" not in m["roles"])
    s = await staff(client, clerk["userid"])
    assert s["user"]["role"] == "staff"
    assert s["user"]["department"]["code"] == clerk["department"]
    assert s["user"]["staff_roles"] == clerk["roles"]
    boss = next(m for m in members if "admin" in m["roles"])
    a = await staff(client, boss["userid"])
    assert a["user"]["role"] == "admin"
    depts = {d["code"] for d in (await client.get("/api/v1/departments")).json()["items"]}
    assert {m["department"] for m in members} <= depts


async def test_dingtalk_refuses_a_stranger_and_a_reused_code(client):
    r = await client.post("/sandbox/dingtalk/codes", json={"userid": "nobody_here"})
    assert r.status_code == 404
    member = (await directory(client))[0]
    code = (await client.post("/sandbox/dingtalk/codes", json={"userid": member["userid"]})).json()["code"]
    assert (await client.post("/api/v1/auth/dingtalk", json={"code": code})).status_code == 200
    r = await client.post("/api/v1/auth/dingtalk", json={"code": code})
    assert r.status_code == 401 and r.json()["error"]["code"] == "dingtalk_code_invalid"


async def test_roles_are_enforced(client):
    member = (await directory(client))[0]
    s = await staff(client, member["userid"])
    r = await client.put("/api/v1/me/identity", headers=s["headers"],
                         json={"name": "张三", "id_number": "x", "phone": "1"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    c = await citizen(client, bind=False)
    r = await client.post("/api/v1/admin/services", headers=c["headers"], json={})
    assert r.status_code == 403


async def test_auth_is_rate_limited_per_client_in_redis(client, app):
    original = app.ctx.settings
    app.ctx.settings = original.with_(auth_rate_limit=3, auth_rate_window=60)
    try:
        ip = {"x-real-ip": f"10.9.{int(time.time()) % 250}.{id(app) % 250}"}
        codes = [r.status_code for r in await asyncio.gather(
            *[client.post("/api/v1/auth/wechat", json={"code": "x"}, headers=ip) for _ in range(5)])]
        assert codes.count(429) == 2 and codes.count(401) == 3
        r = await client.post("/api/v1/auth/wechat", json={"code": "x"}, headers=ip)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert r.json()["error"]["code"] == "rate_limited"
        other = await client.post("/api/v1/auth/wechat", json={"code": "x"}, headers={"x-real-ip": "10.8.8.8"})
        assert other.status_code == 401
    finally:
        app.ctx.settings = original
