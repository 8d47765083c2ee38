"""The agent runtime: runs one phase of a DestinationSpec over input documents."""
