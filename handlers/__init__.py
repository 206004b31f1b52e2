"""Sanic blueprints, one per domain, grouped under /api/v1."""
from sanic import Blueprint

from handlers import admin_catalog, auth, catalog, face, health, me, uploads

api = Blueprint.group(auth.bp, me.bp, catalog.bp, admin_catalog.bp, uploads.bp, face.bp, url_prefix="/api/v1")
blueprints = [health.bp, api]
