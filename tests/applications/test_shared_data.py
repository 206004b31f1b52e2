import json
import secrets
import time

import httpx
import pytest

from app.config import Settings
from app.catalog_schema import DATASETS, Guide
from app.errors import Invalid, ProviderError
from app.providers.http import make_client
from app.providers.shared_data import SharedData, credentials, dumps, shared_data_for, sign, signed_headers, valid
from app.sandbox.shared_data import demo
from app.services.cases import shared_reads
from app.services.identity.identity import IdentityLevelRequired
from app.validators import credit_code_problem, id_number_problem
from models import AuditLog, User
from tests.factories import citizen, face_pass, phone

SETTINGS = Settings()  # the suite runs with the default shared-data credentials
QUERY = "/sandbox/shared/api/v1/datasets/query"
_bound: dict[str, dict] = {}  # a demo identity's test citizen, reused while it still holds the identity


def _guide(materials: list[dict], situations: list[dict] | None = None, audience: str = "citizen") -> dict:
    return Guide.model_validate({
        "code": "ZZ0001", "name": "测试事项", "department": "zhengwu", "kind": "公共服务", "audience": audience,
        "summary": "测试", "legal_basis": ["测试依据"], "conditions": ["测试条件"], "materials": materials,
        "situations": situations or [], "time_limit": {"promised_days": 1, "legal_days": 20},
        "channels": ["mobile"], "online_level": 4, "visits": 0}).model_dump()


def _shared(name: str, dataset: str, licence_type: str | None = None, **kw) -> dict:
    return {"name": name, "form": "electronic", "source": "shared", "dataset": dataset, "licence_type": licence_type,
            **kw}


async def _person(client, name: str) -> dict:
    people = (await client.get("/sandbox/shared/people")).json()
    return next(p for p in people if p["name"] == name)


async def _demo_citizen(client, name: str) -> dict:
    """A signed-in citizen holding the demo identity `name` at level 3 (whose records the sandbox holds): the one
    made before, unless another test's account has since taken the identity over by face."""
    held = _bound.get(name)
    if held is None or (await client.get("/api/v1/me", headers=held["headers"])).json()["identity"]["level"] != 3:
        person = await _person(client, name)
        c = await citizen(client, bind=False)
        r = await client.put("/api/v1/me/identity", headers=c["headers"],
                             json={"name": person["name"], "id_number": person["id_number"], "phone": phone()})
        assert r.status_code == 200, r.text
        _bound[name] = {**c, "id_number": person["id_number"], "user": r.json()}
        await face_pass(client, _bound[name])
    c = _bound[name]
    return {**c, "row": await User.get(id=c["user"]["id"])}


def _ask(subject: dict, *queries: tuple[str, str | None], purpose: str = "测试") -> dict:
    """A query body: each (dataset, licence_type) about `subject`."""
    return {"purpose": purpose, "queries": [{"dataset": d, "subject": subject, "licence_type": lt} for d, lt in queries]}


async def _post(client, body: dict, *, ts: int | None = None, nonce: str | None = None,
                secret: str | None = None, app_id: str | None = None, sent: bytes | None = None):
    app_id_default, secret_default = credentials(SETTINGS)
    path = QUERY
    raw = dumps(body)
    headers = {"Content-Type": "application/json", "X-Zb-App-Id": app_id or app_id_default,
               **signed_headers(secret or secret_default, "POST", path, raw, nonce=nonce, timestamp=ts)}
    return await client.post(path, content=sent if sent is not None else raw, headers=headers)


# ---------------------------------------------------------------- the demo records

async def test_demo_people_and_enterprises_are_valid_and_listed(client):
    people = (await client.get("/sandbox/shared/people")).json()
    assert len(people) >= 8 and all(id_number_problem(p["id_number"]) is None for p in people)
    assert len({p["id_number"] for p in people}) == len(people)
    regions = {p["id_number"][:6] for p in people}
    assert {"330402", "330411", "330421"} <= regions
    births = sorted(p["id_number"][6:14] for p in people)
    assert births[0] < "19600101" and births[-1] > "20000101"  # a retiree … a student
    enterprises = (await client.get("/sandbox/shared/enterprises")).json()
    assert len(enterprises) >= 4 and all(credit_code_problem(e["credit_code"]) is None for e in enterprises)
    names = {p["name"] for p in people}
    assert all(e["legal_representative"] in names for e in enterprises)


def test_every_record_belongs_to_a_known_dataset_and_every_citizen_has_an_unpaid_fine():
    data = demo()
    for holder in list(data["by_id"].values()) + data["enterprises"]:
        assert set(holder["datasets"]) <= set(DATASETS), holder["name"]
        for lic in holder["datasets"].get("licence", []):
            assert {"licence_type", "number", "issuer", "valid_from", "valid_to"} <= set(lic), (holder["name"], lic)
    for p in data["people"]:
        fines = p["traffic_fines"]
        assert fines and any(not f["paid"] for f in fines), p["name"]
        assert all(isinstance(f["amount_fen"], int) and f["amount_fen"] > 0 and f["decision_number"]
                   and f["date"] and f["description"] for f in fines)
    types = {lic["licence_type"] for p in data["people"] for lic in p["datasets"].get("licence", [])}
    assert {"居民身份证", "居民户口簿", "结婚证", "出生医学证明", "不动产权证书", "机动车驾驶证", "社会保障卡"} <= types
    assert any("营业执照" in {lic["licence_type"] for lic in e["datasets"]["licence"]} for e in data["enterprises"])


# ---------------------------------------------------------------- the sandbox platform's checks

async def test_the_sandbox_answers_a_signed_query_and_signs_its_answer(client):
    person = await _person(client, "陈晓峰")
    subject = {"id_number": person["id_number"]}
    nonce = secrets.token_hex(16)
    r = await _post(client, _ask(subject, ("licence", "居民户口簿"), ("marriage", None), ("disability", None)),
                    nonce=nonce)
    assert r.status_code == 200, r.text
    household, marriage, disability = r.json()["data"]["results"]  # one result per query, in order
    data = household["data"]
    assert household["code"] == 0 and data["dataset"] == "licence" and data["licence_type"] == "居民户口簿"
    assert data["summary"]["证照名称"] == "居民户口簿" and "*" in data["summary"]["证照编号"]
    assert data["record"]["number"] not in json.dumps(data["summary"], ensure_ascii=False)
    assert marriage["code"] == 0 and marriage["data"]["dataset"] == "marriage"
    assert disability == {"code": 404, "message": "未查询到记录"}
    assert r.headers["x-zb-nonce"] == nonce
    assert valid(credentials(SETTINGS)[1], "200", QUERY, r.headers, r.content)
    r = await _post(client, _ask({"id_number": "110101199003076513"}, ("marriage", None)))
    assert r.status_code == 200 and r.json()["data"]["results"] == [{"code": 404, "message": "未查询到记录"}]
    # A malformed request is refused whole, naming the query at fault.
    r = await _post(client, _ask(subject, ("marriage", None), ("licence", None)))
    assert r.status_code == 400 and r.json()["code"] == 400 and r.json()["message"].startswith("queries[1]")
    r = await _post(client, _ask(subject, ("no_such_dataset", None)))
    assert r.status_code == 400 and "queries[0]" in r.json()["message"]
    for body in (_ask(subject), _ask(subject, *[("marriage", None)] * 21), _ask(subject, ("marriage", None), purpose=""),
                 {"purpose": "测试", "queries": [{"dataset": "marriage", "subject": {}}]}, ["not", "an", "object"]):
        r = await _post(client, body)
        assert r.status_code == 400 and r.json()["code"] == 400, body
        assert valid(credentials(SETTINGS)[1], "400", QUERY, r.headers, r.content)


async def test_the_sandbox_refuses_bad_signatures_stale_timestamps_and_replays(client):
    person = await _person(client, "张建国")
    body = _ask({"id_number": person["id_number"]}, ("population", None))
    r = await _post(client, body, secret="not-the-secret")
    assert r.status_code == 401 and r.json()["code"] == 401 and "签名" in r.json()["message"]
    other = dumps(_ask({"id_number": "330402196007251426"}, ("population", None)))  # signed one body, sent another
    r = await _post(client, body, sent=other)
    assert r.status_code == 401
    r = await _post(client, body, app_id="someone-else")
    assert r.status_code == 401
    r = await _post(client, body, ts=int(time.time()) - 301)
    assert r.status_code == 401 and "时间戳" in r.json()["message"]
    r = await _post(client, body, ts=int(time.time()) + 400)
    assert r.status_code == 401
    r = await _post(client, body, nonce="short")
    assert r.status_code == 401
    nonce = secrets.token_hex(16)
    r = await _post(client, body, nonce=nonce)
    assert r.status_code == 200
    r = await _post(client, body, nonce=nonce)
    assert r.status_code == 401 and "重放" in r.json()["message"]


# ---------------------------------------------------------------- the adapter

class _Tamper(httpx.AsyncBaseTransport):
    """Forwards to the app, then changes the answer on its way back (a man in the middle)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, change):
        self.inner, self.change = inner, change

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        resp = await self.inner.handle_async_request(request)
        body = await resp.aread()
        status, headers, body = self.change(resp.status_code, dict(resp.headers), body)
        headers.pop("content-length", None)
        return httpx.Response(status, headers=headers, content=body)


def _adapter(app, transport: httpx.AsyncBaseTransport) -> SharedData:
    real = shared_data_for(app)
    return SharedData(real.base, real.app_id, real.secret, make_client(transport))


async def test_the_adapter_reads_a_record_or_none(client, app):
    person = await _person(client, "王丽娜")
    sd = shared_data_for(app)
    assert sd is shared_data_for(app) is app.ctx.shared_data
    got = await sd.query("birth", {"id_number": person["id_number"]}, None, "测试")
    assert got["dataset"] == "birth" and got["record"]["children"][0]["mother"] == "王丽娜"
    assert got["record_id"] and got["summary"]["数据名称"] == DATASETS["birth"]
    assert await sd.query("disability", {"id_number": person["id_number"]}, None, "测试") is None


async def test_the_adapter_reads_several_datasets_in_one_signed_request(client, app):
    person = await _person(client, "王丽娜")
    subject = {"id_number": person["id_number"]}
    sent = []

    class Counting(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            sent.append(json.loads(request.content))
            return await inner.handle_async_request(request)

    inner = httpx.ASGITransport(app=app)
    got = await _adapter(app, Counting()).query_many(
        [("birth", subject, None), ("disability", subject, None), ("licence", subject, "居民身份证")], "测试")
    assert len(sent) == 1 and [q["dataset"] for q in sent[0]["queries"]] == ["birth", "disability", "licence"]
    assert got[0]["dataset"] == "birth" and got[1] is None and got[2]["licence_type"] == "居民身份证"
    with pytest.raises(ProviderError):  # more than one request may carry
        await _adapter(app, Counting()).query_many([("birth", subject, None)] * 21, "测试")
    assert len(sent) == 1


async def test_the_adapter_refuses_a_tampered_forged_stale_or_replayed_answer(client, app):
    person = await _person(client, "刘洋")
    inner = httpx.ASGITransport(app=app)
    subject = {"id_number": person["id_number"]}

    def richer(status, headers, body):
        return status, headers, body.replace("离婚".encode(), "已婚".encode())

    def not_found(status, headers, body):  # hide a record the platform holds
        return status, headers, dumps({"code": 0, "data": {"results": [{"code": 404, "message": "未查询到记录"}]}})

    for change in (richer, not_found):
        with pytest.raises(ProviderError):
            await _adapter(app, _Tamper(inner, change)).query("marriage", subject, None, "测试")
    assert (await _adapter(app, _Tamper(inner, lambda *a: a)).query("marriage", subject, None, "测试"))[
        "record"]["status"] == "离婚"

    secret = credentials(SETTINGS)[1]
    path = QUERY
    record = {"code": 0, "data": {"record_id": "X", "dataset": "marriage", "licence_type": None, "summary": {},
                                  "record": {"status": "已婚"}}}
    forged = dumps({"code": 0, "data": {"results": [record]}})

    def fake(secret_used: str, ts_offset: int = 0, same_nonce: bool = True, body: bytes = forged):
        def handler(request: httpx.Request) -> httpx.Response:
            nonce = request.headers["x-zb-nonce"] if same_nonce else secrets.token_hex(16)
            headers = signed_headers(secret_used, "200", path, body, nonce=nonce,
                                     timestamp=int(time.time()) + ts_offset)
            return httpx.Response(200, headers=headers, content=body)
        return httpx.MockTransport(handler)

    assert (await _adapter(app, fake(secret)).query("marriage", subject, None, "测试"))["record_id"] == "X"
    # Rightly signed, but not one result per query, or a result about another dataset: refused too.
    wrong_shape = [dumps({"code": 0, "data": {"results": [record, record]}}), dumps({"code": 0, "data": {}}),
                   dumps({"code": 0, "data": {"results": [{**record, "data": {**record["data"], "dataset": "birth"}}]}}),
                   dumps(["not", "an", "object"]), dumps({"code": 0, "data": {"results": [["not", "an", "object"]]}})]
    for transport in (fake("a-guessed-secret"), fake(secret, ts_offset=-400), fake(secret, same_nonce=False),
                      *(fake(secret, body=b) for b in wrong_shape)):
        with pytest.raises(ProviderError):
            await _adapter(app, transport).query("marriage", subject, None, "测试")
    unsigned = httpx.MockTransport(lambda request: httpx.Response(200, content=forged))
    with pytest.raises(ProviderError):
        await _adapter(app, unsigned).query("marriage", subject, None, "测试")
    assert sign(secret, "200", path, "1", "n", b"") != sign(secret, "201", path, "1", "n", b"")


async def test_the_adapter_reports_a_refused_request_as_a_provider_error(client, app):
    real = shared_data_for(app)
    person = await _person(client, "刘洋")
    wrong = SharedData(real.base, real.app_id, "not-the-secret", real.http)
    with pytest.raises(ProviderError):  # the platform's 401 is signed with the real secret: we cannot trust it
        await wrong.query("population", {"id_number": person["id_number"]}, None, "测试")


# ---------------------------------------------------------------- the authorization and audit layer

async def test_fetch_material_reads_what_the_guide_lists_and_audits_it(client, app):
    c = await _demo_citizen(client, "陈晓峰")
    hukou = _shared("居民户口簿", "licence", "居民户口簿")
    guide = _guide([hukou, _shared("户籍信息", "population"), _shared("残疾人证", "disability"),
                    {"name": "申请表", "form": "original"}])
    sd, vault = shared_data_for(app), app.ctx.vault
    acceptance_no = f"330402-20261125-{secrets.randbelow(10**6):06d}"
    got = await shared_reads.fetch_material(sd, guide, hukou, c["row"], vault, acceptance_no)
    assert got["record"]["number"] == "330411052317" and got["summary"]["发证机关"]
    pop = await shared_reads.fetch_material(sd, guide, guide["materials"][1], c["row"], vault, acceptance_no)
    assert pop["record"]["name"] == "陈晓峰" and pop["record"]["birth_date"] == "1991-05-08"
    assert await shared_reads.fetch_material(sd, guide, guide["materials"][2], c["row"], vault, acceptance_no) is None

    rows = await AuditLog.filter(subject_id=c["row"].id, purpose=acceptance_no).order_by("id")
    assert [r.fields_read for r in rows] == [["licence:居民户口簿"], ["population:*"], ["disability:*"]]
    assert all(r.actor_id is None and r.actor_role == "system" and r.subject_ref == acceptance_no for r in rows)
    log = (await client.get("/api/v1/me/access-log", headers=c["headers"])).json()["items"]
    assert log[0] == {**log[0], "actor": "系统", "actor_role": "system", "fields": ["disability:*"],
                      "purpose": acceptance_no}


async def test_fetch_material_refuses_what_the_guide_does_not_list(client, app):
    c = await _demo_citizen(client, "陈晓峰")
    guide = _guide([_shared("居民户口簿", "licence", "居民户口簿"), {"name": "申请表", "form": "original"}])
    sd, vault = shared_data_for(app), app.ctx.vault
    before = await AuditLog.filter(subject_id=c["row"].id).count()
    for material in (_shared("结婚证", "licence", "结婚证"), _shared("婚姻登记信息", "marriage"),
                     _shared("户籍信息", "licence", None), {"name": "申请表", "source": "citizen"},
                     {"name": "居民户口簿", "source": "citizen", "dataset": "licence", "licence_type": "居民户口簿"}):
        with pytest.raises(shared_reads.DatasetNotAuthorized) as err:
            await shared_reads.fetch_material(sd, guide, material, c["row"], vault, "330402-20261125-000001")
        assert err.value.status == 403 and err.value.code == "dataset_not_authorized"
    assert await AuditLog.filter(subject_id=c["row"].id).count() == before  # nothing read, nothing logged


async def test_fetch_material_needs_an_applicant_at_level_3_and_a_purpose(client, app):
    m = _shared("户籍信息", "population")
    guide = _guide([m])
    for who in (await citizen(client, bind=False), await citizen(client)):  # level 1, level 2
        row = await User.get(id=who["user"]["id"])
        with pytest.raises(IdentityLevelRequired) as err:
            await shared_reads.fetch_material(shared_data_for(app), guide, m, row, app.ctx.vault,
                                             "330402-20261125-000002")
        assert err.value.required == 3
    c = await _demo_citizen(client, "张建国")
    with pytest.raises(Invalid):
        await shared_reads.fetch_material(shared_data_for(app), guide, m, c["row"], app.ctx.vault, " ")


async def test_enterprise_data_is_read_for_an_enterprise_the_applicant_acts_for(client, app):
    c = await _demo_citizen(client, "刘洋")
    ent = next(e for e in (await client.get("/sandbox/shared/enterprises")).json() if e["legal_representative"] == "刘洋")
    licence = _shared("营业执照", "legal_person")
    idcard = _shared("法定代表人居民身份证", "licence", "居民身份证")
    tax = _shared("清税信息", "tax")
    guide = _guide([licence, idcard, tax], audience="enterprise")
    sd, vault, no, code = shared_data_for(app), app.ctx.vault, "330402-20261125-000003", ent["credit_code"]
    with pytest.raises(shared_reads.EnterpriseRequired):
        await shared_reads.fetch_material(sd, guide, licence, c["row"], vault, no)
    with pytest.raises(shared_reads.NotEnterpriseAgent):
        await shared_reads.fetch_material(sd, guide, licence, c["row"], vault, no, enterprise_credit_code=code)
    r = await client.post("/api/v1/me/enterprises", headers=c["headers"],
                          json={"name": ent["name"], "credit_code": ent["credit_code"]})
    assert r.status_code == 201, r.text
    got = await shared_reads.fetch_material(sd, guide, licence, c["row"], vault, no,
                                           enterprise_credit_code=ent["credit_code"].lower())
    assert got["record"]["credit_code"] == ent["credit_code"] and got["summary"]["主体名称"] == ent["name"]
    taxes = await shared_reads.fetch_material(sd, guide, tax, c["row"], vault, no, enterprise_credit_code=code)
    assert "credit_rating" in taxes["record"]  # the enterprise's taxes, not the person's
    person = await shared_reads.fetch_material(sd, guide, idcard, c["row"], vault, no, enterprise_credit_code=code)
    assert person["record"]["number"] == c["id_number"]  # the applicant's own 居民身份证


def test_consent_lists_the_datasets_read_in_the_situation():
    guide = _guide(
        [_shared("居民身份证", "licence", "居民身份证"), _shared("居民户口簿", "licence", "居民户口簿"),
         _shared("婚姻登记信息", "marriage"), _shared("不动产登记信息", "real_estate", when={"has_home": "yes"}),
         {"name": "租房合同", "when": {"has_home": "no"}}],
        situations=[{"key": "has_home", "question": "名下是否有住房？", "default": "no",
                     "options": [{"value": "yes", "label": "有"}, {"value": "no", "label": "没有"}]}])
    assert shared_reads.consent_for(guide, {}) == [
        {"dataset": "licence", "label": "电子证照库", "materials": ["居民身份证", "居民户口簿"]},
        {"dataset": "marriage", "label": "婚姻登记信息", "materials": ["婚姻登记信息"]}]
    with_home = shared_reads.consent_for(guide, {"has_home": "yes"})
    assert [d["dataset"] for d in with_home] == ["licence", "marriage", "real_estate"]
    assert with_home[2] == {"dataset": "real_estate", "label": "不动产登记信息", "materials": ["不动产登记信息"]}
    with pytest.raises(Invalid):
        shared_reads.consent_for(guide, {"has_home": "maybe"})
    assert shared_reads.consent_for(_guide([{"name": "申请表"}]), {}) == []
