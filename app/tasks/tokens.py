"""Provider access tokens refreshed ahead of expiry, so that no request or delivery waits for a refresh."""
from __future__ import annotations

import logging

from app.providers.dingtalk import DingTalk
from app.providers.wechat import WeChat
from app.tasks import job

log = logging.getLogger("zhangban.tasks.tokens")
REFRESH_BELOW = 15 * 60  # seconds of life left under which a token is replaced now


async def refresh(redis, name: str, fetch_token) -> bool:
    """Replace token `name` when it has less than REFRESH_BELOW seconds left (or none is cached); True if it
    was replaced. The refresh itself is the adapters' single refresher (a Redis lock across workers)."""
    ttl = await redis.ttl(f"zb:token:{name}")
    if ttl is not None and ttl > REFRESH_BELOW:
        return False
    await fetch_token(force=ttl is not None and ttl > 0)
    return True


@job("tokens.refresh")
async def refresh_tokens(ctx: dict) -> dict:
    """Every 5 minutes: the WeChat and DingTalk access tokens, refreshed when they are about to expire."""
    app = ctx["app"]
    s, http = app.settings, app.http
    wechat = WeChat(s.provider_base("wechat"), s.wechat_appid, s.wechat_secret, http, app.redis)
    dingtalk = DingTalk(s.provider_base("dingtalk_oapi"), s.provider_base("dingtalk_api"), s.dingtalk_appkey,
                        s.dingtalk_appsecret, http, app.redis)
    out = {}
    for name, adapter in ((f"wechat:{s.wechat_appid}", wechat), (f"dingtalk:{s.dingtalk_appkey}", dingtalk)):
        try:
            out[name.split(":")[0]] = await refresh(app.redis, name, adapter.access_token)
        except Exception:  # a provider down now: the on-demand refresh still works later
            log.warning("could not refresh the %s token", name, exc_info=True)
            out[name.split(":")[0]] = None
    return out
