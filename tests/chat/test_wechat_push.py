"""WeChat message push through the sandbox, which signs (and in safe mode AES-encrypts) real pushes with wechatpy's
scheme and POSTs them to /api/v1/wechat/push; the app's wechatpy code verifies, decrypts and replies."""
import asyncio
import hashlib
import time
import uuid

from tests.factories import citizen

PUSH = "/api/v1/wechat/push"


def openid() -> str:
    return "o" + uuid.uuid4().hex[:27]


async def push(client, **body) -> dict:
    r = await client.post("/sandbox/wechat/push", json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def test_url_verification_echoes_only_for_our_token(client):
    r = await client.get("/sandbox/wechat/push/verify")
    assert r.json() == {"status": 200, "ok": True}
    r = await client.get("/sandbox/wechat/push/verify", params={"forge": "1"})
    assert r.json()["status"] == 403 and not r.json()["ok"]


async def test_plaintext_push_is_answered_passively_by_the_assistant(client):
    out = await push(client, openid=openid(), text="身份证过期了怎么办")
    assert out["status"] == 200
    reply = out["reply"]
    assert reply["MsgType"] == "text" and "居民身份证换领" in reply["Content"]
    assert reply["ToUserName"].startswith("o")


async def test_safe_mode_push_is_decrypted_and_the_reply_encrypted(client):
    who = openid()
    out = await push(client, openid=who, text="公积金怎么提取", mode="aes")
    assert out["status"] == 200
    # the sandbox decrypted our reply with the EncodingAESKey and checked its msg_signature
    assert out["reply"]["MsgType"] == "text" and "公积金" in out["reply"]["Content"]
    assert out["reply"]["ToUserName"] == who


async def test_forged_and_stale_pushes_are_refused(client):
    for body in ({"forge": True}, {"forge": True, "mode": "aes"}, {"timestamp": int(time.time()) - 3600}):
        out = await push(client, openid=openid(), text="你好", **body)
        assert out["status"] == 403, body
    # a hand-made push without a signature, or with a wrong one over a real timestamp
    r = await client.post(PUSH, content=b"<xml><MsgType>text</MsgType></xml>")
    assert r.status_code == 403 and r.json()["error"]["code"] == "push_signature_invalid"
    ts, nonce = str(int(time.time())), "n1"
    sig = hashlib.sha1("".join(sorted(["not-our-token", ts, nonce])).encode()).hexdigest()
    r = await client.post(PUSH, params={"signature": sig, "timestamp": ts, "nonce": nonce},
                          content=b"<xml><MsgType>text</MsgType></xml>")
    assert r.status_code == 403


async def test_a_scan_with_a_track_token_answers_with_the_case_progress(client, flow):
    who = await citizen(client)
    r = await flow.apply(who, "GJJ005")
    assert r.status_code == 201, r.text
    case = r.json()
    out = await push(client, openid=openid(), event="SCAN", event_key=case["track_token"])
    assert case["acceptance_no"] in out["reply"]["Content"] and "已提交" in out["reply"]["Content"]
    out = await push(client, openid=openid(), event="subscribe", event_key="qrscene_" + case["track_token"], mode="aes")
    assert case["acceptance_no"] in out["reply"]["Content"]
    out = await push(client, openid=openid(), event="SCAN", event_key="no-such-token")
    assert "没有找到" in out["reply"]["Content"]


async def test_a_slow_answer_goes_by_custom_send(client, app):
    who = openid()
    original = app.ctx.settings
    app.ctx.settings = original.with_(wechat_passive_timeout=0.0)
    try:
        out = await push(client, openid=who, text="护照过期了怎么换", mode="aes")
    finally:
        app.ctx.settings = original
    assert out["status"] == 200 and out["reply"] == {"raw": "success"}  # nothing passive: WeChat shows nothing yet
    for _ in range(100):
        sent = (await client.get("/sandbox/wechat/custom/messages", params={"openid": who})).json()
        if sent:
            break
        await asyncio.sleep(0.1)
    assert sent and sent[0]["msgtype"] == "text" and "护照" in sent[0]["text"]["content"]


async def test_a_wechat_conversation_continues_with_an_agent_by_custom_send(client):
    from tests.factories import staff_of

    who = openid()
    out = await push(client, openid=who, text="二手车过户转人工")
    assert "转接" in out["reply"]["Content"]
    agent = await staff_of(client, "jiaojing")
    for _ in range(50):
        r = await client.post("/api/v1/staff/chat/next", headers=agent["headers"])
        assert r.status_code == 200, r.text
        if r.json()["session"]["channel"] == "wechat":
            break
    sid = r.json()["session"]["id"]
    r = await client.post(f"/api/v1/staff/chat/sessions/{sid}/messages", headers=agent["headers"],
                          json={"text": "请带上机动车登记证书到车管所办理。"})
    assert r.status_code == 201
    for _ in range(100):
        sent = (await client.get("/sandbox/wechat/custom/messages", params={"openid": who})).json()
        if sent:
            break
        await asyncio.sleep(0.1)
    assert sent[-1]["text"]["content"] == "请带上机动车登记证书到车管所办理。"
