"""The evaluated start of a prompt, kept on disk so a new process need not read it again.

Every answer's prompt starts with the same messages: the rules and the example turn
(``prompts/answer.toml``), about 300 tokens that the bundled model reads in a few seconds on
two cores. Within one process llama.cpp reuses them by itself: it keeps the tokens it has
read and decodes only where a new prompt departs from them. A new process — each
``lagesbild ask`` — starts empty. So the first time a process generates, this module either

* restores the state of those fixed messages from a file (milliseconds), or
* reads them once, by a one-token generation on the fixed messages alone, and stores that
  state for the next process.

The state holds only the fixed messages (never a question or document text). Its file is
named by a digest of everything that shapes it — the model file, llama-cpp-python's version,
the context and batch sizes and the messages — so a new prompt or model never meets an old
state. The file is numpy's ``.npz`` read with ``allow_pickle=False``: data, not code. A file
that cannot be read is ignored and written again; storing a new state for a model removes the
states it stored for earlier prompts.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

STATE_DIR = "prompt-state"


class Outcome(StrEnum):
    """What :func:`prepare` did."""

    RESTORED = "restored"
    STORED = "stored"
    SKIPPED = "skipped"  # the model had read tokens already, or nothing fixed to keep


def state_file(client: Any, model_key: str, prefix: list[dict[str, str]], directory: Path) -> Path:
    """The file that holds (or will hold) the state of ``prefix`` for this model."""
    import llama_cpp

    blob = json.dumps(
        [model_key, llama_cpp.__version__, client.n_ctx(), client.n_batch, prefix],
        ensure_ascii=False,
    )
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
    return directory / STATE_DIR / f"{digest}.npz"


def prepare(client: Any, model_key: str, prefix: list[dict[str, str]], directory: Path) -> Outcome:
    """Give a fresh llama.cpp ``client`` the state of the fixed messages ``prefix``: from its
    file when there is one, else by reading them now and storing the state for next time."""
    if client.n_tokens or not prefix:
        return Outcome.SKIPPED
    path = state_file(client, model_key, prefix, directory)
    if path.exists():
        try:
            _restore(client, path)
            log.debug("promptens fasta början återställd (%d token) från %s", client.n_tokens, path)
            return Outcome.RESTORED
        except (OSError, ValueError, KeyError, RuntimeError, EOFError, zipfile.BadZipFile) as exc:
            log.warning(
                "kunde inte läsa den sparade promptstarten %s (%s); läser om den", path, exc
            )
            _reset(client)
    # a one-token answer to the fixed messages alone: they are read, and kept
    client.create_chat_completion(
        messages=[*prefix, {"role": "user", "content": ""}], max_tokens=1, temperature=0.0
    )
    try:
        _store(client, path, model_key)
    except OSError as exc:  # a read-only cache: answer anyway, just slower next time
        log.warning("kunde inte spara promptstarten i %s: %s", path, exc)
        return Outcome.SKIPPED
    log.debug("promptens fasta början läst och sparad (%d token) i %s", client.n_tokens, path)
    return Outcome.STORED


def _store(client: Any, path: Path, model_key: str) -> None:
    import llama_cpp

    size = llama_cpp.llama_state_get_size(client.ctx)
    buffer = (ctypes.c_uint8 * int(size))()
    written = llama_cpp.llama_state_get_data(client.ctx, buffer, size)
    if int(written) > int(size):
        raise OSError("llama.cpp skrev mer tillstånd än det angav")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out,
                state=np.frombuffer(bytes(buffer)[: int(written)], dtype=np.uint8),
                input_ids=np.asarray(client.input_ids[: client.n_tokens], dtype=np.intc),
                model=np.array(model_key),
            )
        os.replace(tmp, path)  # whole or not at all: a reader never sees half a file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _drop_superseded(path, model_key)


def _drop_superseded(kept: Path, model_key: str) -> None:
    """Remove the states this model stored for an earlier prompt (10 MB each): a new state
    for the same model file means the prompt or the library version changed."""
    for other in kept.parent.glob("*.npz"):
        if other == kept:
            continue
        try:
            with np.load(other, allow_pickle=False) as data:
                same = "model" in data and str(data["model"]) == model_key
        except (OSError, ValueError, EOFError, zipfile.BadZipFile):
            continue  # not ours to judge
        if same:
            other.unlink(missing_ok=True)
            log.debug("gammal promptstart borttagen: %s", other)


def _restore(client: Any, path: Path) -> None:
    import llama_cpp

    with np.load(path, allow_pickle=False) as data:
        state = data["state"]
        ids = data["input_ids"]
    if len(ids) == 0 or len(ids) >= client.n_ctx():
        raise ValueError("fel antal token")
    raw = state.tobytes()
    buffer = (ctypes.c_uint8 * len(raw)).from_buffer_copy(raw)
    if llama_cpp.llama_state_set_data(client.ctx, buffer, len(raw)) != len(raw):
        raise RuntimeError("llama.cpp tog inte emot tillståndet")
    client.input_ids[: len(ids)] = ids
    client.n_tokens = len(ids)
    client._requires_eval = True  # the next prompt's own part is decoded before sampling


def _reset(client: Any) -> None:
    client.reset()
    client._ctx.kv_cache_clear()
