"""Helpers for the notification tests: drain the outbox through the real dispatcher and sender (the pump the job
worker runs), and read what the sandboxes received."""
from datetime import UTC, datetime

import pytest

from app.services.notifications import notifications
from models import Delivery, DeliveryStatus


class Notify:
    def __init__(self, app, client):
        self.app, self.client = app, client

    async def drain(self) -> int:
        """Run the pump until nothing is due (retries scheduled for later stay pending)."""
        done = 0
        for _ in range(200):
            n = await notifications.pump_once(self.app.ctx)
            if not n:
                return done
            done += n
        raise AssertionError("the pump did not become idle")

    async def make_due(self, **filters) -> None:
        await Delivery.filter(status=DeliveryStatus.PENDING, **filters).update(next_attempt_at=datetime.now(UTC))

    async def subscribe(self, who: dict, scene: str, times: int = 1) -> None:
        tid = notifications.templates(self.app.ctx.settings)[scene]
        for _ in range(times):
            r = await self.client.post("/api/v1/me/subscriptions", headers=who["headers"], json={tid: "accept"})
            assert r.status_code == 200, r.text

    async def wechat_messages(self, who: dict) -> list[dict]:
        r = await self.client.get("/sandbox/wechat/subscribe/messages", params={"touser": who["openid"]})
        return r.json()

    async def sms_messages(self, phone: str) -> list[dict]:
        return (await self.client.get("/sandbox/sms/messages", params={"phone": phone})).json()

    async def work_notices(self, userid: str) -> list[dict]:
        return (await self.client.get("/sandbox/dingtalk/work-notices", params={"userid": userid})).json()

    async def inbox(self, who: dict) -> dict:
        r = await self.client.get("/api/v1/me/notifications", headers=who["headers"])
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
async def notify(app, client):
    n = Notify(app, client)
    await n.drain()  # start from a quiet outbox (events other tests left behind)
    return n
