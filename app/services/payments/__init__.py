"""The unified public payment: payables, WeChat Pay orders, payment receipts (电子票据), reconciliation."""
