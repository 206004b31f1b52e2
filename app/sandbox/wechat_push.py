"""Sandbox WeChat message push: plays WeChat's side of 消息推送 and 客服消息.

POST /sandbox/wechat/push {"openid", "text" | "event": "SCAN"|"subscribe", "event_key", "mode": "plain"|"aes",
"forge": false} builds the XML WeChat would push, signs it with the configured Token (and in safe mode, the
default when an EncodingAESKey is configured, encrypts it with that key, wechatpy's WeChatCrypto, and signs the
ciphertext), POSTs it to our push URL and answers {"status", "reply"} with the reply decrypted and parsed
("forge": true signs with a wrong token; "mode": "plain" sends a plaintext push, which safe mode refuses).
GET /sandbox/wechat/push/verify does the URL verification GET. POST /sandbox/wechat/cgi-bin/message/custom/send
is WeChat's custom/send (access_token checked); GET /sandbox/wechat/custom/messages?openid= lists what was sent.
"""
from __future__ import annotations

import hashlib
import json as jsonlib
import secrets
import time

import defusedxml.ElementTree as ET
from sanic import Blueprint, Request
from sanic.response import json
from wechatpy.crypto import WeChatCrypto

from app.sandbox.wechat import _body, _token_error, token_valid

bp = Blueprint("sandbox_wechat_push", url_prefix="/sandbox/wechat")
PUSH_PATH = "/api/v1/wechat/push"
KEEP = 86400


def _sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def _xml(openid: str, to: str, body: dict) -> str:
    now = int(time.time())
    if "text" in body:
        inner = (f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{body['text']}]]></Content>"
                 f"<MsgId>{secrets.randbelow(10**15)}</MsgId>")
    else:
        inner = (f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{body.get('event', 'SCAN')}]]></Event>"
                 f"<EventKey><![CDATA[{body.get('event_key', '')}]]></EventKey>")
    return (f"<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{now}</CreateTime>{inner}</xml>")


def _parse_reply(text: str) -> dict:
    if not text.strip().startswith("<"):
        return {"raw": text}
    root = ET.fromstring(text)
    return {child.tag: child.text for child in root}


@bp.post("/push")
async def push(request: Request):
    s = request.app.ctx.settings
    body = _body(request)
    openid = body.get("openid") or "osandbox"
    token = "forged-token" if body.get("forge") else s.wechat_push_token
    ts, nonce = str(int(body.get("timestamp") or time.time())), secrets.token_hex(8)
    plain = _xml(openid, "gh_sandbox", body)
    params = {"signature": _sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": openid}
    aes = body.get("mode", "aes" if s.wechat_push_aes_key else "plain") == "aes"
    crypto = WeChatCrypto(token, s.wechat_push_aes_key, s.wechat_appid) if aes else None
    if aes:
        envelope = _parse_reply(crypto.encrypt_message(plain, nonce, ts))
        params.update(encrypt_type="aes", msg_signature=envelope["MsgSignature"])
        data = f"<xml><ToUserName><![CDATA[gh_sandbox]]></ToUserName><Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>"
    else:
        data = plain
    resp = await request.app.ctx.http.post(f"{s.base_url}{PUSH_PATH}", params=params, content=data.encode(),
                                           headers={"Content-Type": "text/xml"})
    reply = _parse_reply(resp.text) if resp.status_code == 200 else {"raw": resp.text}
    if aes and "Encrypt" in reply:
        reply = _parse_reply(crypto.decrypt_message(resp.text, reply["MsgSignature"], reply["TimeStamp"],
                                                    reply["Nonce"]))
    return json({"status": resp.status_code, "reply": reply})


@bp.get("/push/verify")
async def verify(request: Request):
    s = request.app.ctx.settings
    token = "forged-token" if request.args.get("forge") else s.wechat_push_token
    ts, nonce, echostr = str(int(time.time())), secrets.token_hex(8), secrets.token_hex(12)
    resp = await request.app.ctx.http.get(f"{s.base_url}{PUSH_PATH}", params={
        "signature": _sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "echostr": echostr})
    return json({"status": resp.status_code, "ok": resp.status_code == 200 and resp.text == echostr})


@bp.post("/cgi-bin/message/custom/send")
async def custom_send(request: Request):
    if not await token_valid(request):
        return json(_token_error())
    body = _body(request)
    if not body.get("touser") or body.get("msgtype") != "text" or not (body.get("text") or {}).get("content"):
        return json({"errcode": 44002, "errmsg": "empty post data"})
    key = f"zb:sbx:wx:custom:{body['touser']}"
    await request.app.ctx.redis.rpush(key, jsonlib.dumps(body, ensure_ascii=False))
    await request.app.ctx.redis.expire(key, KEEP)
    return json({"errcode": 0, "errmsg": "ok"})


@bp.get("/custom/messages")
async def sent(request: Request):
    rows = await request.app.ctx.redis.lrange(f"zb:sbx:wx:custom:{request.args.get('openid', '')}", 0, -1)
    return json([jsonlib.loads(r) for r in rows])
