"""The Goal Lane job API: jobs, slots, confirm, status, checkpoints, download."""
