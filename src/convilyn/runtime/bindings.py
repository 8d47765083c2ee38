"""Argument bindings and templates of a plan, evaluated in a sandboxed Jinja environment.

A binding is any JSON value. Strings are where the values come from:

- ``"{{ expr }}"`` (the whole string one expression) evaluates to the value of
  ``expr``, keeping its type: ``"{{ steps.texts[0].text }}"`` is a string,
  ``"{{ inputs }}"`` a list.
- any other string holding ``{{`` or ``{%`` is a template rendered to text.
- everything else (and lists and objects, recursively) is taken as written.

The names a binding can see are the plan's namespace: ``inputs``, ``slots``,
``steps`` (results of earlier steps by id), ``spec``, ``item`` inside a
``forEach``, and ``today``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from convilyn.runtime.filters import FILTERS

_WHOLE_EXPRESSION = re.compile(r"^\{\{(?P<expr>(?:(?!\{\{|\}\}).)*)\}\}$", re.DOTALL)


class BindingError(ValueError):
    """A binding or template that does not compile, or fails to evaluate."""


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


ENVIRONMENT = _environment()


def template_text(template: str | Sequence[str]) -> str:
    """A template written as one string or as a list of lines."""
    return template if isinstance(template, str) else "\n".join(template)


@lru_cache(maxsize=512)
def _expression(source: str) -> Any:
    try:
        return ENVIRONMENT.compile_expression(source, undefined_to_none=False)
    except TemplateSyntaxError as exc:
        raise BindingError(f"expression {{{{{source}}}}} does not compile: {exc.message}") from exc


@lru_cache(maxsize=512)
def _template(source: str) -> Any:
    try:
        return ENVIRONMENT.from_string(source)
    except TemplateSyntaxError as exc:
        raise BindingError(f"template does not compile (line {exc.lineno}): {exc.message}") from exc


def _whole_expression(value: str) -> str | None:
    match = _WHOLE_EXPRESSION.match(value.strip())
    return match.group("expr").strip() if match else None


def is_dynamic(value: str) -> bool:
    return "{{" in value or "{%" in value


def evaluate(binding: Any, namespace: dict[str, Any]) -> Any:
    """The value of ``binding`` in ``namespace`` (see the module docstring)."""
    if isinstance(binding, dict):
        return {key: evaluate(value, namespace) for key, value in binding.items()}
    if isinstance(binding, list):
        return [evaluate(value, namespace) for value in binding]
    if not isinstance(binding, str) or not is_dynamic(binding):
        return binding
    try:
        expression = _whole_expression(binding)
        if expression is not None:
            return _expression(expression)(**namespace)
        return _template(binding).render(**namespace)
    except BindingError:
        raise
    except Exception as exc:  # Jinja raises many types; all mean the binding did not evaluate.
        raise BindingError(f"{binding[:80]!r} could not be evaluated: {exc}") from exc


def render(template: str | Sequence[str], namespace: dict[str, Any]) -> str:
    """A template (string or list of lines) rendered to text."""
    text = template_text(template)
    try:
        rendered = _template(text).render(**namespace)
    except BindingError:
        raise
    except Exception as exc:
        raise BindingError(f"template could not be rendered: {exc}") from exc
    lines = "\n".join(line.rstrip() for line in rendered.splitlines())
    return re.sub(r"\n{3,}", "\n\n", lines).strip() + "\n"  # conditionals leave no gaps behind


def _sources(binding: Any) -> Iterable[str]:
    if isinstance(binding, dict):
        for value in binding.values():
            yield from _sources(value)
    elif isinstance(binding, list):
        for value in binding:
            yield from _sources(value)
    elif isinstance(binding, str) and is_dynamic(binding):
        expression = _whole_expression(binding)
        yield f"{{{{ {expression} }}}}" if expression is not None else binding


def referenced_steps(binding: Any) -> set[str]:
    """Ids of the steps a binding reads (``steps.x`` or ``steps['x']``); BindingError if it does not compile."""
    found: set[str] = set()
    for source in _sources(binding):
        try:
            tree = ENVIRONMENT.parse(source)
        except TemplateSyntaxError as exc:
            raise BindingError(f"{source[:80]!r} does not compile: {exc.message}") from exc
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            assert isinstance(node, (nodes.Getattr, nodes.Getitem))  # what find_all was asked for
            if isinstance(node.node, nodes.Name) and node.node.name == "steps":
                if isinstance(node, nodes.Getattr):
                    found.add(node.attr)
                elif isinstance(node.arg, nodes.Const):
                    found.add(str(node.arg.value))
    return found
