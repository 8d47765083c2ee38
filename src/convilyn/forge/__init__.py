"""Forge: deterministic treasure creatures bound to user workflows."""
