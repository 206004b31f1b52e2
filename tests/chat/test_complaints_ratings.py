"""咨询投诉 and 好差评: routing, working-day deadlines and flags, staff replies, ratings of cases, chats and
complaints, the bad rating's rectification loop (差评整改 闭环), the events emitted and the dashboard aggregates."""
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from app.services.platform import workdays
from app.tasks import chat as chat_jobs
from models import Complaint, OutboxEvent, Rectification
from tests.factories import admin, citizen, staff_of, upload

SERVICE = "GJJ005"  # 住房公积金缴存证明出具 (gjj): one department, no fees


async def complain(client, who, **extra) -> dict:
    body = {"category": "efficiency", "title": "办事太慢", "text": "材料交了两周还没有消息，请尽快处理。", **extra}
    r = await client.post("/api/v1/complaints", headers=who["headers"], json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def events(kind: str, aggregate: str) -> list[dict]:
    return [e.payload for e in await OutboxEvent.filter(kind=kind, aggregate=aggregate).order_by("id")]


async def test_a_complaint_is_routed_with_a_working_day_deadline(client, flow, app):
    who = await citizen(client)
    no = (await flow.apply(who, SERVICE)).json()["acceptance_no"]
    photo = await upload(client, who)
    before = datetime.now(timezone.utc)
    c = await complain(client, who, attachments=[photo], acceptance_no=no)
    assert c["department"]["code"] == "gjj" and c["status"] == "open" and c["service_code"] == SERVICE
    assert c["attachments"] == [photo] and c["flag"] is None
    due = workdays.add_working_days(before, app.ctx.settings.complaint_days)
    assert c["due_date"] == workdays.local_date(due).isoformat()
    assert await events("complaint.assigned", f"complaint:{c['id']}") == [
        {"complaint_id": c["id"], "department": "gjj", "title": "办事太慢", "due_date": c["due_date"]}]

    c2 = await complain(client, who, service="CRJ001", category="attitude")
    assert c2["department"]["code"] == "churujing"
    c3 = await complain(client, who, category="other")
    assert c3["department"]["code"] == "zhengwu"  # nothing to route by: the service hall


async def test_complaints_are_checked(client, flow):
    who, other = await citizen(client), await citizen(client)
    url, h = "/api/v1/complaints", who["headers"]
    base = {"category": "efficiency", "title": "办事太慢", "text": "材料交了两周还没有消息。"}
    r = await client.post(url, headers=h, json={**base, "category": "nope"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "category"
    r = await client.post(url, headers=h, json={**base, "attachments": [await upload(client, other)]})
    assert r.status_code == 404  # someone else's upload
    no = (await flow.apply(other, SERVICE)).json()["acceptance_no"]
    r = await client.post(url, headers=h, json={**base, "acceptance_no": no})
    assert r.status_code == 404  # someone else's case
    r = await client.post(url, headers=h, json={**base, "text": "短"})
    assert r.status_code == 422
    r = await client.get(f"/api/v1/complaints/{(await complain(client, other))['id']}", headers=h)
    assert r.status_code == 404


async def test_near_due_and_overdue_flags(client, app):
    who = await citizen(client)
    late, near = await complain(client, who, service="SDQ001"), await complain(client, who, service="SDQ001")
    now = datetime.now(timezone.utc)
    await Complaint.filter(id=late["id"]).update(due_at=now - timedelta(hours=1))
    await Complaint.filter(id=near["id"]).update(due_at=now + timedelta(hours=1))
    staff = await staff_of(client, "shuidianqi")
    r = await client.get("/api/v1/staff/complaints", headers=staff["headers"], params={"flag": "red"})
    assert late["id"] in [c["id"] for c in r.json()["items"]] and near["id"] not in [c["id"] for c in r.json()["items"]]
    r = await client.get("/api/v1/staff/complaints", headers=staff["headers"], params={"flag": "yellow"})
    assert [c["id"] for c in r.json()["items"] if c["id"] in (late["id"], near["id"])] == [near["id"]]
    await chat_jobs.refresh_flags({"app": SimpleNamespace(settings=app.ctx.settings)})
    assert (await Complaint.get(id=late["id"])).flag == "red" and (await Complaint.get(id=near["id"])).flag == "yellow"
    r = await client.get(f"/api/v1/complaints/{late['id']}", headers=who["headers"])
    assert r.json()["flag"] == "red"


async def test_staff_reply_then_the_citizen_sees_it_and_rates_it(client):
    who = await citizen(client)
    c = await complain(client, who, service="SW0001")
    r = await client.post("/api/v1/ratings", headers=who["headers"],
                          json={"target_type": "complaint", "target_id": str(c["id"]), "score": 5})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_rateable"  # not answered yet
    wrong = await staff_of(client, "gjj")
    r = await client.post(f"/api/v1/staff/complaints/{c['id']}/reply", headers=wrong["headers"], json={"text": "已处理"})
    assert r.status_code == 404  # another department's complaint
    staff = await staff_of(client, "shuiwu")
    r = await client.post(f"/api/v1/staff/complaints/{c['id']}/reply", headers=staff["headers"],
                          json={"text": "已联系经办人加快办理，今日已办结。"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = await client.post(f"/api/v1/staff/complaints/{c['id']}/reply", headers=staff["headers"], json={"text": "再答"})
    assert r.status_code == 409
    assert await events("complaint.replied", f"complaint:{c['id']}") == [
        {"complaint_id": c["id"], "user_id": who["user"]["id"], "title": "办事太慢"}]
    mine = (await client.get("/api/v1/complaints", headers=who["headers"])).json()["items"]
    assert mine[0]["id"] == c["id"] and mine[0]["reply"].startswith("已联系") and mine[0]["can_rate"]
    r = await client.post("/api/v1/ratings", headers=who["headers"],
                          json={"target_type": "complaint", "target_id": str(c["id"]), "score": 4, "tags": ["效率高"]})
    assert r.status_code == 201 and r.json()["rectification"] is None
    r = await client.post("/api/v1/ratings", headers=who["headers"],
                          json={"target_type": "complaint", "target_id": str(c["id"]), "score": 4})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_rated"
    assert not (await client.get("/api/v1/complaints", headers=who["headers"])).json()["items"][0]["can_rate"]


async def test_a_bad_rating_opens_a_rectification_and_its_outcome_closes_the_loop(client, flow, app):
    who = await citizen(client)
    no = (await flow.apply(who, SERVICE)).json()["acceptance_no"]
    rate = {"target_type": "application", "target_id": no, "score": 1, "tags": ["效率低"], "comment": "跑了三次"}
    r = await client.post("/api/v1/ratings", headers=who["headers"], json=rate)
    assert r.status_code == 409  # the case is not done yet
    await flow.accept(who, no)
    await flow.approve_all(who, no)
    lead = await staff_of(client, "gjj")
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200, r.text
    other = await citizen(client)
    r = await client.post("/api/v1/ratings", headers=other["headers"], json=rate)
    assert r.status_code == 404  # not their case

    before = datetime.now(timezone.utc)
    r = await client.post("/api/v1/ratings", headers=who["headers"], json=rate)
    assert r.status_code == 201, r.text
    rating = r.json()
    rect = rating["rectification"]
    assert rating["department"]["code"] == "gjj" and rating["service_code"] == SERVICE
    assert rect["status"] == "open"
    assert rect["due_date"] == workdays.local_date(
        workdays.add_working_days(before, app.ctx.settings.rectification_days)).isoformat()
    assert await events("rectification.opened", f"rating:{rating['id']}") == [
        {"rating_id": rating["id"], "department": "gjj", "due_date": rect["due_date"]}]

    r = await client.get("/api/v1/staff/rectifications", headers=lead["headers"])
    item = next(x for x in r.json()["items"] if x["id"] == rect["id"])
    assert item["rating"]["comment"] == "跑了三次" and item["rating"]["score"] == 1
    wrong = await staff_of(client, "shuiwu")
    r = await client.post(f"/api/v1/staff/rectifications/{rect['id']}/close", headers=wrong["headers"],
                          json={"outcome": "不是我们的"})
    assert r.status_code == 404
    r = await client.post(f"/api/v1/staff/rectifications/{rect['id']}/close", headers=lead["headers"],
                          json={"outcome": "已约谈经办人，开通证明自助打印。"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    r = await client.post(f"/api/v1/staff/rectifications/{rect['id']}/close", headers=lead["headers"],
                          json={"outcome": "再次"})
    assert r.status_code == 409
    assert await events("rectification.closed", f"rating:{rating['id']}") == [
        {"rating_id": rating["id"], "user_id": who["user"]["id"], "outcome": "已约谈经办人，开通证明自助打印。"}]
    mine = (await client.get("/api/v1/ratings", headers=who["headers"])).json()["items"]
    told = next(x for x in mine if x["id"] == rating["id"])["rectification"]
    assert told["status"] == "closed" and told["outcome"].startswith("已约谈")


async def test_good_ratings_open_nothing_and_ratings_are_checked(client):
    who = await citizen(client)
    c = await complain(client, who, service="YB0002")
    staff = await staff_of(client, "yibao")
    await client.post(f"/api/v1/staff/complaints/{c['id']}/reply", headers=staff["headers"], json={"text": "已答复"})
    url, h = "/api/v1/ratings", who["headers"]
    target = {"target_type": "complaint", "target_id": str(c["id"])}
    for bad in ({"score": 6}, {"score": 0}, {"score": 3, "tags": ["不存在的标签"]}, {"score": 3, "target_type": "x"}):
        r = await client.post(url, headers=h, json={**target, **bad})
        assert r.status_code == 422, bad
    r = await client.post(url, headers=h, json={**target, "target_id": "999999", "score": 3})
    assert r.status_code == 404
    r = await client.post(url, headers=h, json={**target, "score": 3})
    assert r.status_code == 201 and r.json()["rectification"] is None
    assert not await Rectification.filter(rating_id=r.json()["id"]).exists()


async def test_dashboard_aggregates_by_department_and_service(client):
    who = await citizen(client)
    staff = await staff_of(client, "canlian")
    for score in (1, 5):
        c = await complain(client, who, service="CL0001")
        await client.post(f"/api/v1/staff/complaints/{c['id']}/reply", headers=staff["headers"], json={"text": "已答复"})
        r = await client.post("/api/v1/ratings", headers=who["headers"],
                              json={"target_type": "complaint", "target_id": str(c["id"]), "score": score})
        assert r.status_code == 201
    boss = await admin(client)
    r = await client.get("/api/v1/admin/ratings/stats", headers=boss["headers"], params={"by": "department"})
    row = next(x for x in r.json()["items"] if x["key"] == "canlian")
    assert row["count"] >= 2 and row["bad"] >= 1 and row["open_rectifications"] >= 1 and 1 <= row["average"] <= 5
    r = await client.get("/api/v1/admin/ratings/stats", headers=boss["headers"], params={"by": "service"})
    row = next(x for x in r.json()["items"] if x["key"] == "CL0001")
    assert row["count"] >= 2
    r = await client.get("/api/v1/admin/ratings/stats", headers=boss["headers"], params={"by": "hall"})
    assert r.status_code == 200
    r = await client.get("/api/v1/admin/ratings/stats", headers=boss["headers"], params={"by": "weather"})
    assert r.status_code == 422
    r = await client.get("/api/v1/admin/ratings/stats", headers=who["headers"])
    assert r.status_code == 403
