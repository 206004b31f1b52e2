"""Conversations (智能咨询 and 转人工): a session per conversation, its messages, and the hand-off queue state."""
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ChatStatus(StrEnum):
    BOT = "bot"  # the assistant answers
    QUEUED = "queued"  # waiting for a staff agent of `department`
    AGENT = "agent"  # a staff agent answers
    CLOSED = "closed"


class ChatSession(Model):
    """One conversation: in the mini-program (a signed-in citizen) or through WeChat message push (an openid)."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", null=True, related_name="chat_sessions", db_index=True)
    channel = fields.CharField(max_length=16, default="miniprogram")  # miniprogram | wechat
    openid = fields.CharField(max_length=64, null=True, db_index=True)  # the WeChat push sender
    status = fields.CharEnumField(ChatStatus, max_length=8, default=ChatStatus.BOT)
    service_code = fields.CharField(max_length=16, null=True)  # the last service the assistant recognised
    department = fields.ForeignKeyField("models.Department", null=True, related_name="chat_sessions")
    agent = fields.ForeignKeyField("models.User", null=True, related_name="chat_agent_sessions")
    queued_at = fields.DatetimeField(null=True, db_index=True)
    taken_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_at = fields.DatetimeField(auto_now_add=True, db_index=True)  # last message: the retention clock

    class Meta:
        table = "chat_sessions"


class ChatMessage(Model):
    """One structured message: {"type": "text" | "card" | "quick_replies" | "handoff", ...} from a sender."""

    id = fields.BigIntField(primary_key=True)
    session = fields.ForeignKeyField("models.ChatSession", related_name="messages", on_delete=fields.CASCADE, db_index=True)
    sender = fields.CharField(max_length=8)  # citizen | bot | agent | system
    content = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "chat_messages"
