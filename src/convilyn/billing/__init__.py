"""Credits: the append-only ledger, balances, and top-ups from Paddle Billing."""
