"""WeChat message push (消息推送: the mini-program's 客服 entry and the official account).

Authenticity. Every push carries `signature` = SHA-1 over the sorted (Token, timestamp, nonce); the timestamp may
be at most five minutes off. That signature does not cover the body, so with an EncodingAESKey configured (safe
mode, always in production) only an encrypted push is accepted: `encrypt_type=aes` and `msg_signature` = SHA-1
over the sorted (Token, timestamp, nonce, Encrypt), checked before the AES-256-CBC ciphertext is decrypted
(app.providers.callback_crypto, the scheme DingTalk shares); a plaintext body is refused, whatever signature it
comes with. Each nonce and each message (MsgId, or for an event FromUserName + CreateTime + Event + EventKey) is
remembered in Redis for as long as its timestamp could still pass, plus a margin: an exact replay, a reused nonce
or WeChat's own redelivery gets "success" and no second answer. XML is parsed with defusedxml first: a DTD, an
entity declaration or an external reference is refused (400) before anything else reads the document, and so are
an empty body, a body that is not UTF-8 and malformed XML.

Answers. A text message goes to the same assistant as the mini-program's chat; the answer goes back passively when
it is ready within `wechat_passive_timeout` seconds (WeChat waits 5), otherwise we answer "success" and send it
later through /cgi-bin/message/custom/send. A scan (or subscribe by scan) event whose scene is a track token
answers with the case's progress.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from redis.exceptions import RedisError
from wechatpy import parse_message
from wechatpy.replies import TextReply

from app.errors import AppError, Forbidden, TooManyRequests
from app.providers.callback_crypto import CallbackCrypto, CallbackError, signature as callback_signature
from app.services.cases import applications
from app.services.engagement import chat
from models import ChatSession, ChatStatus, User

log = logging.getLogger("zhangban.wechat_push")
MAX_SKEW = 300  # seconds a push's timestamp may be off
REMEMBER = 2 * MAX_SKEW + 300  # seconds a nonce / message id is remembered: while its timestamp passes, + margin
TEXT_MAX_BYTES = 2000  # WeChat's text reply limit is 2048 bytes
NONCE = re.compile(r"^[A-Za-z0-9]{1,64}$")
_background: set[asyncio.Task] = set()


class ForgedPush(Forbidden):
    code, message = "push_signature_invalid", "消息签名校验失败"


class PlaintextPush(Forbidden):
    code, message = "push_encryption_required", "已启用安全模式，只接受加密消息"


class MalformedPush(AppError):
    status, code, message = 400, "push_malformed", "消息格式不正确"


@dataclass(frozen=True)
class Push:
    message: object  # wechatpy's message or event
    nonce: str
    key: str  # the message's identity: MsgId, or an event's sender + time + kind


def _crypto(settings) -> CallbackCrypto:
    return CallbackCrypto(settings.wechat_push_token, settings.wechat_push_aes_key, settings.wechat_appid)


def _check(settings, args, now: float | None = None) -> None:
    """The URL signature over (Token, timestamp, nonce) and the timestamp's freshness."""
    ts, nonce = args.get("timestamp") or "", args.get("nonce") or ""
    expected = hashlib.sha1("".join(sorted([settings.wechat_push_token, ts, nonce])).encode()).hexdigest()
    if not (ts.isdigit() and len(ts) <= 12 and NONCE.match(nonce)
            and hmac.compare_digest(expected, args.get("signature") or "")):
        raise ForgedPush()
    if abs((now or time.time()) - int(ts)) > MAX_SKEW:
        raise ForgedPush("消息时间戳已过期")


def _xml(text: str) -> Element:
    """The document's <xml> root, parsed with defusedxml: no DTD, no entity, no external reference."""
    try:
        root = SafeET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, ValueError):  # defusedxml's refusals are ValueErrors
        raise MalformedPush() from None
    if root.tag != "xml":
        raise MalformedPush()
    return root


def verify_url(settings, args) -> str:
    """The GET WeChat sends when the push URL is configured: echo echostr if the signature is ours."""
    _check(settings, args)
    return args.get("echostr", "")


def decode(settings, args, body: bytes) -> Push:
    """The authenticated push: signature and timestamp checked, safe mode required when configured and its
    msg_signature checked before decrypting; 400 for anything that is not a well-formed, DTD-free UTF-8 document."""
    _check(settings, args)
    if not body or not body.strip():
        raise MalformedPush("消息内容为空")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedPush("消息应为UTF-8编码") from None
    root = _xml(text)
    if settings.wechat_push_aes_key:
        encrypt = root.findtext("Encrypt")
        if args.get("encrypt_type") != "aes" or not encrypt:
            raise PlaintextPush()
        try:
            text = _crypto(settings).verify(args.get("msg_signature") or "", args["timestamp"], args["nonce"],
                                            encrypt.strip())
        except CallbackError:
            raise ForgedPush() from None
        root = _xml(text)
    fields = {child.tag: (child.text or "").strip() for child in root}
    sender = fields.get("FromUserName", "")
    if not (fields.get("MsgType") and sender):
        raise MalformedPush()
    if args.get("openid") and args["openid"] != sender:
        raise ForgedPush()
    key = fields.get("MsgId") or ":".join([sender, fields.get("CreateTime", ""), fields.get("Event", ""),
                                           fields.get("EventKey", "")])
    try:
        message = parse_message(text)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise MalformedPush() from None
    return Push(message, args["nonce"], hashlib.sha256(key.encode()).hexdigest())


async def first_time(ctx, push: Push) -> bool:
    """Remember the push's nonce and message; False when either was seen within REMEMBER seconds (a replay, a
    reused nonce or WeChat's redelivery of a message already answered)."""
    try:
        async with ctx.redis.pipeline(transaction=False) as p:
            p.set(f"zb:wxpush:nonce:{push.nonce}", 1, nx=True, ex=REMEMBER)
            p.set(f"zb:wxpush:msg:{push.key}", 1, nx=True, ex=REMEMBER)
            fresh = await p.execute()
    except RedisError:  # without the memory a replay could pass: refuse rather than guess (WeChat retries)
        raise AppError("服务暂时不可用，请稍后再试", code="unavailable", status=503) from None
    if not all(fresh):
        log.warning("a WeChat push was seen before (replayed nonce or message): not answered again")
    return all(fresh)


def encode(settings, args, message, content: str) -> str:
    """The passive reply XML, encrypted in safe mode; "success" when there is nothing to say now."""
    if not content:
        return "success"
    xml = TextReply(message=message, content=clip(content)).render()
    if not settings.wechat_push_aes_key:
        return xml
    ts, nonce = args["timestamp"], args["nonce"]
    encrypt = _crypto(settings).encrypt(xml)
    sig = callback_signature(settings.wechat_push_token, ts, nonce, encrypt)
    return (f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt><MsgSignature><![CDATA[{sig}]]></MsgSignature>"
            f"<TimeStamp>{ts}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>")


def clip(content: str) -> str:
    data = content.encode("utf-8")
    if len(data) <= TEXT_MAX_BYTES:
        return content
    return data[:TEXT_MAX_BYTES - 3].decode("utf-8", "ignore") + "…"


def as_text(messages: list[dict]) -> str:
    """Structured chat messages as one WeChat text message (cards as their titles)."""
    lines = []
    for m in messages:
        if m.get("type") in ("text", "handoff"):
            lines.append(m["text"])
        elif m.get("type") == "card":
            lines.append(f"【{m['title']}】{m.get('subtitle', '')}")
        elif m.get("type") == "quick_replies":
            lines.append("您可以回复：" + " / ".join(o["text"] for o in m["options"]))
        elif m.get("type") == "rating":
            lines.append(m["text"] + "（请在“掌办”小程序中评价）")
    return "\n".join(lines)


def send_later(ctx, openid: str, messages: list[dict]) -> asyncio.Task:
    """Send messages through custom/send in the background (after the push was answered)."""

    async def send() -> None:
        try:
            await ctx.wechat.custom_send(openid, clip(as_text(messages)))
        except AppError:
            log.warning("custom/send failed for a WeChat conversation", exc_info=True)

    task = asyncio.get_running_loop().create_task(send())
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


async def _session_for(ctx, openid: str) -> tuple[User | None, ChatSession]:
    user = await User.get_or_none(openid=openid)
    s = await ChatSession.filter(channel="wechat", openid=openid).exclude(status=ChatStatus.CLOSED).order_by(
        "-id").first()
    if s is None:
        s, _ = await chat.start(ctx, user, channel="wechat", openid=openid)
    return user, s


async def _answer_text(ctx, openid: str, content: str) -> list[dict]:
    user, session = await _session_for(ctx, openid)
    _, replies = await chat.post(ctx, user, session, content)
    return [r.content for r in replies]


async def _scan(token: str) -> str:
    view = await applications.public_track(token) if token else None
    if view is None:
        return "没有找到该进度查询码对应的办件。"
    due = f"，承诺办结日期 {view['due_date']}" if view.get("due_date") else ""
    return f"您扫码查询的办件“{view['service_name']}”（{view['acceptance_no']}）当前状态：{view['status_label']}{due}。"


def scene_token(message) -> str:
    key = getattr(message, "scene_id", None) or getattr(message, "key", None) or ""
    key = str(key)
    if key.startswith("qrscene_"):
        key = key[len("qrscene_"):]
    return key[len("track:"):] if key.startswith("track:") else key


async def handle(ctx, message, within: float) -> str:
    """The reply text to give passively now ("" = none now; a slow answer goes by custom/send later)."""
    openid = message.source
    if message.type == "event":
        if message.event in ("scan", "subscribe_scan"):
            return await _scan(scene_token(message))
        return ""
    if message.type != "text":
        return "目前只能识别文字消息，请用文字描述您要办理的事项。"
    task = asyncio.get_running_loop().create_task(_answer_text(ctx, openid, message.content))
    done, _ = await asyncio.wait({task}, timeout=within)
    if task in done:
        try:
            return as_text(task.result())
        except TooManyRequests:
            return "消息太频繁，请稍后再试。"
        except AppError as exc:
            return exc.message
    log.info("a WeChat answer took longer than %.1fs: sending it by custom/send", within)

    def later(t: asyncio.Task) -> None:
        if not t.cancelled() and t.exception() is None:
            send_later(ctx, openid, t.result())

    _background.add(task)
    task.add_done_callback(_background.discard)
    task.add_done_callback(later)
    return ""
