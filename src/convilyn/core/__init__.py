"""Shared plumbing: settings, database, errors, ids, clock, pagination, rate limits."""
