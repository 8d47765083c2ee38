"""credit ledger and treasures

The credit ledger (``ledger_entries``), Forge treasures, and a CHECK that a
user's balance is never negative. Balances that exist before the ledger are
carried into it as an opening grant, so balance == sum of entries from the start.

Revision ID: 0003
Revises: 0002
"""

import secrets

import sqlalchemy as sa
from alembic import op

import convilyn.core.db

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("balance_after", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("created_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('grant', 'topup', 'debit', 'refund')", name=op.f("ck_ledger_entries_kind")),
        sa.CheckConstraint(
            "(kind = 'debit' AND amount < 0) OR (kind <> 'debit' AND amount > 0)",
            name=op.f("ck_ledger_entries_amount_sign"),
        ),
        sa.CheckConstraint("balance_after >= 0", name=op.f("ck_ledger_entries_balance_after_nonnegative")),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_ledger_entries_seq_positive")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ledger_entries_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("reference", name=op.f("uq_ledger_entries_reference")),
        sa.UniqueConstraint("user_id", "seq", name="uq_ledger_entries_user_id_seq"),
    )
    op.create_table(
        "treasures",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("workflow_id", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=40), nullable=False),
        sa.Column("gene_hash", sa.String(length=64), nullable=False),
        sa.Column("gene_version", sa.Integer(), nullable=False),
        sa.Column("gene_vector", sa.JSON(), nullable=False),
        sa.Column("minted_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("bound_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_treasures_owner_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treasures")),
        sa.UniqueConstraint("gene_hash", name=op.f("uq_treasures_gene_hash")),
        sa.UniqueConstraint("workflow_id", name=op.f("uq_treasures_workflow_id")),
    )
    with op.batch_alter_table("treasures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treasures_owner_id"), ["owner_id"], unique=False)

    _open_ledger()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_users_credit_balance_nonnegative"), "credit_balance >= 0")


def _open_ledger() -> None:
    """One opening grant per user whose balance predates the ledger."""
    bind = op.get_bind()
    users = sa.table("users", sa.column("id", sa.String), sa.column("credit_balance", sa.Integer),
                     sa.column("created_at", convilyn.core.db.UTCDateTime()))
    entries = sa.table(
        "ledger_entries", sa.column("id", sa.String), sa.column("user_id", sa.String), sa.column("seq", sa.Integer),
        sa.column("kind", sa.String), sa.column("amount", sa.Integer), sa.column("balance_after", sa.Integer),
        sa.column("reason", sa.String), sa.column("reference", sa.String),
        sa.column("created_at", convilyn.core.db.UTCDateTime()),
    )
    rows = bind.execute(sa.select(users.c.id, users.c.credit_balance, users.c.created_at)
                        .where(users.c.credit_balance > 0)).all()
    if rows:
        op.bulk_insert(entries, [
            {"id": f"led_{secrets.token_hex(12)}", "user_id": user_id, "seq": 1, "kind": "grant", "amount": balance,
             "balance_after": balance, "reason": "opening balance", "reference": None, "created_at": created_at}
            for user_id, balance, created_at in rows
        ])


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_users_credit_balance_nonnegative"), type_="check")
    with op.batch_alter_table("treasures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treasures_owner_id"))
    op.drop_table("treasures")
    op.drop_table("ledger_entries")
