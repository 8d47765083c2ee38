"""job listing index

``GET /jobs/goal`` pages through one owner's jobs newest first, keyset on
(created_at, id); this index serves it without a sort.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_jobs_owner_id_created_at_id", "jobs", ["owner_id", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_jobs_owner_id_created_at_id", table_name="jobs")
