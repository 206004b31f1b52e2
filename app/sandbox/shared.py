"""Placeholder: filled in by the shared-data change."""
from sanic import Blueprint

bp = Blueprint("sandbox_shared", url_prefix="/sandbox/shared")
