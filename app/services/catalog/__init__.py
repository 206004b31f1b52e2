"""The catalog: services, bundles, guides, search, seed data."""
