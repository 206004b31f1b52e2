"""一窗受理: a window clerk takes a walk-in citizen's application through the one submission path."""
from models import Application, ApplicationStep, AuditLog, QueueTicket, User
from tests.factories import (admin, citizen, demo_person, id_number, kiosk, phone, resident, staff_of, upload,
                             window_clerk)

URL = "/api/v1/staff/window/applications"
RENEW_ID_CARD = "GA0002"  # 居民身份证换领: two paper materials, a face check for citizens applying themselves
HELP_DESK = "ZW0001"  # 政务服务帮办代办: the applicant's ID card from the shared data


async def _scans(client, clerk: dict, guide: dict, skip: set[str] = frozenset()) -> list[dict]:
    """The clerk's scans of every unconditional material of the guide except `skip`."""
    return [{"name": m["name"], "upload_id": await upload(client, clerk)}
            for m in guide["materials"] if not m.get("when") and m["name"] not in skip]


async def _guide(client, code: str) -> dict:
    return (await client.get(f"/api/v1/services/{code}")).json()


async def test_a_walk_in_is_accepted_by_the_clerk_and_is_the_citizens_case(client):
    clerk = await window_clerk(client)
    who = await citizen(client, level=3)  # holds the identity: the one found, whoever else bound the number
    body = {"id_number": who["id_number"], "name": who["name"], "service": RENEW_ID_CARD, "consent": True,
            "reason": "现场申请身份证换领", "channel": "mobile",  # the channel is the window's whatever is sent
            "materials": await _scans(client, clerk, await _guide(client, RENEW_ID_CARD))}
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["channel"] == "window" and case["status"] == "in_review" and case["notice"] is None
    assert case["accepted_at"] and case["due_date"]
    intake = next(s for s in case["steps"] if not s["after"])
    assert intake["status"] == "approved"
    accepted = next(e for e in case["timeline"] if e["to_status"] == "accepted")
    assert accepted["actor"] == clerk["user"]["name"] and accepted["actor_role"] == "window"
    assert case["timeline"][0]["actor_role"] == "window" and case["timeline"][0]["note"] == "窗口工作人员代为提交申请"
    row = await Application.get(acceptance_no=case["acceptance_no"])
    assert row.applicant_id == who["user"]["id"]  # found by the ID number's blind index, no face check asked
    step = await ApplicationStep.get(id=intake["id"])
    assert step.decided_by_id == clerk["user"]["id"]
    # the citizen follows the case in the mini-program
    mine = (await client.get("/api/v1/applications", headers=who["headers"])).json()
    assert case["acceptance_no"] in [c["acceptance_no"] for c in mine["items"]]
    lookup = await AuditLog.filter(subject_id=who["user"]["id"], actor_id=clerk["user"]["id"],
                                   purpose__startswith="一窗受理查询").first()
    assert lookup and lookup.actor_role == "window" and "现场申请身份证换领" in lookup.purpose
    assert "现场核验身份证件" in lookup.purpose and lookup.fields_read == ["id_number", "name"]


async def test_shared_reads_at_the_window_are_the_clerks_and_a_new_citizen_is_recorded(client):
    clerk = await window_clerk(client)
    person = await demo_person(client, 2)
    body = {"id_number": person["id_number"], "name": person["name"], "phone": phone(), "service": HELP_DESK,
            "consent": True}
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 201, r.text
    case = r.json()
    assert [m["source"] for m in case["materials"]] == ["shared"]
    reads = await AuditLog.filter(subject_ref=case["acceptance_no"], fields_read__not="[]").exclude(
        purpose__startswith="办件查看").all()
    assert reads and all(a.actor_id == clerk["user"]["id"] and a.actor_role == "window" for a in reads)
    again = await client.post(URL, headers=clerk["headers"], json={**body, "phone": None})
    assert again.status_code == 201, again.text  # the second visit finds the same person
    first, second = [await Application.get(acceptance_no=c["acceptance_no"]) for c in (case, again.json())]
    assert first.applicant_id == second.applicant_id
    wrong = await client.post(URL, headers=clerk["headers"], json={**body, "name": "张冒名"})
    assert wrong.status_code == 409 and wrong.json()["error"]["code"] == "identity_name_differs"


async def test_missing_papers_get_one_notice_and_the_window_takes_them_back(client):
    clerk = await window_clerk(client)
    guide = await _guide(client, RENEW_ID_CARD)
    papers = [m["name"] for m in guide["materials"] if m["source"] == "citizen" and not m.get("when")]
    person = await resident(client)
    body = {"id_number": person["id_number"], "name": person["name"], "phone": phone(), "service": RENEW_ID_CARD, "consent": True,
            "materials": await _scans(client, clerk, guide, skip={papers[0]}),
            "supplement_items": ["户口簿复印件不清晰，请提供原件"]}
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["status"] == "supplement"
    assert case["supplement_items"] == [papers[0], "户口簿复印件不清晰，请提供原件"]
    notice = case["notice"]
    assert notice["title"] == "补正材料一次性告知书" and notice["items"] == case["supplement_items"]
    assert notice["acceptance_no"] == case["acceptance_no"] and notice["issued_by"] == clerk["user"]["name"]
    assert next(m for m in case["materials"] if m["name"] == papers[0])["status"] == "missing"
    no = case["acceptance_no"]
    r = await client.post(f"{URL}/{no}/resubmit", headers=clerk["headers"],
                          json={"materials": [{"name": papers[0], "upload_id": await upload(client, clerk)}]})
    assert r.status_code == 200, r.text
    case = r.json()
    assert case["status"] == "in_review" and case["notice"] is None and case["supplement_items"] == []
    assert [m["status"] for m in case["materials"] if m["name"] == papers[0]] == ["received"]
    other = await staff_of(client, "gongan")
    r = await client.post(f"{URL}/{no}/resubmit", headers=other["headers"],
                          json={"materials": [{"name": papers[0], "upload_id": await upload(client, other)}]})
    assert r.status_code == 403


async def test_only_window_clerks_and_well_formed_ids(client):
    body = {"id_number": id_number(), "name": "王窗口", "phone": phone(), "service": HELP_DESK, "consent": True}
    for who in (await citizen(client), await staff_of(client, "gongan"), await admin(client)):
        r = await client.post(URL, headers=who["headers"], json=body)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["message"]
    assert (await client.post(URL, json=body)).status_code == 401
    clerk = await window_clerk(client)
    bad = body["id_number"][:-1] + ("0" if body["id_number"][-1] != "0" else "1")
    for change, field in (({"id_number": bad}, "id_number"), ({"id_number": "33040219900101"}, "id_number"),
                          ({"name": ""}, "name"), ({"phone": None}, "phone"), ({"phone": "12345"}, "phone"),
                          ({"id_number": "x" * 500}, "id_number"), ({"ticket": 2**40}, "ticket")):
        r = await client.post(URL, headers=clerk["headers"], json={**body, **change})
        assert r.status_code == 422, (change, r.text)
        assert r.json()["error"]["field"] == field and r.json()["error"]["message"]
    before = await User.filter(role="citizen").count()
    r = await client.post(URL, headers=clerk["headers"], json={**body, "service": "NOPE01"})
    assert r.status_code in (404, 422)
    r = await client.post(URL, headers=clerk["headers"], content=b"[1,2]")
    assert r.status_code in (400, 422)
    assert await User.filter(role="citizen").count() in (before, before + 1)


async def test_a_citizen_cannot_claim_the_window_channel(client):
    who = await citizen(client)
    r = await client.post("/api/v1/applications", headers=who["headers"],
                          json={"service": HELP_DESK, "consent": True, "channel": "window"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "channel"


async def test_a_called_ticket_is_taken_straight_into_a_case(client):
    k = await kiosk(client)
    await QueueTicket.filter(hall_id=k.hall_id, status__in=["waiting", "called", "skipped"]).update(
        status="finished")
    clerk = await window_clerk(client)
    hall = next(h for h in (await client.get("/api/v1/halls")).json()["items"] if h["id"] == k.hall_id)
    window = next(w for w in hall["windows"] if w["name"] == "5号综合窗口")
    t = (await k.post("/api/v1/kiosk/tickets", {"service": HELP_DESK})).json()
    person = await demo_person(client, 3)
    body = {"id_number": person["id_number"], "name": person["name"], "phone": phone(), "service": HELP_DESK,
            "consent": True, "ticket": t["id"]}
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 409 and r.json()["error"]["field"] == "ticket"  # not called yet
    r = await client.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.json()["id"] == t["id"]
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 201, r.text
    case = await Application.get(acceptance_no=r.json()["acceptance_no"])
    ticket = await QueueTicket.get(id=t["id"])
    assert ticket.status == "finished" and ticket.application_id == case.id and ticket.user_id == case.applicant_id
    assert case.hall_id == k.hall_id
    r = await client.post(URL, headers=clerk["headers"], json=body)
    assert r.status_code == 409  # a ticket serves one case
    r = await client.post(URL, headers=clerk["headers"], json={**body, "ticket": 2**31 - 1})
    assert r.status_code == 404 and r.json()["error"]["field"] == "ticket"
    unknown_hall = await client.post(URL, headers=clerk["headers"], json={**body, "ticket": None, "hall": 999999})
    assert unknown_hall.status_code == 404
