"""好差评 of a window visit: book → kiosk check-in → the window calls and finishes the ticket → the citizen rates
the visit once ("queue_ticket"); attributed to the service's department and the hall; a bad one opens a
rectification."""
from datetime import timedelta

from models import OutboxEvent, QueueTicket, Rectification
from tests.appointments._helpers import book, free_slot, move_start
from tests.factories import admin, citizen, kiosk, staff_of, window_clerk


async def _visit(client, who: dict) -> tuple[dict, dict, dict]:
    """A checked-in appointment of `who` at nanhu whose ticket a window has called: (appointment, ticket, clerk)."""
    k = await kiosk(client)
    a = (await book(client, who, await free_slot(client, service="GA0002"))).json()
    await move_start(a["id"], timedelta(minutes=10))
    # the queue at the hall starts empty, so the window calls this ticket next
    await QueueTicket.filter(hall_id=k.hall_id, status__in=["waiting", "called", "skipped"]).update(status="finished")
    t = (await k.post("/api/v1/kiosk/checkin", {"code": a["code"]})).json()
    hall = next(h for h in (await client.get("/api/v1/halls")).json()["items"] if h["id"] == k.hall_id)
    window = next(w for w in hall["windows"] if "GA0002" in [s["code"] if isinstance(s, dict) else s
                                                             for s in w["services"]])
    clerk = await window_clerk(client)
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["id"] == t["id"], r.text
    return a, t, clerk


async def _appointment(client, who: dict, a: dict) -> dict:
    r = await client.get(f"/api/v1/appointments/{a['id']}", headers=who["headers"])
    assert r.status_code == 200, r.text
    return r.json()


async def test_a_finished_visit_is_rated_once_and_a_bad_rating_opens_a_rectification(client):
    who = await citizen(client)
    a, t, clerk = await _visit(client, who)
    target = {"target_type": "queue_ticket", "target_id": str(t["id"])}
    seen = await _appointment(client, who, a)
    assert seen["rateable"] is False and seen["rating_target"] == target  # called, not finished yet
    r = await client.post("/api/v1/ratings", headers=who["headers"], json={**target, "score": 5})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_rateable"

    r = await client.post(f"/api/v1/staff/tickets/{t['id']}/finish", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["status"] == "finished"
    assert (await _appointment(client, who, a))["rateable"] is True
    other = await citizen(client)
    r = await client.post("/api/v1/ratings", headers=other["headers"], json={**target, "score": 5})
    assert r.status_code == 404  # not their visit
    r = await client.post("/api/v1/ratings", headers=who["headers"], json={**target, "target_id": "x", "score": 5})
    assert r.status_code == 404

    r = await client.post("/api/v1/ratings", headers=who["headers"],
                          json={**target, "score": 2, "tags": ["等待时间长"], "comment": "叫号后等了很久"})
    assert r.status_code == 201, r.text
    rating = r.json()
    assert rating["department"]["code"] == "gongan" and rating["service_code"] == "GA0002"
    assert rating["rectification"]["status"] == "open"
    assert await Rectification.filter(rating_id=rating["id"], department__code="gongan").exists()
    assert await OutboxEvent.filter(kind="rectification.opened", aggregate=f"rating:{rating['id']}").exists()
    r = await client.post("/api/v1/ratings", headers=who["headers"], json={**target, "score": 4})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_rated"
    assert (await _appointment(client, who, a))["rateable"] is False
    lead = await staff_of(client, "gongan")
    items = (await client.get("/api/v1/staff/rectifications", headers=lead["headers"])).json()["items"]
    item = next(x for x in items if x["id"] == rating["rectification"]["id"])
    assert item["rating"]["target_type"] == "queue_ticket" and item["rating"]["comment"] == "叫号后等了很久"


async def test_visit_ratings_give_per_hall_figures(client):
    boss = await admin(client)

    async def nanhu() -> dict:
        r = await client.get("/api/v1/admin/ratings/stats", headers=boss["headers"], params={"by": "hall"})
        assert r.status_code == 200, r.text
        return next((x for x in r.json()["items"] if x["key"] == "nanhu"),
                    {"count": 0, "bad": 0, "open_rectifications": 0})

    before = await nanhu()
    for score in (1, 5):
        who = await citizen(client)
        _, t, clerk = await _visit(client, who)
        await client.post(f"/api/v1/staff/tickets/{t['id']}/finish", headers=clerk["headers"])
        r = await client.post("/api/v1/ratings", headers=who["headers"],
                              json={"target_type": "queue_ticket", "target_id": str(t["id"]), "score": score})
        assert r.status_code == 201, r.text
    after = await nanhu()
    assert after["count"] == before["count"] + 2 and after["bad"] == before["bad"] + 1
    assert after["open_rectifications"] == before["open_rectifications"] + 1 and 1 <= after["average"] <= 5


async def test_no_appointment_ticket_is_not_rateable_for_anyone(client):
    """A walk-in ticket has no owner: nobody can rate it."""
    k = await kiosk(client)
    t = (await k.post("/api/v1/kiosk/tickets", {"service": "GA0002"})).json()
    await QueueTicket.filter(id=t["id"]).update(status="finished")
    who = await citizen(client)
    r = await client.post("/api/v1/ratings", headers=who["headers"],
                          json={"target_type": "queue_ticket", "target_id": str(t["id"]), "score": 3})
    assert r.status_code == 404
