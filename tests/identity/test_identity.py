from pathlib import Path

from tortoise import connections

from app.security import mask_name
from app.validators import id_number_problem
from tests.factories import citizen, credit_code, phone, resident


async def test_binding_masks_everything_in_the_answer(client):
    c, person = await citizen(client, bind=False), await resident(client)
    idn, ph = person["id_number"], phone()
    r = await client.put("/api/v1/me/identity", headers=c["headers"],
                         json={"name": person["name"], "id_number": idn, "phone": ph})
    assert r.status_code == 200
    u = r.json()
    assert u["verified"] is True
    assert u["id_number"] == idn[:4] + "*" * 10 + idn[-4:]
    assert u["phone"] == ph[:3] + "****" + ph[-4:]
    assert u["name"] == mask_name(person["name"]) != person["name"]
    me = (await client.get("/api/v1/me", headers=c["headers"])).json()
    assert idn not in str(me) and ph not in str(me)


async def test_invalid_identity_is_422_naming_the_field(client):
    c = await citizen(client, bind=False)
    good_id, good_phone = (await resident(client))["id_number"], phone()
    bad_check = good_id[:17] + ("0" if good_id[17] != "0" else "1")
    no_such_day = "330402" + "20230230" + "123"
    no_such_day += "X"
    cases = [
        ({"id_number": bad_check}, "id_number", "校验位"),
        ({"id_number": no_such_day}, "id_number", "出生日期"),
        ({"id_number": "990402199001011234"}, "id_number", "地区码"),
        ({"id_number": "33040219900101123"}, "id_number", "18位"),
        ({"phone": "12345678901"}, "phone", "手机号"),
        ({"name": "A1"}, "name", "姓名"),
    ]
    for change, field, words in cases:
        body = {"name": "李四", "id_number": good_id, "phone": good_phone, **change}
        r = await client.put("/api/v1/me/identity", headers=c["headers"], json=body)
        assert r.status_code == 422, (change, r.text)
        err = r.json()["error"]
        assert err["field"] == field and words in err["message"], err
    r = await client.put("/api/v1/me/identity", headers=c["headers"], json={"name": "李四"})
    assert r.status_code == 422 and r.json()["error"]["field"] in {"id_number", "phone"}


async def test_a_lowercase_x_is_accepted_and_a_second_identity_is_refused(client):
    c = await citizen(client, bind=False)
    person = await resident(client)
    while not person["id_number"].endswith("X"):
        person = await resident(client)
    r = await client.put("/api/v1/me/identity", headers=c["headers"],
                         json={"name": person["name"], "id_number": person["id_number"].lower(), "phone": phone()})
    assert r.status_code == 200 and r.json()["id_number"].endswith("X")
    other = await resident(client)
    r = await client.put("/api/v1/me/identity", headers=c["headers"],
                         json={"name": other["name"], "id_number": other["id_number"], "phone": phone()})
    assert r.status_code == 409 and r.json()["error"]["field"] == "id_number"


async def test_no_plaintext_id_or_phone_in_the_database(client, settings):
    c = await citizen(client)
    rows = await connections.get("default").execute_query_dict(
        "SELECT * FROM users WHERE id = " + str(int(c["user"]["id"])))
    stored = " ".join(str(v) for v in rows[0].values())
    assert c["id_number"] not in stored and c["phone"] not in stored
    assert rows[0]["id_number_enc"].startswith("v1.")
    if settings.dialect == "sqlite":
        raw = Path(settings.db_url.removeprefix("sqlite://")).read_bytes()
        assert c["id_number"].encode() not in raw and c["phone"].encode() not in raw


async def test_full_values_only_on_request_and_every_read_is_audited(client):
    c = await citizen(client, level=3)  # level 3 sees the access log
    before = (await client.get("/api/v1/me/access-log", headers=c["headers"])).json()["items"]
    r = await client.get("/api/v1/me/identity?fields=id_number,phone", headers=c["headers"])
    assert r.status_code == 200
    assert r.json() == {"id_number": c["id_number"], "phone": c["phone"]}
    log = (await client.get("/api/v1/me/access-log", headers=c["headers"])).json()["items"]
    assert len(log) == len(before) + 1
    assert log[0]["fields"] == ["id_number", "phone"] and log[0]["purpose"] == "本人查看完整信息"
    await client.get("/api/v1/me", headers=c["headers"])
    log2 = (await client.get("/api/v1/me/access-log", headers=c["headers"])).json()["items"]
    assert len(log2) == len(log) + 1 and log2[0]["purpose"] == "本人查看个人信息"
    bad = await client.get("/api/v1/me/identity?fields=password", headers=c["headers"])
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "fields"


async def test_unbound_citizen_has_nothing_to_reveal(client):
    c = await citizen(client, bind=False)
    r = await client.get("/api/v1/me/identity", headers=c["headers"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "identity_level_required"


async def test_enterprise_agent_by_credit_code(client):
    c = await citizen(client)
    code = credit_code()
    r = await client.post("/api/v1/me/enterprises", headers=c["headers"], json={"name": "示例科技有限公司", "credit_code": code})
    assert r.status_code == 201 and r.json()["credit_code"] == code
    listed = (await client.get("/api/v1/me/enterprises", headers=c["headers"])).json()["items"]
    assert [e["credit_code"] for e in listed] == [code]
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    r = await client.post("/api/v1/me/enterprises", headers=c["headers"], json={"name": "示例", "credit_code": wrong})
    assert r.status_code == 422 and r.json()["error"]["field"] == "credit_code"
    r = await client.post("/api/v1/me/enterprises", headers=c["headers"], json={"name": "示例", "credit_code": "91330402ABCDEFGHIO"})
    assert r.status_code == 422
    assert (await client.delete(f"/api/v1/me/enterprises/{code}", headers=c["headers"])).status_code == 204
    assert (await client.delete(f"/api/v1/me/enterprises/{code}", headers=c["headers"])).status_code == 404
    unbound = await citizen(client, bind=False)
    r = await client.post("/api/v1/me/enterprises", headers=unbound["headers"], json={"name": "示例", "credit_code": code})
    assert r.status_code == 403


async def test_published_sample_numbers_pass_the_standard_checksums(client):
    # Known-answer checks: the GB 11643 sample ID and a GB 32100 code published with the standard's examples.
    # The sample ID passes every syntax check and reaches the population database, which holds no such person.
    assert id_number_problem("11010519491231002X") is None
    c = await citizen(client, bind=False)
    r = await client.put("/api/v1/me/identity", headers=c["headers"],
                         json={"name": "张三", "id_number": "11010519491231002X", "phone": phone()})
    assert r.status_code == 422 and r.json()["error"]["code"] == "identity_unknown", r.text
    c = await citizen(client)
    r = await client.post("/api/v1/me/enterprises", headers=c["headers"],
                          json={"name": "示例公司", "credit_code": "91350100M000100Y43"})
    assert r.status_code == 201, r.text
