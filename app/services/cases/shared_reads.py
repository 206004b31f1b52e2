"""Shared data (一号申请): materials the government already holds are fetched from the 数据共享交换平台, not asked for.

A service's materials list is also its data-sharing authorization: a case may read a (dataset, licence_type)
only if its guide lists it as a shared material. Every read is written to the personal-data access log before
it is made, by the system, about the applicant, with the acceptance number as its purpose, so the citizen sees
it under 我的 → 访问记录. Before submitting, the citizen is shown (consent_for) which datasets will be read.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.catalog_schema import DATASETS
from app.errors import Forbidden, Invalid
from app.providers.shared_data import SharedData
from app.security import Vault
from app.services.identity import audit
from app.services.catalog.catalog import materials_for, resolve_answers
from app.services.identity.identity import LEVEL_FACE, require_level
from models import AuditLog, User, UserEnterprise

# 电子证照 issued to a legal person rather than to a natural person.
ENTERPRISE_LICENCES = {"营业执照", "食品经营许可证", "道路运输经营许可证"}
# Datasets that hold enterprises too: read about the enterprise when an enterprise's service is applied for one.
ENTERPRISE_DATASETS = {"tax", "social_insurance", "medical_insurance", "housing_fund", "real_estate", "vehicle"}


class DatasetNotAuthorized(Forbidden):
    code, message = "dataset_not_authorized", "该事项未获授权查询这项共享数据"


class EnterpriseRequired(Invalid):
    code, message = "enterprise_required", "请选择为哪家企业办理"


class NotEnterpriseAgent(Forbidden):
    code, message = "not_enterprise_agent", "您不是该企业的经办人，不能查询其共享数据"


def dataset_label(dataset: str | None) -> str | None:
    return DATASETS.get(dataset or "")


def authorized(guide: dict, dataset: str | None, licence_type: str | None) -> bool:
    """Does the guide list (dataset, licence_type) as a shared material?"""
    return bool(dataset) and any(
        m.get("source") == "shared" and m.get("dataset") == dataset and (m.get("licence_type") or None) == licence_type
        for m in guide.get("materials", []))


def _for_enterprise(guide: dict, dataset: str, licence_type: str | None, credit_code: str | None) -> bool:
    if dataset == "legal_person":
        return True
    if dataset == "licence":
        return licence_type in ENTERPRISE_LICENCES
    return bool(credit_code) and guide.get("audience") == "enterprise" and dataset in ENTERPRISE_DATASETS


async def _subject(vault: Vault, applicant: User, enterprise: bool, credit_code: str | None) -> dict:
    if not enterprise:
        return {"id_number": vault.decrypt("id_number", applicant.id_number_enc)}
    if not credit_code:
        raise EnterpriseRequired(field="enterprise_credit_code")
    credit_code = credit_code.strip().upper()
    if not await UserEnterprise.exists(user_id=applicant.id, enterprise__credit_code=credit_code):
        raise NotEnterpriseAgent(field="enterprise_credit_code")
    return {"credit_code": credit_code}


async def fetch_material(client: SharedData, guide: dict, material: dict, applicant: User, vault: Vault,
                         purpose: str, enterprise_credit_code: str | None = None) -> dict | None:
    """Fetch one shared material of a case (see fetch_materials)."""
    return (await fetch_materials(client, [(guide, material)], applicant, vault, purpose, enterprise_credit_code))[0]


@dataclass
class Reads:
    """Shared-data reads a case is authorized to make: the queries, and their access-log rows (unsaved, their
    purpose still to be set to the acceptance number they are made for)."""
    queries: list[tuple[str, dict, str | None]]  # (dataset, subject, licence_type)
    audit: list[AuditLog]


async def plan_reads(wanted: list[tuple[dict, dict]], applicant: User, vault: Vault,
                     enterprise_credit_code: str | None = None, clerk: User | None = None) -> Reads:
    """The reads of shared materials, each given as (guide, material). Refused unless each guide lists its
    material's (dataset, licence_type) as shared, and unless the applicant holds their identity at level 3 (an
    account verified to be that person by face: only then are the person's records read). With `clerk` (一窗受理):
    the person stands at the window with their ID card, checked by that clerk, which authorizes the reads instead
    of the account's level; the reads are logged as the clerk's."""
    if wanted and clerk is None:
        await require_level(applicant, LEVEL_FACE)
    queries = []
    for guide, material in wanted:
        dataset, licence_type = material.get("dataset"), material.get("licence_type") or None
        if material.get("source") != "shared" or not authorized(guide, dataset, licence_type):
            raise DatasetNotAuthorized(f"该事项的材料清单未列出共享数据“{dataset_label(dataset) or dataset}"
                                       f"{'：' + licence_type if licence_type else ''}”，不能查询")
        enterprise = _for_enterprise(guide, dataset, licence_type, enterprise_credit_code)
        queries.append((dataset, await _subject(vault, applicant, enterprise, enterprise_credit_code), licence_type))
    return Reads(queries, audit.read_rows(actor=clerk, actor_role="window" if clerk else "system",
                                          subject=applicant, fields_each=[[f"{d}:{lt or '*'}"] for d, _, lt in queries]))


async def fetch_materials(client: SharedData, wanted: list[tuple[dict, dict]], applicant: User, vault: Vault,
                          purpose: str, enterprise_credit_code: str | None = None) -> list[dict | None]:
    """Fetch shared materials, each given as (guide, material): for each, {"record_id", "dataset",
    "licence_type", "summary", "record"}, or None when the platform holds no such record. Refused unless each
    guide lists its material's (dataset, licence_type) as shared; every read is audited (with `purpose`) before
    any is made, then the reads go out together in one request. (A submission writes the audit with the
    acceptance number it takes: plan_reads, then applications.next_acceptance_no.)"""
    purpose = (purpose or "").strip()
    if not purpose or len(purpose) > 128:
        raise Invalid("查询共享数据需要注明事由（受理编号）", field="purpose")
    reads = await plan_reads(wanted, applicant, vault, enterprise_credit_code)
    if not reads.queries:
        return []
    for row in reads.audit:
        row.purpose, row.subject_ref = purpose, purpose[:64]
    await audit.record(reads.audit)
    return await client.query_many(reads.queries, purpose)


def consent_for_materials(materials: list[dict]) -> list[dict]:
    """The datasets these materials read, in order: [{"dataset", "label", "materials": [names]}]."""
    out: dict[str, dict] = {}
    for m in materials:
        if m.get("source") != "shared" or not m.get("dataset"):
            continue
        entry = out.setdefault(m["dataset"], {"dataset": m["dataset"], "label": dataset_label(m["dataset"]),
                                              "materials": []})
        if m["name"] not in entry["materials"]:
            entry["materials"].append(m["name"])
    return list(out.values())


def consent_for(guide: dict, answers: dict | None) -> list[dict]:
    """What a case of this guide will read in this situation, to show for consent before submitting."""
    return consent_for_materials(materials_for(guide, resolve_answers(guide, answers)))
