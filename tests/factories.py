"""Plain async helpers that make what tests need through the HTTP API, the way a client would."""
from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import httpx

from app.validators import credit_check_char, id_check_char


def id_number(region: str = "330402", born: date | None = None, male: bool | None = None) -> str:
    """A valid (GB 11643 checksum, real date) but random citizen ID number."""
    born = born or date(1960, 1, 1) + timedelta(days=random.randrange(0, 365 * 45))
    seq = random.randrange(0, 999)
    if male is not None and (seq % 2 == 1) != male:
        seq = (seq + 1) % 999
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def credit_code() -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "91" + "330402" + "".join(random.choice(chars) for _ in range(9))
    return first17 + credit_check_char(first17)


def phone() -> str:
    return f"13{random.randrange(0, 10)}{random.randrange(0, 10**8):08d}"


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def wechat_code(client: httpx.AsyncClient, openid: str | None = None) -> dict:
    r = await client.post("/sandbox/wechat/codes", json={"openid": openid} if openid else {})
    assert r.status_code == 200, r.text
    return r.json()


_residents: list[dict] = []
_next_resident = itertools.count()


async def resident(client: httpx.AsyncClient) -> dict:
    """A synthetic resident of the sandbox population database ({"name", "id_number", "datasets"}) that no
    earlier call in this test session handed out: each test citizen is a person of its own."""
    if not _residents:
        r = await client.get("/sandbox/shared/population", params={"limit": 1000})
        assert r.status_code == 200, r.text
        _residents.extend(r.json())
    return _residents[next(_next_resident) % len(_residents)]


async def face_pass(client: httpx.AsyncClient, who: dict) -> dict:
    """`who` passes a face verification for their bound identity (the sandbox plays the phone's scan), which
    makes the account level 3 (taking the identity over from another account if one held it). Returns GET /me."""
    r = await client.post("/api/v1/face/sessions", headers=who["headers"])
    assert r.status_code == 201, r.text
    verify_id = r.json()["verify_id"]
    r = await client.post(f"/sandbox/wechat/face/{verify_id}/complete", json={"verify_ret": 10000})
    assert r.status_code == 200, r.text
    r = await client.post(f"/api/v1/face/sessions/{verify_id}/result", headers=who["headers"])
    assert r.status_code == 200 and r.json()["passed"], r.text
    r = await client.get("/api/v1/me", headers=who["headers"])
    assert r.status_code == 200 and r.json()["identity"]["level"] == 3, r.text
    who["user"] = r.json()
    return who["user"]


async def citizen(client: httpx.AsyncClient, bind: bool = True, level: int = 2) -> dict:
    """A signed-in citizen (a new WeChat user). Unless bind=False, real-name bound (二要素, level 2) to a resident
    of the population database of its own; level=3 adds a face pass.
    Returns {"token", "user", "openid", "id_number", "name", "phone", "headers"}."""
    code = await wechat_code(client)
    r = await client.post("/api/v1/auth/wechat", json={"code": code["code"]})
    assert r.status_code == 200, r.text
    out = {"token": r.json()["token"], "user": r.json()["user"], "openid": code["openid"]}
    out["headers"] = auth(out["token"])
    if bind:
        person = await resident(client)
        out["id_number"], out["name"], out["phone"] = person["id_number"], person["name"], phone()
        r = await client.put("/api/v1/me/identity", headers=out["headers"],
                             json={"name": out["name"], "id_number": out["id_number"], "phone": out["phone"]})
        assert r.status_code == 200, r.text
        out["user"] = r.json()
        if level >= 3:
            await face_pass(client, out)
    return out


async def staff(client: httpx.AsyncClient, userid: str) -> dict:
    r = await client.post("/sandbox/dingtalk/codes", json={"userid": userid})
    assert r.status_code == 200, r.text
    r = await client.post("/api/v1/auth/dingtalk", json={"code": r.json()["code"]})
    assert r.status_code == 200, r.text
    return {"token": r.json()["token"], "user": r.json()["user"], "headers": auth(r.json()["token"])}


async def directory(client: httpx.AsyncClient) -> list[dict]:
    r = await client.get("/sandbox/dingtalk/users")
    assert r.status_code == 200
    return r.json()


async def admin(client: httpx.AsyncClient) -> dict:
    member = next(m for m in await directory(client) if "admin" in m["roles"])
    return await staff(client, member["userid"])


PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


async def upload(client: httpx.AsyncClient, who: dict, name: str = "photo.png", data: bytes = PNG_1PX) -> str:
    r = await client.post("/api/v1/uploads", headers=who["headers"], files={"file": (name, data, "image/png")})
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def demo_person(client: httpx.AsyncClient, index: int = 0) -> dict:
    """A demo citizen whose records the shared-data sandbox holds."""
    r = await client.get("/sandbox/shared/people")
    assert r.status_code == 200, r.text
    people = r.json()
    return people[index % len(people)]


async def demo_citizen(client: httpx.AsyncClient, index: int = 0) -> dict:
    """A signed-in citizen at level 3 for a demo person's identity (so shared materials and fines are found).
    A new account each call: its face pass takes the identity over from the account an earlier call made."""
    person = await demo_person(client, index)
    c = await citizen(client, bind=False)
    r = await client.put("/api/v1/me/identity", headers=c["headers"],
                         json={"name": person["name"], "id_number": person["id_number"], "phone": phone()})
    assert r.status_code == 200, r.text
    c.update(user=r.json(), id_number=person["id_number"], name=person["name"])
    await face_pass(client, c)
    return c


async def staff_of(client: httpx.AsyncClient, department: str, role: str = "staff") -> dict:
    member = next(m for m in await directory(client) if m["department"] == department and role in m["roles"]
                  and "admin" not in m["roles"])
    return await staff(client, member["userid"])


async def window_clerk(client: httpx.AsyncClient) -> dict:
    member = next(m for m in await directory(client) if "window" in m["roles"])
    return await staff(client, member["userid"])


async def own_order(client: httpx.AsyncClient, amount_fen: int = 2000) -> dict:
    """A fresh citizen's own payable (not a scarce demo fine) and a WeChat Pay order for it, through HTTP."""
    import uuid

    from models import Department, Payable, User

    who = await citizen(client)
    payable = await Payable.create(
        payer=await User.get(id=who["user"]["id"]), kind="application_fee", ref=f"WORKER-{uuid.uuid4().hex[:12]}",
        description="后台任务测试费用", items=[{"item": "测试费", "code": "103040000", "amount_fen": amount_fen}],
        amount_fen=amount_fen, department=await Department.get(code="jiaojing"), fee_item_code="103040000")
    r = await client.post("/api/v1/payments", headers=who["headers"], json={"payable": payable.id})
    assert r.status_code == 201, r.text
    return {**r.json()["order"], "who": who}


async def chat_session(client: httpx.AsyncClient, who: dict) -> dict:
    """A new assistant conversation of `who`: {"session", "messages"}."""
    r = await client.post("/api/v1/chat/sessions", headers=who["headers"])
    assert r.status_code == 201, r.text
    return r.json()


async def say(client: httpx.AsyncClient, who: dict, session_id: int, text: str) -> dict:
    """Send `text` in a conversation: {"message", "replies", "session"}."""
    r = await client.post(f"/api/v1/chat/sessions/{session_id}/messages", headers=who["headers"], json={"text": text})
    assert r.status_code == 201, r.text
    return r.json()


# ---------------------------------------------------------------- appointments and kiosks


async def hall_by_code(client: httpx.AsyncClient, code: str = "nanhu") -> dict:
    r = await client.get("/api/v1/halls")
    assert r.status_code == 200, r.text
    return next(h for h in r.json()["items"] if h["code"] == code)


class Kiosk:
    """A registered kiosk that signs its requests the way the kiosk page does."""

    def __init__(self, client: httpx.AsyncClient, device_id: str, secret: str, hall_id: int):
        self.client, self.device_id, self.secret, self.hall_id = client, device_id, secret, hall_id

    def headers(self, method: str, path: str, body: bytes, ts: int | None = None, nonce: str | None = None) -> dict:
        import secrets
        import time

        from app.services.halls.kiosks import sign

        ts_s, nonce = str(ts if ts is not None else int(time.time())), nonce or secrets.token_hex(12)
        return {"X-Kiosk-Device": self.device_id, "X-Kiosk-Timestamp": ts_s, "X-Kiosk-Nonce": nonce,
                "X-Kiosk-Signature": sign(self.secret, method, path, ts_s, nonce, body),
                "Content-Type": "application/json"}

    async def post(self, path: str, data: dict, **kw) -> httpx.Response:
        import json

        body = json.dumps(data).encode()
        return await self.client.post(path, content=body, headers=self.headers("POST", path, body, **kw))


async def kiosk(client: httpx.AsyncClient, hall_code: str = "nanhu") -> Kiosk:
    """A kiosk registered by an admin and enrolled the way the kiosk page does it (its one-time code redeemed)."""
    import uuid

    hall = await hall_by_code(client, hall_code)
    boss = await admin(client)
    device_id = f"K-{uuid.uuid4().hex[:10]}"
    r = await client.post("/api/v1/admin/kiosks", headers=boss["headers"], json={"device_id": device_id,
                                                                                "hall": hall["id"]})
    assert r.status_code == 201, r.text
    r = await client.post("/api/v1/kiosk/enrol", json={"code": r.json()["enrolment"]["code"]})
    assert r.status_code == 200, r.text
    return Kiosk(client, device_id, r.json()["secret"], hall["id"])
