"""web sign-in: one-time sign-in links and cookie sessions

Tables for the web app's sign-in: ``sign_in_links`` (a one-time code printed by
``convilyn login-link``, kept hashed) and ``web_sessions`` (the HttpOnly cookie's
token, kept hashed; signing out revokes it).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import convilyn.core.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_links",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sign_in_links_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_links")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_sign_in_links_code_hash")),
    )
    with op.batch_alter_table("sign_in_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_links_user_id"), ["user_id"], unique=False)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", convilyn.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_sessions_token_hash")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_sessions_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_table("web_sessions")
    op.drop_table("sign_in_links")
