"""The errors of the builder and community APIs, as types so routes can declare them."""

from __future__ import annotations

from convilyn.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed


class WorkflowNotFound(NotFound):
    code = "WORKFLOW_NOT_FOUND"

    def __init__(self, workflow_id: str) -> None:
        super().__init__(f"Workflow {workflow_id} was not found.", details={"workflowId": workflow_id})


class SourceNotFound(NotFound):
    code = "SOURCE_NOT_FOUND"

    def __init__(self, source_spec_id: str) -> None:
        super().__init__(
            f"No workflow {source_spec_id} to fork from (curated, developer, your own or a public one).",
            details={"sourceSpecId": source_spec_id},
        )


class CommentNotFound(NotFound):
    code = "COMMENT_NOT_FOUND"

    def __init__(self, comment_id: str) -> None:
        super().__init__(f"Comment {comment_id} was not found.", details={"commentId": comment_id})


class VisibilityTransitionRefused(InvalidTransition):
    code = "INVALID_TRANSITION"


class WorkflowIsPublic(Conflict):
    code = "WORKFLOW_IS_PUBLIC"


class WorkflowNotPublic(Conflict):
    code = "WORKFLOW_NOT_PUBLIC"


class ContentPolicyViolation(ValidationFailed):
    code = "CONTENT_POLICY_VIOLATION"


class MarkupNotAllowed(ValidationFailed):
    code = "MARKUP_NOT_ALLOWED"
