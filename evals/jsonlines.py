"""Reading the JSON-lines sets the evals score (questions, claims): one object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lagesbild.errors import ConfigError


def json_lines(path: Path, fields: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The objects of ``path``, one per non-blank line, each with ``fields``.

    A file that is not JSON lines, or a line without a field, is a :class:`ConfigError` that
    names the file, the line and what such a file holds, not a traceback.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Kunde inte läsa {path}: {exc}.") from exc
    wanted = ", ".join(f"'{f}'" for f in fields)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{path}, rad {number}: inte en JSON-rad ({exc.msg}). Filen ska ha ett "
                f"JSON-objekt per rad med fälten {wanted}."
            ) from exc
        missing = [f for f in fields if not isinstance(item, dict) or f not in item]
        if missing:
            raise ConfigError(
                f"{path}, rad {number}: fältet {', '.join(repr(m) for m in missing)} saknas. "
                f"Varje rad ska vara ett JSON-objekt med fälten {wanted}."
            )
        yield item
