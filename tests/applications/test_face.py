"""Face verification (刷脸核身) through HTTP: our API, the WeChat adapter and the WeChat sandbox, end to end."""
from datetime import datetime, timedelta, timezone

from app.providers.wechat import cert_hash
from app.services.identity import face
from models import FaceSession, User
from tests.factories import citizen, directory, staff

FACE = "/api/v1/face/sessions"


async def start(client, c) -> dict:
    r = await client.post(FACE, headers=c["headers"])
    assert r.status_code == 201, r.text
    return r.json()


async def complete(client, verify_id: str, verify_ret: int | None = 10000):
    """The phone's side: the person scans their face (the sandbox stands in for wx.requestFacialVerify)."""
    r = await client.post(f"/sandbox/wechat/face/{verify_id}/complete",
                          json={} if verify_ret is None else {"verify_ret": verify_ret})
    assert r.status_code == 200, r.text


async def result(client, c, verify_id: str):
    return await client.post(f"{FACE}/{verify_id}/result", headers=c["headers"])


async def me(client, c) -> dict:
    r = await client.get("/api/v1/me", headers=c["headers"])
    assert r.status_code == 200
    return r.json()


async def user_of(c) -> User:
    return await User.get(id=c["user"]["id"])


async def sandbox_query(client, app, **body) -> dict:
    token = await app.ctx.wechat.access_token()
    r = await client.post("/sandbox/wechat/cityservice/face/identify/queryverifyinfo",
                          params={"access_token": token}, json=body)
    assert r.status_code == 200
    return r.json()


def test_cert_hash_follows_wechats_documented_example():
    # The worked example in WeChat's queryVerifyInfo documentation.
    assert cert_hash("IDENTITY_CARD", "张三", "310101199801011234") == \
        "3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b"


async def test_a_pass_round_trip_marks_the_citizen_and_is_answered_again_without_wechat(client, app, monkeypatch):
    c = await citizen(client)
    session = await start(client, c)
    assert set(session) == {"verify_id", "expires_in"} and session["expires_in"] == 3600
    stored = await FaceSession.get(verify_id=session["verify_id"])
    assert stored.status == "pending" and stored.user_id == c["user"]["id"]
    assert len(stored.out_seq_no) == 32 and int(stored.out_seq_no, 16) >= 0

    pending = await result(client, c, session["verify_id"])  # before the scan: nothing final yet
    assert pending.status_code == 409 and pending.json()["error"]["code"] == "face_pending"
    assert (await me(client, c))["face_verified_at"] is None

    await complete(client, session["verify_id"])
    r = await result(client, c, session["verify_id"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["passed"] is True and body["verify_ret"] == 10000
    at = datetime.fromisoformat(body["face_verified_at"])
    assert at.tzinfo is not None and abs(datetime.now(timezone.utc) - at) < timedelta(minutes=1)
    assert (await me(client, c))["face_verified_at"] == body["face_verified_at"]
    stored = await FaceSession.get(verify_id=session["verify_id"])
    assert stored.status == "passed" and stored.verify_ret == 10000 and stored.finished_at is not None
    assert await face.has_recent_pass(await user_of(c)) is True

    async def no_wechat(*args, **kwargs):
        raise AssertionError("a final result must not be asked of WeChat again")

    monkeypatch.setattr(app.ctx.wechat, "face_verify_info", no_wechat)
    again = await result(client, c, session["verify_id"])
    assert again.status_code == 200 and again.json() == body

    # Sending the name and ID number to WeChat is an audited read of personal data.
    log = (await client.get("/api/v1/me/access-log", headers=c["headers"])).json()["items"]
    face_reads = [i for i in log if i["purpose"] == "刷脸核身"]
    assert len(face_reads) == 3  # getverifyid, the query before the scan, the query that found the result
    assert all(i["fields"] == ["id_number", "name"] and i["actor"] == "本人" for i in face_reads)


async def test_a_failed_scan_is_recorded_and_is_not_a_pass(client):
    c = await citizen(client)
    session = await start(client, c)
    await complete(client, session["verify_id"], 10003)  # 身份证号不匹配
    r = await result(client, c, session["verify_id"])
    assert r.status_code == 200
    assert r.json() == {"passed": False, "verify_ret": 10003, "face_verified_at": None}
    assert (await FaceSession.get(verify_id=session["verify_id"])).status == "failed"
    assert (await me(client, c))["face_verified_at"] is None
    assert await face.has_recent_pass(await user_of(c)) is False
    again = await result(client, c, session["verify_id"])
    assert again.json() == r.json()

    # A failure leaves an earlier pass as it was, and a new session can still pass.
    second = await start(client, c)
    await complete(client, second["verify_id"])
    assert (await result(client, c, second["verify_id"])).json()["passed"] is True


async def test_a_wrong_cert_hash_is_refused_by_the_sandbox_and_marks_nobody(client, app, monkeypatch):
    c = await citizen(client)
    session = await start(client, c)
    await complete(client, session["verify_id"])
    stored = await FaceSession.get(verify_id=session["verify_id"])

    # The service sends a hash of other cert_info (a different ID number): WeChat refuses it.
    other = c["id_number"][:-2] + ("00" if c["id_number"][-2:] != "00" else "11")
    monkeypatch.setattr(face, "cert_hash", lambda t, n, no: cert_hash(t, n, other))
    r = await result(client, c, session["verify_id"])
    assert r.status_code == 502 and r.json()["error"]["code"] == "provider_error"
    assert "84003" in r.json()["error"]["message"]
    assert (await me(client, c))["face_verified_at"] is None
    assert (await FaceSession.get(verify_id=session["verify_id"])).status == "pending"
    monkeypatch.undo()

    # The sandbox itself: only the hash of exactly the cert_info given to getverifyid is accepted.
    query = {"verify_id": stored.verify_id, "out_seq_no": stored.out_seq_no, "openid": c["openid"]}
    name = c["name"]
    other_name = name[:-1] + ("明" if name[-1] != "明" else "亮")
    right = cert_hash("IDENTITY_CARD", name, c["id_number"])
    for wrong in (cert_hash("IDENTITY_CARD", name, other), cert_hash("IDENTITY_CARD", other_name, c["id_number"]),
                  right.upper(), cert_hash("ID_CARD", name, c["id_number"])):
        assert (await sandbox_query(client, app, **query, cert_hash=wrong))["errcode"] == 84003
    assert (await sandbox_query(client, app, **query, cert_hash=right)) == \
        {"errcode": 0, "errmsg": "ok", "verify_ret": 10000}
    assert (await sandbox_query(client, app, **{**query, "openid": "o-someone-else"}, cert_hash=right))["errcode"] \
        == 40003
    assert (await sandbox_query(client, app, **{**query, "out_seq_no": "0" * 32}, cert_hash=right))["errcode"] \
        == 84004
    assert (await sandbox_query(client, app, **{**query, "verify_id": "sbxface_unknown"}, cert_hash=right))[
        "errcode"] == 84001

    # With the right hash (the unpatched service) the same session passes.
    r = await result(client, c, session["verify_id"])
    assert r.status_code == 200 and r.json()["passed"] is True


async def test_only_the_owner_reads_a_session(client):
    owner, other = await citizen(client), await citizen(client)
    session = await start(client, owner)
    await complete(client, session["verify_id"])
    r = await result(client, other, session["verify_id"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert (await result(client, owner, "sbxface_no_such_session")).status_code == 404
    assert (await result(client, owner, session["verify_id"])).json()["passed"] is True
    assert (await me(client, other))["face_verified_at"] is None


async def test_an_unbound_citizen_and_staff_cannot_start(client):
    c = await citizen(client, bind=False)
    r = await client.post(FACE, headers=c["headers"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "identity_level_required"
    assert await FaceSession.filter(user_id=c["user"]["id"]).count() == 0
    clerk = await staff(client, (await directory(client))[0]["userid"])
    assert (await client.post(FACE, headers=clerk["headers"])).status_code == 403
    assert (await client.post(FACE)).status_code == 401


async def test_an_expired_session_is_gone(client):
    c = await citizen(client)
    session = await start(client, c)
    await complete(client, session["verify_id"])
    await FaceSession.filter(verify_id=session["verify_id"]).update(
        expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    r = await result(client, c, session["verify_id"])
    assert r.status_code == 410
    assert r.json()["error"]["code"] == "face_session_expired" and "过期" in r.json()["error"]["message"]
    assert (await me(client, c))["face_verified_at"] is None


async def test_has_recent_pass_only_within_the_window(client):
    c = await citizen(client)
    assert await face.has_recent_pass(await user_of(c)) is False
    session = await start(client, c)
    await complete(client, session["verify_id"])
    assert (await result(client, c, session["verify_id"])).json()["passed"] is True
    user = await user_of(c)
    assert await face.has_recent_pass(user) is True

    await User.filter(id=user.id).update(face_verified_at=datetime.now(timezone.utc) - timedelta(minutes=31))
    assert await face.has_recent_pass(user) is False  # read fresh, not from the stale object
    assert await face.has_recent_pass(user, within=timedelta(hours=1)) is True


async def test_a_wechat_refusal_of_getverifyid_is_a_502_naming_the_errcode(client, monkeypatch):
    c = await citizen(client)
    seq = face._new_out_seq_no()
    monkeypatch.setattr(face, "_new_out_seq_no", lambda: seq)
    await start(client, c)
    r = await client.post(FACE, headers=c["headers"])  # the same out_seq_no again: WeChat refuses it
    assert r.status_code == 502 and r.json()["error"]["code"] == "provider_error"
    assert "84009" in r.json()["error"]["message"]
    assert await FaceSession.filter(user_id=c["user"]["id"]).count() == 1


async def test_the_sandbox_checks_the_token_and_the_body(client, app):
    base = "/sandbox/wechat/cityservice/face/identify"
    good = {"out_seq_no": face._new_out_seq_no(), "openid": "o-sandbox-check",
            "cert_info": {"cert_type": "IDENTITY_CARD", "cert_name": "王小明", "cert_no": "330402199001011234"}}
    r = await client.post(f"{base}/getverifyid", params={"access_token": "forged"}, json=good)
    assert r.json()["errcode"] == 40001
    r = await client.post(f"{base}/queryverifyinfo", json={})
    assert r.json()["errcode"] == 40001
    token = {"access_token": await app.ctx.wechat.access_token()}
    for bad in ({**good, "out_seq_no": "a b"}, {**good, "cert_info": {**good["cert_info"], "cert_type": "PASSPORT"}},
                {**good, "cert_info": {**good["cert_info"], "cert_no": "12345"}}, {**good, "openid": ""}):
        assert (await client.post(f"{base}/getverifyid", params=token, json=bad)).json()["errcode"] == 47001
    ok = (await client.post(f"{base}/getverifyid", params=token, json=good)).json()
    assert ok["errcode"] == 0 and ok["verify_id"] and ok["expires_in"] == 3600
    r = await client.post(f"/sandbox/wechat/face/{ok['verify_id']}/complete", json={})
    assert r.status_code == 200 and r.json()["verify_ret"] == 10000
    r = await client.post(f"/sandbox/wechat/face/{ok['verify_id']}/complete", json={"verify_ret": 10003})
    assert r.status_code == 409  # one scan per verify_id
    assert (await client.post("/sandbox/wechat/face/sbxface_unknown/complete", json={})).status_code == 404


async def test_a_stale_access_token_is_refreshed(client, app):
    await app.ctx.redis.set(f"zb:token:wechat:{app.ctx.settings.wechat_appid}", "stale-token", ex=600)
    c = await citizen(client)
    session = await start(client, c)  # the sandbox answers 40001 first; the adapter refreshes and retries
    await complete(client, session["verify_id"])
    assert (await result(client, c, session["verify_id"])).json()["passed"] is True
