"""Shared building blocks of every domain: counters, the transactional outbox, QR codes, working days and time."""
