"""The assistant through HTTP: each intent, its structured replies, the evaluation set, and care rules."""
import json
import logging
import uuid

from app.services.engagement import assistant
from tortoise.expressions import F

from models import Department, Payable, Slot, User
from scripts.eval_assistant import load_cases
from tests.factories import chat_session, citizen, hall_by_code, id_number, say

CASE_SERVICE = "GJJ005"  # 住房公积金缴存证明出具: one department, no fees


def cards(replies: list[dict], kind: str) -> list[dict]:
    return [m for m in replies if m["type"] == "card" and m["card"] == kind]


async def test_a_conversation_starts_with_a_greeting_and_quick_replies(client, stranger):
    out = await chat_session(client, stranger)
    assert out["session"]["status"] == "bot"
    types = [m["type"] for m in out["messages"]]
    assert types == ["text", "quick_replies"] and all(m["sender"] == "bot" for m in out["messages"])
    labels = [o["label"] for o in out["messages"][1]["options"]]
    assert "转人工" in labels and "我的办件" in labels


async def test_how_to_answers_with_ranked_guides_through_synonyms(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "身份证过期了怎么办")
    assert out["message"]["sender"] == "citizen" and out["message"]["text"] == "身份证过期了怎么办"
    guides = cards(out["replies"], "guide")
    assert guides[0]["service"] == "GA0002"  # 身份证过期 → 居民身份证换领
    assert guides[0]["path"] == "/pages/service/service?code=GA0002" and 1 <= len(guides) <= 3
    assert "居民身份证换领" in out["replies"][0]["text"]
    assert out["replies"][-1]["type"] == "quick_replies"
    assert out["session"]["service_code"] == "GA0002"


async def test_a_how_to_question_matching_a_faq_gets_its_answer(client, app, stranger):
    snap = await app.ctx.catalog.snapshot()
    faq = snap.services["GJJ001"].guide["faqs"][0]
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, f"公积金提取 {faq['q']}")
    assert any(m["type"] == "text" and faq["a"] in m["text"] for m in out["replies"])


async def test_progress_by_acceptance_number_and_my_cases(client, flow, stranger):
    r = await flow.apply(stranger, CASE_SERVICE)
    assert r.status_code == 201, r.text
    no = r.json()["acceptance_no"]
    sid = (await chat_session(client, stranger))["session"]["id"]

    out = await say(client, stranger, sid, f"帮我查一下{no}办到哪了")
    case = cards(out["replies"], "case")
    assert case and case[0]["acceptance_no"] == no and case[0]["path"] == f"/pages/case/case?no={no}"
    assert "已提交" in out["replies"][0]["text"] or case[0]["status"] == "submitted"

    out = await say(client, stranger, sid, "我的办件")
    assert no in [c["acceptance_no"] for c in cards(out["replies"], "case")]

    other = await citizen(client)
    osid = (await chat_session(client, other))["session"]["id"]
    out = await say(client, other, osid, f"{no}的进度")
    assert not cards(out["replies"], "case") and "没有找到" in out["replies"][0]["text"]  # not someone else's case


async def test_booking_answers_with_the_booking_page_of_the_service(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "我想预约办护照")
    booking = cards(out["replies"], "booking")
    assert booking and booking[0]["service"] == "CRJ001"
    assert booking[0]["path"] == "/pages/book/book?service=CRJ001"
    # the next available slots at the halls offering it, as slot cards that open the booking page at that day
    hall = await hall_by_code(client, "nanhu")
    slots = cards(out["replies"], "slot")
    assert 1 <= len(slots) <= 3
    listed = (await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "CRJ001",
                                                                          "date": slots[0]["date"]})).json()
    free = [s for s in listed["slots"] if s["remaining"] > 0]
    first = slots[0]
    assert first["hall"] == {"id": hall["id"], "name": "南湖区行政服务中心"}
    assert first["slot"] == free[0]["id"] and first["time"] == free[0]["label"]
    assert first["remaining"] == free[0]["remaining"]
    assert first["path"] == f"/pages/book/book?service=CRJ001&hall={hall['id']}&date={first['date']}"
    assert [(s["date"], s["time"]) for s in slots] == sorted((s["date"], s["time"]) for s in slots)
    # a full slot is not offered
    await Slot.filter(id=first["slot"]).update(booked=F("capacity"))
    again = cards((await say(client, stranger, sid, "我想预约办护照"))["replies"], "slot")
    assert first["slot"] not in [s["slot"] for s in again] and again
    # "预约" alone books the service the conversation is about
    await say(client, stranger, sid, "港澳通行证怎么办")
    out = await say(client, stranger, sid, "帮我预约")
    assert cards(out["replies"], "booking")[0]["service"] == "CRJ002"


async def test_booking_a_service_no_hall_offers_has_no_slot_cards(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "预约开具无犯罪记录证明")
    assert cards(out["replies"], "booking")[0]["service"] == "GA0010"
    assert not cards(out["replies"], "slot")


async def test_paying_lists_my_unpaid_payables(client, stranger):
    # Level 2 (no face pass): payables read the person's records, so the assistant asks for the face check first.
    out = await say(client, stranger, (await chat_session(client, stranger))["session"]["id"], "我要缴费")
    assert not cards(out["replies"], "payable") and "刷脸" in json.dumps(out["replies"], ensure_ascii=False)
    stranger = await citizen(client, level=3)
    out0 = await say(client, stranger, (await chat_session(client, stranger))["session"]["id"], "我要缴费")
    assert not cards(out0["replies"], "payable")
    payable = await Payable.create(
        payer=await User.get(id=stranger["user"]["id"]), kind="application_fee", ref=f"CHAT-{uuid.uuid4().hex[:12]}",
        description="居民身份证工本费", items=[{"item": "工本费", "code": "103040000", "amount_fen": 2000}],
        amount_fen=2000, department=await Department.get(code="gongan"), fee_item_code="103040000")
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "我有哪些待缴费用要交")
    pay = cards(out["replies"], "payable")
    assert [p["payable_id"] for p in pay] == [payable.id]
    assert pay[0]["amount_fen"] == 2000 and pay[0]["path"] == f"/pages/pay/pay?payable={payable.id}"


async def test_complaining_starts_a_complaint(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "我要投诉窗口工作态度差")
    card = cards(out["replies"], "complaint")
    assert card and card[0]["path"].startswith(f"/pages/complaint/complaint?session={sid}")


async def test_asking_for_a_person_queues_the_conversation(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "转人工")
    hand = [m for m in out["replies"] if m["type"] == "handoff"]
    assert hand and hand[0]["position"] >= 1 and hand[0]["business_hours"].startswith("工作日")
    assert out["session"]["status"] == "queued" and out["session"]["queue_position"] == hand[0]["position"]
    # while waiting for a person the assistant keeps quiet
    out = await say(client, stranger, sid, "还要等多久")
    assert out["replies"] == []


async def test_an_unknown_question_gets_help_to_rephrase(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "哈哈哈")
    assert "没有理解" in out["replies"][0]["text"] and out["replies"][-1]["type"] == "quick_replies"


async def test_top3_accuracy_on_the_evaluation_set(app):
    cases = load_cases()
    assert len(cases) >= 100
    result = await assistant.evaluate(app.ctx.catalog, cases)
    assert result["top3"] >= 0.85, result["misses"]


async def test_messages_have_a_length_limit(client, app, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    url, h = f"/api/v1/chat/sessions/{sid}/messages", stranger["headers"]
    r = await client.post(url, headers=h, json={"text": "办" * (app.ctx.settings.chat_max_chars + 1)})
    assert r.status_code == 422 and r.json()["error"]["field"] == "text"
    r = await client.post(url, headers=h, json={"text": "  "})
    assert r.status_code == 422


async def test_messages_are_rate_limited_per_user(client, app):
    who = await citizen(client)
    original = app.ctx.settings
    app.ctx.settings = original.with_(chat_rate_limit=3)
    try:
        sid = (await chat_session(client, who))["session"]["id"]  # the first of the 3 in this minute
        codes = [(await client.post(f"/api/v1/chat/sessions/{sid}/messages", headers=who["headers"],
                                    json={"text": "你好"})).status_code for _ in range(4)]
    finally:
        app.ctx.settings = original
    assert codes == [201, 201, 429, 429]


async def test_only_the_owner_sees_a_conversation(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    other = await citizen(client)
    r = await client.get(f"/api/v1/chat/sessions/{sid}", headers=other["headers"])
    assert r.status_code == 404
    r = await client.post(f"/api/v1/chat/sessions/{sid}/messages", headers=other["headers"], json={"text": "你好"})
    assert r.status_code == 404
    r = await client.get(f"/api/v1/chat/sessions/{sid}", headers=stranger["headers"])
    assert r.status_code == 200 and len(r.json()["messages"]) == 2


async def test_no_personal_data_in_the_logs(client, stranger, caplog):
    number = id_number()
    sid = (await chat_session(client, stranger))["session"]["id"]
    with caplog.at_level(logging.DEBUG, logger="zhangban"):
        await say(client, stranger, sid, f"我的身份证号{number}过期了，电话13800138000")
    assert caplog.records  # the assistant did log (intent), just not what was written
    assert number not in caplog.text and "13800138000" not in caplog.text
