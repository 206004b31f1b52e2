"""The outbox does not grow for ever: delivered notifications and their events go after the retention period;
pending ones, dead letters and undispatched events stay, and a step's due flag is never sent twice."""
from datetime import UTC, datetime, timedelta

from app.services.notifications import notifications
from app.services.platform import outbox
from app.tasks import notifications as notification_jobs
from models import ApplicationStep, Delivery, DeliveryStatus, OutboxEvent
from tests.notifications.test_channels import SIMPLE

OLD = datetime.now(UTC) - timedelta(days=400)


async def _age(event_ids: list[int]) -> None:
    """Makes these events and their deliveries 400 days old (everything else in the test database is recent, so a
    365-day retention prunes only what this test made)."""
    await OutboxEvent.filter(id__in=event_ids, dispatched_at__isnull=False).update(created_at=OLD, dispatched_at=OLD)
    await OutboxEvent.filter(id__in=event_ids, dispatched_at__isnull=True).update(created_at=OLD)
    await Delivery.filter(event_id__in=event_ids).update(created_at=OLD)


async def test_delivered_ones_are_pruned_the_rest_stays_and_due_flags_are_not_sent_again(client, flow, notify,
                                                                                        person, app):
    r = await flow.apply(person, SIMPLE)
    assert r.status_code == 201, r.text
    no = r.json()["acceptance_no"]
    await flow.accept(person, no)
    step = await ApplicationStep.get(application__acceptance_no=no, key="review")
    await ApplicationStep.filter(id=step.id).update(due_at=datetime.now(UTC) - timedelta(hours=1))
    assert (await notifications.flag_due_steps())["overdue"] >= 1
    await notify.drain()
    flagged = await OutboxEvent.get(kind="staff.task_overdue", aggregate=f"step:{step.id}")
    delivered = await Delivery.filter(event_id=flagged.id)
    assert delivered and {d.status for d in delivered} <= {DeliveryStatus.SENT, DeliveryStatus.SKIPPED}
    assert (await ApplicationStep.get(id=step.id)).overdue_flagged_at is not None

    # a dead letter and a pending delivery (each with its event), and an event not dispatched yet
    dead = await outbox.emit("test.retention_dead", "test:retention", {})
    pending = await outbox.emit("test.retention_pending", "test:retention", {})
    waiting = await outbox.emit("test.retention_waiting", "test:retention", {})
    now = datetime.now(UTC)
    await OutboxEvent.filter(id__in=[dead.id, pending.id]).update(dispatched_at=now)
    for event, status in ((dead, DeliveryStatus.DEAD), (pending, DeliveryStatus.PENDING)):
        await Delivery.create(event_id=event.id, kind=event.kind, channel="wechat", recipient="user:0",
                              dedup_key=f"{event.id}:wechat:retention", status=status, next_attempt_at=now + timedelta(days=1))
    mine = [flagged.id, dead.id, pending.id, waiting.id]
    await _age(mine)

    # within the retention period nothing goes; past it, in batches smaller than the work, the delivered ones go
    assert await outbox.prune(401) == {"deliveries": 0, "events": 0}
    counts = await outbox.prune(365, batch=1)
    assert counts["events"] >= 1 and counts["deliveries"] >= len(delivered)
    assert not await OutboxEvent.exists(id=flagged.id)
    assert not await Delivery.exists(event_id=flagged.id)
    assert set(await OutboxEvent.filter(id__in=mine).values_list("id", flat=True)) == {dead.id, pending.id, waiting.id}
    assert {d.status for d in await Delivery.filter(event_id__in=mine)} == {DeliveryStatus.DEAD, DeliveryStatus.PENDING}
    assert await outbox.prune(365) == {"deliveries": 0, "events": 0}  # done: nothing more to find

    # the step remembers its flag: the job does not announce it again, though the outbox forgot
    assert (await notifications.flag_due_steps())["overdue"] == 0
    assert not await OutboxEvent.exists(kind="staff.task_overdue", aggregate=f"step:{step.id}")

    # the cron job reads the retention from the settings (the default 30 days keeps everything recent)
    assert await notification_jobs.prune({"app": app.ctx}) == {"deliveries": 0, "events": 0}
    await Delivery.filter(event_id__in=mine).delete()
    await OutboxEvent.filter(id__in=mine).delete()
