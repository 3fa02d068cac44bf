"""Where CLI output goes: results on stdout (clean JSON with --json), the rest on stderr.

Text from documents and users is data: it goes through ``literal`` before it meets markup.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape

from ingest.normalize import strip_controls
from lagesbild.errors import ConfigError

out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, emoji=False)


def print_json(data: Any) -> None:
    """Write data as JSON to stdout (pydantic models in JSON mode)."""
    if isinstance(data, list):
        data = [d.model_dump(mode="json") if isinstance(d, BaseModel) else d for d in data]
    elif isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def clip(text: str, width: int) -> str:
    """Whitespace folded and cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def literal(text: object) -> str:
    """Document or user text for a Rich markup string: shown as written, never as markup.

    Terminal escapes and control characters are removed and markup brackets escaped, so a
    '[/]' or an ANSI sequence in a file name, passage or question prints literally.
    """
    return escape(strip_controls(str(text)))


def refuse_overwrite(path: Path, force: bool) -> None:
    """Raise a Swedish ``ConfigError`` when ``--out`` names an existing file and no ``--force``."""
    if path.exists() and not force:
        raise ConfigError(
            f"Filen '{path}' finns redan. Ange ett annat filnamn med --out, eller lägg till "
            "--force för att skriva över den."
        )
