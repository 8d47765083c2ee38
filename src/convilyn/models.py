"""Every table, imported in one place so Alembic and tests see the whole schema."""

from convilyn.auth.models import ApiKey, User
from convilyn.core.db import Base
from convilyn.files.models import StoredFile
from convilyn.jobs.models import Job, JobFile

metadata = Base.metadata

__all__ = ["ApiKey", "Job", "JobFile", "StoredFile", "User", "metadata"]
