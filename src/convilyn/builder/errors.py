"""The errors of the builder API, as types so routes can declare them."""

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


class VisibilityTransitionRefused(InvalidTransition):
    code = "INVALID_TRANSITION"


class WorkflowIsPublic(Conflict):
    code = "WORKFLOW_IS_PUBLIC"


class ContentPolicyViolation(ValidationFailed):
    code = "CONTENT_POLICY_VIOLATION"
