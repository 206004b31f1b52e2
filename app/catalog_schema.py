"""The shape of the catalog (事项库): departments, service guides (办事指南) and bundles (一件事).

The seed files under app/seed/data/ and the admin API are both validated by these models,
so a guide has one shape for every channel (mini-program, web, kiosk, hall screen).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.validators import MAX_INT

SERVICE_CODE = r"^[A-Z]{2,4}\d{3,4}$"
DEPT_CODE = r"^[a-z][a-z0-9-]{1,31}$"
BUNDLE_CODE = r"^[a-z][a-z0-9-]{1,31}$"
# The service hall's own department (政务服务): it takes the chats, complaints and ratings no other department claims.
HALL_DEPARTMENT = "zhengwu"

# Shared datasets that the shared-data adapter can read (一号申请: a material from one of these is 免提交).
DATASETS: dict[str, str] = {
    "population": "人口基础信息库",
    "licence": "电子证照库",
    "legal_person": "法人基础信息库",
    "social_insurance": "社会保险参保信息",
    "medical_insurance": "医疗保障参保信息",
    "housing_fund": "住房公积金缴存信息",
    "real_estate": "不动产登记信息",
    "marriage": "婚姻登记信息",
    "birth": "出生医学证明信息",
    "death": "死亡及殡葬信息",
    "tax": "纳税信息",
    "education": "学籍学历信息",
    "disability": "残疾人信息",
    "vehicle": "机动车及驾驶人信息",
    "traffic_fine": "交通违法处罚信息",  # unpaid fines, read for 统一公共支付 (not a guide material)
}

KINDS = ("行政许可", "行政确认", "行政给付", "行政征收", "行政裁决", "行政奖励", "公共服务", "其他行政权力")
CHANNELS = ("mobile", "online", "window", "kiosk")  # 掌上办, 网上办, 窗口, 自助机
DELIVERY_DEFAULT = ("window", "courier", "locker")  # 领取方式 of a guide that names none
CHANNEL_LABELS = {"mobile": "掌上办", "online": "网上办", "window": "窗口办", "kiosk": "自助机"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Material(Strict):
    name: str = Field(min_length=2, max_length=100)
    form: Literal["original", "copy", "original_and_copy", "electronic"] = "original"
    copies: int = Field(default=1, ge=0, le=10)
    required: bool = True
    source: Literal["citizen", "shared"] = "citizen"
    dataset: str | None = None  # a key of DATASETS when source == "shared"
    licence_type: str | None = None  # for dataset "licence": which 电子证照, e.g. "居民户口簿"
    note: str | None = None
    # Situation answers under which this material applies, e.g. {"local_hukou": "no"}; empty = always.
    when: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _source(self) -> "Material":
        if self.source == "shared":
            if self.dataset not in DATASETS:
                raise ValueError(f"material {self.name!r}: shared source needs a dataset of {sorted(DATASETS)}")
            if self.dataset == "licence" and not self.licence_type:
                raise ValueError(f"material {self.name!r}: licence dataset needs licence_type")
        elif self.dataset or self.licence_type:
            raise ValueError(f"material {self.name!r}: dataset given for a citizen-supplied material")
        return self


class Option(Strict):
    value: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    label: str


class Situation(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    question: str
    options: list[Option] = Field(min_length=2)
    default: str

    @model_validator(mode="after")
    def _default_is_option(self) -> "Situation":
        if self.default not in {o.value for o in self.options}:
            raise ValueError(f"situation {self.key}: default {self.default!r} is not an option")
        return self


class TimeRule(Strict):
    when: dict[str, str]
    promised_days: int = Field(ge=0, le=365)


class TimeLimit(Strict):
    promised_days: int = Field(ge=0, le=365)  # 承诺时限 (working days; 0 = 即办)
    legal_days: int = Field(ge=0, le=365)  # 法定时限 (working days)
    rules: list[TimeRule] = Field(default_factory=list)


class Fee(Strict):
    item: str
    amount_fen: int = Field(ge=0, le=MAX_INT)
    basis: str | None = None


class Faq(Strict):
    q: str
    a: str


class WorkflowStep(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    department: str = Field(pattern=DEPT_CODE)
    name: str
    after: list[str] = Field(default_factory=list)  # prerequisite step keys (串联); steps with the same prerequisites run in parallel (并联)


def check_workflow(steps: list[WorkflowStep]) -> list[WorkflowStep]:
    """A workflow is a DAG: unique keys, known prerequisites, one first step, one last step, no cycle."""
    if not steps:
        return steps
    keys = [s.key for s in steps]
    if len(set(keys)) != len(keys):
        raise ValueError("workflow step keys must be unique")
    for s in steps:
        unknown = set(s.after) - set(keys)
        if unknown:
            raise ValueError(f"workflow step {s.key}: unknown prerequisites {sorted(unknown)}")
    roots = [s for s in steps if not s.after]
    if len(roots) != 1:
        raise ValueError("workflow needs exactly one first step (the lead department's acceptance)")
    needed = {a for s in steps for a in s.after}
    leaves = [s for s in steps if s.key not in needed]
    if len(leaves) != 1:
        raise ValueError("workflow needs exactly one last step (the lead department's completion)")
    done: set[str] = set()
    pending = list(steps)
    while pending:
        ready = [s for s in pending if set(s.after) <= done]
        if not ready:
            raise ValueError("workflow has a cycle")
        done |= {s.key for s in ready}
        pending = [s for s in pending if s.key not in done]
    return steps


class FormField(Strict):
    """A field of the application form (申请表) the citizen fills in."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    label: str
    type: Literal["text", "textarea", "number", "date", "select", "phone"] = "text"
    required: bool = False
    options: list[Option] = Field(default_factory=list)  # for select
    max_length: int = Field(default=200, ge=1, le=2000)


# The form every service has when its guide defines none.
DEFAULT_FORM = [
    {"key": "contact_address", "label": "联系地址", "type": "text", "required": False, "options": [], "max_length": 200},
    {"key": "remark", "label": "补充说明", "type": "textarea", "required": False, "options": [], "max_length": 500},
]


class Guide(Strict):
    """A standardized 办事指南 for one service item (事项)."""

    code: str = Field(pattern=SERVICE_CODE)
    name: str = Field(min_length=2, max_length=60)
    department: str = Field(pattern=DEPT_CODE)
    kind: Literal[KINDS]  # type: ignore[valid-type]
    audience: Literal["citizen", "enterprise"] = "citizen"
    livelihood: bool = True  # 民生事项 (counts toward the 一证通办 share)
    keywords: list[str] = Field(default_factory=list)  # everyday words citizens use, for search
    summary: str
    legal_basis: list[str] = Field(min_length=1)
    conditions: list[str] = Field(min_length=1)
    materials: list[Material] = Field(min_length=1)
    situations: list[Situation] = Field(default_factory=list)
    time_limit: TimeLimit
    fees: list[Fee] = Field(default_factory=list)  # empty = 不收费
    channels: list[Literal[CHANNELS]] = Field(min_length=1)  # type: ignore[valid-type]
    online_level: int = Field(ge=1, le=5)  # 网办深度 stars
    visits: int = Field(ge=0, le=1)  # 跑动次数
    citywide: bool = False  # 全城通办
    appointment_required: bool = False
    face_required: bool = False
    # How the result may reach the citizen (领取方式): 电子证照 only, 窗口领取, 快递寄递, 自助柜
    delivery: list[Literal["electronic", "window", "courier", "locker"]] = Field(
        default_factory=lambda: list(DELIVERY_DEFAULT), min_length=1)
    workflow: list[WorkflowStep] = Field(default_factory=list)  # multi-department services only
    faqs: list[Faq] = Field(default_factory=list)
    contact: str | None = None
    form: list[FormField] = Field(default_factory=list)  # empty = DEFAULT_FORM

    @field_validator("workflow")
    @classmethod
    def _dag(cls, v: list[WorkflowStep]) -> list[WorkflowStep]:
        return check_workflow(v)

    @model_validator(mode="after")
    def _situations(self) -> "Guide":
        known = {s.key: {o.value for o in s.options} for s in self.situations}
        conds = [m.when for m in self.materials] + [r.when for r in self.time_limit.rules]
        for cond in conds:
            for k, v in cond.items():
                if k not in known or v not in known[k]:
                    raise ValueError(f"condition {k}={v} does not name a situation option")
        if self.workflow and self.workflow[0].department != self.department:
            pass  # the root is checked below, order in the list is free
        roots = [s for s in self.workflow if not s.after]
        if roots and roots[0].department != self.department:
            raise ValueError("the first workflow step belongs to the lead department")
        return self


class Department(Strict):
    code: str = Field(pattern=DEPT_CODE)
    name: str
    short_name: str
    phone: str | None = None
    address: str | None = None


class Bundle(Strict):
    """一件事: several services applied for together, led by one department, one merged materials list."""

    code: str = Field(pattern=BUNDLE_CODE)
    name: str
    lead_department: str = Field(pattern=DEPT_CODE)
    summary: str
    keywords: list[str] = Field(default_factory=list)
    services: list[str] = Field(min_length=2)  # service codes
    workflow: list[WorkflowStep] = Field(min_length=2)
    promised_days: int = Field(ge=0, le=365)

    @field_validator("workflow")
    @classmethod
    def _dag(cls, v: list[WorkflowStep]) -> list[WorkflowStep]:
        return check_workflow(v)


class StaffMember(Strict):
    userid: str = Field(pattern=r"^[a-z0-9_]{3,32}$")
    name: str
    department: str = Field(pattern=DEPT_CODE)
    roles: list[Literal["staff", "window", "admin", "supervisor"]] = Field(min_length=1)
    mobile: str | None = None


LICENCE_FIELD_SOURCES = ("holder.name", "holder.id_number", "holder.enterprise_name", "holder.credit_code",
                         "case.subject_name", "case.acceptance_no")


class LicenceField(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    label: str = Field(min_length=1, max_length=32)
    type: Literal["text", "id_number", "credit_code", "date"] = "text"
    personal: bool = False  # encrypted at rest, masked in views other than the holder's own
    # Where the value comes from when the licence is issued: a fixed source, or "case.form.<key>" /
    # "case.answers.<key>" (the application's form and situation answers).
    source: str = Field(pattern=r"^(holder\.[a-z_]+|case\.[a-z_]+|case\.(form|answers)\.[a-z][a-z0-9_]{0,31})$")

    @model_validator(mode="after")
    def _known_source(self) -> "LicenceField":
        if not self.source.startswith(("case.form.", "case.answers.")) and self.source not in LICENCE_FIELD_SOURCES:
            raise ValueError(f"licence field {self.key}: unknown source {self.source!r}")
        return self


class Validity(Strict):
    kind: Literal["years", "months", "permanent", "until"]
    years: int | None = Field(default=None, ge=1, le=100)
    months: int | None = Field(default=None, ge=1, le=120)
    until: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")

    @model_validator(mode="after")
    def _complete(self) -> "Validity":
        needed = {"years": "years", "months": "months", "until": "until"}.get(self.kind)
        if needed and getattr(self, needed) is None:
            raise ValueError(f"validity {self.kind} needs {needed}")
        return self


class LicenceType(Strict):
    """A kind of 电子证照 (or 证明) that services produce: who issues it, who holds it, its fields, how long it holds."""
    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,15}$")
    name: str = Field(min_length=2, max_length=64)
    kind: Literal["certificate", "letter"]  # A4 certificate, or a 证明 letter
    department: str = Field(pattern=DEPT_CODE)
    holder: Literal["person", "enterprise"]
    validity: Validity
    services: list[str] = Field(min_length=1)  # service codes whose result this is
    fields: list[LicenceField] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> "LicenceType":
        keys = [f.key for f in self.fields]
        if len(keys) != len(set(keys)):
            raise ValueError(f"licence type {self.code}: repeated field keys")
        return self
