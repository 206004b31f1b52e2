"""Response models: what the API answers, by domain. Handlers serialize through them (`_openapi.send`), and the
OpenAPI document shows them, so the document and the answers cannot drift apart.

Fields a model does not declare still pass (extra="allow"): the services grow fields while the mini-program and
other clients keep working; a declared field of the wrong type or missing fails the request loudly (in the tests).
Hot paths that answer pre-serialized bytes (search, guides, tracking) are not re-validated per request: tests
check those bytes against these schemas.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.catalog_schema import Faq, Fee, FormField, Situation

Timestamp = Annotated[str, Field(json_schema_extra={"format": "date-time"}, description="ISO 8601 UTC 时间")]
Day = Annotated[str, Field(json_schema_extra={"format": "date"}, description="日期 YYYY-MM-DD（北京时间）")]
Flag = Annotated[Literal["yellow", "red"] | None, Field(description="临近期限 yellow，超期 red")]


class Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class Health(Out):
    status: Literal["ok", "starting", "unavailable"]
    checks: dict[str, str] = Field(description='{"database": "ok"|"error: …", "redis": …}')
    mode: Literal["embedded", "production"]


class DepartmentRef(Out):
    code: str
    name: str


# ---------------------------------------------------------------- identity

class IdentityLevel(Out):
    level: int = Field(ge=0, le=3, description="实名等级：0 未登录、1 微信、2 二要素核验、3 人脸核身")
    taken: bool | None = Field(default=None, description="该身份已由另一账号以 3 级持有（GET /me 时给出）")


class Profile(Out):
    id: int
    role: Literal["citizen", "staff", "admin"]
    verified: bool = Field(description="已实名绑定")
    name: str | None = Field(description="姓名（市民为脱敏值）")
    id_number: str | None = Field(description="身份证号（脱敏）")
    phone: str | None = Field(description="手机号（脱敏）")
    department: DepartmentRef | None
    staff_roles: list[str]
    face_verified_at: Timestamp | None
    identity: IdentityLevel

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "id": 7, "role": "citizen", "verified": True, "name": "张*三", "id_number": "3304**********1234",
        "phone": "138****5678", "department": None, "staff_roles": [], "face_verified_at": None,
        "identity": {"level": 2, "taken": False}}]})


class Session(Out):
    token: str = Field(description="Bearer 令牌（Authorization: Bearer …）")
    expires_at: Timestamp
    user: Profile


class Revealed(Out):
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None


class AccessRead(Out):
    at: Timestamp
    actor_role: str
    actor: str | None = Field(description="本人、系统，或读取者的姓名（未实名的读取者为空）")
    fields: list[str]
    purpose: str


class AccessLog(Out):
    items: list[AccessRead]


class Enterprise(Out):
    credit_code: str
    name: str


class Enterprises(Out):
    items: list[Enterprise]


# ---------------------------------------------------------------- catalog

class DepartmentInfo(Out):
    code: str
    name: str
    short_name: str
    phone: str | None = None
    address: str | None = None


class Departments(Out):
    items: list[DepartmentInfo]


class ServiceSummary(Out):
    code: str
    name: str
    department: DepartmentRef
    kind: str
    online_level: int = Field(ge=1, le=5)
    channels: list[str]
    id_only: bool = Field(description="一证通办：只需身份证")
    summary: str
    audience: Literal["citizen", "enterprise"]


class ServicePage(Out):
    items: list[ServiceSummary]
    total: int
    page: int
    page_size: int


class MaterialView(Out):
    name: str
    form: str
    form_label: str
    copies: int
    required: bool
    source: Literal["citizen", "shared"]
    dataset: str | None
    dataset_label: str | None
    licence_type: str | None
    note: str | None
    exempt: bool = Field(description="免提交（由数据共享获取）")


class TimeLimitView(Out):
    promised_days: int
    legal_days: int


class GuideView(Out):
    """办事指南 for one situation."""
    code: str
    name: str
    version: int
    department: DepartmentInfo
    kind: str
    audience: str
    livelihood: bool
    summary: str
    legal_basis: list[str]
    conditions: list[str]
    situations: list[Situation]
    answers: dict[str, str]
    materials: list[MaterialView]
    time_limit: TimeLimitView
    fees: list[Fee]
    fees_total_fen: int
    channels: list[str]
    online_level: int
    visits: int
    citywide: bool
    appointment_required: bool
    face_required: bool
    id_only: bool
    faqs: list[Faq]
    workflow: list[dict[str, Any]]
    contact: str | None
    keywords: list[str]
    form: list[FormField]


class BundleSummary(Out):
    code: str
    name: str
    summary: str
    lead_department: DepartmentRef
    services: list[dict[str, Any]]
    promised_days: int


class Bundles(Out):
    items: list[BundleSummary]


class BundleDetail(BundleSummary):
    """一件事: its services, workflow and one merged, de-duplicated materials list."""
    version: int
    keywords: list[str]
    workflow: list[dict[str, Any]]
    materials: list[dict[str, Any]]


class Share(Out):
    count: int
    share: float


class CatalogStats(Out):
    services: int
    departments: int
    bundles: int
    by_online_level: dict[str, Share]
    by_channel: dict[str, Share]
    livelihood_services: int
    id_only: Share
    zero_visit: Share


class Home(Out):
    hot: list[ServiceSummary]
    bundles: list[BundleSummary]
    notice: str | None


class Versioned(Out):
    code: str
    version: int


class Version(Out):
    version: int
    note: str | None
    created_at: Timestamp


class Versions(Out):
    items: list[Version]


# ---------------------------------------------------------------- applications

class Subject(Out):
    code: str
    name: str
    kind: Literal["service", "bundle"]


class ConsentItem(Out):
    dataset: str
    label: str | None
    materials: list[str]


class Preview(Out):
    subject: Subject
    lead_department: DepartmentRef
    materials: list[MaterialView]
    consent: list[ConsentItem]
    form: list[dict[str, Any]]
    face_required: bool
    promised_days: int


class CaseSummary(Out):
    acceptance_no: str = Field(examples=["330402-20261202-000001"])
    subject: Subject
    status: str
    status_label: str
    lead_department: DepartmentRef
    submitted_at: Timestamp
    due_at: Timestamp | None
    due_date: Day | None
    flag: Flag


class CasePage(Out):
    items: list[CaseSummary]
    total: int
    page: int
    page_size: int


class CaseMaterial(Out):
    name: str
    source: str
    exempt: bool
    dataset: str | None
    dataset_label: str | None
    status: str
    upload_id: str | None
    summary: Any = Field(description="共享数据的摘要（免提交材料）")


class Step(Out):
    id: int
    key: str
    name: str
    department: DepartmentRef
    after: list[str]
    status: str
    status_label: str
    opened_at: Timestamp | None
    decided_at: Timestamp | None
    comment: str | None


class Event(Out):
    at: Timestamp
    at_local: str
    kind: str
    from_status: str | None
    to_status: str | None
    status_label: str | None
    step: str | None
    department: str | None
    actor_role: str
    note: str | None
    actor: str | None = Field(default=None, description="办理人（工作人员查看时）")


class Applicant(Out):
    name: str
    id_number: str | None


class Case(CaseSummary):
    track_token: str | None = Field(description="跟踪令牌（申请人与工作人员可见）")
    channel: str
    form: dict[str, Any]
    answers: dict[str, Any]
    consent: Any
    supplement_items: list[str] | None
    promised_days: int
    accepted_at: Timestamp | None
    applicant: Applicant
    materials: list[CaseMaterial]
    steps: list[Step]
    timeline: list[Event]


class TrackToken(Out):
    track_token: str


class TrackStep(Out):
    name: str
    department: str
    status: str
    status_label: str
    decided_at: Timestamp | None


class TrackEvent(Out):
    at: Timestamp
    at_local: str
    status_label: str | None
    department: str | None
    note: str | None


class Track(Out):
    """What anyone holding the QR code sees (no ID number, phone or form)."""
    acceptance_no: str
    service_name: str
    applicant: str = Field(description="脱敏姓名")
    status: str
    status_label: str
    lead_department: str
    due_at: Timestamp | None
    due_date: Day | None
    flag: Flag
    steps: list[TrackStep]
    timeline: list[TrackEvent]


# ---------------------------------------------------------------- payments

class FeeItem(Out):
    item: str
    code: str | None = None
    amount_fen: int


class Payable(Out):
    id: int
    kind: str
    ref: str
    description: str
    items: list[FeeItem]
    amount_fen: int = Field(description="金额（分）")
    status: str
    department: DepartmentRef
    fee_item_code: str | None
    paid_at: Timestamp | None


class Payables(Out):
    items: list[Payable]


class PayableRef(Out):
    id: int
    kind: str
    ref: str
    description: str
    amount_fen: int


class Order(Out):
    id: int
    out_trade_no: str
    amount_fen: int
    status: str
    transaction_id: str | None
    refunded_fen: int
    created_at: Timestamp
    paid_at: Timestamp | None
    expires_at: Timestamp
    payable: PayableRef | None = None


class Orders(Out):
    items: list[Order]


class RequestPayment(Out):
    """wx.requestPayment 的参数。"""
    appId: str
    timeStamp: str
    nonceStr: str
    package: str
    signType: str
    paySign: str


class OrderCreated(Out):
    order: Order
    request_payment: RequestPayment


class Ledger(Out):
    ledger_fen: int
    orders_fen: int
    entries: int


class Reconciliation(Out):
    id: int
    bill_date: Day
    summary: dict[str, Any]
    differences: Any
    created_at: Timestamp


class Refund(Out):
    id: int
    out_refund_no: str
    amount_fen: int
    reason: str
    status: str
    refund_id: str | None
    created_at: Timestamp
    succeeded_at: Timestamp | None


# ---------------------------------------------------------------- halls and appointments

class EReceipt(Out):
    """非税收入电子票据: number, check code, the signed payload, signature and key id."""
    number: str
    check_code: str
    payload: dict[str, Any]
    signature: str
    key_id: str


class ReceiptCheck(Out):
    valid: bool = Field(description="签名现在仍能用当前公钥验证")
    receipt: Any
    signature: str
    key_id: str
    public_key: str


class ServiceRef(Out):
    code: str
    name: str


class Ticket(Out):
    id: int
    number: str
    kind: str
    status: str
    service: ServiceRef
    hall_id: int
    day: Day
    ahead: int
    ahead_text: str | None
    window: str | None
    created_at: Timestamp | None


class SlotView(Out):
    id: int
    start: Timestamp
    end: Timestamp
    label: str
    capacity: int
    remaining: int


class HallRef(Out):
    id: int
    name: str
    address: str


class Appointment(Out):
    id: int
    code: str
    status: str
    hall: HallRef
    service: ServiceRef
    slot: SlotView
    when: str
    created_at: Timestamp | None
    ticket: Ticket | None
    rateable: bool
    rating_target: dict[str, str] | None
    qr: str | None = Field(default=None, description="签到二维码（已预约时）")


class WindowView(Out):
    id: int
    name: str
    services: list[str]


class Hall(Out):
    id: int
    code: str
    name: str
    address: str
    phone: str | None
    hours: Any
    slot_minutes: int
    windows: list[WindowView]
    services: list[ServiceRef]


class Halls(Out):
    items: list[Hall]


class HallName(Out):
    id: int
    name: str


class Slots(Out):
    hall: HallName
    service: ServiceRef
    date: Day | None
    dates: list[Day] = Field(description="可预约的日期")
    slots: list[SlotView]


class Calling(Out):
    id: int
    number: str
    window: str | None
    service: str
    called_at: Timestamp | None


class Waiting(Out):
    number: str
    service: str
    kind: str


class HallQueue(Out):
    """大厅叫号屏: who is being called at which window, and the waiting numbers (no names)."""
    hall: HallName
    day: Day
    calling: list[Calling]
    waiting: list[Waiting]
    waiting_count: int


class KioskInfo(Out):
    device_id: str
    hall: HallName
    services: list[ServiceRef]


class KioskRegistered(Out):
    device_id: str
    hall: int
    enrolment: dict[str, Any] = Field(description="一次性登记码（终端扫码或输入后取得自己的密钥）")


class Appointments(Out):
    items: list[Appointment]


# ---------------------------------------------------------------- notifications

class InboxMessage(Out):
    id: int
    kind: str
    title: str
    body: str
    link: str | None
    created_at: Timestamp
    created_local: str
    read: bool


class Inbox(Out):
    items: list[InboxMessage]
    total: int
    unread: int
    page: int
    page_size: int


class TemplateQuota(Out):
    scene: str
    template_id: str
    remaining: int


class Subscriptions(Out):
    """The subscribe-message templates to request at each moment, and the caller's remaining quota per template."""
    moments: dict[str, list[str]]
    templates: list[TemplateQuota]


class Delivery(Out):
    id: int
    event_id: int | None
    kind: str
    channel: str
    recipient: str | None
    dedup_key: str | None
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: Timestamp
    created_at: Timestamp


class Deliveries(Out):
    items: list[Delivery]
    total: int
    page: int
    page_size: int


class Upload(Out):
    id: str
    name: str
    content_type: str
    size: int
    sha256: str
    created_at: Timestamp


class FaceSession(Out):
    verify_id: str = Field(description="交给 wx.requestFacialVerify")
    expires_in: int


class FaceResult(Out):
    passed: bool
    verify_ret: int | None
    face_verified_at: Timestamp | None


class Tasks(Out):
    items: list[dict[str, Any]] = Field(description="待办步骤：步骤字段加 application（办件摘要）、flag、due_at")
    total: int
    page: int
    page_size: int


class Marked(Out):
    marked: int = Field(description="标为已读的条数")


# ---------------------------------------------------------------- chat

class ChatMessage(Out):
    """One message: id, sender, time, and its content (type text|cards|quick_replies|handoff|… with its fields)."""
    id: int
    sender: Literal["citizen", "bot", "agent", "system"]
    created_at: Timestamp


class ChatSession(Out):
    id: int
    status: str
    channel: str
    service_code: str | None
    department: DepartmentRef | None
    agent: str | None
    queue_position: int | None
    created_at: Timestamp
    closed_at: Timestamp | None


class ChatQueue(Out):
    total: int
    items: list[ChatSession]


class Conversation(Out):
    session: ChatSession
    messages: list[ChatMessage]


class Posted(Out):
    message: ChatMessage
    replies: list[ChatMessage]
    session: ChatSession


class AgentPosted(Out):
    message: ChatMessage


# ---------------------------------------------------------------- complaints and ratings

class Complaint(Out):
    id: int
    category: str
    category_label: str
    title: str
    text: str
    attachments: list[str]
    acceptance_no: str | None
    service_code: str | None
    department: DepartmentRef
    status: str
    status_label: str
    due_at: Timestamp
    due_date: Day
    flag: Flag
    reply: str | None
    replied_at: Timestamp | None
    created_at: Timestamp
    can_rate: bool
    rating: dict[str, int] | None


class Complaints(Out):
    items: list[Complaint]


class RectificationBrief(Out):
    id: int
    status: str
    status_label: str
    due_date: Day
    outcome: str | None
    flag: Flag
    closed_at: Timestamp | None


class Rating(Out):
    id: int
    target_type: str
    target_id: str
    score: int
    tags: list[str]
    comment: str | None
    service_code: str | None
    created_at: Timestamp
    department: DepartmentRef | None
    rectification: RectificationBrief | None


class Ratings(Out):
    items: list[Rating]
    tags: list[str] = Field(description="可选的评价标签")


class Rectification(RectificationBrief):
    rating: dict[str, Any]


class Rectifications(Out):
    items: list[Rectification]


class RatingStat(Out):
    key: str | None
    count: int
    average: float
    bad: int


class RatingStats(Out):
    by: str
    items: list[RatingStat]


class Items(Out):
    """A list answer whose items are described in the operation's text."""
    items: list[dict[str, Any]]
