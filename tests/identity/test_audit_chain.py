"""The tamper-evident audit log: rows written through HTTP are chained by the sealer, `python -m app audit verify`
passes, and a row altered, deleted or inserted directly in the database is named by verify (as is a tail cut
behind a signed checkpoint)."""
import hashlib
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from app.services.identity import audit_chain
from models import AuditCheckpoint, AuditLog
from tests.conftest import ROOT, _env
from tests.factories import citizen


def audit(settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "audit", *args], cwd=ROOT, env=_env(settings),
                          capture_output=True, text=True, timeout=120)


def broken(settings, *expected: str) -> str:
    r = audit(settings, "verify")
    assert r.returncode == 1, r.stdout + r.stderr
    for text in expected:
        assert text in r.stdout, r.stdout
    return r.stdout


def intact(settings) -> str:
    r = audit(settings, "verify")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "audit chain verified" in r.stdout
    return r.stdout


async def restore(row: AuditLog) -> None:
    """Put a deleted row back as it was, id included."""
    await AuditLog.create(**{name: getattr(row, name) for name in AuditLog._meta.fields_db_projection})


async def reads(client, n: int = 4) -> list[AuditLog]:
    """n audited reads of a new citizen's profile, through HTTP."""
    who = await citizen(client)
    for _ in range(n):
        assert (await client.get("/api/v1/me/", headers=who["headers"])).status_code == 200
    return await AuditLog.filter(subject_id=who["user"]["id"]).order_by("id")


async def test_the_sealer_chains_rows_and_verify_names_an_altered_deleted_or_inserted_row(client, settings):
    rows = await reads(client)
    assert all(r.seq is None for r in rows)  # writers do not chain: the sealer does
    r = audit(settings, "seal", "--grace", "0")
    assert r.returncode == 0, r.stderr
    rows = await AuditLog.filter(id__in=[x.id for x in rows]).order_by("id")
    assert all(x.seq and len(x.row_hash) == 64 for x in rows)
    assert [x.seq for x in rows] == list(range(rows[0].seq, rows[0].seq + len(rows)))
    assert rows[1].prev_hash == rows[0].row_hash
    intact(settings)
    victim, before, after = rows[1], rows[0], rows[2]

    # altered: one field changed in place
    await AuditLog.filter(id=victim.id).update(purpose="查看本人资料（已篡改）")
    broken(settings, "altered", f"row id {victim.id}")
    # ... even with its content hash recomputed: the row hash is keyed
    changed = (await AuditLog.filter(id=victim.id).values(*audit_chain.CONTENT))[0]
    await AuditLog.filter(id=victim.id).update(content_hash=audit_chain.content_hash(changed))
    broken(settings, f"row id {victim.id}")
    await AuditLog.filter(id=victim.id).update(purpose=victim.purpose, content_hash=victim.content_hash)
    intact(settings)

    # deleted: a row in the middle
    await AuditLog.filter(id=victim.id).delete()
    broken(settings, "deleted", f"seq {victim.seq}", f"row id {before.id}", f"row id {after.id}")
    await restore(victim)
    intact(settings)

    # inserted: a sealed-looking row appended with a hash made without the key
    head = await AuditLog.filter(seq__isnull=False).order_by("-seq").first()
    forged = AuditLog(actor_role="admin", subject_id=victim.subject_id, fields_read=["id_number"], purpose="伪造记录",
                      created_at=datetime.now(timezone.utc))
    await forged.save()
    content = audit_chain.content_hash((await AuditLog.filter(id=forged.id).values(*audit_chain.CONTENT))[0])
    await AuditLog.filter(id=forged.id).update(
        seq=head.seq + 1, prev_hash=head.row_hash, content_hash=content,
        row_hash=hashlib.sha256(f"{head.seq + 1}:{head.row_hash}:{content}".encode()).hexdigest())
    broken(settings, "inserted", f"row id {forged.id}")
    await AuditLog.filter(id=forged.id).delete()
    intact(settings)

    # inserted: an unsealed row dated into the past, behind the chain's head
    backdated = await AuditLog.create(actor_role="admin", subject_id=victim.subject_id, fields_read=["phone"],
                                      purpose="补录", created_at=head.created_at - timedelta(hours=1))
    assert await audit_chain.seal(settings, grace=0) == 0  # the sealer leaves it out of the chain
    broken(settings, "inserted", f"row id {backdated.id}")
    await AuditLog.filter(id=backdated.id).delete()
    intact(settings)


async def test_signed_checkpoints_catch_a_cut_tail_and_a_forged_checkpoint(client, settings):
    await reads(client, 2)
    assert audit(settings, "seal", "--grace", "0").returncode == 0
    r = audit(settings, "checkpoint")
    assert r.returncode == 0 and "checkpoint" in r.stdout, r.stderr
    cp = await AuditCheckpoint.all().order_by("-id").first()
    head = await AuditLog.filter(seq__isnull=False).order_by("-seq").first()
    assert cp.seq == head.seq and cp.row_hash == head.row_hash
    assert audit_chain.checkpoint_valid(cp, audit_chain.audit_key(settings).public_raw)
    assert "checkpoints" in intact(settings)

    await AuditLog.filter(id=head.id).delete()  # the tail: no gap left in the chain, but the checkpoint knows
    broken(settings, "deleted", f"seq {cp.seq}")
    await restore(head)
    intact(settings)

    await AuditCheckpoint.filter(id=cp.id).update(seq=cp.seq - 1)
    broken(settings, "checkpoint", "signature invalid")
    await AuditCheckpoint.filter(id=cp.id).update(seq=cp.seq)
    intact(settings)


async def test_daily_checkpoints_are_signed_once_per_finished_day(client, settings):
    await reads(client, 1)
    await audit_chain.seal(settings, grace=0)
    later = datetime.now(timezone.utc) + timedelta(days=2)
    labels = await audit_chain.checkpoint_days(settings, now=later)
    today = datetime.now(audit_chain.CST).date()
    assert f"day:{today.isoformat()}" in labels
    assert await audit_chain.checkpoint_days(settings, now=later) == []  # once
    for cp in await AuditCheckpoint.filter(label__in=labels):
        assert audit_chain.checkpoint_valid(cp, audit_chain.audit_key(settings).public_raw)
    intact(settings)
