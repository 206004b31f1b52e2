"""WeChat mini-program server API (api.weixin.qq.com) over HTTP at a configurable base URL."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import time

import httpx
from redis.asyncio import Redis

from app.errors import Invalid, ProviderError, Unauthorized
from app.providers.http import call_json
from app.providers.tokens import cached_token

TOKEN_ERRORS = {40001, 42001, 40014}  # invalid / expired access_token: refresh once and retry
# getwxacodeunlimit: scene is at most 32 visible characters, digits, letters and !#$&'()*+,/:;=?@-._~
SCENE_RE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}")
CERT_TYPE = "IDENTITY_CARD"  # 人脸核身 cert_info.cert_type for a resident ID card
# queryVerifyInfo before the person finished the scan. WeChat documents no code for it; 84010 is what the sandbox
# answers (verify_ret 10001 is WeChat's "参数错误", not a pending state, so it cannot stand for one).
FACE_NOT_FINISHED = 84010
MEMO_S = 5.0  # how long one process reuses the token it read from Redis


class WeChat:
    def __init__(self, base: str, appid: str, secret: str, http: httpx.AsyncClient, redis: Redis):
        self.base, self.appid, self.secret, self.http, self.redis = base, appid, secret, http, redis
        self._memo: tuple[str, float] | None = None

    async def code2session(self, code: str) -> dict:
        """wx.login code -> {"openid", "session_key", "unionid"?} (GET /sns/jscode2session)."""
        data = await call_json(self.http, "GET", f"{self.base}/sns/jscode2session", params={
            "appid": self.appid, "secret": self.secret, "js_code": code, "grant_type": "authorization_code"})
        err = data.get("errcode") or 0
        if err in (40029, 40163, 40226):
            raise Unauthorized("微信登录凭证无效或已使用，请重新登录", code="wechat_code_invalid", field="code")
        if err or "openid" not in data:
            raise ProviderError(f"微信登录失败（{err}）")
        return data

    async def _fetch_token(self, force: bool) -> tuple[str, int]:
        data = await call_json(self.http, "POST", f"{self.base}/cgi-bin/stable_token", json={
            "grant_type": "client_credential", "appid": self.appid, "secret": self.secret, "force_refresh": force})
        if "access_token" not in data:
            raise ProviderError(f"获取微信接口凭证失败（{data.get('errcode')}）")
        return data["access_token"], int(data.get("expires_in", 7200))

    async def access_token(self, force: bool = False) -> str:
        """The shared token (Redis), remembered in this process for MEMO_S seconds: a batch of sends reads Redis
        once, not once per message. A refused token is replaced with force=True (which skips the memo)."""
        now = time.monotonic()
        if not force and self._memo and self._memo[1] > now:
            return self._memo[0]
        token = await cached_token(self.redis, f"wechat:{self.appid}", lambda: self._fetch_token(force), force=force)
        self._memo = (token, now + MEMO_S)
        return token

    async def api(self, method: str, path: str, params: dict | None = None, **kw) -> dict:
        """Call an access_token API; on a token error refresh the token once and retry."""
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            data = await call_json(self.http, method, f"{self.base}{path}",
                                   params={**(params or {}), "access_token": token}, **kw)
            if data.get("errcode") not in TOKEN_ERRORS:
                break
        return data

    async def api_raw(self, method: str, path: str, params: dict | None = None, **kw) -> tuple[bytes, str]:
        """Like `api` for APIs that answer raw bytes on success (images) and JSON on failure.

        Returns (body, content type); a JSON token error refreshes the token once and retries.
        """
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            try:
                resp = await self.http.request(method, f"{self.base}{path}",
                                               params={**(params or {}), "access_token": token}, **kw)
            except httpx.HTTPError as exc:
                raise ProviderError(f"外部服务连接失败：{type(exc).__name__}") from exc
            if resp.status_code >= 500:
                raise ProviderError(f"外部服务返回错误（HTTP {resp.status_code}）")
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype.startswith("image/") or _json_errcode(resp.content) not in TOKEN_ERRORS:
                break
        return resp.content, ctype

    async def subscribe_send(self, openid: str, template_id: str, data: dict, page: str | None = None) -> dict:
        """A subscribe message (POST /cgi-bin/message/subscribe/send): WeChat's answer as is ({"errcode", …}).

        `data` is {"thing1": "…", …}; each value is sent as {"value": …}. A token error is retried once with a
        refreshed token (`api`); the caller reads errcode (43101: the user has no consent left)."""
        body = {"touser": openid, "template_id": template_id, "miniprogram_state": "formal", "lang": "zh_CN",
                "data": {k: {"value": v} for k, v in data.items()}}
        if page:
            body["page"] = page
        return await self.api("POST", "/cgi-bin/message/subscribe/send", json=body)

    async def wxacode_unlimited(self, scene: str, page: str, width: int = 430) -> bytes:
        """A 小程序码 for `page` carrying `scene` (POST /wxa/getwxacodeunlimit): the image bytes (jpeg or png)."""
        if not isinstance(scene, str) or not SCENE_RE.fullmatch(scene):
            raise Invalid("scene 最多32个可见字符（数字、英文字母及 !#$&'()*+,/:;=?@-._~）", field="scene")
        body, ctype = await self.api_raw("POST", "/wxa/getwxacodeunlimit", json={
            "scene": scene, "page": page, "width": width, "check_path": False, "env_version": "release"})
        if ctype.startswith("image/"):
            return body
        err = _json_errcode(body)
        if err == 40169:
            raise Invalid("scene 长度或格式不符合微信要求", field="scene")
        if err == 41030:
            raise Invalid("小程序页面路径不正确", field="page")
        if err is None:
            raise ProviderError("生成小程序码失败：微信返回了无法识别的内容")
        raise ProviderError(f"生成小程序码失败（{err}）")

    async def face_verify_id(self, out_seq_no: str, cert_name: str, cert_no: str, openid: str) -> dict:
        """城市服务人脸核身 getVerifyId: {"verify_id", "expires_in"} for wx.requestFacialVerify."""
        data = await self.api("POST", "/cityservice/face/identify/getverifyid", json={
            "out_seq_no": out_seq_no, "openid": openid,
            "cert_info": {"cert_type": CERT_TYPE, "cert_name": cert_name, "cert_no": cert_no}})
        err = data.get("errcode") or 0
        if err or not data.get("verify_id"):
            raise ProviderError(f"发起刷脸核身失败（微信错误码 {err}）")
        return {"verify_id": data["verify_id"], "expires_in": int(data.get("expires_in") or 3600)}

    async def face_verify_info(self, verify_id: str, out_seq_no: str, cert_hash: str, openid: str) -> dict:
        """城市服务人脸核身 queryVerifyInfo: WeChat's answer as is ({"errcode", "errmsg", "verify_ret"?}).

        The caller reads errcode (non-zero: the query was refused) and verify_ret (10000: passed).
        """
        return await self.api("POST", "/cityservice/face/identify/queryverifyinfo", json={
            "verify_id": verify_id, "out_seq_no": out_seq_no, "cert_hash": cert_hash, "openid": openid})

    async def custom_send(self, openid: str, content: str) -> None:
        """客服消息 (POST /cgi-bin/message/custom/send): a text message to `openid`, within 48 hours of its last
        message to us. A refusal is a ProviderError."""
        data = await self.api("POST", "/cgi-bin/message/custom/send", json={
            "touser": openid, "msgtype": "text", "text": {"content": content}})
        err = data.get("errcode") or 0
        if err:
            raise ProviderError(f"发送客服消息失败（微信错误码 {err}）")


def cert_hash(cert_type: str, cert_name: str, cert_no: str) -> str:
    """queryVerifyInfo's cert_hash: lowercase hex SHA-256 of
    cert_type=<b64>&cert_name=<b64>&cert_no=<b64>, each value standard base64 of its UTF-8 bytes."""
    def b64(v: str) -> str:
        return base64.b64encode(v.encode("utf-8")).decode("ascii")

    text = f"cert_type={b64(cert_type)}&cert_name={b64(cert_name)}&cert_no={b64(cert_no)}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _json_errcode(body: bytes) -> int | None:
    """The errcode of a JSON error body; None when the body is not a JSON object."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data.get("errcode") if isinstance(data, dict) else None

