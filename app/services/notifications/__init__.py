"""Telling people: the outbox's events planned into deliveries (inbox, WeChat, SMS, DingTalk) and sent."""
