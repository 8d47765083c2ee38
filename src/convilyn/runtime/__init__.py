"""The agent runtime: runs one phase of a DestinationSpec over input documents.

- ``AgentRuntime``: the PhaseRuntime of the service (pydantic-ai over MCP tools);
  ``build_runtime(settings)`` makes the configured one.
- ``list_tools``: the MCP tool catalog of the built-in and external servers.
- ``validate_plan``: checks a spec's plan when the spec is loaded.
"""

from convilyn.runtime.agent_runtime import AgentRuntime, build_runtime
from convilyn.runtime.plan import PlanError, validate_plan
from convilyn.runtime.servers import list_tools

__all__ = ["AgentRuntime", "PlanError", "build_runtime", "list_tools", "validate_plan"]
