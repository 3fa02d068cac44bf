"""The `lagesbild` entry point: `search` starts without loading the rest of the CLI.

Every other command (and no command: the terminal UI) goes to ``assistant.cli.main``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run `lagesbild`; `lagesbild search …` imports only what searching needs."""
    from assistant.cli_search import VERBOSE_FLAGS, run_typer, search_app

    args = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args if a not in VERBOSE_FLAGS), None)  # `lagesbild -v search`
    if command == "search" and not {"--help", "-h"} & set(args):
        return run_typer(search_app(), args)
    from assistant.cli import main as full_main

    return full_main(args)


if __name__ == "__main__":
    sys.exit(main())
