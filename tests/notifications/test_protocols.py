"""Provider wire details checked against published examples, and planners running side by side."""
import asyncio
import uuid
from datetime import UTC, datetime

from app.providers.sms import sign
from app.services.notifications import notifications
from app.services.platform import outbox
from models import Delivery, InboxMessage, OutboxEvent, SubscriptionQuota, User


def test_aliyun_sendsms_signature_matches_the_documented_example():
    params = {"AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
              "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用",
              "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
              "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007", "TemplateParam": '{"customer":"test"}',
              "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25"}
    assert sign(params, "testSecret", method="GET") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


async def test_sms_sandbox_refuses_a_bad_signature_and_a_reused_nonce(client, app):
    s = app.ctx.settings
    params = {"AccessKeyId": s.sms_access_key_id, "Action": "SendSms", "Format": "JSON", "RegionId": "cn-hangzhou",
              "SignatureMethod": "HMAC-SHA1", "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
              "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25", "PhoneNumbers": "13900001111",
              "SignName": "掌办", "TemplateCode": "SMS_480100001", "TemplateParam": '{"text":"x"}', "OutId": "t"}
    r = await client.post("/sandbox/sms/", data={**params, "Signature": sign(params, "wrong-secret")})
    assert r.json()["Code"] == "SignatureDoesNotMatch"
    good = {**params, "Signature": sign(params, s.sms_access_key_secret)}
    assert (await client.post("/sandbox/sms/", data=good)).json()["Code"] == "OK"
    assert (await client.post("/sandbox/sms/", data=good)).json()["Code"] == "SignatureNonceUsed"


async def test_planners_side_by_side_plan_each_event_once(app, notify):
    tid = notifications.templates(app.ctx.settings)["case_status"]
    tag = uuid.uuid4().hex[:8]
    users = [await User.create(openid=f"opar{tag}{i}") for i in range(10)]
    for u in users:
        await SubscriptionQuota.create(user=u, template_id=tid, remaining=25)  # 30 events each: 5 over quota
    ids = [(await outbox.emit("application.status_changed", f"application:par-{tag}-{i}", {
        "acceptance_no": f"P{tag}{i}", "user_id": users[i % 10].id, "status": "accepted", "service_name": "并发",
        "note": None})).id for i in range(300)]

    async def planner():
        while await notifications.dispatch_batch(app.ctx, limit=20):
            pass

    await asyncio.gather(*[planner() for _ in range(4)])
    assert await OutboxEvent.filter(id__in=ids, dispatched_at__isnull=True).count() == 0
    assert await InboxMessage.filter(user_id__in=[u.id for u in users]).count() == 300
    assert await Delivery.filter(event_id__in=ids, channel="wechat").count() == 300
    assert await Delivery.filter(event_id__in=ids, channel="wechat", status="pending").count() == 250  # the quota
    assert {q.remaining for q in await SubscriptionQuota.filter(user_id__in=[u.id for u in users])} == {0}


async def test_tokens_are_refreshed_ahead_of_expiry(app, client):
    from app.tasks import tokens

    s = app.ctx.settings
    key = f"zb:token:wechat:{s.wechat_appid}"
    await app.ctx.redis.delete(key)
    first = await tokens.refresh_tokens({"app": app.ctx})
    assert first == {"wechat": True, "dingtalk": first["dingtalk"]}
    old = await app.ctx.redis.get(key)
    assert (await tokens.refresh_tokens({"app": app.ctx}))["wechat"] is False  # plenty of life left: kept
    await app.ctx.redis.expire(key, 120)  # about to expire
    assert (await tokens.refresh_tokens({"app": app.ctx}))["wechat"] is True
    assert await app.ctx.redis.get(key) != old and await app.ctx.redis.ttl(key) > tokens.REFRESH_BELOW
