"""``convilyn credits grant`` through the real command, against the test database."""

from __future__ import annotations

import json
from pathlib import Path

from convilyn.billing import ledger
from convilyn.core.db import Database
from tests.support import run_cli


async def test_credits_grant_writes_a_ledger_entry_and_moves_the_balance(tmp_path: Path, database_url: str):
    created = run_cli("users", "create", "Grace", "--credits", "2", "--json", data_dir=tmp_path, database_url=database_url)
    assert created.returncode == 0, created.stderr
    user_id = json.loads(created.stdout)["userId"]

    granted = run_cli("credits", "grant", user_id, "5", "--reason", "beta tester", "--json",
                  data_dir=tmp_path, database_url=database_url)
    assert granted.returncode == 0, granted.stderr
    result = json.loads(granted.stdout)
    assert result["balance"] == 7 and result["amount"] == 5 and result["entryId"].startswith("led_")

    db = Database(database_url)
    try:
        async with db.read() as session:
            audit = await ledger.totals(session, user_id=user_id)
            page = await ledger.entries(session, user_id=user_id, limit=10, cursor=None)
    finally:
        await db.dispose()
    assert (audit.balance, audit.ledger_sum, audit.entries) == (7, 7, 2)
    assert [(row[0].kind, row[0].amount, row[0].reason) for row in page.rows] == [
        ("grant", 5, "beta tester"), ("grant", 2, "cli grant")]


def test_credits_grant_refuses_unknown_users_and_non_positive_amounts(tmp_path: Path, database_url: str):
    unknown = run_cli("credits", "grant", "usr_000000000000000000000000", "5", data_dir=tmp_path, database_url=database_url)
    assert unknown.returncode == 1 and "No user" in unknown.stderr
    zero = run_cli("credits", "grant", "usr_000000000000000000000000", "0", data_dir=tmp_path, database_url=database_url)
    assert zero.returncode == 2
