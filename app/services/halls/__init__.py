"""Service halls: appointments, the hall queue, halls and windows, kiosks."""
