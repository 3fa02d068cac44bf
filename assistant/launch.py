"""The `lagesbild` entry point: `search` starts without loading the rest of the CLI.

Every other command (and no command: the terminal UI) goes to ``assistant.cli.main``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run `lagesbild`; `lagesbild search …` imports only what searching needs."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["search"] and not {"--help", "-h"} & set(args):
        from assistant.cli_search import run_typer, search_app

        return run_typer(search_app(), args)
    from assistant.cli import main as full_main

    return full_main(args)


if __name__ == "__main__":
    sys.exit(main())
