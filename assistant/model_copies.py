"""Stale copies of the bundled model: what ``lagesbild models --prune`` finds and removes.

Earlier versions assembled the model inside each data directory (``<home>/models/``); now it
lives once in the model cache (``assistant.model_files``). Copies left in data directories,
and temp files of assemblies that were killed, only take space.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from assistant.model_files import (
    LEGACY_FOLDER,
    MODEL_FILENAME,
    STALE_TEMP_S,
    bundled_model_path,
    legacy_model_path,
    marker_path,
)
from lagesbild.settings import Settings, get_settings


def stale_copies(settings: Settings | None = None, folders: Iterable[Path] = ()) -> list[Path]:
    """Copies of the bundled model outside the cache that can go (with leftover temp files).

    Looks in the current and the default data directory's ``models/`` folder, in each of
    ``folders`` (and its ``models/`` subfolder), and for temp files of killed assemblies in
    the cache. The model in the cache and a file that ``llm.model`` names are never listed,
    nor, while the cache holds no model, the current data directory's copy (it is moved into
    the cache on first use).
    """
    settings = settings or get_settings()
    keep = {_resolved(bundled_model_path(settings))}
    if settings.llm.model:
        keep.add(_resolved(Path(settings.llm.model).expanduser()))
    if not bundled_model_path(settings).is_file():
        keep.add(_resolved(legacy_model_path(settings.data_dir)))
    default_home = Path(platformdirs.user_data_dir("lagesbild", appauthor=False))
    places = [settings.data_dir / LEGACY_FOLDER, default_home / LEGACY_FOLDER]
    for folder in folders:
        places += [folder, folder / LEGACY_FOLDER]
    found: dict[Path, Path] = {}
    for place in places:
        candidate = place / MODEL_FILENAME
        if candidate.is_file() and _resolved(candidate) not in keep:
            found.setdefault(_resolved(candidate), candidate)
    cutoff = time.time() - STALE_TEMP_S
    cache = bundled_model_path(settings)
    for leftover in sorted(cache.parent.glob(f".{cache.name}.*.tmp")):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                found.setdefault(_resolved(leftover), leftover)
    return list(found.values())


def remove_copies(copies: Iterable[Path]) -> int:
    """Delete the given model copies and their markers; returns the bytes freed."""
    freed = 0
    for copy in copies:
        with contextlib.suppress(FileNotFoundError):
            size = copy.stat().st_size
            copy.unlink()
            freed += size
        marker_path(copy).unlink(missing_ok=True)
    return freed


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
