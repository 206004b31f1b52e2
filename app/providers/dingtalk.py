"""DingTalk (政务钉钉) open API: oapi.dingtalk.com and api.dingtalk.com at configurable base URLs."""
from __future__ import annotations

import httpx
from redis.asyncio import Redis

from app.errors import ProviderError, Unauthorized
from app.providers.http import call_json
from app.providers.tokens import cached_token


class DingTalk:
    def __init__(self, oapi_base: str, api_base: str, appkey: str, appsecret: str,
                 http: httpx.AsyncClient, redis: Redis):
        self.oapi, self.api = oapi_base, api_base
        self.appkey, self.appsecret, self.http, self.redis = appkey, appsecret, http, redis

    async def _fetch_token(self) -> tuple[str, int]:
        data = await call_json(self.http, "GET", f"{self.oapi}/gettoken",
                               params={"appkey": self.appkey, "appsecret": self.appsecret})
        if data.get("errcode") != 0:
            raise ProviderError(f"获取钉钉接口凭证失败（{data.get('errcode')}）")
        return data["access_token"], int(data.get("expires_in", 7200))

    async def access_token(self, force: bool = False) -> str:
        return await cached_token(self.redis, f"dingtalk:{self.appkey}", self._fetch_token, force=force)

    async def user_by_code(self, code: str) -> dict:
        """dd.getAuthCode code -> {"userid", "name", ...} (POST /topapi/v2/user/getuserinfo)."""
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            data = await call_json(self.http, "POST", f"{self.oapi}/topapi/v2/user/getuserinfo",
                                   params={"access_token": token}, json={"code": code})
            if data.get("errcode") in (40014, 42001) and attempt == 0:
                continue
            break
        if data.get("errcode") == 40078:
            raise Unauthorized("钉钉免登授权码无效或已使用，请重新登录", code="dingtalk_code_invalid", field="code")
        if data.get("errcode") != 0:
            raise ProviderError(f"钉钉登录失败（{data.get('errcode')}）")
        return data["result"]
