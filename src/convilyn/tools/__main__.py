"""Run one built-in MCP server: ``python -m convilyn.tools NAME [--transport stdio|http]``."""

from __future__ import annotations

import argparse

from convilyn.tools.registry import BUILTIN_SERVERS, serve


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve the chosen server until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m convilyn.tools", description=__doc__)
    parser.add_argument("name", choices=sorted(BUILTIN_SERVERS), help="the server to run")
    parser.add_argument("--transport", choices=["stdio", "http"], default="stdio")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--root", action="append", dest="roots", metavar="DIR",
                        help="only read and write files inside DIR (repeatable)")  # fmt: skip
    args = parser.parse_args(argv)
    serve(args.name, args.transport, args.host, args.port, roots=args.roots)


if __name__ == "__main__":
    main()
