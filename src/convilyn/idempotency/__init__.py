"""Idempotency-Key on the POSTs that create things (Stripe's manner): see ``middleware``."""
