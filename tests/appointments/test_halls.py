"""Halls, windows, slot generation (opening hours, working days, capacity = windows), the rolling release."""
from datetime import date, datetime, timedelta, timezone

from app.services.halls import halls
from app.services.platform import workdays
from app.services.platform.workdays import CN
from models import Slot


async def test_halls_list_windows_and_services(client):
    r = await client.get("/api/v1/halls")
    assert r.status_code == 200
    nanhu = next(h for h in r.json()["items"] if h["code"] == "nanhu")
    assert nanhu["name"] == "南湖区行政服务中心" and len(nanhu["windows"]) == 5
    codes = {s["code"]: s["name"] for s in nanhu["services"]}
    assert codes["GA0002"] == "居民身份证换领"


async def test_slots_from_opening_hours_with_capacity_per_window(client, settings):
    hall = next(h for h in (await client.get("/api/v1/halls")).json()["items"] if h["code"] == "nanhu")
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "GA0002"})
    assert r.status_code == 200, r.text
    body = r.json()
    day = body["dates"][-1]
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "GA0002", "date": day})
    slots = r.json()["slots"]
    # 09:00-12:00 and 13:30-17:00 in 30 minutes: 6 + 7 slots; GA0002 is handled by 3 windows
    assert [s["label"] for s in slots][:2] == ["09:00-09:30", "09:30-10:00"] and len(slots) == 13
    assert "12:00-12:30" not in [s["label"] for s in slots]
    # capacity = windows handling the service x appt_per_window (a day no other test touches)
    far = date(2026, 12, 30)
    await halls.ensure_slots(settings, await halls.get_hall(hall["id"]), far)
    caps = dict(await Slot.filter(hall_id=hall["id"], day=far).values_list("service_code", "capacity"))
    assert caps["GA0002"] == 3 * settings.appt_per_window  # windows 1, 2 and 5
    assert caps["GJJ005"] == settings.appt_per_window  # window 4
    assert await Slot.filter(hall_id=hall["id"], day=far, service_code="GA0002").count() == 13


async def test_no_slots_on_holidays_and_weekends(client, settings):
    hall = await halls.get_hall((await client.get("/api/v1/halls")).json()["items"][0]["id"])
    assert await halls.ensure_slots(settings, hall, date(2026, 10, 1)) == 0  # 国庆节
    assert await halls.ensure_slots(settings, hall, date(2026, 11, 28)) == 0  # a Saturday
    assert await Slot.filter(hall_id=hall.id, day=date(2026, 10, 1)).count() == 0
    made = await halls.ensure_slots(settings, hall, date(2026, 9, 20))  # a Sunday made a working day (调休)
    assert made > 0 and workdays.is_workday(date(2026, 9, 20))
    assert await halls.ensure_slots(settings, hall, date(2026, 9, 20)) == 0  # idempotent


def test_rolling_release_window(settings):
    def at(y, m, d, hh, mm=0):
        return datetime(y, m, d, hh, mm, tzinfo=CN).astimezone(timezone.utc)

    # Tuesday 2026-12-01: before 08:00 the 7th day ahead (Tue 12-08) is not out yet; after 08:00 it is
    before = halls.bookable_days(settings, at(2026, 12, 1, 7, 59))
    after = halls.bookable_days(settings, at(2026, 12, 1, 8, 0))
    assert date(2026, 12, 8) not in before and date(2026, 12, 8) in after
    assert before[0] == date(2026, 12, 1) and date(2026, 12, 5) not in after  # Saturday closed
    assert max(after) - date(2026, 12, 1) == timedelta(days=settings.appt_days)


async def test_slot_query_errors(client):
    hall = (await client.get("/api/v1/halls")).json()["items"][0]
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots")
    assert r.status_code == 422 and r.json()["error"]["field"] == "service"
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "JY0001"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "service_not_offered"
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "GA0002", "date": "2026-13-01"})
    assert r.status_code == 422
    r = await client.get("/api/v1/halls/99999/slots", params={"service": "GA0002"})
    assert r.status_code == 404 and "大厅" in r.json()["error"]["message"]
    far = (date.today() + timedelta(days=60)).isoformat()  # not released yet: no slots
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": "GA0002", "date": far})
    assert r.status_code == 200 and r.json()["slots"] == []
