import json
from urllib.parse import quote

from tests.factories import admin, citizen


async def _all_services(client) -> list[dict]:
    items, page = [], 1
    while True:
        r = (await client.get(f"/api/v1/services?page={page}&page_size=50")).json()
        items += r["items"]
        if len(items) >= r["total"]:
            return items
        page += 1


async def _guide(client, code: str, answers: dict | None = None):
    url = f"/api/v1/services/{code}"
    if answers is not None:
        url += "?answers=" + quote(json.dumps(answers))
    return await client.get(url)


async def test_departments_and_paged_listing(client):
    deps = (await client.get("/api/v1/departments")).json()["items"]
    assert deps and all({"code", "name", "short_name"} <= set(d) for d in deps)
    first = (await client.get("/api/v1/services?page=1&page_size=5")).json()
    assert len(first["items"]) == min(5, first["total"]) and first["page"] == 1
    everything = await _all_services(client)
    assert len(everything) == first["total"]
    assert len({s["code"] for s in everything}) == first["total"]


async def test_search_finds_id_card_renewal_first_for_an_everyday_question(client):
    r = await client.get("/api/v1/services", params={"q": "身份证过期了怎么办"})
    assert r.status_code == 200
    assert r.json()["items"][0]["name"] == "居民身份证换领"


async def test_search_understands_synonyms_and_filters(client, app):
    snap = await app.ctx.catalog.snapshot()
    target = next(iter(snap.services.values()))
    r = (await client.get("/api/v1/services", params={"q": target.guide["name"]})).json()
    assert r["items"][0]["code"] == target.code
    dep = target.department["code"]
    filtered = (await client.get("/api/v1/services", params={"department": dep, "page_size": 50})).json()
    assert filtered["total"] >= 1 and all(s["department"]["code"] == dep for s in filtered["items"])
    mobile = (await client.get("/api/v1/services", params={"channel": "mobile", "page_size": 50})).json()
    assert all("mobile" in s["channels"] for s in mobile["items"])
    nothing = (await client.get("/api/v1/services", params={"q": "量子纠缠火箭发射"})).json()
    assert nothing["total"] == 0


async def test_search_input_errors(client):
    for params, field in [({"page": "0"}, "page"), ({"page": "x"}, "page"), ({"page_size": "500"}, "page_size"),
                          ({"channel": "fax"}, "channel"), ({"q": "长" * 101}, "q")]:
        r = await client.get("/api/v1/services", params=params)
        assert r.status_code == 422 and r.json()["error"]["field"] == field, (params, r.text)
    r = await client.get("/api/v1/services", params={"department": "no-such-dept"})
    assert r.status_code == 404 and r.json()["error"]["field"] == "department"


async def test_guide_has_the_full_standard_fields_and_exempt_materials(client):
    svc = next(s for s in await _all_services(client) if s["name"] == "居民身份证换领")
    g = (await _guide(client, svc["code"])).json()
    for key in ("legal_basis", "conditions", "materials", "time_limit", "fees", "channels", "online_level", "visits",
                "citywide", "appointment_required", "face_required", "faqs", "department", "version"):
        assert key in g, key
    assert g["fees_total_fen"] == sum(f["amount_fen"] for f in g["fees"])
    for m in g["materials"]:
        assert m["exempt"] == (m["source"] == "shared")
        if m["exempt"]:
            assert m["dataset_label"]


async def test_situation_answers_prune_materials_and_change_the_time_limit(client, app):
    snap = await app.ctx.catalog.snapshot()
    entry = next(e for e in snap.services.values() if e.guide["time_limit"].get("rules"))
    rule = entry.guide["time_limit"]["rules"][0]
    default = (await _guide(client, entry.code)).json()
    changed = (await _guide(client, entry.code, rule["when"])).json()
    assert changed["time_limit"]["promised_days"] == rule["promised_days"]
    assert changed["answers"] == {**default["answers"], **rule["when"]}
    pruned = next(e for e in snap.services.values() if any(m.get("when") for m in e.guide["materials"]))
    cond = next(m["when"] for m in pruned.guide["materials"] if m.get("when"))
    names = lambda g: {m["name"] for m in g["materials"]}  # noqa: E731
    with_cond = names((await _guide(client, pruned.code, cond)).json())
    expected = {m["name"] for m in pruned.guide["materials"]
                if all(({**{s["key"]: s["default"] for s in pruned.guide["situations"]}, **cond}).get(k) == v
                       for k, v in (m.get("when") or {}).items())}
    assert with_cond == expected
    post = await client.post(f"/api/v1/services/{pruned.code}/situation", json={"answers": cond})
    assert names(post.json()) == with_cond


async def test_bad_situation_answers_are_422(client, app):
    snap = await app.ctx.catalog.snapshot()
    entry = next(e for e in snap.services.values() if e.guide.get("situations"))
    key = entry.guide["situations"][0]["key"]
    r = await _guide(client, entry.code, {key: "no_such_option"})
    assert r.status_code == 422 and r.json()["error"]["field"] == f"answers.{key}"
    r = await _guide(client, entry.code, {"not_a_question": "yes"})
    assert r.status_code == 422
    r = await client.get(f"/api/v1/services/{entry.code}?answers=%7Bbroken")
    assert r.status_code == 422 and r.json()["error"]["field"] == "answers"
    assert (await client.get("/api/v1/services/ZZ9999")).status_code == 404


async def test_etag_revalidation(client):
    code = (await _all_services(client))[0]["code"]
    r = await _guide(client, code)
    etag = r.headers["etag"]
    again = await client.get(f"/api/v1/services/{code}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


async def test_bundles_merge_and_deduplicate_materials(client):
    items = (await client.get("/api/v1/bundles")).json()["items"]
    assert len(items) >= 5
    names = {b["name"] for b in items}
    assert {"出生一件事", "企业开办一件事", "退休一件事", "身后一件事"} <= names
    for b in items:
        full = (await client.get(f"/api/v1/bundles/{b['code']}")).json()
        mats = [m["name"] for m in full["materials"]]
        assert len(mats) == len(set(mats))
        separately = set()
        for s in full["services"]:
            separately |= {m["name"] for m in (await _guide(client, s["code"])).json()["materials"]}
        assert set(mats) == separately
        assert full["workflow"] and not full["workflow"][0]["after"]
    assert (await client.get("/api/v1/bundles/no-such")).status_code == 404


async def test_catalog_stats_meet_the_policy(client):
    s = (await client.get("/api/v1/catalog/stats")).json()
    assert s["services"] >= 60 and s["departments"] >= 12 and s["bundles"] >= 5
    assert s["id_only"]["share"] >= 0.5
    assert abs(sum(v["share"] for v in s["by_online_level"].values()) - 1) < 0.01
    assert set(s["by_channel"]) == {"mobile", "online", "window", "kiosk"}
    lt = s["licence_types"]  # the seed's 证照类型 and the services whose result they are
    assert lt["count"] >= 20 and lt["services"] >= 28 and lt["share"] == round(lt["services"] / s["services"], 4)


async def test_home_lists_hot_services_and_bundles(client):
    h = (await client.get("/api/v1/home")).json()
    assert h["hot"] and h["bundles"] and "示例" in h["notice"]


def _new_guide(code: str, name: str, dep: str) -> dict:
    return {"code": code, "name": name, "department": dep, "kind": "公共服务", "summary": "测试用事项",
            "keywords": ["宠物狗登记"], "legal_basis": ["《示例市养犬管理条例》第八条"], "conditions": ["在本市饲养犬只"],
            "materials": [{"name": "居民身份证", "form": "electronic", "source": "shared", "dataset": "licence",
                           "licence_type": "居民身份证"}],
            "time_limit": {"promised_days": 3, "legal_days": 20}, "channels": ["mobile", "window"],
            "online_level": 4, "visits": 0}


async def test_admin_edits_make_versions_and_every_channel_sees_them(client):
    a = await admin(client)
    dep = (await client.get("/api/v1/departments")).json()["items"][0]["code"]
    guide = _new_guide("TS9001", "养犬登记", dep)
    r = await client.post("/api/v1/admin/services", headers=a["headers"], json=guide)
    assert r.status_code == 201 and r.json()["version"] == 1
    assert (await client.post("/api/v1/admin/services", headers=a["headers"], json=guide)).status_code == 409
    found = (await client.get("/api/v1/services", params={"q": "宠物狗登记"})).json()["items"]
    assert found[0]["code"] == "TS9001" and found[0]["id_only"] is True
    etag1 = (await _guide(client, "TS9001")).headers["etag"]

    r = await client.put("/api/v1/admin/services/TS9001", headers={**a["headers"], "If-Match": "1"},
                         json={**guide, "name": "犬只登记", "note": "名称规范"})
    assert r.status_code == 200 and r.json()["version"] == 2
    g = await _guide(client, "TS9001")
    assert g.json()["name"] == "犬只登记" and g.headers["etag"] != etag1
    stale = await client.put("/api/v1/admin/services/TS9001", headers={**a["headers"], "If-Match": "1"}, json=guide)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "version_conflict"
    versions = (await client.get("/api/v1/admin/services/TS9001/versions", headers=a["headers"])).json()["items"]
    assert [v["version"] for v in versions] == [2, 1] and versions[1]["guide"]["name"] == "养犬登记"

    assert (await client.delete("/api/v1/admin/services/TS9001", headers=a["headers"])).status_code == 204
    assert (await _guide(client, "TS9001")).status_code == 404


async def test_admin_input_is_validated(client):
    a = await admin(client)
    dep = (await client.get("/api/v1/departments")).json()["items"][0]["code"]
    bad = _new_guide("TS9002", "测试", dep)
    bad["online_level"] = 9
    r = await client.post("/api/v1/admin/services", headers=a["headers"], json=bad)
    assert r.status_code == 422 and r.json()["error"]["field"] == "online_level"
    bad = _new_guide("TS9003", "测试", "no-such-dept")
    r = await client.post("/api/v1/admin/services", headers=a["headers"], json=bad)
    assert r.status_code == 404 and r.json()["error"]["field"] == "department"
    bad = _new_guide("TS9004", "测试", dep)
    bad["workflow"] = [{"key": "accept", "department": dep, "name": "受理", "after": ["review"]},
                       {"key": "review", "department": dep, "name": "审查", "after": ["accept"]}]
    r = await client.post("/api/v1/admin/services", headers=a["headers"], json=bad)
    assert r.status_code == 422 and r.json()["error"]["field"] == "workflow"
    c = await citizen(client, bind=False)
    assert (await client.post("/api/v1/admin/services", headers=c["headers"], json=bad)).status_code == 403


async def test_admin_departments_and_bundles(client):
    a = await admin(client)
    r = await client.put("/api/v1/admin/departments/tiyu", headers=a["headers"],
                         json={"name": "示例市体育局", "short_name": "体育", "phone": "0573-80000000"})
    assert r.status_code == 200 and r.json() == {"code": "tiyu", "name": "示例市体育局"}
    assert "tiyu" in {d["code"] for d in (await client.get("/api/v1/departments")).json()["items"]}
    r = await client.put("/api/v1/admin/departments/Bad%20Code", headers=a["headers"],
                         json={"name": "示例部门", "short_name": "示例"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "code"
    r = await client.put("/api/v1/admin/departments/tiyu", headers=a["headers"], json={"name": "体"})
    assert r.status_code == 422 and r.json()["error"]["field"] in {"name", "short_name"}

    existing = (await client.get("/api/v1/bundles/chusheng")).json()
    body = {"name": "出生一件事（测试版）", "lead_department": existing["lead_department"]["code"],
            "summary": existing["summary"], "services": [s["code"] for s in existing["services"]],
            "workflow": existing["workflow"], "promised_days": existing["promised_days"]}
    r = await client.put("/api/v1/admin/bundles/test-bundle", headers=a["headers"], json=body)
    assert r.status_code == 200 and r.json()["version"] == 1
    assert (await client.get("/api/v1/bundles/test-bundle")).json()["name"] == "出生一件事（测试版）"
    r = await client.put("/api/v1/admin/bundles/test-bundle", headers=a["headers"], json={**body, "name": "新名称"})
    assert r.json()["version"] == 2 and (await client.get("/api/v1/bundles/test-bundle")).json()["name"] == "新名称"
    r = await client.put("/api/v1/admin/bundles/test-bundle", headers=a["headers"], json={**body, "services": ["ZZ0000", "ZZ0001"]})
    assert r.status_code == 404 and r.json()["error"]["field"] == "services"
    r = await client.put("/api/v1/admin/bundles/test-bundle", headers=a["headers"], json={**body, "promised_days": -1})
    assert r.status_code == 422 and r.json()["error"]["field"] == "promised_days"
    r = await client.put("/api/v1/admin/bundles/test-bundle", content=b"[]",
                         headers={**a["headers"], "content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid"
    c = await citizen(client, bind=False)
    assert (await client.put("/api/v1/admin/bundles/test-bundle", headers=c["headers"], json=body)).status_code == 403
