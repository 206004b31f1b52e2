"""Tortoise models, re-exported so Tortoise finds them in one module ("models")."""
from models.applications import (Application, ApplicationEvent, ApplicationMaterial, ApplicationStep, CaseStatus,
                                 StepStatus)
from models.counters import Counter
from models.uploads import Upload
from models.appointments import (Appointment, AppointmentStatus, BookingSuspension, Hall, HallWindow, KioskDevice,
                                 NoShow, QueueTicket, Slot, TicketKind, TicketStatus)
from models.audit import AuditCheckpoint, AuditLog
from models.dashboard import DailyFact
from models.delivery import Address, DeliveryChoice, RouteEvent, Waybill, WaybillStatus
from models.payments import (LedgerEntry, OrderStatus, Payable, PayableStatus, PaymentEvent, PaymentOrder,
                             ReconciliationReport, Receipt, Refund, RefundStatus)
from models.outbox import OutboxEvent
from models.notifications import (ApprovalInstance, CallbackEvent, Delivery, DeliveryStatus, InboxMessage,
                                  SubscriptionQuota)
from models.catalog import Bundle, Department, Service, ServiceVersion, StaffMember
from models.chat import ChatMessage, ChatSession, ChatStatus
from models.complaints import (Complaint, ComplaintStatus, Rating, Rectification, RectificationStatus)
from models.users import Enterprise, FaceSession, User, UserEnterprise
from models.licences import Licence, LicenceStatus, LicenceType

__all__ = ["LedgerEntry", "OrderStatus", "Payable", "PayableStatus", "PaymentEvent", "PaymentOrder",
           "ReconciliationReport", "Receipt", "Refund", "RefundStatus", "Application", "ApplicationEvent", "ApplicationMaterial", "ApplicationStep", "CaseStatus", "Counter",
           "FaceSession", "StepStatus", "Upload", "AuditLog", "AuditCheckpoint", "DailyFact", "Address", "DeliveryChoice", "RouteEvent", "Waybill", "WaybillStatus", "Bundle", "Department", "Enterprise", "Service", "ServiceVersion", "StaffMember",
           "User", "UserEnterprise", "OutboxEvent",
           "ChatMessage", "ChatSession", "ChatStatus", "Complaint", "ComplaintStatus", "Rating", "Rectification",
           "RectificationStatus", "ApprovalInstance", "CallbackEvent", "Delivery",
           "DeliveryStatus", "InboxMessage", "SubscriptionQuota",
           "Appointment", "AppointmentStatus", "BookingSuspension", "Hall", "HallWindow", "KioskDevice", "NoShow",
           "QueueTicket", "Slot", "TicketKind", "TicketStatus", "Licence", "LicenceStatus", "LicenceType"]
