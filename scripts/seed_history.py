"""A demo history for the 效能监管 dashboard: months of synthetic cases across departments, deterministic.

    python -m app seed-history --months 3 [--per-day 12] [--seed 2026]      (sandbox mode only)

Every case goes through the services, as in serving: citizens sign in through the WeChat sandbox and bind a
resident of the sandbox population (二要素), apply (applications.submit: on the phone, the web, or at the window
through 一窗受理 with the clerk's scans), are accepted, asked for 补正 and resubmit, are approved or denied
step by step by staff of each department (applications.decide), get their results issued, and rate them; bad
ratings are rectified by the department. The services run at past moments through the one clock they share
(workdays.simulate), so the rules (transitions, promised dates, working days, timelines) are applied as they
would have been; the access log keeps the real time of the reads. The same seed, months and per-day numbers on a
fresh database give the same cases. At the end the dashboard's daily facts of the period are rebuilt.
"""
from __future__ import annotations

import asyncio
import dataclasses
import random
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta, timezone

import httpx

from app.providers.storage import storage_for
from app.errors import AppError
from app.services.cases import applications, uploads, window
from app.services.cases.applications import MaterialIn
from app.services.engagement import ratings
from app.services.identity.identity import IdentityLevelRequired
from app.services.platform import workdays
from app.services.supervision import dashboard
from models import ApplicationStep, Rectification, Service, StepStatus, User

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
CHANNELS = (("mobile", 0.55), ("online", 0.2), ("window", 0.25))
SCORES = (5, 5, 5, 5, 4, 4, 4, 3, 2, 1)
CITIZENS = 40


@asynccontextmanager
async def running(app):
    """The app started through its ASGI lifespan (database, Redis, provider clients), without a server."""
    inbox: asyncio.Queue = asyncio.Queue()
    started, stopped = asyncio.Event(), asyncio.Event()
    failure: list[str] = []

    async def send(message: dict) -> None:
        kind = message["type"]
        if kind.startswith("lifespan.startup"):
            if kind.endswith("failed"):
                failure.append(message.get("message", "startup failed"))
            started.set()
        elif kind.startswith("lifespan.shutdown"):
            stopped.set()

    await inbox.put({"type": "lifespan.startup"})
    task = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, inbox.get, send))
    await started.wait()
    if failure:
        raise RuntimeError(failure[0])
    try:
        yield
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(stopped.wait(), 30)
        await task


class History:
    def __init__(self, app, client: httpx.AsyncClient, rng: random.Random):
        self.app, self.ctx, self.client, self.rng = app, app.ctx, client, rng
        self.storage = storage_for(app)
        self.refused: dict[str, int] = {}
        self.clerks: list[User] = []
        self.forms: dict[str, dict] = {}
        self.counts = {"cases": 0, "window": 0, "supplemented": 0, "denied": 0, "rejected": 0, "issued": 0,
                       "rated": 0, "rectified": 0, "open": 0, "skipped": 0}

    async def staff_user(self, userid: str) -> User:
        r = await self.client.post("/sandbox/dingtalk/codes", json={"userid": userid})
        r = await self.client.post("/api/v1/auth/dingtalk", json={"code": r.json()["code"]})
        r.raise_for_status()
        return await User.get(id=r.json()["user"]["id"]).prefetch_related("department")

    async def citizens(self, n: int) -> list[tuple[User, str]]:
        """n citizens bound to the last n of the first 1,000 residents of the sandbox population (the tests hand
        out the first ones); each with one scan to upload."""
        residents = (await self.client.get("/sandbox/shared/population", params={"limit": 1000})).json()
        out = []
        for i, person in enumerate(residents[-n:]):
            r = await self.client.post("/sandbox/wechat/codes", json={"openid": f"o-history-{i:04d}"})
            r = await self.client.post("/api/v1/auth/wechat", json={"code": r.json()["code"]})
            if r.status_code != 200:
                raise RuntimeError(f"sandbox sign-in refused: {r.text}")
            token = r.json()["token"]
            phone = f"139{i:08d}"
            r = await self.client.put("/api/v1/me/identity", headers={"Authorization": f"Bearer {token}"},
                                      json={"name": person["name"], "id_number": person["id_number"], "phone": phone})
            if r.status_code != 200:
                continue
            user = await User.get(id=r.json()["id"])
            scan = await uploads.store(self.storage, user, "scan.png", PNG)
            out.append((user, scan.id, person))
        return out

    def channel(self) -> str:
        x, acc = self.rng.random(), 0.0
        for name, p in CHANNELS:
            acc += p
            if x < acc:
                return name
        return "mobile"

    async def case(self, at: datetime, svc: Service, who, staff: dict, clerks: list[User], until: datetime) -> None:
        user, scan, person = who
        if svc.code not in self.forms:  # what applying takes in the default situation: the form, every paper
            view = await applications.preview(svc.code, None, {})
            self.forms[svc.code] = (_form(view["form"]), [m["name"] for m in view["materials"]],
                                    [m["name"] for m in view["materials"] if m["source"] == "citizen"])
        form, names, papers = self.forms[svc.code]
        channel = self.channel()
        clock = [at]
        with workdays.simulate(lambda: clock[0]):
            try:
                if channel != "window":
                    try:
                        case, _, _ = await applications.submit(
                            self.ctx, user, service=svc.code, bundle=None, form=form, answers={},
                            materials=[MaterialIn(n, scan) for n in names], consent=True, idempotency_key=None,
                            channel=channel)
                    except (applications.FaceRequired, IdentityLevelRequired):
                        channel = "window"  # as a citizen does: to the window with the ID card instead
                if channel == "window":
                    case = await self.at_window(svc, person, form, names, papers)
                    self.counts["window"] += 1
            except AppError as exc:
                # a case the rules refuse (e.g. no shared record of this resident and no paper for it)
                self.counts["skipped"] += 1
                self.refused[exc.code] = self.refused.get(exc.code, 0) + 1
                return
            self.counts["cases"] += 1
            await self.follow(case.acceptance_no, svc, user, staff, clerks, clock, until)

    async def at_window(self, svc: Service, person: dict, form: dict, names: list[str], papers: list[str]):
        """一窗受理: the clerk scans the citizen's papers (now and then one is missing: 补正) and lets the shared
        data bring the rest; when the platform lacks a record, the citizen's paper copy is scanned too."""
        clerk = self.rng.choice(self.clerks)
        missing = {n for n in papers if self.rng.random() < 0.06}
        for wanted in (papers, names):
            scans = [MaterialIn(n, (await uploads.store(self.storage, clerk, "scan.png", PNG)).id)
                     for n in wanted if n not in missing]
            try:
                case, _ = await window.accept(self.ctx, clerk, window.WalkIn(
                    id_number=person["id_number"], name=person["name"], phone=None, reason="现场申请",
                    service=svc.code, bundle=None, form=form, answers={}, materials=scans, consent=True), None)
                return case
            except applications.MaterialMissing:
                if wanted is names:
                    raise
        raise AssertionError("unreachable")

    async def follow(self, no: str, svc: Service, user: User, staff: dict, clerks: list[User], clock: list,
                     until: datetime) -> None:
        """Decide every open step in turn, a few working hours to a few days apart, until the case ends or the
        simulated moment passes the end of the history (the case stays open: today's backlog)."""
        rng = self.rng
        late = rng.random() < 0.1
        for _ in range(12):
            steps = await ApplicationStep.filter(application__acceptance_no=no).select_related("application")
            case = steps[0].application if steps else None
            if case is None or case.status in applications.FINAL or case.status in applications.FINISHED:
                break
            open_steps = [s for s in steps if s.status == StepStatus.OPEN]
            if case.status == applications.S.SUPPLEMENT:
                clock[0] += timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 300))
                if clock[0] > until:
                    self.counts["open"] += 1
                    return
                by = rng.choice(clerks) if case.channel == "window" else user
                scan = await uploads.store(self.storage, by, "scan.png", PNG)
                mats = [MaterialIn(n[:100], scan.id) for n in (case.supplement_items or ["补正材料"])]
                try:
                    if case.channel == "window":
                        await window.resubmit(self.ctx, by, no, mats, "补齐材料")
                    else:
                        await applications.resubmit(self.ctx, user, no, mats, "已补正")
                except AppError:
                    return
                continue
            if case.status == applications.S.APPROVED:
                clock[0] += timedelta(hours=rng.randint(2, 30))
                if clock[0] > until:
                    self.counts["open"] += 1
                    return
                lead = staff.get(case.lead_department_id)
                try:
                    await applications.staff_move(self.ctx, lead, no, "issued", "已出证")
                except AppError:
                    return  # a fee to pay first: left approved
                self.counts["issued"] += 1
                await self.rate(no, user, staff, clock, until)
                return
            if not open_steps:
                return
            step = open_steps[0]
            gap = (timedelta(minutes=rng.randint(5, 90)) if step.is_intake
                   else timedelta(days=rng.randint(0, max(1, case.promised_days // 2)), hours=rng.randint(1, 6)))
            if late and not step.is_intake:
                gap += timedelta(days=case.promised_days + rng.randint(1, 4))
            clock[0] += gap
            if clock[0] > until:
                self.counts["open"] += 1
                return
            who = rng.choice(clerks) if step.is_intake else staff.get(step.department_id)
            x = rng.random()
            if step.is_intake and x < 0.03:
                decision, comment, items = "deny", "不属于本事项受理范围", None
                self.counts["rejected"] += 1
            elif x < 0.09 and case.status != applications.S.SUPPLEMENT and not case.supplement_items:
                decision, comment, items = "supplement", "请补正材料", ["身份证明复印件不清晰"]
                self.counts["supplemented"] += 1
            elif not step.is_intake and x > 0.97:
                decision, comment, items = "deny", "不符合办理条件", None
                self.counts["denied"] += 1
            else:
                decision, comment, items = "approve", None, None
            try:
                await applications.decide(self.ctx, who, step.id, decision, comment, items)
            except AppError:
                return

    async def rate(self, no: str, user: User, staff: dict, clock: list, until: datetime) -> None:
        if self.rng.random() > 0.6:
            return
        clock[0] += timedelta(hours=self.rng.randint(1, 48))
        if clock[0] > until:
            return
        score = self.rng.choice(SCORES)
        try:
            r = await ratings.rate(self.ctx.settings, user, "application", no, score, [], None)
        except AppError:
            return
        self.counts["rated"] += 1
        if score <= ratings.BAD and self.rng.random() < 0.85:
            clock[0] += timedelta(days=self.rng.randint(1, 5))
            if clock[0] > until:
                return
            x = await Rectification.get(rating_id=r.id)
            await ratings.close_rectification(staff[x.department_id], x.id, "已回访申请人并整改到位")
            self.counts["rectified"] += 1


def _form(fields: list[dict]) -> dict:
    """A filled application form: the first option of a choice, a plausible text otherwise."""
    out = {}
    for f in fields:
        if f.get("type") == "select" and f.get("options"):
            out[f["key"]] = f["options"][0]["value"]
        elif f.get("type") == "number":
            out[f["key"]] = 1
        elif f.get("type") == "date":
            out[f["key"]] = "2026-01-05"
        elif f.get("type") == "phone":
            out[f["key"]] = "13900000000"
        else:
            out[f["key"]] = ("示例" + f["label"])[: f.get("max_length", 200)]
    return out


def _moment(d: date, rng: random.Random) -> datetime:
    local = datetime.combine(d, time(9, 0), tzinfo=workdays.CN) + timedelta(minutes=rng.randint(0, 7 * 60))
    return local.astimezone(timezone.utc)


async def generate(app, months: int, per_day: int, seed: int) -> dict:
    rng = random.Random(seed)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://history") as client:
        h = History(app, client, rng)
        directory = (await client.get("/sandbox/dingtalk/users")).json()
        staff: dict[int, User] = {}
        clerks: list[User] = []
        for m in directory:
            if "admin" in m["roles"]:
                continue
            u = await h.staff_user(m["userid"])
            if "window" in m["roles"]:
                clerks.append(u)
            staff.setdefault(u.department_id, u)
        h.clerks = clerks
        citizens = await h.citizens(CITIZENS)
        services = [s for s in await Service.filter(active=True).order_by("code") if s.department_id in staff]
        now = workdays.utcnow()
        today = workdays.local_date(now)
        start = today - timedelta(days=30 * months)
        d = start
        while d < today:
            if workdays.is_workday(d):
                for _ in range(rng.randint(max(1, per_day // 2), per_day + per_day // 2)):
                    await h.case(_moment(d, rng), rng.choice(services), rng.choice(citizens), staff, clerks, now)
            d += timedelta(days=1)
        facts = await dashboard.refresh_recent((today - start).days + 1, today)
        return h.counts | {"refused": h.refused, "from": start.isoformat(), "to": today.isoformat(), "fact_rows": sum(facts.values())}


async def main(settings, months: int, per_day: int, seed: int) -> dict:
    from app import create_app

    if not settings.sandbox_on:
        raise SystemExit("seed-history makes demo cases with the sandbox providers: sandbox mode only")
    # no job worker (the history's notifications wait for the app's own), and its 40 sign-ins are not an attack
    app = create_app(dataclasses.replace(settings, run_jobs=False, auth_rate_limit=100000), name="zhangban_history")
    app.ctx.provider_transport = httpx.ASGITransport(app=app)  # the providers talk to the in-process sandboxes
    async with running(app):
        return await generate(app, months, per_day, seed)
