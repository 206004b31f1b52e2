"""Channels: the in-app inbox, WeChat subscribe messages within the consent quota, SMS fallback for important
events, DingTalk work notices to staff; retries, dead letters, token expiry, dedup, events from other areas."""
from datetime import UTC, datetime, timedelta

from app.services.notifications import notifications
from app.services.platform import outbox
from models import AuditLog, Delivery, DeliveryStatus, InboxMessage, OutboxEvent, SubscriptionQuota
from tests.factories import admin, citizen, staff_of

SIMPLE = "GJJ005"  # intake, then the 公积金 review


async def _case(flow, who) -> str:
    r = await flow.apply(who, SIMPLE)
    assert r.status_code == 201, r.text
    return r.json()["acceptance_no"]


async def _emit(kind: str, payload: dict) -> OutboxEvent:
    return await outbox.emit(kind, f"test:{kind}", payload)


async def test_status_change_reaches_inbox_and_wechat_within_the_quota(client, flow, notify, person):
    await notify.subscribe(person, "case_status")
    no = await _case(flow, person)
    await flow.accept(person, no)  # submitted, accepted, then in review: three status changes, one consent
    await notify.drain()

    inbox = await notify.inbox(person)
    assert [m["title"] for m in inbox["items"]] == ["办件进度更新"] * 3 and inbox["unread"] == 3
    assert "已受理" in inbox["items"][1]["body"] and no in inbox["items"][1]["body"]
    assert "已提交" in inbox["items"][2]["body"]
    sent = await notify.wechat_messages(person)
    assert len(sent) == 1 and sent[0]["data"]["character_string1"]["value"] == no
    assert sent[0]["template_id"] == notifications.TEMPLATES["case_status"]
    skipped = await Delivery.filter(user_id=person["user"]["id"], channel="wechat", status=DeliveryStatus.SKIPPED)
    assert len(skipped) == 2 and all(d.last_error.startswith("no_quota") for d in skipped)  # recorded, no call
    assert await Delivery.filter(user_id=person["user"]["id"], channel="sms").count() == 0  # not important
    quota = await SubscriptionQuota.get(user_id=person["user"]["id"], template_id=sent[0]["template_id"])
    assert quota.remaining == 0

    r = await client.post(f"/api/v1/me/notifications/{inbox['items'][0]['id']}/read", headers=person["headers"])
    assert r.json() == {"marked": 1}
    assert (await notify.inbox(person))["unread"] == 2
    r = await client.post("/api/v1/me/notifications/read", headers=person["headers"], json={})
    assert r.json() == {"marked": 2} and (await notify.inbox(person))["unread"] == 0


async def test_subscriptions_api(client, app):
    who = await citizen(client)
    r = await client.get("/api/v1/me/subscriptions", headers=who["headers"])
    body = r.json()
    assert r.status_code == 200 and body["moments"]["submit"] == [notifications.TEMPLATES["case_status"],
                                                                  notifications.TEMPLATES["supplement"]]
    tid = notifications.TEMPLATES["payment"]
    r = await client.post("/api/v1/me/subscriptions", headers=who["headers"],
                          json={tid: "accept", notifications.TEMPLATES["reply"]: "reject"})
    remaining = {t["scene"]: t["remaining"] for t in r.json()["templates"]}
    assert remaining["payment"] == 1 and remaining["reply"] == 0
    r = await client.post("/api/v1/me/subscriptions", headers=who["headers"], json={"results": {tid: "accept"}})
    assert {t["scene"]: t["remaining"] for t in r.json()["templates"]}["payment"] == 2
    r = await client.post("/api/v1/me/subscriptions", headers=who["headers"], json={"someone-elses-id": "accept"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "results"
    assert (await client.post("/api/v1/me/subscriptions", json={tid: "accept"})).status_code == 401


async def test_supplement_without_consent_falls_back_to_sms(client, flow, notify, person, app):
    no = await _case(flow, person)
    intake = (await flow.case(person, no))["steps"][0]
    from tests.factories import window_clerk

    r = await flow.decide(await window_clerk(client), intake["id"], "supplement", items=["身份证复印件"])
    assert r.status_code == 200, r.text
    await notify.drain()
    assert await notify.wechat_messages(person) == []
    phone = app.ctx.vault.decrypt("phone", (await _user(person)).phone_enc)
    sms = await notify.sms_messages(phone)
    assert len(sms) == 1 and "身份证复印件" in sms[0]["params"]["text"]
    assert sms[0]["out_id"].endswith(f":sms:user:{person['user']['id']}")
    assert await AuditLog.filter(subject_id=person["user"]["id"], purpose="短信通知发送").count() == 1
    assert (await notify.inbox(person))["items"][0]["title"] == "请补正材料"


async def _user(who):
    from models import User

    return await User.get(id=who["user"]["id"])


async def test_consent_quota_exhaustion_then_sms_for_important_only(client, notify, app):
    who = await citizen(client)
    await notify.subscribe(who, "appointment", times=1)
    base = {"user_id": who["user"]["id"], "code": "A123", "hall_name": "市民中心", "service_code": "GJJ005",
            "service_name": "公积金缴存证明", "slot_start": "2026-12-01T01:30:00+00:00"}
    await _emit("appointment.booked", {**base, "appointment_id": 1})
    await _emit("appointment.reminder_due", {**base, "appointment_id": 1, "when": "day_before"})
    await _emit("appointment.reminder_due", {**base, "appointment_id": 1, "when": "hour_before"})
    await notify.drain()
    sent = await notify.wechat_messages(who)
    assert len(sent) == 1 and sent[0]["data"]["phrase4"]["value"] == "预约成功"
    sms = await notify.sms_messages(who["phone"])
    assert len(sms) == 1 and "明天办理" in sms[0]["params"]["text"]  # day_before is important; hour_before is not
    assert len((await notify.inbox(who))["items"]) == 3


async def test_43101_is_recorded_not_retried_and_important_falls_back(client, notify, app):
    who = await citizen(client)
    await notify.subscribe(who, "case_status")
    await client.post("/sandbox/wechat/subscribe/revoke",
                      json={"openid": who["openid"], "template_id": notifications.TEMPLATES["case_status"]})
    ev = await _emit("application.status_changed", {"acceptance_no": "330402-20261125-999001", "status": "issued",
                                                   "user_id": who["user"]["id"], "service_name": "测试事项",
                                                   "note": "证照已制作"})
    await notify.drain()
    d = await Delivery.get(event_id=ev.id, channel="wechat")
    assert d.status == DeliveryStatus.FAILED and d.attempts == 1 and d.last_error.startswith("43101")
    sms = await notify.sms_messages(who["phone"])
    assert len(sms) == 1 and "已出证" in sms[0]["params"]["text"]


async def test_5xx_backs_off_exponentially_then_dead_letter_and_admin_retry(client, notify, app):
    who = await citizen(client)
    await notify.subscribe(who, "payment")
    ev = await _emit("payment.paid", {"payable_id": 1, "user_id": who["user"]["id"], "amount_fen": 2500,
                                      "description": "工本费"})
    max_tries = app.ctx.settings.notify_max_attempts
    await client.post("/sandbox/wechat/faults", json={"status": 503, "count": max_tries})
    delays = []
    for attempt in range(1, max_tries + 1):
        before = datetime.now(UTC)
        await notify.drain()
        d = await Delivery.get(event_id=ev.id, channel="wechat")
        assert d.attempts == attempt
        if attempt < max_tries:
            assert d.status == DeliveryStatus.PENDING and "503" in d.last_error
            delays.append((d.next_attempt_at - before).total_seconds())
            await notify.make_due(id=d.id)
    assert d.status == DeliveryStatus.DEAD
    base = app.ctx.settings.notify_backoff
    assert all(abs(delay - base * 2 ** i) < 5 for i, delay in enumerate(delays[:4])), delays  # 10, 20, 40, 80 s
    assert await notify.wechat_messages(who) == []

    boss = await admin(client)
    r = await client.get("/api/v1/admin/notifications/deliveries?status=dead&page_size=100", headers=boss["headers"])
    assert d.id in [x["id"] for x in r.json()["items"]]
    assert (await client.get("/api/v1/admin/notifications/deliveries", headers=who["headers"])).status_code == 403
    r = await client.post(f"/api/v1/admin/notifications/deliveries/{d.id}/retry", headers=boss["headers"])
    assert r.status_code == 200 and r.json()["status"] == "pending" and r.json()["attempts"] == 0
    r = await client.post(f"/api/v1/admin/notifications/deliveries/{d.id}/retry", headers=boss["headers"])
    assert r.status_code == 422 and r.json()["error"]["code"] == "delivery_not_dead"
    await notify.drain()
    assert (await Delivery.get(id=d.id)).status == DeliveryStatus.SENT
    assert len(await notify.wechat_messages(who)) == 1


async def test_rate_limit_errcode_is_retried(client, notify, app):
    who = await citizen(client)
    await notify.subscribe(who, "payment")
    ev = await _emit("payment.refunded", {"payable_id": 1, "user_id": who["user"]["id"], "amount_fen": 100,
                                          "description": "退款测试"})
    await client.post("/sandbox/wechat/faults", json={"errcode": 45009, "count": 1})
    await notify.drain()
    d = await Delivery.get(event_id=ev.id, channel="wechat")
    assert d.status == DeliveryStatus.PENDING and d.last_error.startswith("45009")
    await notify.make_due(id=d.id)
    await notify.drain()
    assert (await Delivery.get(id=d.id)).status == DeliveryStatus.SENT


async def test_a_token_expiring_mid_batch_is_refreshed_once_and_nothing_is_retried(client, notify, app):
    people = [await citizen(client) for _ in range(6)]
    for who in people:
        await notify.subscribe(who, "case_status")
    events = []
    for i, who in enumerate(people):
        events.append(await _emit("application.status_changed", {
            "acceptance_no": f"330402-20261125-99{i:04d}", "status": "accepted", "user_id": who["user"]["id"],
            "service_name": "测试", "note": None}))
    await notifications.dispatch_batch(app.ctx)
    assert await notifications.send_batch(app.ctx, limit=3) == 3  # the first half of the batch goes out
    r = await client.post("/sandbox/wechat/tokens/expire")  # every token WeChat issued expires now
    assert r.json()["expired"] >= 1
    await notify.drain()  # the rest meet 40001: one refresh, then the same try succeeds
    ds = await Delivery.filter(event_id__in=[e.id for e in events], channel="wechat")
    assert {d.status for d in ds} == {DeliveryStatus.SENT} and {d.attempts for d in ds} == {1}
    for who in people:
        assert len(await notify.wechat_messages(who)) == 1


async def test_replanning_an_event_adds_nothing(client, notify, app):
    who = await citizen(client)
    ev = await _emit("complaint.replied", {"complaint_id": 7, "user_id": who["user"]["id"], "title": "窗口排队太久"})
    await notify.drain()
    before = (await Delivery.filter(event_id=ev.id).count(), await InboxMessage.filter(user_id=who["user"]["id"]).count())
    await OutboxEvent.filter(id=ev.id).update(dispatched_at=None)  # as if a worker died after planning it
    await notify.drain()
    after = (await Delivery.filter(event_id=ev.id).count(), await InboxMessage.filter(user_id=who["user"]["id"]).count())
    assert before == after == (1, 1)
    assert (await OutboxEvent.get(id=ev.id)).dispatched_at is not None


async def test_staff_events_become_work_notices(client, notify, app):
    await _emit("complaint.assigned", {"department": "gjj", "complaint_id": 3, "title": "公积金提取太慢"})
    walk_in = await _emit("queue.called", {"ticket_id": 1, "ticket_no": "A001", "user_id": None,
                                           "hall_name": "市民中心", "window_name": "3号窗口"})
    await notify.drain()
    member = (await staff_of(client, "gjj"))["user"]
    notices = await notify.work_notices(await _ding(member))
    assert any("公积金提取太慢" in n["content"] for n in notices)
    assert await Delivery.filter(event_id=walk_in.id).count() == 0  # a walk-in ticket: the hall display calls it


async def _ding(member: dict) -> str:
    from models import User

    return (await User.get(id=member["id"])).ding_userid


async def test_queue_call_and_rectification_reach_the_citizen(client, notify, app):
    who = await citizen(client)
    await notify.subscribe(who, "appointment")
    await _emit("queue.called", {"ticket_id": 2, "ticket_no": "B017", "user_id": who["user"]["id"],
                                 "hall_name": "市民中心", "window_name": "5号窗口"})
    await _emit("rectification.closed", {"rating_id": 4, "user_id": who["user"]["id"], "outcome": "已增设窗口"})
    await _emit("appointment.no_show", {"appointment_id": 9, "user_id": who["user"]["id"], "code": "Z9",
                                        "hall_name": "市民中心", "service_code": "X", "service_name": "某事项",
                                        "slot_start": "2026-12-01T01:30:00Z"})
    await notify.drain()
    titles = [m["title"] for m in (await notify.inbox(who))["items"]]
    assert titles == ["预约未到", "整改已办结", "叫号提醒"]
    assert (await notify.wechat_messages(who))[0]["data"]["character_string1"]["value"] == "B017"


async def test_payment_paid_is_announced(client, notify, app):
    from tests.factories import own_order

    order = await own_order(client, amount_fen=1200)
    r = await client.post(f"/sandbox/wechatpay/orders/{order['out_trade_no']}/pay", json={})
    assert r.status_code == 200, r.text
    for _ in range(50):  # the sandbox notifies us right after the payment
        if await OutboxEvent.filter(kind="payment.paid", aggregate=f"payment:{order['out_trade_no']}").exists():
            break
        import asyncio
        await asyncio.sleep(0.05)
    await notify.drain()
    items = (await notify.inbox(order["who"]))["items"]
    assert items and items[0]["title"] == "缴费成功" and "12.00元" in items[0]["body"]


async def test_overdue_steps_are_flagged_once(client, flow, notify, person, app):
    from models import ApplicationStep

    no = await _case(flow, person)
    await flow.accept(person, no)
    step = await ApplicationStep.get(application__acceptance_no=no, key="review")
    await ApplicationStep.filter(id=step.id).update(due_at=datetime.now(UTC) - timedelta(hours=1))
    first = await notifications.flag_due_steps()
    again = await notifications.flag_due_steps()
    assert first["overdue"] >= 1 and again["overdue"] == 0
    assert await OutboxEvent.filter(kind="staff.task_overdue", aggregate=f"step:{step.id}").count() == 1
    await notify.drain()
    sent = await Delivery.filter(kind="staff.task_overdue", channel="dingtalk", status=DeliveryStatus.SENT)
    mine = [d for d in sent if no in d.message["text"]]
    assert len(mine) == 1 and mine[0].recipient.endswith("staff+supervisor")
    notices = await notify.work_notices(mine[0].message["userids"][0])
    assert any(no in n["content"] and n["content"].startswith("审批任务已超期") for n in notices)
