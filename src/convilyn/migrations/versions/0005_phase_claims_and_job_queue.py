"""phase claims and the job queue

``jobs.claim``: the token of the phase attempt that holds an executing job; every
write a phase makes is guarded by it, so a superseded attempt (a worker thought
dead, a duplicate delivery) records nothing. On PostgreSQL, Procrastinate's
schema (the queue ``convilyn worker`` runs from), as shipped with the installed
Procrastinate 3.10: a later Procrastinate comes with a revision applying its
own migration files.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("claim", sa.String(length=40), nullable=True))
    bind = op.get_bind()
    # The schema may already be there: a downgrade leaves it (see below).
    if bind.dialect.name == "postgresql" and bind.scalar(sa.text("SELECT to_regclass('procrastinate_jobs')")) is None:
        from procrastinate.schema import SchemaManager

        # One script of statements with literal '%' in it: run on the driver's cursor
        # without parameters, so nothing is read as a placeholder.
        driver = bind.connection.dbapi_connection
        assert driver is not None  # a live connection: alembic runs inside it
        cursor = driver.cursor()
        try:
            cursor.execute(SchemaManager.get_schema())
        finally:
            cursor.close()


def downgrade() -> None:
    # Procrastinate's tables are left in place: they may hold jobs another deployment still runs.
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("claim")
