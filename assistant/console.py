"""Where CLI output goes: results on stdout (clean JSON with --json), the rest on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel
from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True)


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
