"""The demo history: made through the services at past moments, the same for the same seed, and what the
dashboard then shows for its period."""
from datetime import timedelta

from app.services.platform import workdays
from models import Application, ApplicationEvent, ApplicationStep
from scripts import seed_history
from tests.factories import admin


async def test_history_through_the_services_is_deterministic_and_on_the_dashboard(app, client):
    first = await seed_history.generate(app, months=1, per_day=1, seed=7)
    second = await seed_history.generate(app, months=1, per_day=1, seed=7)
    assert {k: v for k, v in first.items() if k != "fact_rows"} == \
           {k: v for k, v in second.items() if k != "fact_rows"}
    assert first["cases"] >= 8 and first["issued"] >= 1 and first["window"] >= 1
    today = workdays.local_date(workdays.utcnow())
    start = today - timedelta(days=30)
    assert first["from"] == start.isoformat()
    # the cases carry their simulated times, and the rules' traces: timeline, decisions by staff, promised dates
    history = await Application.filter(submitted_at__lt=workdays.day_start(today)).order_by("id")
    assert len(history) == 2 * first["cases"]
    some = history[-1]
    assert workdays.local_date(some.submitted_at) >= start
    events = await ApplicationEvent.filter(application_id=some.id).order_by("id")
    assert events[0].at == some.submitted_at and all(a.at <= b.at for a, b in zip(events, events[1:]))
    decided = await ApplicationStep.filter(application__submitted_at__lt=workdays.day_start(today),
                                           decided_by_id__isnull=False).count()
    assert decided >= first["cases"]
    boss = await admin(client)
    r = await client.get("/api/v1/dashboard", headers=boss["headers"], params={
        "scope": "all", "from": start.isoformat(), "to": (today - timedelta(days=1)).isoformat()})
    assert r.status_code == 200, r.text
    figures = r.json()
    assert figures["received"] == 2 * first["cases"]
    assert figures["finished"] >= 2 * (first["issued"]) and figures["on_time_rate"] is not None
    assert figures["counts"]["received_online"] + sum(1 for a in history if a.channel == "window") == \
        figures["received"]
