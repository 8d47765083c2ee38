"""Every table, imported in one place so Alembic and tests see the whole schema."""

from convilyn.auth.models import ApiKey, SignInLink, User, WebSession
from convilyn.billing.models import LedgerEntry
from convilyn.builder.models import UserWorkflow, WorkflowTag
from convilyn.community.models import WorkflowComment, WorkflowLike
from convilyn.core.db import Base
from convilyn.files.models import StoredFile
from convilyn.forge.models import Treasure
from convilyn.idempotency.models import IdempotencyRecord
from convilyn.jobs.models import Job, JobEvent, JobFile
from convilyn.webhooks.models import WebhookDelivery, WebhookEndpoint

metadata = Base.metadata

__all__ = [
    "ApiKey", "IdempotencyRecord", "Job", "JobEvent", "JobFile", "LedgerEntry", "SignInLink", "StoredFile",
    "Treasure", "User", "UserWorkflow", "WebSession", "WebhookDelivery", "WebhookEndpoint", "WorkflowComment",
    "WorkflowLike", "WorkflowTag", "metadata",
]
