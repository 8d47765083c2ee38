"""Convilyn: turn documents into finished deliverables through agent workflows."""

__version__ = "0.1.0"
