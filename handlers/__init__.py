"""Sanic blueprints, one per domain, grouped under /api/v1."""
from sanic import Blueprint

from handlers import (admin_catalog, applications, appointments, auth, catalog, ereceipts, face, halls, health, kiosk,
                      me, payments, receipts, staff, track, uploads)

api = Blueprint.group(auth.bp, me.bp, catalog.bp, admin_catalog.bp, uploads.bp, face.bp, applications.bp, staff.bp,
                      payments.bp, appointments.bp, halls.bp, kiosk.bp,
                      url_prefix="/api/v1")
blueprints = [health.bp, track.bp, halls.live, receipts.bp, ereceipts.bp, api]
