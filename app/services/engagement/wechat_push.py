"""WeChat message push (消息推送: the mini-program's 客服 entry and the official account) with wechatpy.

URL verification (GET: signature over token, timestamp, nonce; answer the echostr), plaintext and safe mode (AES:
`WeChatCrypto`, msg_signature), `parse_message`. A text message goes to the same assistant as the mini-program's
chat; the answer goes back passively when it is ready within `wechat_passive_timeout` seconds (WeChat waits 5),
otherwise we answer "success" and send it later through /cgi-bin/message/custom/send. A scan (or subscribe by
scan) event whose scene is a track token answers with the case's progress. A push that fails its signature, or
whose timestamp is more than five minutes off, is refused.
"""
from __future__ import annotations

import asyncio
import logging
import time

from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from app.errors import AppError, Forbidden, TooManyRequests
from app.services.cases import applications
from app.services.engagement import chat
from models import ChatSession, ChatStatus, User

log = logging.getLogger("zhangban.wechat_push")
MAX_SKEW = 300  # seconds a push's timestamp may be off
TEXT_MAX_BYTES = 2000  # WeChat's text reply limit is 2048 bytes
_background: set[asyncio.Task] = set()


class ForgedPush(Forbidden):
    code, message = "push_signature_invalid", "消息签名校验失败"


def _crypto(settings) -> WeChatCrypto:
    return WeChatCrypto(settings.wechat_push_token, settings.wechat_push_aes_key, settings.wechat_appid)


def _check(settings, args, now: float | None = None) -> None:
    try:
        check_signature(settings.wechat_push_token, args.get("signature", ""), args.get("timestamp", ""),
                        args.get("nonce", ""))
        skew = abs((now or time.time()) - int(args.get("timestamp", "0")))
    except (InvalidSignatureException, ValueError):
        raise ForgedPush() from None
    if skew > MAX_SKEW:
        raise ForgedPush("消息时间戳已过期")


def verify_url(settings, args) -> str:
    """The GET WeChat sends when the push URL is configured: echo echostr if the signature is ours."""
    _check(settings, args)
    return args.get("echostr", "")


def decode(settings, args, body: bytes):
    """The pushed message (wechatpy object) after checking the signature(s); safe mode decrypts it."""
    _check(settings, args)
    xml = body.decode("utf-8")
    if args.get("encrypt_type") == "aes":
        try:
            xml = _crypto(settings).decrypt_message(xml, args.get("msg_signature", ""), args.get("timestamp", ""),
                                                    args.get("nonce", ""))
        except (InvalidSignatureException, InvalidAppIdException, ValueError, KeyError):
            raise ForgedPush() from None
    return parse_message(xml)


def encode(settings, args, message, content: str) -> str:
    """The passive reply XML, encrypted in safe mode; "success" when there is nothing to say now."""
    if not content:
        return "success"
    xml = TextReply(message=message, content=clip(content)).render()
    if args.get("encrypt_type") == "aes":
        return _crypto(settings).encrypt_message(xml, args.get("nonce", ""), args.get("timestamp"))
    return xml


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
