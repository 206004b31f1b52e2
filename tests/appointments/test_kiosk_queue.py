"""Kiosks (signed requests, replay, stale clock), check-in tickets, walk-ins, window calling, the citizen's
"前面还有 N 人"."""
import asyncio
import json
import time
from datetime import timedelta

from models import Appointment, OutboxEvent, QueueTicket
from tests.appointments._helpers import book, free_slot, move_start
from tests.factories import admin, citizen, kiosk, window_clerk


async def _arrived(client, who: dict, service: str = "GA0002") -> dict:
    """A booked appointment whose slot starts in 10 minutes (check-in open)."""
    a = (await book(client, who, await free_slot(client, service=service))).json()
    await move_start(a["id"], timedelta(minutes=10))
    return a


async def _window(client, hall_id: int, name: str) -> dict:
    hall = next(h for h in (await client.get("/api/v1/halls")).json()["items"] if h["id"] == hall_id)
    return next(w for w in hall["windows"] if w["name"] == name)


async def _clear_queue(hall_id: int) -> None:
    """Each test starts with an empty queue at the hall (tickets of earlier tests finished)."""
    await QueueTicket.filter(hall_id=hall_id, status__in=["waiting", "called", "skipped"]).update(status="finished")


async def test_checkin_gives_an_a_ticket(client):
    k = await kiosk(client)
    who = await citizen(client)
    a = await _arrived(client, who)
    r = await k.post("/api/v1/kiosk/checkin", {"code": a["code"].lower()})
    assert r.status_code == 201, r.text
    t = r.json()
    assert t["number"].startswith("A") and len(t["number"]) == 4 and t["kind"] == "appointment"
    assert t["status"] == "waiting" and t["ahead_text"] == f"前面还有 {t['ahead']} 人"
    assert (await Appointment.get(id=a["id"])).status == "checked_in"
    mine = (await client.get(f"/api/v1/appointments/{a['id']}", headers=who["headers"])).json()
    assert mine["ticket"]["number"] == t["number"] and mine["status"] == "checked_in"
    r = await k.post("/api/v1/kiosk/checkin", {"code": a["code"]})
    assert r.status_code == 409 and r.json()["error"]["message"] == "该预约已签到"


async def test_checkin_window_and_hall(client, settings):
    k = await kiosk(client)
    other = await kiosk(client, "xinjia")
    a = (await book(client, await citizen(client), await free_slot(client))).json()
    await move_start(a["id"], timedelta(minutes=90))
    r = await k.post("/api/v1/kiosk/checkin", {"code": a["code"]})
    assert r.status_code == 409 and "签到尚未开始" in r.json()["error"]["message"]
    await move_start(a["id"], timedelta(minutes=5))
    r = await other.post("/api/v1/kiosk/checkin", {"code": a["code"]})
    assert r.status_code == 409 and "南湖区行政服务中心" in r.json()["error"]["message"]
    await move_start(a["id"], -timedelta(minutes=settings.appt_grace_minutes + 1))
    r = await k.post("/api/v1/kiosk/checkin", {"code": a["code"]})
    assert r.status_code == 409 and "已超过签到时间" in r.json()["error"]["message"]
    r = await k.post("/api/v1/kiosk/checkin", {"code": "ZZZZZZZZ"})
    assert r.status_code == 404
    r = await k.post("/api/v1/kiosk/checkin", {"code": "不是码"})
    assert r.status_code == 422


async def test_signatures_replay_and_stale_timestamps(client, settings):
    k = await kiosk(client)
    path, body = "/api/v1/kiosk/tickets", json.dumps({"service": "GA0002"}).encode()
    headers = k.headers("POST", path, body, nonce="replayed-nonce-0001")
    assert (await client.post(path, content=body, headers=headers)).status_code == 201
    r = await client.post(path, content=body, headers=headers)  # the same request again
    assert r.status_code == 401 and r.json()["error"]["code"] == "kiosk_replay"
    stale = k.headers("POST", path, body, ts=int(time.time()) - settings.kiosk_max_skew - 5)
    r = await client.post(path, content=body, headers=stale)
    assert r.status_code == 401 and r.json()["error"]["code"] == "kiosk_stale"
    future = k.headers("POST", path, body, ts=int(time.time()) + settings.kiosk_max_skew + 5)
    assert (await client.post(path, content=body, headers=future)).status_code == 401
    tampered = k.headers("POST", path, body)
    r = await client.post(path, content=json.dumps({"service": "GJJ005"}).encode(), headers=tampered)
    assert r.status_code == 401 and r.json()["error"]["code"] == "kiosk_signature"
    wrong_path = k.headers("POST", "/api/v1/kiosk/checkin", body)
    assert (await client.post(path, content=body, headers=wrong_path)).status_code == 401
    forged = dict(k.headers("POST", path, body), **{"X-Kiosk-Device": "K-unknown"})
    assert (await client.post(path, content=body, headers=forged)).status_code == 401
    assert (await client.post(path, json={"service": "GA0002"})).status_code == 401  # unsigned
    r = await client.get("/api/v1/kiosk/me", headers=k.headers("GET", "/api/v1/kiosk/me", b""))
    assert r.status_code == 200 and r.json()["hall"]["name"] == "南湖区行政服务中心"


async def test_only_admins_register_kiosks(client):
    clerk = await window_clerk(client)
    r = await client.post("/api/v1/admin/kiosks", headers=clerk["headers"], json={"device_id": "K-x", "hall": 1})
    assert r.status_code == 403
    boss = await admin(client)
    k = await kiosk(client)
    r = await client.post("/api/v1/admin/kiosks", headers=boss["headers"], json={"device_id": k.device_id,
                                                                                 "hall": k.hall_id})
    assert r.status_code == 409


async def test_a_kiosk_is_provisioned_by_a_one_time_enrolment_code(client, app):
    """Registration shows no secret; the kiosk page redeems the admin's one-time code for its own secret; the code
    works once; a new code re-provisions the kiosk and the old secret stops working; only admins issue codes."""
    import uuid

    from tests.factories import Kiosk, hall_by_code

    hall = await hall_by_code(client)
    boss = await admin(client)
    device_id = f"K-{uuid.uuid4().hex[:10]}"
    r = await client.post("/api/v1/admin/kiosks", headers=boss["headers"], json={"device_id": device_id,
                                                                                "hall": hall["id"]})
    assert r.status_code == 201 and "secret" not in r.json()
    enrolment = r.json()["enrolment"]
    assert enrolment["url"].endswith(f"/kiosk#enrol={enrolment['code']}") and len(enrolment["code"]) == 16
    r = await client.post("/api/v1/kiosk/enrol", json={"code": enrolment["code"].lower()})
    assert r.status_code == 200 and r.json()["device_id"] == device_id
    assert r.json()["hall"] == {"id": hall["id"], "name": "南湖区行政服务中心"}
    first = Kiosk(client, device_id, r.json()["secret"], hall["id"])
    r = await client.get("/api/v1/kiosk/me", headers=first.headers("GET", "/api/v1/kiosk/me", b""))
    assert r.status_code == 200
    for code in (enrolment["code"], "AAAAAAAAAAAAAAAA", "x", "'; DROP TABLE"):  # used once, unknown, malformed
        r = await client.post("/api/v1/kiosk/enrol", json={"code": code})
        assert r.status_code == 401 and r.json()["error"]["code"] == "kiosk_enrolment_invalid", code
    assert (await client.post("/api/v1/kiosk/enrol", json={})).status_code == 422

    clerk = await window_clerk(client)
    r = await client.post(f"/api/v1/admin/kiosks/{device_id}/enrolment", headers=clerk["headers"])
    assert r.status_code == 403
    r = await client.post("/api/v1/admin/kiosks/K-none/enrolment", headers=boss["headers"])
    assert r.status_code == 404
    r = await client.post(f"/api/v1/admin/kiosks/{device_id}/enrolment", headers=boss["headers"])
    assert r.status_code == 201
    r = await client.post("/api/v1/kiosk/enrol", json={"code": r.json()["code"]})
    second = Kiosk(client, device_id, r.json()["secret"], hall["id"])
    assert second.secret != first.secret
    r = await client.get("/api/v1/kiosk/me", headers=first.headers("GET", "/api/v1/kiosk/me", b""))
    assert r.status_code == 401  # the earlier secret was replaced
    r = await client.get("/api/v1/kiosk/me", headers=second.headers("GET", "/api/v1/kiosk/me", b""))
    assert r.status_code == 200
    # an expired code: kept in Redis for ENROL_TTL seconds only
    from app.services.halls.kiosks import _enrol_key

    r = await client.post(f"/api/v1/admin/kiosks/{device_id}/enrolment", headers=boss["headers"])
    await app.ctx.redis.delete(_enrol_key(r.json()["code"]))
    r = await client.post("/api/v1/kiosk/enrol", json={"code": r.json()["code"]})
    assert r.status_code == 401


async def test_appointments_first_then_walk_ins_and_ahead(client, app):
    k = await kiosk(client)
    await _clear_queue(k.hall_id)
    walk1 = (await k.post("/api/v1/kiosk/tickets", {"service": "GJJ005"})).json()
    walk2 = (await k.post("/api/v1/kiosk/tickets", {"service": "GJJ005"})).json()
    assert walk1["number"].startswith("B") and walk2["ahead"] == 1
    who = await citizen(client)
    a = await _arrived(client, who, service="GJJ005")
    t = (await k.post("/api/v1/kiosk/checkin", {"code": a["code"]})).json()
    assert t["ahead"] == 0  # appointments go before walk-ins
    mine = (await client.get("/api/v1/appointments", headers=who["headers"])).json()["items"][0]
    assert mine["ticket"]["ahead_text"] == "前面还有 0 人"
    r = await k.post("/api/v1/kiosk/tickets", {"service": "JY0001"})
    assert r.status_code == 422

    clerk = await window_clerk(client)
    window = await _window(client, k.hall_id, "4号窗口")
    called = []
    for _ in range(3):
        r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
        assert r.status_code == 200, r.text
        called.append(r.json()["number"])
        assert r.json()["window"] == "4号窗口" and r.json()["status"] == "called"
    assert called == [t["number"], walk1["number"], walk2["number"]]
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.status_code == 409 and r.json()["error"]["message"] == "当前没有等候的号码"

    ev = await OutboxEvent.filter(kind="queue.called", aggregate=f"ticket:{t['id']}").first()
    assert ev.payload == {"ticket_id": t["id"], "ticket_no": t["number"], "user_id": who["user"]["id"],
                          "hall_name": "南湖区行政服务中心", "window_name": "4号窗口"}
    ev = await OutboxEvent.filter(kind="queue.called", aggregate=f"ticket:{walk1['id']}").first()
    assert ev.payload["user_id"] is None

    view = (await client.get(f"/api/v1/halls/{k.hall_id}/queue")).json()
    assert {c["number"] for c in view["calling"]} >= set(called) and view["waiting_count"] == 0


async def test_recall_skip_finish(client):
    k = await kiosk(client)
    await _clear_queue(k.hall_id)
    clerk = await window_clerk(client)
    window = await _window(client, k.hall_id, "5号综合窗口")
    t = (await k.post("/api/v1/kiosk/tickets", {"service": "ZW0001"})).json()
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.json()["id"] == t["id"]
    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/skip", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["status"] == "skipped"
    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/finish", headers=clerk["headers"])
    assert r.status_code == 409  # a skipped ticket is recalled first
    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/recall", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["status"] == "called"
    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/finish", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["status"] == "finished"
    assert await OutboxEvent.filter(kind="queue.called", aggregate=f"ticket:{t['id']}").count() == 2
    fin = await OutboxEvent.get(kind="queue.finished", aggregate=f"ticket:{t['id']}")
    assert fin.payload["ticket_no"] == t["number"] and fin.payload["window_name"] == "5号综合窗口"
    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/recall", headers=clerk["headers"])
    assert r.status_code == 409


async def test_two_windows_never_call_the_same_ticket(client):
    k = await kiosk(client)
    await _clear_queue(k.hall_id)
    clerk = await window_clerk(client)
    w1, w2 = await _window(client, k.hall_id, "1号窗口"), await _window(client, k.hall_id, "2号窗口")
    tickets = [(await k.post("/api/v1/kiosk/tickets", {"service": "GA0003"})).json() for _ in range(4)]
    answers = await asyncio.gather(*(client.post(f"/api/v1/staff/windows/{w['id']}/call-next",
                                                 headers=clerk["headers"]) for w in (w1, w2, w1, w2)))
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    assert sorted(r.json()["id"] for r in answers) == sorted(t["id"] for t in tickets)


async def test_only_window_staff_call(client):
    k = await kiosk(client)
    window = await _window(client, k.hall_id, "1号窗口")
    who = await citizen(client)
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=who["headers"])
    assert r.status_code == 403
    from tests.factories import staff_of

    plain = await staff_of(client, "gongan")
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=plain["headers"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_window_staff"
    clerk = await window_clerk(client)
    r = await client.post("/api/v1/staff/windows/99999/call-next", headers=clerk["headers"])
    assert r.status_code == 404
