import asyncio
import re
import secrets
from datetime import datetime, timedelta, timezone

import pytest

from app.services.identity import audit
from app.services.platform import counters, workdays
from models import AuditLog, Counter, OutboxEvent, User
from tests.factories import admin, citizen, staff_of, window_clerk

SIMPLE = "GJJ005"  # 住房公积金缴存证明出具: one department, no face check
PARALLEL = "JY0001"  # 小学入学: intake, then 公安 / 不动产 / 人社 in parallel, then 教育 assigns
SERIAL = "MZ0006"  # 殡葬补贴: intake, 公安 then 民政 in series


async def test_apply_and_follow_a_case_to_the_archive(client, flow, person):
    r = await flow.apply(person, SIMPLE)
    assert r.status_code == 201, r.text
    case = r.json()
    assert re.fullmatch(r"\d{6}-\d{8}-\d{6}", case["acceptance_no"])
    assert case["acceptance_no"].split("-")[1] == workdays.local_date(datetime.now().astimezone()).strftime("%Y%m%d")
    assert case["status"] == "submitted" and len(case["track_token"]) >= 22
    assert [e["to_status"] for e in case["timeline"]] == ["submitted"]
    no = case["acceptance_no"]

    case = await flow.accept(person, no)
    assert case["status"] == "in_review" and case["due_date"]
    case = await flow.approve_all(person, no)
    assert case["status"] == "approved"
    lead = await staff_of(client, case["lead_department"]["code"])
    for to in ("issued", "collected", "archived"):
        r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": to})
        assert r.status_code == 200 and r.json()["status"] == to
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
    timeline = [e["to_status"] for e in (await flow.case(person, no))["timeline"] if e["to_status"]]
    assert timeline == ["submitted", "accepted", "in_review", "approved", "issued", "collected", "archived"]


async def test_a_double_tap_is_one_application(client, flow, person):
    first = await flow.apply(person, SIMPLE, key="tap-1")
    again = await flow.apply(person, SIMPLE, key="tap-1")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["acceptance_no"] == first.json()["acceptance_no"]
    both = await asyncio.gather(flow.apply(person, SIMPLE, key="tap-2"), flow.apply(person, SIMPLE, key="tap-2"))
    assert len({r.json()["acceptance_no"] for r in both}) == 1
    mine = (await client.get("/api/v1/applications?page_size=50", headers=person["headers"])).json()
    assert len([c for c in mine["items"] if c["acceptance_no"] == both[0].json()["acceptance_no"]]) == 1


async def test_the_submission_answer_is_the_case_as_stored(client, flow, person):
    """The 201 body is built from the rows just written: it must equal what a later read returns."""
    for code, upload_all in ((SIMPLE, False), (SIMPLE, True), (PARALLEL, True), (SERIAL, True)):
        r = await flow.apply(person, code, upload_all=upload_all)
        assert r.status_code == 201, r.text
        stored = await flow.case(person, r.json()["acceptance_no"])
        assert r.json() == stored, code
        if not upload_all:
            assert any(m["exempt"] for m in stored["materials"]), code
        no = stored["acceptance_no"]
        events = await OutboxEvent.filter(aggregate=f"application:{no}").order_by("id").values("kind", "payload")
        intake = [s for s in stored["steps"] if s["status"] == "open"]
        assert events == [{"kind": "application.status_changed", "payload": {
            "acceptance_no": no, "user_id": person["user"]["id"], "status": "submitted",
            "service_name": stored["subject"]["name"], "note": stored["timeline"][0]["note"]}}] + [
            {"kind": "application.step_opened", "payload": {
                "acceptance_no": no, "step_key": s["key"], "department": s["department"]["code"],
                "service_name": stored["subject"]["name"], "due_date": events[1]["payload"]["due_date"]}}
            for s in intake]
        assert intake and events[1]["payload"]["due_date"]
        assert stored["steps"] and all(isinstance(s["id"], int) for s in stored["steps"])


async def test_acceptance_numbers_are_unique_under_concurrency(flow, person):
    rs = await asyncio.gather(*[flow.apply(person, SIMPLE) for _ in range(8)])
    nos = [r.json()["acceptance_no"] for r in rs]
    assert all(r.status_code == 201 for r in rs) and len(set(nos)) == 8


async def test_a_number_and_the_rows_naming_it_are_written_together(client):
    """counters.next_number: the database formats the number exactly as Python does (past 6 digits too), and the
    rows that name it (the audit of the reads made for a case) carry it, both or neither."""
    key = f"test:{secrets.token_hex(4)}"
    assert await counters.next_number(key, "X-", 6) == "X-000001"
    rows = audit.read_rows(None, "system", None, [["a"], ["b"]])
    no = await counters.next_number(key, "X-", 6, rows, ("purpose", "subject_ref"))
    assert no == "X-000002" == counters.number("X-", 2, 6)
    stored = await AuditLog.filter(purpose=no).order_by("id")
    assert [(r.id, r.fields_read, r.subject_ref) for r in stored] == [(rows[0].id, ["a"], no), (rows[1].id, ["b"], no)]
    await Counter.filter(key=key).update(value=1234566)
    rows = audit.read_rows(None, "system", None, [["c"]])
    assert await counters.next_number(key, "X-", 6, rows, ("purpose",)) == "X-1234567" == rows[0].purpose
    bad = audit.read_rows(None, "system", None, [["d"]])
    bad[0].actor_role = "x" * 100  # too long for its column: the statement fails, and the counter stays
    with pytest.raises(Exception):
        await counters.next_number(key, "X-", 6, bad, ("purpose",))
    assert (await Counter.get(key=key)).value == 1234567


async def test_only_the_owner_involved_staff_and_admins_see_a_case(client, flow, person, stranger):
    no = (await flow.apply(person, PARALLEL)).json()["acceptance_no"]
    assert (await client.get(f"/api/v1/applications/{no}", headers=stranger["headers"])).status_code == 404
    case = await flow.case(person, no)
    involved = {s["department"]["code"] for s in case["steps"]}
    other = next(d["code"] for d in (await client.get("/api/v1/departments")).json()["items"]
                 if d["code"] not in involved and d["code"] != "zhengwu")
    outsider = await staff_of(client, other)
    assert (await client.get(f"/api/v1/applications/{no}", headers=outsider["headers"])).status_code == 404
    insider = await staff_of(client, sorted(involved)[0])
    r = await client.get(f"/api/v1/applications/{no}", headers=insider["headers"])
    assert r.status_code == 200 and "*" in r.json()["applicant"]["id_number"]
    log = (await client.get("/api/v1/me/access-log", headers=person["headers"])).json()["items"]
    assert any(no in e["purpose"] for e in log)
    assert (await client.get(f"/api/v1/applications/{no}", headers=(await admin(client))["headers"])).status_code == 200
    assert (await client.get("/api/v1/applications/330402-20260101-999999", headers=person["headers"])).status_code == 404


async def test_parallel_steps_open_together_and_the_last_waits_for_all(client, flow, person):
    no = (await flow.apply(person, PARALLEL)).json()["acceptance_no"]
    case = await flow.accept(person, no)
    opened = {s["key"] for s in case["steps"] if s["status"] == "open"}
    assert opened == {"hukou", "house", "social"}
    last = next(s for s in case["steps"] if s["key"] == "assign")
    assert last["status"] == "waiting"
    edu = await staff_of(client, last["department"]["code"])
    r = await flow.decide(edu, last["id"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "task_already_decided"
    for key in ("hukou", "house"):
        s = next(s for s in case["steps"] if s["key"] == key)
        assert (await flow.decide(await staff_of(client, s["department"]["code"]), s["id"])).status_code == 200
    assert (await flow.open_step(person, no, "assign"))["status"] == "waiting"
    s = next(s for s in case["steps"] if s["key"] == "social")
    case = (await flow.decide(await staff_of(client, s["department"]["code"]), s["id"])).json()
    assert next(s for s in case["steps"] if s["key"] == "assign")["status"] == "open"
    case = await flow.approve_all(person, no)
    assert case["status"] == "approved"


async def test_serial_steps_open_one_after_another(client, flow, person):
    no = (await flow.apply(person, SERIAL)).json()["acceptance_no"]
    case = await flow.accept(person, no)
    status = {s["key"]: s["status"] for s in case["steps"]}
    assert status == {"accept": "approved", "hukou": "open", "pay": "waiting"}


async def test_staff_see_only_their_departments_tasks(client, flow, person):
    no = (await flow.apply(person, PARALLEL)).json()["acceptance_no"]
    await flow.accept(person, no)
    police = await staff_of(client, "gongan")
    items = (await client.get("/api/v1/staff/tasks?status=open&page_size=100", headers=police["headers"])).json()["items"]
    assert items and all(t["department"]["code"] == "gongan" for t in items)
    assert any(t["application"]["acceptance_no"] == no and t["key"] == "hukou" for t in items)
    r = await client.get("/api/v1/staff/tasks?status=bogus", headers=police["headers"])
    assert r.status_code == 422
    assert (await client.get("/api/v1/staff/tasks", headers=person["headers"])).status_code == 403


async def test_two_staff_deciding_one_task_at_once(client, flow, person):
    no = (await flow.apply(person, SIMPLE)).json()["acceptance_no"]
    intake = (await flow.case(person, no))["steps"][0]
    clerk = await window_clerk(client)
    lead = await staff_of(client, (await flow.case(person, no))["lead_department"]["code"])
    rs = await asyncio.gather(flow.decide(clerk, intake["id"]), flow.decide(lead, intake["id"], "deny", comment="材料不符"))
    assert sorted(r.status_code for r in rs) == [200, 409]
    final = await flow.case(person, no)
    assert final["status"] == ("in_review" if rs[0].status_code == 200 else "rejected")  # what the winner decided
    assert len([e for e in final["timeline"] if e["kind"] == "step_decided"]) == 1


async def test_deny_needs_a_reason_and_ends_the_case(client, flow, person):
    no = (await flow.apply(person, PARALLEL)).json()["acceptance_no"]
    case = await flow.accept(person, no)
    s = next(s for s in case["steps"] if s["key"] == "house")
    who = await staff_of(client, s["department"]["code"])
    r = await flow.decide(who, s["id"], "deny")
    assert r.status_code == 422 and r.json()["error"]["field"] == "comment"
    case = (await flow.decide(who, s["id"], "deny", comment="房产不在本学区")).json()
    assert case["status"] == "denied"
    assert {x["status"] for x in case["steps"] if x["key"] in ("assign",)} == {"cancelled"}
    r = await flow.decide(who, s["id"], "approve")
    assert r.status_code == 409


async def test_rejection_at_intake(client, flow, person):
    no = (await flow.apply(person, SIMPLE)).json()["acceptance_no"]
    intake = (await flow.case(person, no))["steps"][0]
    case = (await flow.decide(await window_clerk(client), intake["id"], "deny", comment="不属于本中心受理范围")).json()
    assert case["status"] == "rejected" and case["timeline"][-1]["note"] == "不属于本中心受理范围"


async def test_supplement_pauses_the_clock_and_the_case_resumes_where_it_stopped(client, flow, person, app):
    no = (await flow.apply(person, PARALLEL)).json()["acceptance_no"]
    case = await flow.accept(person, no)
    due_before = case["due_at"]
    s = next(s for s in case["steps"] if s["key"] == "house")
    who = await staff_of(client, s["department"]["code"])
    r = await flow.decide(who, s["id"], "supplement")
    assert r.status_code == 422 and r.json()["error"]["field"] == "items"
    case = (await flow.decide(who, s["id"], "supplement", items=["房屋租赁备案证明"], comment="请补充")).json()
    assert case["status"] == "supplement" and case["supplement_items"] == ["房屋租赁备案证明"]
    hukou = next(x for x in case["steps"] if x["key"] == "hukou")
    r = await flow.decide(await staff_of(client, hukou["department"]["code"]), hukou["id"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "awaiting_supplement"
    other = await citizen(client)
    from tests.factories import upload
    up = await upload(client, person, "lease.pdf", b"%PDF-1.4\n%test\n")
    r = await client.post(f"/api/v1/applications/{no}/resubmit", headers=other["headers"],
                          json={"materials": [{"name": "房屋租赁备案证明", "upload_id": up}]})
    assert r.status_code == 404
    r = await client.post(f"/api/v1/applications/{no}/resubmit", headers=person["headers"],
                          json={"materials": [{"name": "房屋租赁备案证明", "upload_id": up}], "note": "已补"})
    assert r.status_code == 200, r.text
    case = r.json()
    assert case["status"] == "in_review"
    assert next(x for x in case["steps"] if x["key"] == "house")["status"] == "open"
    assert case["due_at"] >= due_before
    r = await client.post(f"/api/v1/applications/{no}/resubmit", headers=person["headers"],
                          json={"materials": [{"name": "房屋租赁备案证明", "upload_id": up}]})
    assert r.status_code == 409
    assert (await flow.approve_all(person, no))["status"] == "approved"


async def test_supplement_at_intake_returns_to_intake(client, flow, person):
    no = (await flow.apply(person, SIMPLE)).json()["acceptance_no"]
    intake = (await flow.case(person, no))["steps"][0]
    clerk = await window_clerk(client)
    case = (await flow.decide(clerk, intake["id"], "supplement", items=["身份证复印件"])).json()
    assert case["status"] == "supplement" and case["due_at"] is None
    from tests.factories import upload
    up = await upload(client, person)
    case = (await client.post(f"/api/v1/applications/{no}/resubmit", headers=person["headers"],
                              json={"materials": [{"name": "身份证复印件", "upload_id": up}]})).json()
    assert case["status"] == "submitted" and case["steps"][0]["status"] == "open"


async def test_applying_needs_identity_consent_and_the_right_materials(client, flow, person):
    unbound = await citizen(client, bind=False)
    r = await client.post("/api/v1/applications", headers=unbound["headers"], json={"service": SIMPLE})
    assert r.status_code == 403 and r.json()["error"]["code"] == "identity_level_required"
    r = await flow.apply(person, SIMPLE, consent=False, upload_all=False)
    assert r.status_code == 422 and r.json()["error"]["field"] == "consent"
    r = await client.post("/api/v1/applications", headers=person["headers"],
                          json={"service": SIMPLE, "materials": [{"name": "不存在的材料", "upload_id": "x"}], "consent": True})
    assert r.status_code == 422 and r.json()["error"]["field"] == "materials"
    r = await client.post("/api/v1/applications", headers=person["headers"], json={"service": "ZZ0000"})
    assert r.status_code == 404 and r.json()["error"]["field"] == "service"
    r = await client.post("/api/v1/applications", headers=person["headers"], json={})
    assert r.status_code == 422 and r.json()["error"]["field"] == "service"
    r = await client.post("/api/v1/applications", headers=person["headers"],
                          json={"service": SIMPLE, "materials": [{"name": "x", "upload_id": "nope"}]})
    assert r.status_code == 422 and r.json()["error"]["field"] == "materials"  # "x" is not one of its materials
    r = await client.post("/api/v1/applications", headers={**person["headers"], "Idempotency-Key": "k" * 65},
                          json={"service": SIMPLE})
    assert r.status_code == 422


async def test_working_day_calendar_knows_2026_holidays():
    from datetime import timezone
    start = datetime(2026, 9, 30, 2, 0, tzinfo=timezone.utc)  # 10:00 Beijing, the day before National Day
    assert workdays.local_date(workdays.add_working_days(start, 1)).isoformat() == "2026-10-08"
    fri = datetime(2026, 10, 9, 2, 0, tzinfo=timezone.utc)
    assert workdays.local_date(workdays.add_working_days(fri, 1)).isoformat() == "2026-10-10"  # 调休 Saturday
    assert workdays.flag(datetime(2026, 10, 11, tzinfo=timezone.utc), workdays.add_working_days(fri, 1)) == "red"


async def test_shared_materials_are_fetched_not_asked_for_and_the_reads_are_audited(client, flow, person):
    prev = (await client.get(f"/api/v1/applications/preview?service={SIMPLE}", headers=person["headers"])).json()
    assert prev["consent"] and all(m["exempt"] for m in prev["materials"] if m["source"] == "shared")
    r = await flow.apply(person, SIMPLE, upload_all=False)
    assert r.status_code == 201, r.text
    case = r.json()
    shared = [m for m in case["materials"] if m["exempt"]]
    assert shared and all(m["status"] == "fetched" and m["dataset_label"] for m in shared)
    assert {d["dataset"] for d in case["consent"]["datasets"]} == {d["dataset"] for d in prev["consent"]}
    log = (await client.get("/api/v1/me/access-log", headers=person["headers"])).json()["items"]
    reads = [e for e in log if e["purpose"] == case["acceptance_no"]]
    assert len(reads) == len(shared) and all(e["actor_role"] == "system" for e in reads)


async def test_a_record_the_shared_database_lacks_must_be_uploaded(client, flow, person):
    r = await flow.apply(person, "GA0005", upload_all=False)  # 出生登记: this person has no newborn's record
    assert r.status_code == 422 and r.json()["error"]["code"] == "material_missing"
    assert (await flow.apply(person, "GA0005", upload_all=True)).status_code == 201


async def test_face_required_services_need_a_recent_face_pass(client, flow, person):
    # The pass that made this account level 3 was an hour ago: too old for a service that wants a fresh one.
    await User.filter(id=person["user"]["id"]).update(face_verified_at=datetime.now(timezone.utc) - timedelta(hours=1))
    r = await flow.apply(person, "RS0003", upload_all=False)
    assert r.status_code == 403 and r.json()["error"]["code"] == "face_required"
    s = (await client.post("/api/v1/face/sessions", headers=person["headers"])).json()
    await client.post(f"/sandbox/wechat/face/{s['verify_id']}/complete", json={"verify_ret": 10000})
    res = (await client.post(f"/api/v1/face/sessions/{s['verify_id']}/result", headers=person["headers"])).json()
    assert res["passed"] is True
    r = await flow.apply(person, "RS0003", upload_all=False)
    assert r.status_code == 201, r.text


async def test_a_bundle_is_one_case_with_the_bundles_workflow(client, person):
    b = (await client.get("/api/v1/bundles/tuixiu")).json()
    from tests.factories import upload
    mats = [{"name": m["name"], "upload_id": await upload(client, person)} for m in b["materials"]]
    face_needed = (await client.get("/api/v1/applications/preview?bundle=tuixiu", headers=person["headers"])).json()
    if face_needed["face_required"]:
        s = (await client.post("/api/v1/face/sessions", headers=person["headers"])).json()
        await client.post(f"/sandbox/wechat/face/{s['verify_id']}/complete", json={"verify_ret": 10000})
        await client.post(f"/api/v1/face/sessions/{s['verify_id']}/result", headers=person["headers"])
    r = await client.post("/api/v1/applications", headers=person["headers"],
                          json={"bundle": "tuixiu", "materials": mats, "consent": True})
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["subject"] == {"code": "tuixiu", "name": b["name"], "kind": "bundle"}
    assert [s["key"] for s in case["steps"]] == [s["key"] for s in b["workflow"]]
    assert case["lead_department"]["code"] == b["lead_department"]["code"]
