"""The tamper-evident audit chain: a sealer that hash-chains the audit log, daily signed checkpoints, and verify.

Writers stay as fast as before: an audit row is inserted with its chain columns empty (seq, content_hash,
prev_hash, row_hash are NULL), in whatever statement the caller already runs (the acceptance number's upsert
writes its audit rows in the same statement, counters.next_number). Chaining happens afterwards, in one
serialized step, the sealer (`seal`, the "audit.seal" job every minute; `python -m app audit seal`):

- it takes a lock (PostgreSQL: a transaction-scoped advisory lock; SQLite: the database's single writer), reads
  the chain's head and the unsealed rows older than GRACE seconds in id order, and gives each the next `seq`,
  `content_hash` = SHA-256 of the row's canonical content, `prev_hash` = the previous row's row_hash and
  `row_hash` = HMAC-SHA256(chain key, "{seq}:{prev_hash}:{content_hash}");
- the grace period lets concurrent inserts commit first: ids come from a sequence before commit, so a row with a
  smaller id can become visible after a larger one. An insert commits within milliseconds (one statement or a
  short transaction), so once every row older than GRACE is visible the head can safely move past them;
- an unsealed row older than the head by more than GRACE cannot be a late commit: it was written into the past
  behind the chain's back. The sealer leaves it out and `verify` names it as inserted.

The row hash is keyed (the chain key is derived from the audit key, which lives in the app's settings, not in
the database), so someone who can write to the database but has not the key can neither re-chain rows after
altering one nor forge a sealed row. Once a day (Beijing time) the sealer signs a checkpoint with the audit key
(Ed25519): {label, seq, row_hash}, so a verifier holding only the public key can check the heads, and deleting
the chain's tail or rewriting it with a stolen key before a checkpoint is caught.

`verify` walks the chain in seq order and names the first altered row (its content no longer matches its
content_hash), deleted row (a gap in seq, or a broken prev_hash link), inserted row (a row whose row_hash was
not made with the key, or an unsealed row behind the head), then checks every checkpoint against the chain.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.security import load_key
from models import AuditCheckpoint, AuditLog

AUDIT_KEY_ENV = "ZB_AUDIT_KEY"  # -> Settings.audit_key
KEY_FILE = "audit.key"
GRACE = 10.0  # seconds: an audit insert is committed well within this (see the module docstring)
BATCH = 1000  # rows sealed per transaction
GENESIS = "0" * 64
LOCK_ID = 0x7A62_6175_6469_74  # pg_advisory_xact_lock key of the sealer ("zbaudit")
CST = ZoneInfo("Asia/Shanghai")
CONTENT = ("id", "action", "actor_id", "actor_role", "subject_id", "subject_ref", "fields_read", "purpose",
           "created_at")


# ---------------------------------------------------------------- keys

@dataclass(frozen=True)
class AuditKey:
    private: Ed25519PrivateKey
    public_raw: bytes
    key_id: str
    chain_key: bytes  # HMAC key of the row hashes, derived from the seed


@lru_cache(maxsize=8)
def audit_key(settings) -> AuditKey:
    """The audit key of these settings: ZB_AUDIT_KEY (base64 of a 32-byte Ed25519 seed), or in embedded mode the
    key file audit.key in ZB_DATA_DIR. Production mode without it stops here (the sealer and verify need it)."""
    configured = getattr(settings, "audit_key", "") or ""
    if not configured and not settings.embedded:
        raise RuntimeError(f"production mode needs {AUDIT_KEY_ENV} set (base64 of a 32-byte Ed25519 seed)")
    seed = load_key(settings, configured, KEY_FILE)
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    chain_key = hmac.new(seed, b"zhangban audit chain v1", hashlib.sha256).digest()
    return AuditKey(private, raw, hashlib.sha256(raw).hexdigest()[:16], chain_key)


def canonical(obj: dict) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def _utc(value) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def content_hash(row: dict) -> str:
    """SHA-256 hex of a row's canonical content (every column but the chain's own)."""
    content = {k: row[k] for k in CONTENT}
    content["created_at"] = _utc(row["created_at"])
    if isinstance(content["fields_read"], str):  # a raw JSON column
        content["fields_read"] = json.loads(content["fields_read"])
    return hashlib.sha256(canonical(content)).hexdigest()


def row_hash(key: AuditKey, seq: int, prev: str, content: str) -> str:
    return hmac.new(key.chain_key, f"{seq}:{prev}:{content}".encode(), hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- the sealer

def _dialect() -> str:
    return connections.get("default").capabilities.dialect


async def _rows(query) -> list[dict]:
    return await query.values(*CONTENT, "seq", "content_hash", "prev_hash", "row_hash")


async def _head(tx) -> dict | None:
    rows = await _rows(AuditLog.filter(seq__isnull=False).using_db(tx).order_by("-seq").limit(1))
    return rows[0] if rows else None


async def _write(tx, sealed: list[tuple[int, int, str, str, str]]) -> None:
    """Set (id, seq, content_hash, prev_hash, row_hash) on each row, in one statement on PostgreSQL."""
    if _dialect() == "postgres":
        cols = list(zip(*sealed))
        await tx.execute_query(
            'UPDATE "audit_log" a SET "seq" = v.s, "content_hash" = v.c, "prev_hash" = v.p, "row_hash" = v.r '
            "FROM (SELECT unnest($1::bigint[]) AS i, unnest($2::bigint[]) AS s, unnest($3::text[]) AS c, "
            "unnest($4::text[]) AS p, unnest($5::text[]) AS r) v WHERE a.\"id\" = v.i", [list(c) for c in cols])
    else:
        await tx.execute_many('UPDATE "audit_log" SET "seq" = ?, "content_hash" = ?, "prev_hash" = ?, '
                              '"row_hash" = ? WHERE "id" = ?', [[s, c, p, r, i] for i, s, c, p, r in sealed])


async def _seal_batch(key: AuditKey, now: datetime, grace: float) -> int:
    async with in_transaction() as tx:
        if _dialect() == "postgres":
            await tx.execute_query("SELECT pg_advisory_xact_lock($1)", [LOCK_ID])
        head = await _head(tx)
        q = AuditLog.filter(seq__isnull=True, created_at__lt=now - timedelta(seconds=grace))
        if head is not None:  # older than the head by more than GRACE: not a late commit (see the docstring)
            q = q.filter(created_at__gte=_as_dt(head["created_at"]) - timedelta(seconds=GRACE))
        rows = await _rows(q.using_db(tx).order_by("id").limit(BATCH))
        if not rows:
            return 0
        seq, prev = (head["seq"], head["row_hash"]) if head else (0, GENESIS)
        sealed = []
        for r in rows:
            seq += 1
            c = content_hash(r)
            h = row_hash(key, seq, prev, c)
            sealed.append((r["id"], seq, c, prev, h))
            prev = h
        await _write(tx, sealed)
        return len(sealed)


def _as_dt(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


async def seal(settings, *, grace: float = GRACE, now: datetime | None = None) -> int:
    """Chain every audit row older than `grace` seconds that is not chained yet; returns how many were sealed.
    Safe to run from several processes at once (they take turns)."""
    key = audit_key(settings)
    now = now or datetime.now(timezone.utc)
    total = 0
    while True:
        try:
            n = await _seal_batch(key, now, grace)
        except IntegrityError:  # another sealer took the same seq (SQLite has no advisory lock): its turn
            return total
        total += n
        if n < BATCH:
            return total


# ---------------------------------------------------------------- checkpoints

def _payload(label: str, seq: int, head_hash: str, key_id: str) -> dict:
    return {"label": label, "seq": seq, "row_hash": head_hash, "key_id": key_id}


async def _sign(key: AuditKey, label: str, head: dict) -> AuditCheckpoint | None:
    payload = _payload(label, head["seq"], head["row_hash"], key.key_id)
    signature = base64.b64encode(key.private.sign(canonical(payload))).decode()
    try:
        return await AuditCheckpoint.create(label=label, seq=head["seq"], row_hash=head["row_hash"],
                                            key_id=key.key_id, signature=signature)
    except IntegrityError:  # another sealer signed it first
        return None


async def checkpoint_days(settings, *, now: datetime | None = None) -> list[str]:
    """Sign the daily checkpoint (the chain's head at the end of the Beijing day) of every finished day that has
    none yet; returns their labels."""
    key = audit_key(settings)
    now = now or datetime.now(timezone.utc)
    last = await AuditCheckpoint.filter(label__startswith="day:").order_by("-label").first()
    if last is not None:
        day = date.fromisoformat(last.label[4:]) + timedelta(days=1)
    else:
        first = await AuditLog.filter(seq__isnull=False).order_by("seq").first()
        if first is None:
            return []
        day = _as_dt(first.created_at).astimezone(CST).date()
    done = []
    while True:
        end = datetime.combine(day + timedelta(days=1), time(0), CST)
        if end > now - timedelta(seconds=2 * GRACE):  # the day's rows may not all be sealed yet
            return done
        heads = await _rows(AuditLog.filter(seq__isnull=False, created_at__lt=end).order_by("-seq").limit(1))
        if heads and await _sign(key, f"day:{day.isoformat()}", heads[0]):
            done.append(f"day:{day.isoformat()}")
        day += timedelta(days=1)


async def checkpoint_now(settings) -> AuditCheckpoint | None:
    """Sign a checkpoint at the chain's current head (an operator's, e.g. before a backup); None if empty."""
    heads = await _rows(AuditLog.filter(seq__isnull=False).order_by("-seq").limit(1))
    if not heads:
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    return await _sign(audit_key(settings), f"manual:{stamp}", heads[0])


def checkpoint_valid(cp: AuditCheckpoint, public_raw: bytes) -> bool:
    payload = _payload(cp.label, cp.seq, cp.row_hash, cp.key_id)
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(base64.b64decode(cp.signature, validate=True),
                                                              canonical(payload))
        return True
    except (InvalidSignature, ValueError, TypeError, binascii.Error):
        return False


# ---------------------------------------------------------------- verify

@dataclass
class Report:
    rows: int = 0
    head_seq: int = 0
    checkpoints: int = 0
    unsealed: int = 0
    problem: str | None = None  # the first one found
    row_id: int | None = None  # the row it names, when there is one
    kind: str | None = None  # altered | deleted | inserted | checkpoint
    more: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None

    def found(self, kind: str, problem: str, row_id: int | None = None) -> None:
        if self.problem is None:
            self.kind, self.problem, self.row_id = kind, problem, row_id
        else:
            self.more.append(problem)


def _check_row(key: AuditKey, r: dict, expected: int, prev: dict | None, report: Report) -> None:
    prev_id, prev_hash = (prev["id"], prev["row_hash"]) if prev else (None, GENESIS)
    if r["seq"] != expected:
        where = f"between row id {prev_id} and row id {r['id']}" if prev else f"before row id {r['id']}"
        span = f"seq {expected}" if r["seq"] == expected + 1 else f"seq {expected}..{r['seq'] - 1}"
        report.found("deleted", f"deleted: chain position {span} is missing ({where})", prev_id)
    elif content_hash(r) != r["content_hash"]:
        report.found("altered", f"altered: row id {r['id']} (seq {r['seq']}) no longer matches its content hash",
                     r["id"])
    elif row_hash(key, r["seq"], r["prev_hash"], r["content_hash"]) != r["row_hash"]:
        report.found("inserted", f"inserted or forged: row id {r['id']} (seq {r['seq']}) carries a row hash "
                     "not made with the audit key", r["id"])
    elif r["prev_hash"] != prev_hash:
        report.found("deleted", f"deleted: the row before row id {r['id']} (seq {r['seq']}) is not the one it was "
                     f"chained to (row id {prev_id} follows a removed or replaced row)", r["id"])


async def verify(settings, *, batch: int = 5000) -> Report:
    """Walk the chain in seq order and check every row, link and checkpoint; the report names the first
    altered, deleted or inserted row."""
    key = audit_key(settings)
    report = Report()
    prev, expected, last_seq = None, 1, 0
    while True:
        rows = await _rows(AuditLog.filter(seq__gt=last_seq).order_by("seq").limit(batch))
        for r in rows:
            _check_row(key, r, expected, prev, report)
            expected = r["seq"] + 1
            prev = r
            report.rows += 1
        if len(rows) < batch:
            break
        last_seq = rows[-1]["seq"]
    report.head_seq = prev["seq"] if prev else 0
    await _check_checkpoints(key, report)
    unsealed = await _rows(AuditLog.filter(seq__isnull=True).order_by("id"))
    report.unsealed = len(unsealed)
    if prev is not None:
        floor = _as_dt(prev["created_at"]) - timedelta(seconds=GRACE)
        for r in unsealed:
            if _as_dt(r["created_at"]) < floor:
                report.found("inserted", f"inserted: row id {r['id']} is dated {_utc(r['created_at'])}, behind the "
                             "chain's head, and outside the chain", r["id"])
    return report


async def _check_checkpoints(key: AuditKey, report: Report) -> None:
    for cp in await AuditCheckpoint.all().order_by("seq", "id"):
        report.checkpoints += 1
        if cp.key_id != key.key_id or not checkpoint_valid(cp, key.public_raw):
            report.found("checkpoint", f"checkpoint {cp.label}: signature invalid (key {cp.key_id})")
            continue
        if cp.seq > report.head_seq:
            report.found("deleted", f"deleted: checkpoint {cp.label} covers the chain up to seq {cp.seq}, "
                         f"but it ends at seq {report.head_seq}")
            continue
        at = await _rows(AuditLog.filter(seq=cp.seq))
        if at and at[0]["row_hash"] != cp.row_hash:
            report.found("altered", f"rewritten: the chain up to seq {cp.seq} (row id {at[0]['id']}) differs from "
                         f"checkpoint {cp.label}", at[0]["id"])
