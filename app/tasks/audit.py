"""The audit chain's sealer and its daily signed checkpoint (docs/audit.md)."""
from __future__ import annotations

from app.services.identity import audit_chain
from app.tasks import job


@job("audit.seal")
async def seal(ctx: dict) -> dict:
    """Every minute: chain the audit rows written since the last run, and sign each finished day's checkpoint."""
    settings = ctx["app"].settings
    sealed = await audit_chain.seal(settings)
    return {"sealed": sealed, "checkpoints": await audit_chain.checkpoint_days(settings)}
