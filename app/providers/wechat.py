"""WeChat mini-program server API (api.weixin.qq.com) over HTTP at a configurable base URL."""
from __future__ import annotations

import httpx
from redis.asyncio import Redis

from app.errors import ProviderError, Unauthorized
from app.providers.http import call_json
from app.providers.tokens import cached_token

TOKEN_ERRORS = {40001, 42001, 40014}  # invalid / expired access_token: refresh once and retry


class WeChat:
    def __init__(self, base: str, appid: str, secret: str, http: httpx.AsyncClient, redis: Redis):
        self.base, self.appid, self.secret, self.http, self.redis = base, appid, secret, http, redis

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
        return await cached_token(self.redis, f"wechat:{self.appid}", lambda: self._fetch_token(force), force=force)

    async def api(self, method: str, path: str, params: dict | None = None, **kw) -> dict:
        """Call an access_token API; on a token error refresh the token once and retry."""
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            data = await call_json(self.http, method, f"{self.base}{path}",
                                   params={**(params or {}), "access_token": token}, **kw)
            if data.get("errcode") not in TOKEN_ERRORS:
                break
        return data
