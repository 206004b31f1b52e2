"""DingTalk (政务钉钉) open API: oapi.dingtalk.com and api.dingtalk.com at configurable base URLs."""
from __future__ import annotations

import httpx
from redis.asyncio import Redis

from app.errors import ProviderError, Unauthorized
from app.providers.http import call_json
from app.providers.tokens import cached_token

TOKEN_ERRORS = {40001, 40014, 42001}  # invalid / expired access_token: refresh once and retry


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

    async def call_oapi(self, path: str, body: dict) -> dict:
        """POST an oapi.dingtalk.com API with ?access_token=; a token error refreshes the token once and retries."""
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            data = await call_json(self.http, "POST", f"{self.oapi}{path}", params={"access_token": token}, json=body)
            if data.get("errcode") not in TOKEN_ERRORS:
                break
        return data

    async def work_notice(self, agent_id: str, userids: list[str], text: str) -> dict:
        """工作通知 (POST /topapi/message/corpconversation/asyncsend_v2): DingTalk's answer ({"errcode", "task_id"})."""
        return await self.call_oapi("/topapi/message/corpconversation/asyncsend_v2", {
            "agent_id": int(agent_id), "userid_list": ",".join(userids),
            "msg": {"msgtype": "text", "text": {"content": text}}})

    async def create_process_instance(self, process_code: str, originator: str, approvers: list[str],
                                      form: list[tuple[str, str]], agent_id: str) -> str:
        """发起审批实例 (POST /v1.0/workflow/processInstances, header x-acs-dingtalk-access-token): its instanceId.
        The approvers form one 或签 (OR) node: the first of them to act decides."""
        body = {"originatorUserId": originator, "processCode": process_code, "deptId": -1,
                "microappAgentId": int(agent_id), "approvers": [{"actionType": "OR", "userIds": approvers}],
                "formComponentValues": [{"name": k, "value": v} for k, v in form]}
        for attempt in (0, 1):
            token = await self.access_token(force=attempt == 1)
            try:
                resp = await self.http.post(f"{self.api}/v1.0/workflow/processInstances", json=body,
                                            headers={"x-acs-dingtalk-access-token": token})
            except httpx.HTTPError as exc:
                raise ProviderError(f"外部服务连接失败：{type(exc).__name__}") from exc
            if resp.status_code == 401 and attempt == 0:
                continue
            break
        if resp.status_code >= 500:
            raise ProviderError(f"外部服务返回错误（HTTP {resp.status_code}）")
        data = resp.json() if resp.headers.get("content-type", "").startswith("application/json") else {}
        if resp.status_code != 200 or not data.get("instanceId"):
            raise DingTalkRefused(data.get("code") or str(resp.status_code), data.get("message") or "")
        return data["instanceId"]


class DingTalkRefused(ProviderError):
    """A request DingTalk answered with an error code (not a transport failure): retrying will not help."""

    def __init__(self, code: str, message: str):
        super().__init__(f"钉钉拒绝了请求（{code}）")
        self.dingtalk_code, self.dingtalk_message = code, message
