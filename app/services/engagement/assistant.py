"""The consultation assistant (智能咨询): recognise what a citizen asks and answer with structured messages.

Intents: case progress (an acceptance number, or "我的办件"), how to do something (the catalog's own search:
jieba + synonyms + BM25, answered from the guides and their FAQs), booking, paying, complaining and asking for a
person. Rules decide the intent; the catalog search decides the service. Nothing here writes the database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.services.platform import workdays
from app.services.catalog.catalog import Catalog, Snapshot
from app.services.catalog.search import tokens

ACCEPTANCE_NO = re.compile(r"\d{6}-\d{8}-\d{6}")
INTENT_WORDS = {
    # Checked in this order: the first that matches wins (a person beats everything, then complaints, …).
    "handoff": ("转人工", "人工客服", "人工服务", "找人工", "真人", "客服人员", "工作人员", "接人工"),
    "complaint": ("投诉", "举报", "不满意", "态度差", "态度不好", "意见反馈", "吐槽", "差评"),
    "progress": ("我的办件", "我的申请", "办件进度", "办理进度", "审批进度", "办到哪", "进度查询", "查进度",
                 "办好了没", "办好没", "什么时候能办好", "审核到哪"),
    "paying": ("缴费", "交费", "付款", "待缴", "欠费", "要交的钱", "支付费用", "待支付", "怎么付钱"),
    "booking": ("预约", "约个时间", "取号", "排号", "约号"),
}
QUICK = {
    "progress": {"label": "我的办件", "text": "我的办件"},
    "booking": {"label": "预约办理", "text": "预约办理"},
    "paying": {"label": "我要缴费", "text": "我要缴费"},
    "complaint": {"label": "我要投诉", "text": "我要投诉"},
    "handoff": {"label": "转人工", "text": "转人工"},
}
TOP_GUIDES = 3


@dataclass
class Understanding:
    intent: str  # progress | howto | booking | paying | complaint | handoff | unknown
    services: list[str] = field(default_factory=list)  # ranked service codes (best first)
    acceptance_no: str | None = None


def text(t: str) -> dict:
    return {"type": "text", "text": t}


def quick_replies(*keys: str) -> dict:
    return {"type": "quick_replies", "options": [QUICK[k] for k in keys]}


def rank_services(snap: Snapshot, question: str) -> list[str]:
    """The catalog's own search ranking for the question (the one search, not a second one)."""
    return [h.key for h in snap.index.search(question)]


def intent_of(question: str) -> str | None:
    for intent, words in INTENT_WORDS.items():
        if any(w in question for w in words):
            return intent
    return None


async def understand(catalog: Catalog, question: str, last_service: str | None = None) -> Understanding:
    """What the citizen wants, and which services the words point to (ranked)."""
    q = question.strip()
    m = ACCEPTANCE_NO.search(q)
    if m:
        return Understanding("progress", acceptance_no=m.group(0))
    snap = await catalog.snapshot()
    intent = intent_of(q)
    ranked = []
    if intent in (None, "booking", "complaint", "handoff"):
        rest = q
        for w in INTENT_WORDS.get(intent, ()):  # "帮我预约" is about booking, not about a service named 预约
            rest = rest.replace(w, " ")
        ranked = rank_services(snap, rest) if tokens(rest) else []
    if intent == "booking" and not ranked and last_service:
        ranked = [last_service]
    if intent is None:
        intent = "howto" if ranked else "unknown"
    return Understanding(intent, ranked)


def guide_card(snap: Snapshot, code: str) -> dict:
    e = snap.services[code]
    return {"type": "card", "card": "guide", "service": code, "title": e.guide["name"],
            "subtitle": e.department["name"], "path": f"/pages/service/service?code={code}"}


BOOK_PAGE = "/pages/book/book"  # the mini-program's booking page; it reads ?service=&hall=&date=


def booking_card(snap: Snapshot, code: str) -> dict:
    e = snap.services[code]
    return {"type": "card", "card": "booking", "service": code, "title": f"预约办理：{e.guide['name']}",
            "subtitle": e.department["name"], "path": f"{BOOK_PAGE}?service={code}"}


def slot_card(code: str, slot: dict) -> dict:
    """One next available slot (appointments.next_available): opens the booking page at its hall and day."""
    hall = slot["hall"]
    return {"type": "card", "card": "slot", "service": code, "slot": slot["slot"], "hall": hall,
            "date": slot["date"], "time": slot["time"], "remaining": slot["remaining"], "title": hall["name"],
            "subtitle": f"{slot['date']} {slot['time']} · 余{slot['remaining']}个号",
            "path": f"{BOOK_PAGE}?service={code}&hall={hall['id']}&date={slot['date']}"}


def case_card(summary: dict) -> dict:
    return {"type": "card", "card": "case", "acceptance_no": summary["acceptance_no"],
            "title": summary["subject"]["name"], "subtitle": f"{summary['acceptance_no']} · {summary['status_label']}",
            "status": summary["status"], "due_date": summary.get("due_date"),
            "path": f"/pages/case/case?no={summary['acceptance_no']}"}


def payable_card(view: dict) -> dict:
    return {"type": "card", "card": "payable", "payable_id": view["id"], "title": view["description"],
            "subtitle": f"{view['department']['name']} · ¥{view['amount_fen'] / 100:.2f}",
            "amount_fen": view["amount_fen"], "path": f"/pages/pay/pay?payable={view['id']}"}


def best_faq(guide: dict, question: str) -> dict | None:
    """The guide's FAQ whose words the question covers best (at least two shared words and half the FAQ's)."""
    words = set(tokens(question))
    best, best_score = None, (0.5, 1)
    for faq in guide.get("faqs", []):
        faq_words = set(tokens(faq["q"]))
        overlap = len(words & faq_words)
        score = (overlap / max(1, len(faq_words)), overlap)
        if overlap >= 2 and score > best_score:
            best, best_score = faq, score
    return best


def howto_answer(snap: Snapshot, question: str, ranked: list[str]) -> list[dict]:
    """Ranked guides for a how-to question, the first guide's matching FAQ answered in full."""
    top = ranked[:TOP_GUIDES]
    first = snap.services[top[0]].guide
    out = [text(f"为您找到“{first['name']}”：{first['summary']}")]
    faq = best_faq(first, question)
    if faq:
        out.append(text(f"问：{faq['q']}\n答：{faq['a']}"))
    out += [guide_card(snap, c) for c in top]
    if first.get("appointment_required"):
        out.append(text("该事项需要预约办理。"))
    out.append(quick_replies("booking", "progress", "handoff"))
    return out


def business_hours(hours: str) -> tuple[str, str]:
    start, _, end = hours.partition("-")
    return start.strip(), end.strip()


def is_open(hours: str, now) -> bool:
    """Staff agents answer on working days within business hours (Beijing time)."""
    local = now.astimezone(workdays.CN)
    start, end = business_hours(hours)
    return workdays.is_workday(local.date()) and start <= local.strftime("%H:%M") < end


def unknown_answer() -> list[dict]:
    return [text("抱歉，我没有理解您的问题。您可以换个说法，例如“身份证过期了怎么办”“公积金怎么提取”，"
                 "或者输入受理编号查询办件进度。"), quick_replies("progress", "booking", "paying", "handoff")]


def greeting() -> list[dict]:
    return [text("您好，我是掌办智能助手。请直接描述您要办的事，例如“身份证过期了怎么办”，"
                 "或输入受理编号查询进度。"), quick_replies("progress", "booking", "paying", "complaint", "handoff")]


async def evaluate(catalog: Catalog, cases: list[dict]) -> dict:
    """Accuracy of the service recognition on an evaluation set [{"q", "service"}]: top-1, top-3 and misses."""
    snap = await catalog.snapshot()
    top1 = top3 = 0
    misses = []
    for case in cases:
        ranked = rank_services(snap, case["q"])
        if ranked[:1] == [case["service"]]:
            top1 += 1
        if case["service"] in ranked[:3]:
            top3 += 1
        else:
            misses.append({"q": case["q"], "expected": case["service"], "got": ranked[:3]})
    n = max(1, len(cases))
    return {"n": len(cases), "top1": top1 / n, "top3": top3 / n, "misses": misses}
