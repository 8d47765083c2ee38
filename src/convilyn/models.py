"""Every table, imported in one place so Alembic and tests see the whole schema."""

from convilyn.auth.models import ApiKey, SignInLink, User, WebSession
from convilyn.billing.models import LedgerEntry
from convilyn.builder.models import UserWorkflow, WorkflowTag
from convilyn.community.models import WorkflowComment, WorkflowLike
from convilyn.core.db import Base
from convilyn.files.models import StoredFile
from convilyn.forge.models import Treasure
from convilyn.jobs.models import Job, JobFile

metadata = Base.metadata

__all__ = [
    "ApiKey", "Job", "JobFile", "LedgerEntry", "SignInLink", "StoredFile", "Treasure", "User", "UserWorkflow",
    "WebSession", "WorkflowComment", "WorkflowLike", "WorkflowTag", "metadata",
]
