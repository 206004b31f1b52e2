"""寄递 by SF Express: the real adapter against the sandbox courier, its signed route pushes into our callback
(forged, stale, duplicate, out-of-order), 签收 moving the case to delivered, and a missed push recovered by a
route query."""
import json
import time
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode

from app.providers import courier
from models import RouteEvent
from tests.factories import citizen, staff_of

SERVICE = "GJJ005"  # 住房公积金缴存证明出具 (gjj): one department, no fees
TO = {"name": "王小明", "phone": "13800138000", "province": "浙江省", "city": "嘉兴市", "district": "南湖区",
      "detail": "南湖路100号3幢201室"}
FORM = {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}


async def issued_case(client, flow) -> tuple[dict, str, dict]:
    who = await citizen(client)
    no = (await flow.apply(who, SERVICE)).json()["acceptance_no"]
    await flow.accept(who, no)
    await flow.approve_all(who, no)
    lead = await staff_of(client, "gjj")
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200, r.text
    return who, no, lead


async def shipped(client, flow) -> tuple[dict, str, dict, str]:
    who, no, lead = await issued_case(client, flow)
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"], json=TO)
    assert r.status_code == 201, r.text
    return who, no, lead, r.json()["waybill_no"]


async def advance(client, waybill_no: str, **body) -> dict:
    r = await client.post(f"/sandbox/courier/waybills/{waybill_no}/advance", json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def parcel(client, who, no) -> dict:
    r = await client.get(f"/api/v1/applications/{no}/waybills", headers=who["headers"])
    assert r.status_code == 200, r.text
    return r.json()["items"][0]


def push_form(settings, routes: list[dict], check_word: str | None = None, partner: str | None = None,
              timestamp: str | None = None) -> bytes:
    p, cw = courier.credentials(settings)
    form = courier.envelope(partner or p, courier.ROUTE_PUSH, {"Body": {"WaybillRoute": routes}}, check_word or cw,
                            timestamp=timestamp)
    return urlencode(form).encode()


async def test_a_case_goes_from_issued_to_delivered_through_the_sandbox_courier(client, flow, app):
    who, no, lead, waybill_no = await shipped(client, flow)
    assert waybill_no.startswith("SF") and len(waybill_no) == 15
    p = await parcel(client, who, no)
    assert p["status"] == "created" and p["recipient"]["phone"] == "138****8000" and p["recipient"]["name"] == "王*明"
    assert "南湖路" not in json.dumps(p, ensure_ascii=False)

    out = await advance(client, waybill_no)
    assert [r["stage"] for r in out["routes"]] == ["picked_up"]
    assert out["pushes"] == [{"status": 200, "answer": {"return_code": "0000", "return_msg": "成功"}}]
    assert (await parcel(client, who, no))["status"] == "picked_up"
    case = await flow.case(who, no)
    assert case["status"] == "issued"

    out = await advance(client, waybill_no, to="signed")
    assert [r["stage"] for r in out["routes"]] == ["in_transit", "delivering", "signed"]
    assert all(x["answer"]["return_code"] == "0000" for x in out["pushes"])
    p = await parcel(client, who, no)
    assert p["status"] == "signed" and [r["stage"] for r in p["routes"]] == [
        "picked_up", "in_transit", "delivering", "signed"]
    case = await flow.case(who, no)
    assert case["status"] == "delivered"
    public = (await client.get(f"/api/v1/track/{case['track_token']}")).json()
    notes = [e["note"] or "" for e in public["timeline"]]
    assert "已交寄快递" in notes and sum(n.startswith("【") for n in notes) == 4
    assert any(n.startswith("【已签收】") for n in notes)
    text = json.dumps(public, ensure_ascii=False)
    assert waybill_no not in text and TO["phone"] not in text and "南湖路" not in text
    r = await client.post(f"/sandbox/courier/waybills/{waybill_no}/advance", json={})
    assert r.status_code == 409  # a signed parcel goes nowhere


async def test_forged_stale_and_foreign_pushes_are_refused_and_store_nothing(client, flow, app):
    s = app.ctx.settings
    who, no, lead, waybill_no = await shipped(client, flow)
    route = {"id": f"FORGED{waybill_no}", "mailno": waybill_no, "acceptTime": courier.format_time(
        datetime.now(timezone.utc)), "acceptAddress": "示例市",
        "remark": "已签收", "opCode": "80"}
    for body in (push_form(s, [route], check_word="not-the-check-word"),
                 push_form(s, [route], partner="SOMEONE_ELSE"),
                 push_form(s, [route], timestamp=str(int((time.time() - 3600) * 1000)))):
        r = await client.post("/api/v1/callbacks/courier", content=body, headers=FORM)
        assert r.status_code == 401, r.text
        assert r.json()["return_code"] == "1000" and r.json()["error"]["code"] == "courier_push_refused"
    tampered = dict(parse_qsl(push_form(s, [route]).decode()))
    tampered["msgData"] = tampered["msgData"].replace('"80"', '"44"')
    r = await client.post("/api/v1/callbacks/courier", content=urlencode(tampered).encode(), headers=FORM)
    assert r.status_code == 401
    for bad in (b"", b"msgData=%7B", b"\xff\xfe"):
        r = await client.post("/api/v1/callbacks/courier", content=bad, headers=FORM)
        assert r.status_code in (400, 401) and "error" in r.json()
    assert not await RouteEvent.filter(event_id=route["id"]).exists()
    assert (await parcel(client, who, no))["status"] == "created"
    assert (await flow.case(who, no))["status"] == "issued"

    # the same event, properly signed: accepted once, and a replay of the very same push changes nothing
    body = push_form(s, [route])
    for _ in range(2):
        r = await client.post("/api/v1/callbacks/courier", content=body, headers=FORM)
        assert r.status_code == 200 and r.json() == {"return_code": "0000", "return_msg": "成功"}
    assert await RouteEvent.filter(event_id=route["id"]).count() == 1
    assert (await flow.case(who, no))["status"] == "delivered"


async def test_duplicate_and_out_of_order_pushes_are_stored_once_and_applied_in_order(client, flow, app):
    who, no, lead, waybill_no = await shipped(client, flow)
    out = await advance(client, waybill_no, to="delivering", duplicate=True, out_of_order=True)
    assert [r["stage"] for r in out["routes"]] == ["picked_up", "in_transit", "delivering"]
    assert len(out["pushes"]) == 6 and all(x["answer"]["return_code"] == "0000" for x in out["pushes"])
    p = await parcel(client, who, no)
    assert p["status"] == "delivering"  # the earlier events, arriving last, did not move it back
    assert [r["stage"] for r in p["routes"]] == ["picked_up", "in_transit", "delivering"]
    assert await RouteEvent.filter(waybill__waybill_no=waybill_no).count() == 3
    case = await flow.case(who, no)
    assert case["status"] == "issued"
    timeline = [e["note"] for e in case["timeline"] if e.get("note") and "【" in e["note"]]
    assert len(timeline) == 3 and {t[:5] for t in timeline} == {"【已揽收】", "【运输中】", "【派送中】"}

    out = await advance(client, waybill_no, to="signed", duplicate=True)
    assert (await parcel(client, who, no))["status"] == "signed"
    assert (await flow.case(who, no))["status"] == "delivered"
    assert await RouteEvent.filter(waybill__waybill_no=waybill_no).count() == 4


async def test_a_missed_push_is_recovered_by_a_route_query_and_a_refusal_returns_the_parcel(client, flow, app):
    who, no, lead, waybill_no = await shipped(client, flow)
    await advance(client, waybill_no, to="returned", push=False)
    assert (await parcel(client, who, no))["status"] == "created"
    r = await client.post(f"/api/v1/staff/waybills/{waybill_no}/sync", headers=lead["headers"])
    assert r.status_code == 200, r.text
    assert r.json()["new"] == 4 and r.json()["waybill"]["status"] == "returned"
    r = await client.post(f"/api/v1/staff/waybills/{waybill_no}/sync", headers=lead["headers"])
    assert r.json()["new"] == 0
    case = await flow.case(who, no)
    assert case["status"] == "issued"  # back at the hall for pickup
    assert any("拒收退回" in (e.get("note") or "") for e in case["timeline"])
    # a returned parcel may be sent again
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"], json=TO)
    assert r.status_code == 201 and r.json()["waybill_no"] != waybill_no


async def test_shipping_is_for_the_lead_department_and_an_issued_case_once(client, flow, app):
    who, no, lead = await issued_case(client, flow)
    other = await staff_of(client, "churujing")
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=other["headers"], json=TO)
    assert r.status_code == 404 and r.json()["error"]["code"] == "application_not_found"
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=who["headers"], json=TO)
    assert r.status_code == 403
    for bad in ({**TO, "phone": "x" * 40}, {**TO, "detail": ""}, {k: v for k, v in TO.items() if k != "name"}, []):
        r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"], json=bad)
        assert r.status_code == 422 and r.json()["error"]["message"], r.text
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"], json=TO)
    assert r.status_code == 201
    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"], json=TO)
    assert r.status_code == 409 and r.json()["error"]["code"] == "waybill_exists"
    stranger = await citizen(client)
    r = await client.get(f"/api/v1/applications/{no}/waybills", headers=stranger["headers"])
    assert r.status_code == 404

    not_issued = (await flow.apply(who, SERVICE)).json()["acceptance_no"]
    r = await client.post(f"/api/v1/staff/applications/{not_issued}/waybills", headers=lead["headers"], json=TO)
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_not_issued"


async def test_the_adapter_signs_as_sf_documents_and_the_sandbox_refuses_a_bad_digest(client, app):
    # msgDigest = base64(md5(urlencode(msgData + timestamp + checkWord)))
    import base64
    import hashlib
    from urllib.parse import quote_plus
    msg, ts, cw = '{"a":"b c+中"}', "1700000000000", "check"
    want = base64.b64encode(hashlib.md5(quote_plus(msg + ts + cw).encode()).digest()).decode()
    assert courier.digest(msg, ts, cw) == want
    partner, check_word = courier.credentials(app.ctx.settings)
    form = courier.envelope(partner, courier.SEARCH_ROUTES, {"trackingNumber": ["SF1"]}, "wrong")
    r = await client.post("/sandbox/courier/std/service", content=urlencode(form).encode(), headers=FORM)
    assert r.json()["apiResultCode"] == "A1006"
    form = courier.envelope(partner, courier.SEARCH_ROUTES, {"trackingNumber": ["SF1"]}, check_word)
    r = await client.post("/sandbox/courier/std/service", content=urlencode(form).encode(), headers=FORM)
    assert r.json()["apiResultCode"] == "A1000"
    r = await client.post("/sandbox/courier/std/service", content=urlencode(form).encode(), headers=FORM)
    assert r.json()["apiResultCode"] == "A1007"  # the same requestID again
