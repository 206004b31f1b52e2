"""Documents: the PDF font every document embeds (fonts), 电子印章 (seals), PAdES signatures and PDF/A (sign),
and the data signatures over records (datasig)."""
from __future__ import annotations

import asyncio

from app.services.documents import datasig, fonts, seals


async def prepare(settings) -> None:
    """At start (app and job worker): register the font, failing clearly when there is none; check the data
    signature setting; in embedded mode make every department's seal (and SM2 key) that does not exist yet."""
    fonts.configure(settings.cjk_font)
    if settings.data_signature not in datasig.ALGORITHMS:
        raise RuntimeError(f"ZB_DATA_SIGNATURE must be one of {', '.join(datasig.ALGORITHMS)}, "
                           f"not {settings.data_signature!r}")
    if settings.embedded:
        from models import Department

        departments = [(code, name) for code, name in await Department.all().values_list("code", "name")]
        await asyncio.to_thread(_make_all, settings, departments)


def _make_all(settings, departments: list[tuple[str, str]]) -> None:
    store = seals.store(settings)
    store.ensure_all(departments)
    for code, name in departments:
        datasig.department_key(store, settings.data_signature, code, name)
