"""Webhooks: endpoints a user registers for job events, signed deliveries with retries, an SSRF guard."""
