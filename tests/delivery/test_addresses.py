"""The address book (encrypted at rest, masked, the owner's only), a case's delivery choice until 出证, staff
shipping to the chosen address (an audited read), and the citizen told of the parcel's progress."""
from app.services.notifications import notifications
from models import Address, AuditLog, OutboxEvent
from tests.delivery.test_courier import SERVICE, advance, issued_case
from tests.factories import admin, citizen

HOME = {"recipient": "王小明", "phone": "13900139000", "province": "浙江省", "city": "嘉兴市", "district": "南湖区",
        "detail": "南湖路100号3幢201室"}


async def add(client, who, **over) -> dict:
    r = await client.post("/api/v1/me/addresses", headers=who["headers"], json={**HOME, **over})
    assert r.status_code == 201, r.text
    return r.json()


async def test_the_address_book_is_encrypted_masked_and_private(client):
    who = await citizen(client)
    first = await add(client, who)
    assert first["is_default"] and first["phone"] == "139****9000" and first["recipient"] == "王*明"
    assert "100号" not in first["detail"] and first["detail"].startswith("南湖路")
    row = await Address.get(id=first["id"])
    assert "13900139000" not in row.phone and "南湖路" not in row.detail  # encrypted at rest
    second = await add(client, who, recipient="李四", is_default=True)
    items = (await client.get("/api/v1/me/addresses", headers=who["headers"])).json()["items"]
    assert [a["id"] for a in items] == [second["id"], first["id"]] and [a["is_default"] for a in items] == [True, False]

    r = await client.put(f"/api/v1/me/addresses/{first['id']}", headers=who["headers"], json={**HOME, "city": "杭州市"})
    assert r.status_code == 200 and r.json()["city"] == "杭州市"
    other = await citizen(client)
    for method, body in (("put", HOME), ("delete", None)):
        r = await client.request(method.upper(), f"/api/v1/me/addresses/{first['id']}", headers=other["headers"],
                                 json=body)
        assert r.status_code == 404 and r.json()["error"]["code"] == "address_not_found"
    assert (await client.get("/api/v1/me/addresses", headers=other["headers"])).json()["items"] == []
    for bad in ({**HOME, "phone": "not-a-phone"}, {**HOME, "detail": "x" * 500}, {**HOME, "recipient": ""}, [1]):
        r = await client.post("/api/v1/me/addresses", headers=who["headers"], json=bad)
        assert r.status_code == 422 and r.json()["error"]["message"], r.text

    r = await client.delete(f"/api/v1/me/addresses/{second['id']}", headers=who["headers"])
    assert r.status_code == 200
    items = (await client.get("/api/v1/me/addresses", headers=who["headers"])).json()["items"]
    assert [(a["id"], a["is_default"]) for a in items] == [(first["id"], True)]
    for _ in range(19):
        await add(client, who)
    r = await client.post("/api/v1/me/addresses", headers=who["headers"], json=HOME)
    assert r.status_code == 409 and r.json()["error"]["code"] == "too_many_addresses"


async def test_the_chosen_address_is_where_staff_ship_and_the_citizen_hears_of_it(client, flow, app):
    who, no, lead = await issued_case(client, flow)
    r = await client.put(f"/api/v1/applications/{no}/delivery", headers=who["headers"], json={"method": "courier"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "delivery_choice_closed"  # issued already

    who2 = await citizen(client)
    no2 = (await flow.apply(who2, SERVICE)).json()["acceptance_no"]
    home = await add(client, who2)
    r = await client.put(f"/api/v1/applications/{no2}/delivery", headers=who2["headers"], json={"method": "courier"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "address_id"
    r = await client.put(f"/api/v1/applications/{no2}/delivery", headers=who2["headers"],
                         json={"method": "courier", "address_id": (await add(client, who))["id"]})
    assert r.status_code == 404  # someone else's address
    r = await client.put(f"/api/v1/applications/{no2}/delivery", headers=who2["headers"], json={"method": "drone"})
    assert r.status_code == 422
    r = await client.put(f"/api/v1/applications/{no2}/delivery", headers=who["headers"], json={"method": "window"})
    assert r.status_code == 404  # not their case
    r = await client.put(f"/api/v1/applications/{no2}/delivery", headers=who2["headers"],
                         json={"method": "courier", "address_id": home["id"]})
    assert r.status_code == 200, r.text
    assert r.json()["method"] == "courier" and r.json()["address"]["phone"] == "139****9000"
    await client.delete(f"/api/v1/me/addresses/{home['id']}", headers=who2["headers"])  # the case keeps its copy

    await flow.accept(who2, no2)
    await flow.approve_all(who2, no2)
    r = await client.post(f"/api/v1/staff/applications/{no2}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200
    r = await client.get(f"/api/v1/applications/{no2}/delivery", headers=lead["headers"])
    assert r.json()["address"]["phone"] == "139****9000"
    r = await client.post(f"/api/v1/staff/applications/{no2}/waybills", headers=lead["headers"])
    assert r.status_code == 201, r.text
    label = r.json()
    assert label["recipient"]["phone"] == "13900139000" and label["recipient"]["region"] == "浙江省嘉兴市南湖区"
    read = await AuditLog.filter(subject_ref=no2, purpose="快递寄递面单").first()
    assert read and read.actor_id == lead["user"]["id"] and read.fields_read == ["address.detail", "address.phone"]

    await advance(client, label["waybill_no"], to="delivering")
    pushed = [e.payload for e in await OutboxEvent.filter(kind="delivery.route",
                                                          aggregate=f"waybill:{label['waybill_no']}").order_by("id")]
    assert [p["stage"] for p in pushed] == ["picked_up", "delivering"]
    assert all(p["user_id"] == who2["user"]["id"] and p["acceptance_no"] == no2 for p in pushed)
    plan = notifications.RULES["delivery.route"](pushed[-1])[0]
    assert plan.user_id == who2["user"]["id"] and "派送中" in plan.body and label["waybill_no"] in plan.body

    r = await client.post(f"/api/v1/staff/applications/{no}/waybills", headers=lead["headers"])
    assert r.status_code == 422 and r.json()["error"]["code"] == "no_delivery_address"  # no courier choice


async def test_only_the_methods_the_guide_allows_can_be_chosen(client, flow):
    boss = await admin(client)
    guide = (await client.get(f"/api/v1/services/{SERVICE}")).json()
    keep = {k: guide[k] for k in ("name", "kind", "summary", "legal_basis", "conditions", "channels", "online_level",
                                  "visits", "time_limit") if k in guide}
    new = {**keep, "code": "TS1701", "department": "gjj", "name": "电子缴存证明（测试）", "delivery": ["electronic"],
           "materials": [{"name": "身份证复印件", "form": "copy"}]}
    r = await client.post("/api/v1/admin/services", headers=boss["headers"], json=new)
    assert r.status_code == 201, r.text
    assert (await client.get("/api/v1/services/TS1701")).json()["delivery"] == ["electronic"]
    assert (await client.get(f"/api/v1/services/{SERVICE}")).json()["delivery"] == ["window", "courier", "locker"]
    who = await citizen(client)
    no = (await flow.apply(who, "TS1701")).json()["acceptance_no"]
    home = await add(client, who)
    r = await client.put(f"/api/v1/applications/{no}/delivery", headers=who["headers"],
                         json={"method": "courier", "address_id": home["id"]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "delivery_method_not_allowed"
    r = await client.put(f"/api/v1/applications/{no}/delivery", headers=who["headers"], json={"method": "electronic"})
    assert r.status_code == 200 and r.json()["method_label"].startswith("电子证照")
