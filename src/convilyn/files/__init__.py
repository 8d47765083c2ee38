"""Uploads, their storage and expiry, and signed download URLs."""
