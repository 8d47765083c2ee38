"""Request and response bodies of the community API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from convilyn.builder.schemas import BuilderRequest, UserWorkflowSummary, not_blank, storable
from convilyn.core.schemas import ApiModel

CommentBody = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(storable), AfterValidator(not_blank)]


class CommunityWorkflowSummary(UserWorkflowSummary):
    owner_display_name: str
    source_name: str


class CommunityPage(ApiModel):
    items: list[CommunityWorkflowSummary]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")


class LikeState(ApiModel):
    liked: bool = Field(description="Whether the caller likes the workflow after this call.")
    like_count: int


class CreateComment(BuilderRequest):
    body: CommentBody = Field(
        description="Plain text. HTML, script or iframe tags, `javascript:` URLs and inline event handlers are "
        "refused (422); clients must render the body verbatim, never as HTML."
    )


class CommentView(ApiModel):
    comment_id: str = Field(examples=["wc_0123456789abcdef01234567"])
    workflow_id: str
    author_id: str
    body: str
    created_at: datetime


class CommentPage(ApiModel):
    items: list[CommentView]
    cursor: str | None = Field(description="Pass as `cursor` for the next page; null at the end.")
