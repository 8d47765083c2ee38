"""The errors of the community API, as types so routes can declare them."""

from __future__ import annotations

from convilyn.core.errors import Conflict, NotFound, ValidationFailed


class CommentNotFound(NotFound):
    code = "COMMENT_NOT_FOUND"

    def __init__(self, comment_id: str) -> None:
        super().__init__(f"Comment {comment_id} was not found.", details={"commentId": comment_id})


class WorkflowNotPublic(Conflict):
    code = "WORKFLOW_NOT_PUBLIC"


class MarkupNotAllowed(ValidationFailed):
    code = "MARKUP_NOT_ALLOWED"
