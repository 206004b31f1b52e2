"""Tortoise models, re-exported so Tortoise finds them in one module ("models")."""
from models.audit import AuditLog
from models.catalog import Bundle, Department, Service, ServiceVersion, StaffMember
from models.users import Enterprise, User, UserEnterprise

__all__ = ["AuditLog", "Bundle", "Department", "Enterprise", "Service", "ServiceVersion", "StaffMember",
           "User", "UserEnterprise"]
