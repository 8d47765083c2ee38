"""The Python SDK of the Convilyn API.

    from convilyn_sdk import Convilyn

    client = Convilyn(api_key="...", base_url="http://127.0.0.1:8000")
    result = client.jobs.run("goal_lane.cover_letter", ["resume.md", "job_posting.txt"])
    client.jobs.download(result.job_id, "out/")
"""

from convilyn_sdk import types
from convilyn_sdk._base_client import DEFAULT_MAX_RETRIES, __version__
from convilyn_sdk._client import AsyncConvilyn, Convilyn
from convilyn_sdk._errors import *  # noqa: F403  (every exception class is public API)
from convilyn_sdk._errors import __all__ as _error_names
from convilyn_sdk._events import JobEvent
from convilyn_sdk._run import JobResult, PendingCheckpoint
from convilyn_sdk.pagination import AsyncPage, AsyncPaginator, SyncPage

__all__ = [
    "DEFAULT_MAX_RETRIES", "AsyncConvilyn", "AsyncPage", "AsyncPaginator", "Convilyn", "JobEvent", "JobResult",
    "PendingCheckpoint", "SyncPage", "__version__", "types", *_error_names,
]
