"""Sanic blueprints, one per domain, grouped under /api/v1."""
from sanic import Blueprint

from handlers import (admin_catalog, applications, auth, catalog, ereceipts, face, health, me, notifications, payments,
                      receipts, staff, track, uploads)

api = Blueprint.group(auth.bp, me.bp, catalog.bp, admin_catalog.bp, uploads.bp, face.bp, applications.bp, staff.bp,
                      payments.bp, notifications.bp,
                      url_prefix="/api/v1")
blueprints = [health.bp, track.bp, receipts.bp, ereceipts.bp, api]
