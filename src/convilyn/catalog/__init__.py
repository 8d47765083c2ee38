"""Workflow specs: the DestinationSpec model, the SpecRegistry and the catalog endpoints."""
