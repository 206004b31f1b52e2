"""转人工: queue by department, place in the queue, a staff agent takes the conversation, answers in the same
thread, closes it; the citizen rates it. Transcript retention."""
import asyncio
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from app.tasks import chat as chat_jobs
from models import ChatMessage, ChatSession
from tests.factories import chat_session, citizen, say, staff_of


async def take_until(client, agent: dict, session_id: int) -> dict:
    """Take conversations from the agent's queue until ours (others left by earlier tests are closed)."""
    for _ in range(50):
        r = await client.post("/api/v1/staff/chat/next", headers=agent["headers"])
        assert r.status_code == 200, r.text
        taken = r.json()
        if taken["session"]["id"] == session_id:
            return taken
        await client.post(f"/api/v1/staff/chat/sessions/{taken['session']['id']}/close", headers=agent["headers"])
    raise AssertionError("our conversation never came up")


async def test_hand_off_round_trip(client, stranger):
    sid = (await chat_session(client, stranger))["session"]["id"]
    out = await say(client, stranger, sid, "护照的事情我要转人工")
    hand = next(m for m in out["replies"] if m["type"] == "handoff")
    assert hand["department"]["code"] == "churujing" and out["session"]["status"] == "queued"

    second = await citizen(client)
    sid2 = (await chat_session(client, second))["session"]["id"]
    out2 = await say(client, second, sid2, "办护照转人工")
    assert out2["session"]["queue_position"] == out["session"]["queue_position"] + 1  # behind the first

    agent = await staff_of(client, "churujing")
    other_agent = await staff_of(client, "gongan")
    r = await client.get("/api/v1/staff/chat/queue", headers=agent["headers"])
    assert sid in [s["id"] for s in r.json()["items"]]
    r = await client.get("/api/v1/staff/chat/queue", headers=other_agent["headers"])
    assert sid not in [s["id"] for s in r.json()["items"]]  # queued by department

    taken = await take_until(client, agent, sid)
    assert taken["session"]["status"] == "agent" and taken["session"]["agent"]
    assert any(m.get("text") == "护照的事情我要转人工" for m in taken["messages"])  # the agent sees the thread

    r = await client.get(f"/api/v1/chat/sessions/{sid2}", headers=second["headers"])
    assert r.json()["session"]["queue_position"] >= 1

    r = await client.post(f"/api/v1/staff/chat/sessions/{sid}/messages", headers=agent["headers"],
                          json={"text": "您好，护照需要本人到出入境窗口办理。"})
    assert r.status_code == 201 and r.json()["message"]["sender"] == "agent"
    r = await client.post(f"/api/v1/staff/chat/sessions/{sid}/messages", headers=other_agent["headers"],
                          json={"text": "插话"})
    assert r.status_code == 403  # not their conversation

    out = await say(client, stranger, sid, "好的，需要带照片吗")
    assert out["replies"] == []  # the person answers, not the assistant
    r = await client.get(f"/api/v1/staff/chat/sessions/{sid}", headers=agent["headers"])
    senders = [m["sender"] for m in r.json()["messages"]]
    assert senders[-2:] == ["agent", "citizen"] and "bot" in senders  # one thread from the greeting on

    r = await client.post(f"/api/v1/staff/chat/sessions/{sid}/close", headers=agent["headers"])
    assert r.status_code == 200 and r.json()["session"]["status"] == "closed"
    assert any(m["type"] == "rating" for m in r.json()["messages"])
    r = await client.post(f"/api/v1/chat/sessions/{sid}/messages", headers=stranger["headers"], json={"text": "在吗"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "chat_closed"
    r = await client.post(f"/api/v1/staff/chat/sessions/{sid}/close", headers=agent["headers"])
    assert r.status_code == 409

    r = await client.post("/api/v1/ratings", headers=stranger["headers"],
                          json={"target_type": "chat", "target_id": str(sid), "score": 5, "tags": ["解答清楚"]})
    assert r.status_code == 201, r.text
    assert r.json()["department"]["code"] == "churujing" and r.json()["rectification"] is None


async def test_an_empty_queue_and_citizens_cannot_take_conversations(client, stranger):
    agent = await staff_of(client, "shuidianqi")
    while (await client.post("/api/v1/staff/chat/next", headers=agent["headers"])).status_code == 200:
        pass
    r = await client.post("/api/v1/staff/chat/next", headers=agent["headers"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "queue_empty"
    r = await client.post("/api/v1/staff/chat/next", headers=stranger["headers"])
    assert r.status_code == 403


async def test_two_agents_never_take_the_same_conversation(client):
    who = await citizen(client)
    sid = (await chat_session(client, who))["session"]["id"]
    await say(client, who, sid, "燃气过户转人工")
    a1, a2 = await staff_of(client, "shuidianqi"), await staff_of(client, "shuidianqi")
    results = await asyncio.gather(*[client.post("/api/v1/staff/chat/next", headers=a["headers"]) for a in (a1, a2)])
    taken = [r.json()["session"]["id"] for r in results if r.status_code == 200]
    assert len(taken) == len(set(taken))


async def test_transcripts_past_retention_are_deleted(client, app):
    who = await citizen(client)
    old = (await chat_session(client, who))["session"]["id"]
    fresh = (await chat_session(client, who))["session"]["id"]
    await ChatSession.filter(id=old).update(last_at=datetime.now(timezone.utc) - timedelta(days=181))
    n = await chat_jobs.purge_transcripts({"app": SimpleNamespace(settings=app.ctx.settings)})
    assert n >= 1
    assert not await ChatSession.exists(id=old) and not await ChatMessage.exists(session_id=old)
    assert await ChatSession.exists(id=fresh) and await ChatMessage.exists(session_id=fresh)




async def test_retention_and_flag_jobs_are_scheduled():
    from datetime import UTC

    from croniter import croniter

    from app import worker

    crons = {c.function.__qualname__: c for c in worker.CRON_JOBS}
    start = datetime(2026, 1, 5, 0, 0, 30, tzinfo=UTC).astimezone(worker.CRON_TZ)
    purge = croniter(crons["chat.purge_transcripts"].cron, start).get_next()
    assert datetime.fromtimestamp(purge, UTC) == datetime(2026, 1, 5, 19, 15, tzinfo=UTC)  # 03:15 Beijing time
    flags = croniter(crons["complaints.refresh_flags"].cron, start).get_next()
    assert datetime.fromtimestamp(flags, UTC) == datetime(2026, 1, 5, 0, 5, tzinfo=UTC)  # hourly
    assert all(crons[n].function in worker.FUNCTIONS for n in ("chat.purge_transcripts", "complaints.refresh_flags"))
