import pytest

from tests.factories import citizen, demo_citizen, staff_of, upload, window_clerk


class Flow:
    """Drives cases through HTTP the way the mini-program and staff screens do."""

    def __init__(self, client):
        self.client = client

    async def guide(self, code: str) -> dict:
        return (await self.client.get(f"/api/v1/services/{code}")).json()

    async def apply(self, who: dict, code: str, upload_all: bool = True, key: str | None = None, **extra):
        """Submit `code`; with upload_all every material is uploaded by the citizen (no shared-data lookup)."""
        g = await self.guide(code)
        mats = []
        for m in g["materials"]:
            if upload_all or (m["source"] == "citizen" and m["required"]):
                mats.append({"name": m["name"], "upload_id": await upload(self.client, who)})
        body = {"service": code, "form": {}, "materials": mats, "consent": True, **extra}
        headers = dict(who["headers"], **({"Idempotency-Key": key} if key else {}))
        return await self.client.post("/api/v1/applications", headers=headers, json=body)

    async def case(self, who: dict, no: str) -> dict:
        r = await self.client.get(f"/api/v1/applications/{no}", headers=who["headers"])
        assert r.status_code == 200, r.text
        return r.json()

    async def open_step(self, who: dict, no: str, key: str) -> dict:
        c = await self.case(who, no)
        return next(s for s in c["steps"] if s["key"] == key)

    async def decide(self, staff: dict, step_id: int, decision: str = "approve", **extra):
        return await self.client.post(f"/api/v1/staff/tasks/{step_id}/decision", headers=staff["headers"],
                                      json={"decision": decision, **extra})

    async def accept(self, owner: dict, no: str) -> dict:
        clerk = await window_clerk(self.client)
        intake = next(s for s in (await self.case(owner, no))["steps"] if not s["after"])
        r = await self.decide(clerk, intake["id"])
        assert r.status_code == 200, r.text
        return r.json()

    async def approve_all(self, owner: dict, no: str) -> dict:
        """Approve every step as it opens, by staff of its department."""
        while True:
            c = await self.case(owner, no)
            open_steps = [s for s in c["steps"] if s["status"] == "open"]
            if not open_steps:
                return c
            for s in open_steps:
                who = await window_clerk(self.client) if not s["after"] else await staff_of(self.client, s["department"]["code"])
                r = await self.decide(who, s["id"])
                assert r.status_code == 200, r.text


@pytest.fixture
def flow(client):
    return Flow(client)


@pytest.fixture
async def person(client):
    return await demo_citizen(client)


@pytest.fixture
async def stranger(client):
    return await citizen(client)
