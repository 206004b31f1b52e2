"""Sandbox 数据共享交换平台: the dataset query API the shared-data adapter calls, with its signatures.

Speaks the protocol documented in app/providers/shared_data.py: verifies the app id, timestamp (±300 s),
nonce (remembered in Redis for 600 s, so a replay is refused by every worker) and HMAC signature, then answers
from the demo records under app/seed/data/shared/ (people.json: citizens, and the deceased for 身后一件事;
enterprises.json) and the synthetic residents of app/sandbox/population.py, signing its answer; it also answers
二要素核验 (name + ID number) from the same population records. GET /sandbox/shared/people and /enterprises
list the demo subjects, for binding a demo identity or adding a demo enterprise; GET /sandbox/shared/population
the synthetic residents (each test or benchmark citizen binds one of its own).
"""
from __future__ import annotations

import hashlib
import hmac
import json as jsonlib
from functools import lru_cache
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from app.catalog_schema import DATASETS
from app.providers.shared_data import (MAX_QUERIES, NONCE, NONCE_TTL, QUERY_PATH, VERIFY_PATH, credentials, dumps,
                                      fresh, sign, signed_headers)
from app.sandbox import population
from app.security import mask_name

bp = Blueprint("sandbox_shared", url_prefix="/sandbox/shared")
DATA_DIR = Path(__file__).resolve().parent.parent / "seed" / "data" / "shared"


@lru_cache(maxsize=1)
def demo() -> dict:
    """The demo records and the synthetic residents, indexed: {"people": [...], "residents": [...],
    "by_id": {id_number: person}, "deceased": {id_number}, "by_code": {credit_code: ent}}."""
    people = jsonlib.loads((DATA_DIR / "people.json").read_text("utf-8"))
    enterprises = jsonlib.loads((DATA_DIR / "enterprises.json").read_text("utf-8"))["enterprises"]
    known = people["people"] + people.get("deceased", [])
    synthetic = list(population.residents(frozenset(p["id_number"] for p in known)))
    return {"people": people["people"], "enterprises": enterprises, "residents": synthetic,
            "by_id": {p["id_number"]: p for p in known + synthetic},
            "deceased": {p["id_number"] for p in people.get("deceased", [])},
            "by_code": {e["credit_code"]: e for e in enterprises}}


@bp.get("/people")
async def people(request: Request):
    """The demo citizens whose records the sandbox holds (bind one of them to see shared materials fetched)."""
    return json([{"name": p["name"], "id_number": p["id_number"], "note": p.get("note")} for p in demo()["people"]],
                ensure_ascii=False)


@bp.get("/enterprises")
async def enterprises(request: Request):
    """The demo enterprises; each one's legal representative is one of the demo citizens."""
    return json([{"name": e["name"], "credit_code": e["credit_code"], "legal_representative": e["legal_representative"]}
                 for e in demo()["enterprises"]], ensure_ascii=False)


@bp.get("/population")
async def residents(request: Request):
    """The synthetic residents of the population database (app/sandbox/population.py), in their fixed order:
    ?offset=0&limit=100 (at most 1000), each {"name", "id_number", "datasets": [the datasets it has]}."""
    def arg(name: str, default: int) -> int:
        value = request.args.get(name, "")
        return int(value) if value.isascii() and value.isdigit() and len(value) <= 6 else default

    offset, limit = arg("offset", 0), min(arg("limit", 100), 1000)
    return json([{"name": p["name"], "id_number": p["id_number"], "datasets": sorted(p["datasets"])}
                 for p in demo()["residents"][offset:offset + limit]], ensure_ascii=False)


# ---------------------------------------------------------------- the query API

def _mask(number: str) -> str:
    if len(number) <= 6:
        return number[:1] + "*" * (len(number) - 1)
    keep = 4 if len(number) > 10 else 2
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def _summary(dataset: str, holder: dict, record: dict) -> dict:
    """What may be shown without revealing the record: names of things, issuers, dates, masked numbers."""
    if dataset == "licence":
        return {"证照名称": record["licence_type"], "证照编号": _mask(record["number"]), "发证机关": record["issuer"],
                "有效期": f"{record['valid_from']} 至 {record.get('valid_to') or '长期'}",
                "持证主体": holder["name"] if "credit_code" in holder else mask_name(holder["name"])}
    out = {"数据名称": DATASETS[dataset], "提供单位": record.get("provider"), "更新日期": record.get("updated_at")}
    extra = {
        "population": lambda r: {"户籍状态": r.get("status")},
        "legal_person": lambda r: {"主体名称": r["name"], "登记状态": r.get("status"), "登记机关": r.get("registration_authority")},
        "social_insurance": lambda r: {"参保状态": r.get("status")},
        "medical_insurance": lambda r: {"参保类型": r.get("type"), "参保状态": r.get("status")},
        "housing_fund": lambda r: {"账户状态": r.get("account_status")},
        "real_estate": lambda r: {"不动产数量": len(r.get("properties", []))},
        "marriage": lambda r: {"婚姻状况": r.get("status")},
        "birth": lambda r: {"出生医学证明份数": len(r.get("children", []))},
        "vehicle": lambda r: {"机动车数量": len(r.get("vehicles", []))},
        "education": lambda r: {"最高学历": r.get("highest_level")},
        "tax": lambda r: {"纳税年度": r.get("year")},
        "death": lambda r: {"火化情况": "已火化" if r.get("cremation") else "未登记"},
        "disability": lambda r: {"残疾人证编号": _mask(r.get("certificate_number", ""))},
        "traffic_fine": lambda r: {"待处理罚款数": len(r.get("fines", []))},
    }.get(dataset, lambda r: {})
    return {**out, **extra(record)}


def _find(dataset: str, subject: dict, licence_type: str | None) -> tuple[dict, dict] | None:
    """(holder, record) for a subject, or None."""
    data = demo()
    if "credit_code" in subject:
        holder = data["by_code"].get(str(subject["credit_code"]).upper())
    else:
        holder = data["by_id"].get(str(subject["id_number"]).upper())
    if dataset == "traffic_fine":  # the people's fines are listed beside their datasets
        fines = (holder or {}).get("traffic_fines")
        return (holder, {"fines": fines, "provider": "示例市公安局交通警察支队"}) if fines is not None else None
    record = (holder or {}).get("datasets", {}).get(dataset)
    if record is None:
        return None
    if dataset == "licence":
        record = next((lic for lic in record if lic["licence_type"] == licence_type), None)
        if record is None:
            return None
    return holder, record


def _record_id(dataset: str, subject: dict, licence_type: str | None) -> str:
    key = f"{dataset}|{next(iter(subject.values()))}|{licence_type or ''}"
    return f"SJ{hashlib.sha256(key.encode()).hexdigest()[:22].upper()}"


def _query_problem(q) -> str | None:
    if not isinstance(q, dict):
        return "应为JSON对象"
    subject = q.get("subject")
    if not isinstance(subject, dict) or len(subject) != 1 or not (
            isinstance(subject.get("id_number"), str) or isinstance(subject.get("credit_code"), str)):
        return "subject 应为 {\"id_number\": …} 或 {\"credit_code\": …}"
    if q.get("dataset") not in DATASETS:
        return f"未知的数据集：{q.get('dataset')}"
    if q.get("licence_type") is not None and not isinstance(q.get("licence_type"), str):
        return "licence_type 应为字符串"
    if q["dataset"] == "licence" and not q.get("licence_type"):
        return "查询电子证照需要 licence_type"
    return None


def _bad_request(body) -> str | None:
    if not isinstance(body, dict):
        return "请求体应为JSON对象"
    purpose = body.get("purpose")
    if not isinstance(purpose, str) or not purpose.strip() or len(purpose) > 128:
        return "缺少查询事由（purpose）"
    queries = body.get("queries")
    if not isinstance(queries, list) or not 1 <= len(queries) <= MAX_QUERIES:
        return f"queries 应为1至{MAX_QUERIES}项查询"
    for i, q in enumerate(queries):
        if problem := _query_problem(q):
            return f"queries[{i}]: {problem}"
    return None


def _result(q: dict) -> dict:
    dataset, subject, licence_type = q["dataset"], q["subject"], q.get("licence_type")
    found = _find(dataset, subject, licence_type)
    if found is None:
        return {"code": 404, "message": "未查询到记录"}
    holder, record = found
    return {"code": 0, "data": {
        "record_id": _record_id(dataset, subject, licence_type), "dataset": dataset,
        "licence_type": licence_type if dataset == "licence" else None,
        "summary": _summary(dataset, holder, record), "record": record}}


def verify_result(name: str, id_number: str) -> str:
    """二要素核验 against the population records: match, mismatch, unknown or cancelled (deceased)."""
    data = demo()
    person = data["by_id"].get(id_number.strip().upper())
    if person is None:
        return "unknown"
    if person["id_number"] in data["deceased"]:
        return "cancelled"
    return "match" if person["name"] == name.strip() else "mismatch"


def _bad_verify(body) -> str | None:
    if not isinstance(body, dict):
        return "请求体应为JSON对象"
    purpose = body.get("purpose")
    if not isinstance(purpose, str) or not purpose.strip() or len(purpose) > 128:
        return "缺少核验事由（purpose）"
    for key, longest in (("name", 64), ("id_number", 32)):
        value = body.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > longest:
            return f"{key} 应为1至{longest}个字符"
    return None


async def _signed(request: Request):
    """(answer, refusal): answer(status, body) signs an answer to this request; refusal is the 401 answer when the
    request's app id, timestamp, nonce or signature is wrong or the nonce was seen before, else None."""
    app_id, secret = credentials(request.app.ctx.settings)
    path, raw = request.path, request.body or b""
    h = request.headers
    ts, nonce, signature = h.get("x-zb-timestamp", ""), h.get("x-zb-nonce", ""), h.get("x-zb-signature", "")

    def answer(status: int, body: dict) -> HTTPResponse:
        payload = dumps(body)
        headers = signed_headers(secret, str(status), path, payload, nonce=nonce if NONCE.match(nonce) else None)
        return HTTPResponse(payload, status=status, headers=headers, content_type="application/json; charset=utf-8")

    def refuse(message: str) -> HTTPResponse:
        return answer(401, {"code": 401, "message": message})

    if h.get("x-zb-app-id") != app_id:
        return answer, refuse("应用未注册（X-Zb-App-Id）")
    if not fresh(ts):
        return answer, refuse("时间戳无效或已超过300秒（X-Zb-Timestamp）")
    if not NONCE.match(nonce):
        return answer, refuse("随机串应为32位十六进制（X-Zb-Nonce）")
    if not hmac.compare_digest(signature.lower(), sign(secret, "POST", path, ts, nonce, raw)):
        return answer, refuse("签名错误（X-Zb-Signature）")
    if not await request.app.ctx.redis.set(f"zb:sbx:shared:nonce:{app_id}:{nonce}", "1", nx=True, ex=NONCE_TTL):
        return answer, refuse("随机串已使用，疑似重放请求（X-Zb-Nonce）")
    return answer, None


def _json(raw: bytes):
    try:
        return jsonlib.loads(raw)
    except ValueError:
        return None


@bp.post(QUERY_PATH)
async def query(request: Request):
    """Dataset records about people or enterprises, for a signed, fresh, never-replayed request."""
    answer, refusal = await _signed(request)
    if refusal:
        return refusal
    body = _json(request.body or b"")
    if problem := _bad_request(body):
        return answer(400, {"code": 400, "message": problem})
    return answer(200, {"code": 0, "data": {"results": [_result(q) for q in body["queries"]]}})


@bp.post(VERIFY_PATH)
async def verify(request: Request):
    """二要素核验: does the population database hold this ID number under this name? (signed like the queries)"""
    answer, refusal = await _signed(request)
    if refusal:
        return refusal
    body = _json(request.body or b"")
    if problem := _bad_verify(body):
        return answer(400, {"code": 400, "message": problem})
    return answer(200, {"code": 0, "data": {"result": verify_result(body["name"], body["id_number"])}})
