"""The base of every tool result model: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


def _field_title(name: str, _info: object) -> str:
    return name.replace("_", " ").capitalize()


class ToolModel(BaseModel):
    """A tool's structured input or output; serialises with camelCase keys."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        field_title_generator=_field_title,
    )
