"""The client commands of ``convilyn`` (run, jobs, workflows, catalog): the SDK at a terminal.

They talk to a server over HTTP only (``--server`` / ``CONVILYN_BASE_URL``, ``--api-key`` /
``CONVILYN_API_KEY``) and never touch a database, so they work against any Convilyn.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the client commands to the ``convilyn`` command."""
    from convilyn.client_commands import jobs, run, workflows

    app.command("run")(run.run)
    app.command("catalog")(workflows.catalog)
    app.add_typer(jobs.app, name="jobs")
    app.add_typer(workflows.app, name="workflows")
