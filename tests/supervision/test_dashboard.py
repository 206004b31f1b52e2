"""效能监管: the dashboard's figures, checked against cases made in the test through HTTP (deltas, since other
tests of the session make cases too), and who may see which scope."""
import io
from datetime import timedelta

from openpyxl import load_workbook

from app.services.platform import workdays
from models import Application, QueueTicket, TicketStatus
from tests.factories import admin, citizen, demo_person, kiosk, phone, staff, staff_of, upload, window_clerk

SERVICE = "JT0003"  # 道路运输从业资格证换证、补证 (交通运输局): used by no other test
URL = "/api/v1/dashboard"


async def _refresh(client, boss):
    r = await client.post(f"{URL}/refresh?days=1", headers=boss["headers"])
    assert r.status_code == 200, r.text


async def _figures(client, who, scope: str) -> dict:
    today = workdays.local_date(workdays.utcnow()).isoformat()
    r = await client.get(URL, headers=who["headers"], params={"scope": scope, "from": today, "to": today})
    assert r.status_code == 200, r.text
    return r.json()


async def _issue(client, no: str) -> None:
    lead = await staff_of(client, "jiaotong")
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200, r.text


async def test_figures_follow_the_cases(client, flow):
    boss = await admin(client)
    await _refresh(client, boss)
    before = await _figures(client, boss, f"service:{SERVICE}")
    b = before["counts"]
    # 1: applied on the phone, accepted, approved in time, issued, rated badly, rectified
    who = await citizen(client)
    first = (await flow.apply(who, SERVICE)).json()
    await flow.accept(who, first["acceptance_no"])
    await flow.approve_all(who, first["acceptance_no"])
    await _issue(client, first["acceptance_no"])
    r = await client.post("/api/v1/ratings", headers=who["headers"], json={
        "target_type": "application", "target_id": first["acceptance_no"], "score": 1, "comment": "等太久"})
    assert r.status_code == 201, r.text
    lead = await staff_of(client, "jiaotong")
    r = await client.post(f"/api/v1/staff/rectifications/{r.json()['rectification']['id']}/close",
                          headers=lead["headers"], json={"outcome": "已约谈窗口人员并优化流程"})
    assert r.status_code == 200, r.text
    # 2: applied on the phone, asked for 补正 at intake
    second = (await flow.apply(who, SERVICE)).json()
    clerk = await window_clerk(client)
    intake = next(s for s in second["steps"] if not s["after"])
    r = await flow.decide(clerk, intake["id"], "supplement", items=["照片不清晰"])
    assert r.status_code == 200, r.text
    # 3: not accepted (不予受理) at intake: decided, with no promised date
    third = (await flow.apply(who, SERVICE)).json()
    intake = next(s for s in third["steps"] if not s["after"])
    r = await flow.decide(clerk, intake["id"], "deny", comment="不属于本事项受理范围")
    assert r.status_code == 200 and r.json()["status"] == "rejected", r.text
    # 4: taken at the window with the clerk's scans, accepted, now past its promised date
    person = await citizen(client)
    guide = await flow.guide(SERVICE)
    r = await client.post("/api/v1/staff/window/applications", headers=clerk["headers"], json={
        "id_number": person["id_number"], "name": person["name"], "service": SERVICE, "consent": True,
        "materials": [{"name": m["name"], "upload_id": await upload(client, clerk)} for m in guide["materials"]
                      if not m.get("when")]})
    assert r.status_code == 201, r.text
    fourth = r.json()
    await Application.filter(acceptance_no=fourth["acceptance_no"]).update(
        due_at=workdays.utcnow() - timedelta(hours=2))
    await _refresh(client, boss)
    after = await _figures(client, boss, f"service:{SERVICE}")
    a = after["counts"]
    delta = {k: a[k] - b[k] for k in a}
    assert delta["received"] == 4 and delta["received_online"] == 3 and delta["one_id"] == 0
    assert delta["finished"] == 2 and delta["with_due"] == 1 and delta["on_time"] == 1
    assert delta["working_days"] == 0  # decided the day they were submitted
    assert delta["supplemented"] == 1
    assert delta["ratings"] == 1 and delta["bad_ratings"] == 1 and delta["good_ratings"] == 0
    assert delta["rectified"] == 1
    assert after["overdue"]["red"] - before["overdue"]["red"] == 1
    assert after["received"] == a["received"] and after["finished"] == a["finished"]
    assert after["online_rate"] == round(a["received_online"] / a["received"], 4)
    assert after["supplement_rate"] == round(a["supplemented"] / a["received"], 4)
    assert after["on_time_rate"] == round(a["on_time"] / a["with_due"], 4)
    assert after["satisfaction"] == round(a["good_ratings"] / a["ratings"], 4)
    assert after["rectified_rate"] == round(a["rectified"] / a["bad_ratings"], 4)
    assert after["by_star"]["services"] == 1 and after["by_star"]["five_star"] == 1.0  # JT0003 is 5 stars
    assert set(after) >= {"received", "finished", "online_rate", "one_id_rate", "by_star", "on_time_rate", "overdue",
                          "avg_working_days", "supplement_rate", "satisfaction", "rectified_rate", "no_show_rate",
                          "avg_wait_minutes"}
    # the department's figures hold the service's; refreshing again changes nothing (idempotent)
    dep = await _figures(client, boss, "department:jiaotong")
    assert dep["counts"]["received"] >= a["received"]
    await _refresh(client, boss)
    assert (await _figures(client, boss, f"service:{SERVICE}"))["counts"] == a


async def test_one_id_hall_and_waiting_time(client):
    boss = await admin(client)
    k = await kiosk(client)
    await QueueTicket.filter(hall_id=k.hall_id, status__in=["waiting", "called", "skipped"]).update(status="finished")
    await _refresh(client, boss)
    before = await _figures(client, boss, f"hall:{k.hall_id}")
    t = (await k.post("/api/v1/kiosk/tickets", {"service": "ZW0001"})).json()
    await QueueTicket.filter(id=t["id"]).update(created_at=workdays.utcnow() - timedelta(minutes=12))
    clerk = await window_clerk(client)
    hall = next(h for h in (await client.get("/api/v1/halls")).json()["items"] if h["id"] == k.hall_id)
    window = next(w for w in hall["windows"] if w["name"] == "5号综合窗口")
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.json()["id"] == t["id"]
    person = await demo_person(client, 4)
    r = await client.post("/api/v1/staff/window/applications", headers=clerk["headers"], json={
        "id_number": person["id_number"], "name": person["name"], "phone": phone(), "service": "ZW0001",
        "consent": True, "ticket": t["id"]})
    assert r.status_code == 201, r.text
    assert (await QueueTicket.get(id=t["id"])).status == TicketStatus.FINISHED
    await _refresh(client, boss)
    after = await _figures(client, boss, f"hall:{k.hall_id}")
    b, a = before["counts"], after["counts"]
    assert a["received"] - b["received"] == 1 and a["one_id"] - b["one_id"] == 1  # all from the shared data
    assert a["received_online"] == b["received_online"]  # the window is not 网办
    assert a["tickets_called"] - b["tickets_called"] == 1
    assert 715 <= a["wait_seconds"] - b["wait_seconds"] <= 800
    assert after["avg_wait_minutes"] == round(a["wait_seconds"] / (a["tickets_called"] * 60), 1)
    assert after["scope"] == {"kind": "hall", "code": str(k.hall_id), "name": hall["name"]}


async def test_trend_and_exports(client):
    boss = await admin(client)
    await _refresh(client, boss)
    today = workdays.local_date(workdays.utcnow())
    frm = (today.replace(day=1) - timedelta(days=40)).isoformat()
    params = {"scope": "all", "from": frm, "to": today.isoformat()}
    total = await client.get(URL, headers=boss["headers"], params=params)
    for by in ("week", "month"):
        r = await client.get(f"{URL}/trend", headers=boss["headers"], params={**params, "by": by})
        assert r.status_code == 200, r.text
        points = r.json()["points"]
        assert points[0]["period"] <= frm and points[-1]["period"] <= today.isoformat()
        assert sum(p["received"] for p in points) == total.json()["received"]
        assert len(points) == (3 if by == "month" else len({(today - timedelta(days=i)).isocalendar()[:2]
                                                            for i in range((today - today.fromisoformat(frm)).days + 1)}))
    r = await client.get(f"{URL}/export", headers=boss["headers"], params={**params, "by": "month", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("统计周期,受理量,办结量,网办率") and len(lines) == 4
    r = await client.get(f"{URL}/export", headers=boss["headers"], params={**params, "by": "week", "format": "xlsx"})
    assert r.status_code == 200 and "spreadsheetml" in r.headers["content-type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:3] == ("统计周期", "受理量", "办结量")
    assert sum(row[1] for row in rows[2:]) == total.json()["received"]


async def test_who_sees_which_scope(client):
    boss = await admin(client)
    head = await staff(client, "zw_zhou01")  # 政务服务中心's supervisor (department head)
    assert "supervisor" in head["user"]["staff_roles"]
    assert (await client.get(URL, headers=head["headers"], params={"scope": "department:zhengwu"})).status_code == 200
    for scope in ("department:gongan", "all", "service:ZW0001", "hall:1"):
        r = await client.get(URL, headers=head["headers"], params={"scope": scope})
        assert r.status_code == 403 and r.json()["error"]["code"] == "dashboard_forbidden", scope
    plain = await staff_of(client, "gongan")
    r = await client.get(URL, headers=plain["headers"], params={"scope": "department:gongan"})
    assert r.status_code == 403
    gongan_head = await staff(client, "ga_xu02")
    assert (await client.get(URL, headers=gongan_head["headers"],
                             params={"scope": "department:gongan"})).status_code == 200
    who = await citizen(client)
    assert (await client.get(URL, headers=who["headers"])).status_code == 403
    assert (await client.get(URL)).status_code == 401
    assert (await client.post(f"{URL}/refresh", headers=head["headers"])).status_code == 403
    for params, status, field in (({"scope": "nonsense"}, 422, "scope"), ({"scope": "department:nope"}, 404, "scope"),
                                  ({"scope": "hall:abc"}, 422, "scope"), ({"scope": "hall:99999999"}, 404, "scope"),
                                  ({"scope": "x" * 500}, 422, "scope"),
                                  ({"from": "2026-13-01"}, 422, "from"), ({"to": "yesterday"}, 422, "to"),
                                  ({"from": "2026-05-02", "to": "2026-05-01"}, 422, "from"),
                                  ({"from": "2001-01-01", "to": "2026-01-01"}, 422, "from")):
        r = await client.get(URL, headers=boss["headers"], params=params)
        assert r.status_code == status and r.json()["error"]["field"] == field, (params, r.text)
    r = await client.get(f"{URL}/trend", headers=boss["headers"], params={"by": "year"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "by"
    r = await client.get(f"{URL}/export", headers=boss["headers"], params={"format": "pdf"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "format"
    r = await client.post(f"{URL}/refresh?days=99", headers=boss["headers"])
    assert r.status_code == 422
