"""Cases (办件): applications and their workflow, approvals, tracking, acceptance receipts, uploads, shared-data reads."""
