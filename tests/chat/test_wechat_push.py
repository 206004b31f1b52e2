"""WeChat message push through the sandbox, which signs (and in safe mode AES-encrypts) real pushes with wechatpy's
scheme and POSTs them to /api/v1/wechat/push; the app's wechatpy code verifies, decrypts and replies."""
import asyncio
import hashlib
import random
import time
import uuid

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from models import ChatMessage, ChatSession
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


async def test_plaintext_push_is_answered_passively_by_the_assistant(client, app):
    """Plaintext mode: only without an EncodingAESKey (production always has one, see app/keys.py)."""
    original = app.ctx.settings
    app.ctx.settings = original.with_(wechat_push_aes_key="")
    try:
        out = await push(client, openid=openid(), text="身份证过期了怎么办", mode="plain")
    finally:
        app.ctx.settings = original
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
    for body in ({"forge": True}, {"forge": True, "mode": "plain"}, {"timestamp": int(time.time()) - 3600},
                 {"mode": "plain"}):  # safe mode is configured: a plaintext push is refused even when signed
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


# ---------------------------------------------------------------- authenticity (issue 13 §2)


def _sig(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def _message(sender: str, text: str, msg_id: int | None = None) -> str:
    return (f"<xml><ToUserName><![CDATA[gh_sandbox]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id or random.randrange(10**15)}</MsgId></xml>")


def _capture(settings, sender: str, text: str, nonce: str | None = None, msg_id: int | None = None):
    """A safe-mode push exactly as WeChat sends it (wechatpy's own WeChatCrypto encrypts and signs it): the query
    and the body an eavesdropper on the push URL (or its access log) would hold."""
    ts, nonce = str(int(time.time())), nonce or str(random.randrange(10**9, 10**10))
    crypto = WeChatCrypto(settings.wechat_push_token, settings.wechat_push_aes_key, settings.wechat_appid)
    envelope = xmltodict.parse(crypto.encrypt_message(_message(sender, text, msg_id), nonce, ts))["xml"]
    params = {"signature": _sig(settings.wechat_push_token, ts, nonce), "timestamp": ts, "nonce": nonce,
              "openid": sender, "encrypt_type": "aes", "msg_signature": envelope["MsgSignature"]}
    body = (f"<xml><ToUserName><![CDATA[gh_sandbox]]></ToUserName>"
            f"<Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>").encode()
    return params, body


def _decrypt(settings, text: str) -> str:
    crypto = WeChatCrypto(settings.wechat_push_token, settings.wechat_push_aes_key, settings.wechat_appid)
    env = xmltodict.parse(text)["xml"]
    return xmltodict.parse(crypto.decrypt_message(text, env["MsgSignature"], env["TimeStamp"], env["Nonce"]))["xml"]


async def test_a_captured_push_replayed_in_plaintext_reads_nobody_elses_cases(client, flow, app):
    """The reproduction: a captured safe-mode push's signature/timestamp/nonce, a plaintext body with another
    citizen's openid in FromUserName. It was answered with that citizen's case; now it is refused."""
    s = app.ctx.settings
    victim = await citizen(client)
    r = await flow.apply(victim, "GJJ005")
    assert r.status_code == 201, r.text
    case = r.json()
    params, _ = _capture(s, openid(), "你好")
    plain = {k: params[k] for k in ("signature", "timestamp", "nonce")}
    r = await client.post(PUSH, params=plain, content=_message(victim["openid"], "我的办件").encode())
    assert r.status_code == 403 and r.json()["error"]["code"] == "push_encryption_required"
    assert case["acceptance_no"] not in r.text
    # the same, claiming safe mode but with the plaintext body (no Encrypt) or a msg_signature over another body
    r = await client.post(PUSH, params=params, content=_message(victim["openid"], "我的办件").encode())
    assert r.status_code == 403 and case["acceptance_no"] not in r.text
    _, other = _capture(s, victim["openid"], "我的办件")
    r = await client.post(PUSH, params=params, content=other)
    assert r.status_code == 403 and r.json()["error"]["code"] == "push_signature_invalid"
    # the genuine push of the victim's own WeChat is answered with their case (the reply is encrypted to WeChat)
    params, body = _capture(s, victim["openid"], "我的办件")
    r = await client.post(PUSH, params=params, content=body)
    assert r.status_code == 200 and case["acceptance_no"] in _decrypt(s, r.text)["Content"]


async def test_an_exact_replay_or_a_reused_nonce_gets_no_second_answer(client, app):
    s = app.ctx.settings
    who = openid()
    params, body = _capture(s, who, "公积金怎么提取")
    first = await client.post(PUSH, params=params, content=body)
    assert first.status_code == 200 and "公积金" in _decrypt(s, first.text)["Content"]
    again = await client.post(PUSH, params=params, content=body)
    assert again.status_code == 200 and again.text == "success"
    # a new message under a nonce already used (a correct signature for it is no excuse)
    params2, body2 = _capture(s, who, "护照怎么办", nonce=params["nonce"])
    r = await client.post(PUSH, params=params2, content=body2)
    assert r.status_code == 200 and r.text == "success"
    # WeChat's redelivery of a message already answered: a fresh nonce, the same MsgId
    msg_id = random.randrange(10**15)
    params3, body3 = _capture(s, who, "身份证过期了怎么办", msg_id=msg_id)
    assert "居民身份证" in _decrypt(s, (await client.post(PUSH, params=params3, content=body3)).text)["Content"]
    params4, body4 = _capture(s, who, "身份证过期了怎么办", msg_id=msg_id)
    r = await client.post(PUSH, params=params4, content=body4)
    assert r.status_code == 200 and r.text == "success"
    sessions = await ChatSession.filter(channel="wechat", openid=who)
    questions = await ChatMessage.filter(session_id__in=[x.id for x in sessions], sender="citizen").count()
    assert questions == 2  # the two answered questions, nothing for the replays


@pytest.mark.parametrize("body", [
    b"",
    b"   ",
    b"<xml><MsgType>text",
    b"not xml at all",
    "<xml><Content>中文</Content></xml>".encode("gbk"),
    b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>',
    b'<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>',
    b'<!DOCTYPE xml SYSTEM "http://127.0.0.1:9/x.dtd"><xml><Encrypt>x</Encrypt></xml>',
    b"<other><Encrypt>x</Encrypt></other>",
])
async def test_malformed_bodies_are_400_never_500(client, app, body):
    s = app.ctx.settings
    params, _ = _capture(s, openid(), "你好")
    r = await client.post(PUSH, params=params, content=body)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "push_malformed"


async def test_an_entity_inside_the_encrypted_message_is_refused_too(client, app):
    s = app.ctx.settings
    inner = ('<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/hostname">]><xml><ToUserName>gh</ToUserName>'
             f'<FromUserName>{openid()}</FromUserName><CreateTime>{int(time.time())}</CreateTime>'
             '<MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId></xml>')
    ts, nonce = str(int(time.time())), str(random.randrange(10**9, 10**10))
    crypto = WeChatCrypto(s.wechat_push_token, s.wechat_push_aes_key, s.wechat_appid)
    env = xmltodict.parse(crypto.encrypt_message(inner, nonce, ts))["xml"]
    r = await client.post(PUSH, params={"signature": _sig(s.wechat_push_token, ts, nonce), "timestamp": ts,
                                        "nonce": nonce, "encrypt_type": "aes", "msg_signature": env["MsgSignature"]},
                          content=f"<xml><Encrypt>{env['Encrypt']}</Encrypt></xml>".encode())
    assert r.status_code == 400 and r.json()["error"]["code"] == "push_malformed"
