"""Real-name levels (实名认证等级) through HTTP: 二要素 against the population database of the shared-data platform
(level 2), a face pass for exactly that name and number (level 3), the 403/409 answers of routes that need more,
one level-3 account per ID number, and taking an identity back by face."""
import importlib.util
import re
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from app.errors import ProviderError
from app.providers.shared_data import credentials, dumps, shared_data_for, signed_headers, valid
from app.services.notifications import notifications
from app.validators import id_number_problem, name_problem
from models import AuditLog, InboxMessage, User
from tests.factories import (auth, citizen, demo_citizen, face_pass, id_number, phone, resident, staff_of,
                             wechat_code)

ZHANG = ("张建国", "330402195803121310")  # demo person 0: a traffic fine, a housing-fund account
DECEASED = ("赵德明", "330402194901200712")
ROOT = Path(__file__).resolve().parents[2]
VERIFY = "/sandbox/shared/api/v1/identity/verify"


async def bind(client, who: dict, name: str, number: str):
    return await client.put("/api/v1/me/identity", headers=who["headers"],
                            json={"name": name, "id_number": number, "phone": phone()})


async def me(client, who: dict) -> dict:
    r = await client.get("/api/v1/me", headers=who["headers"])
    assert r.status_code == 200, r.text
    return r.json()


def level_error(r, required: int, current: int, status: int = 403, code: str = "identity_level_required"):
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["field"] is None, err
    assert err["required_level"] == required and err["current_level"] == current, err
    assert re.search(r"[\u4e00-\u9fff]", err["message"]), err


async def apply_gjj005(client, who: dict):
    return await client.post("/api/v1/applications", headers=who["headers"],
                             json={"service": "GJJ005", "consent": True})


async def signed_in(client) -> dict:
    return await citizen(client, bind=False)


# ---------------------------------------------------------------- the reproduction (issue 13, section 1)

async def test_reproduction_another_persons_number_under_another_name_reads_nothing(client):
    impostor = await signed_in(client)
    r = await bind(client, impostor, "王五", ZHANG[1])
    assert r.status_code == 422, r.text
    assert r.json()["error"]["field"] == "name" and r.json()["error"]["code"] == "identity_mismatch"
    mine = await me(client, impostor)
    assert mine["verified"] is False and mine["identity"]["level"] == 1 and mine["id_number"] is None
    level_error(await client.get("/api/v1/payables", headers=impostor["headers"]), 3, 1)
    level_error(await apply_gjj005(client, impostor), 2, 1)
    assert not await AuditLog.filter(subject_id=impostor["user"]["id"], actor_role="system").exists()

    # The real 张建国 (level 3) sees his own fine and applies with his own records.
    real = await demo_citizen(client, 0)
    assert (await me(client, real))["identity"]["level"] == 3
    r = await client.get("/api/v1/payables", headers=real["headers"])
    assert r.status_code == 200, r.text
    assert any(p["kind"] == "traffic_fine" for p in r.json()["items"]), r.json()
    r = await apply_gjj005(client, real)
    assert r.status_code == 201, r.text
    assert not await InboxMessage.filter(user_id=impostor["user"]["id"]).exists()


# ---------------------------------------------------------------- the population database and its 二要素 protocol

async def test_the_population_database_holds_hundreds_of_valid_distinct_people(client):
    r = await client.get("/sandbox/shared/population", params={"limit": 1000})
    assert r.status_code == 200
    people = r.json()
    demo = {p["id_number"] for p in (await client.get("/sandbox/shared/people")).json()}
    numbers = [p["id_number"] for p in people]
    assert len(people) >= 500 and len(set(numbers)) == len(numbers) and not set(numbers) & demo
    assert all(id_number_problem(n) is None and name_problem(p["name"]) is None for n, p in zip(numbers, people))
    assert sum("housing_fund" in p["datasets"] for p in people) >= 100
    again = (await client.get("/sandbox/shared/population", params={"offset": 10, "limit": 5})).json()
    assert again == people[10:15]  # deterministic: the same people in the same order


async def test_the_verify_request_is_signed_both_ways_and_answers_from_the_population_records(client, app):
    platform = shared_data_for(app)
    person = await resident(client)
    assert await platform.verify_identity(person["name"], person["id_number"], "测试") == "match"
    assert await platform.verify_identity("王五", person["id_number"], "测试") == "mismatch"
    assert await platform.verify_identity("王五", id_number(), "测试") == "unknown"
    assert await platform.verify_identity(*DECEASED, "测试") == "cancelled"
    app_id, secret = credentials(app.ctx.settings)
    body = dumps({"purpose": "测试", "name": person["name"], "id_number": person["id_number"]})
    signed = {"Content-Type": "application/json", "X-Zb-App-Id": app_id,
              **signed_headers(secret, "POST", VERIFY, body)}
    r = await client.post(VERIFY, content=body, headers=signed)
    assert r.status_code == 200 and r.json()["data"]["result"] == "match"
    assert valid(secret, "200", VERIFY, r.headers, r.content)
    r = await client.post(VERIFY, content=body, headers=signed)  # the same nonce again
    assert r.status_code == 401 and "重放" in r.json()["message"]
    r = await client.post(VERIFY, content=body, headers={**signed_headers("wrong", "POST", VERIFY, body),
                                                         "X-Zb-App-Id": app_id})
    assert r.status_code == 401
    bad = dumps({"purpose": "测试", "name": "", "id_number": person["id_number"]})
    r = await client.post(VERIFY, content=bad, headers={"X-Zb-App-Id": app_id,
                                                        **signed_headers(secret, "POST", VERIFY, bad)})
    assert r.status_code == 400


async def test_an_unsigned_or_forged_answer_is_refused(client, app, monkeypatch):
    platform = shared_data_for(app)
    person = await resident(client)
    real = platform.http.exchange

    async def forged(method, url, **kw):
        resp = await real(method, url, **kw)
        return httpx.Response(resp.status_code, headers=resp.headers,
                              content=resp.content.replace(b'"mismatch"', b'"match"'))

    monkeypatch.setattr(platform.http, "exchange", forged)
    with pytest.raises(ProviderError):
        await platform.verify_identity("王五", person["id_number"], "测试")


# ---------------------------------------------------------------- level 2: 二要素核验

async def test_a_matching_name_and_number_is_level_2_and_a_face_pass_level_3(client):
    who, person = await signed_in(client), await resident(client)
    assert (await me(client, who))["identity"] == {"level": 1, "taken": False}
    r = await bind(client, who, person["name"], person["id_number"])
    assert r.status_code == 200, r.text
    assert r.json()["verified"] is True and r.json()["identity"] == {"level": 2, "taken": False}
    assert person["id_number"] not in r.text
    await face_pass(client, who)
    assert (await me(client, who))["identity"] == {"level": 3, "taken": False}
    r = await client.get("/api/v1/me/access-log", headers=who["headers"])
    assert r.status_code == 200
    purposes = [row["purpose"] for row in r.json()["items"]]
    assert any("二要素" in p for p in purposes) and any("刷脸" in p for p in purposes), purposes


async def test_a_number_the_population_database_does_not_hold_is_422_on_id_number(client):
    who = await signed_in(client)
    r = await bind(client, who, "李四", id_number())  # valid GB 11643, but nobody's
    assert r.status_code == 422 and r.json()["error"]["field"] == "id_number", r.text
    assert r.json()["error"]["code"] == "identity_unknown"
    r = await bind(client, who, *DECEASED)  # the population database knows him, as deceased
    assert r.status_code == 422 and r.json()["error"]["field"] == "id_number", r.text
    assert (await me(client, who))["identity"]["level"] == 1


async def test_mismatches_are_rate_limited_per_account(client):
    who, person = await signed_in(client), await resident(client)
    others = [await resident(client) for _ in range(5)]
    for other in others:  # a different number each time: only the account's own budget counts them all
        r = await bind(client, who, person["name"], other["id_number"])
        assert r.status_code == 422, r.text
    r = await bind(client, who, person["name"], person["id_number"])
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited", r.text
    assert int(r.headers["retry-after"]) > 0
    assert (await me(client, who))["identity"]["level"] == 1


async def test_mismatches_are_rate_limited_per_id_number(client):
    person = await resident(client)
    for _ in range(5):
        r = await bind(client, await signed_in(client), "王五", person["id_number"])
        assert r.status_code == 422 and r.json()["error"]["field"] == "name", r.text
    r = await bind(client, await signed_in(client), person["name"], person["id_number"])
    assert r.status_code == 429, r.text
    other = await resident(client)  # another number is not held back
    r = await bind(client, await signed_in(client), other["name"], other["id_number"])
    assert r.status_code == 200, r.text


async def test_a_mismatch_is_audited_for_the_account_and_for_the_person_whose_number_it_was(client):
    holder = await citizen(client, level=3)
    attacker = await signed_in(client)
    r = await bind(client, attacker, "王五", holder["id_number"])
    assert r.status_code == 422
    tried = await AuditLog.filter(subject_id=attacker["user"]["id"], actor_id=attacker["user"]["id"]).order_by("-id").first()
    assert tried is not None and "不一致" in tried.purpose and tried.fields_read == ["id_number", "name"]
    log = (await client.get("/api/v1/me/access-log", headers=holder["headers"])).json()["items"]
    assert "不一致" in log[0]["purpose"] and log[0]["actor_role"] == "citizen", log[0]


# ---------------------------------------------------------------- the routes' levels

async def test_routes_below_their_level_answer_403_with_the_level_needed(client):
    anonymous = await client.get("/api/v1/payables")
    assert anonymous.status_code == 401
    one = await signed_in(client)
    level_error(await client.post("/api/v1/face/sessions", headers=one["headers"]), 2, 1)
    level_error(await client.get("/api/v1/me/identity", headers=one["headers"]), 2, 1)
    two = await citizen(client)
    level_error(await client.get("/api/v1/payables", headers=two["headers"]), 3, 2)
    level_error(await client.get("/api/v1/me/access-log", headers=two["headers"]), 3, 2)
    level_error(await apply_gjj005(client, two), 3, 2)
    assert not await AuditLog.filter(subject_id=two["user"]["id"], actor_role="system").exists()  # no shared read
    clerk = await staff_of(client, "gjj")  # levels are a citizen's: staff read their own access log
    assert (await client.get("/api/v1/me/access-log", headers=clerk["headers"])).status_code == 200


def test_each_routes_level_is_recorded_for_the_openapi_document(app):
    levels = {}
    for route in app.router.routes:
        handler = route.handler
        levels[(next(iter(route.methods)), route.path)] = getattr(handler, "__zb_level__", "unset")
    assert levels[("GET", "api/v1/payables")] == 3
    assert levels[("GET", "api/v1/me/access-log")] == 3
    assert levels[("POST", "api/v1/applications")] == 2
    assert levels[("POST", "api/v1/face/sessions")] == 2
    assert levels[("PUT", "api/v1/me/identity")] is None


# ---------------------------------------------------------------- one level-3 account per ID number

async def drain(app) -> None:
    for _ in range(50):
        if not await notifications.dispatch_batch(app.ctx):
            return


async def test_a_second_account_is_level_2_at_most_until_it_takes_the_identity_back_by_face(client, app):
    first = await citizen(client, level=3)
    second = await signed_in(client)
    r = await bind(client, second, first["name"], first["id_number"])
    assert r.status_code == 200, r.text
    assert r.json()["identity"] == {"level": 2, "taken": True}
    level_error(await client.get("/api/v1/payables", headers=second["headers"]), 3, 2, 409, "identity_taken")
    level_error(await apply_gjj005(client, second), 3, 2, 409, "identity_taken")
    assert (await me(client, first))["identity"] == {"level": 3, "taken": False}

    await face_pass(client, second)  # the person, on their new phone
    assert (await me(client, second))["identity"] == {"level": 3, "taken": False}
    former = await me(client, first)
    assert former["identity"]["level"] == 1 and former["verified"] is False and former["id_number"] is None
    level_error(await client.get("/api/v1/payables", headers=first["headers"]), 3, 1)
    assert (await client.get("/api/v1/payables", headers=second["headers"])).status_code == 200

    await drain(app)
    inbox = (await client.get("/api/v1/me/notifications", headers=first["headers"])).json()["items"]
    told = [m for m in inbox if m["kind"] == "identity.reclaimed"]
    assert len(told) == 1 and first["id_number"][-4:] in told[0]["body"], inbox

    log = (await client.get("/api/v1/me/access-log", headers=second["headers"])).json()["items"]
    purposes = " ".join(row["purpose"] for row in log)
    assert "转入本账号" in purposes and "原账号" in purposes, purposes
    assert await AuditLog.filter(subject_id=first["user"]["id"], purpose__contains="解除").exists()
    held = await User.filter(holder_bidx__not_isnull=True, id__in=[first["user"]["id"], second["user"]["id"]])
    assert [u.id for u in held] == [second["user"]["id"]]

    # The former account may bind the identity again, at level 2, and take it back the same way.
    r = await bind(client, first, first["name"], first["id_number"])
    assert r.status_code == 200 and r.json()["identity"] == {"level": 2, "taken": True}, r.text


async def test_a_face_pass_for_another_name_does_not_raise_the_level(client, app):
    who = await citizen(client)
    r = await client.post("/api/v1/face/sessions", headers=who["headers"])
    assert r.status_code == 201
    verify_id = r.json()["verify_id"]
    await client.post(f"/sandbox/wechat/face/{verify_id}/complete", json={"verify_ret": 90100})  # not the person
    r = await client.post(f"/api/v1/face/sessions/{verify_id}/result", headers=who["headers"])
    assert r.status_code == 200 and r.json()["passed"] is False
    assert (await me(client, who))["identity"]["level"] == 2


# ---------------------------------------------------------------- the migration of existing bindings

def _migration_updates(dialect: str) -> list[str]:
    """The backfill statements of the migration that added users.holder_bidx."""
    folder = ROOT / "migrations" / dialect / "models"
    path = next(p for p in sorted(folder.glob("*.py")) if "holder_bidx" in p.read_text("utf-8"))
    spec = importlib.util.spec_from_file_location("zb_levels_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [s.strip() for s in module.__dict__["_BACKFILL"].split(";") if s.strip()]


async def test_the_migration_makes_existing_bindings_level_2_and_face_passes_level_3(client, settings, app):
    from datetime import timedelta

    from app.services.identity.identity import level_of
    from app.services.platform import workdays

    vault, now = app.ctx.vault, workdays.utcnow()
    people = [await resident(client) for _ in range(3)]

    async def old_row(person, face_at):
        # A row as the old binding wrote it: no population check, no holder.
        code = await wechat_code(client)
        number = person["id_number"]
        return await User.create(openid=code["openid"], name=person["name"],
                                 id_number_enc=vault.encrypt("id_number", number),
                                 id_number_bidx=vault.blind_index("id_number", number),
                                 id_number_masked=number[:4] + "*" * 10 + number[-4:], verified_at=now,
                                 face_verified_at=face_at)

    bound = await old_row(people[0], None)
    faced = await old_row(people[1], now - timedelta(days=3))
    twice_old = await old_row(people[2], now - timedelta(days=9))
    twice_new = await old_row(people[2], now - timedelta(days=1))
    unbound = await User.create(openid=(await wechat_code(client))["openid"])
    conn = connections.get("default")
    for statement in _migration_updates(settings.dialect):
        await conn.execute_script(statement)
    levels = {}
    for row in (bound, faced, twice_old, twice_new, unbound):
        await row.refresh_from_db()
        levels[row.id] = level_of(row)
    assert [levels[r.id] for r in (bound, faced, twice_old, twice_new, unbound)] == [2, 3, 2, 3, 1]
