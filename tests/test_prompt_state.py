"""The fixed start of the prompt, kept on disk between processes (assistant/prompt_state.py)."""

from __future__ import annotations

import ctypes
import time
from pathlib import Path
from typing import Any

import llama_cpp
import numpy as np
import pytest
from conftest import machine_model_dir, real_model_available
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from assistant import llm, model_files, prompt_state
from assistant.prompt_state import Outcome
from lagesbild.settings import LLMSettings, Settings

PREFIX = [{"role": "system", "content": "Svara kort."}, {"role": "user", "content": "Exempel"}]


class FakeClient:
    """The few parts of ``llama_cpp.Llama`` the module uses; its 'KV state' is a byte string."""

    def __init__(self) -> None:
        self.n_tokens = 0
        self.n_batch = 512
        self.input_ids = np.zeros(64, dtype=np.intc)
        self.ctx = object()
        self.kv = b""
        self.completions: list[dict[str, Any]] = []
        self._requires_eval = False

    def n_ctx(self) -> int:
        return 64

    def create_chat_completion(self, **kwargs: Any) -> None:
        self.completions.append(kwargs)
        self.n_tokens = 5
        self.input_ids[:5] = [1, 2, 3, 4, 5]
        self.kv = b"kv-of-five-tokens"


@pytest.fixture
def fake_state(monkeypatch: pytest.MonkeyPatch) -> dict[int, FakeClient]:
    """Route llama.cpp's state calls to the fake client that owns the context."""
    owners: dict[int, FakeClient] = {}

    def owner(ctx: object) -> FakeClient:
        return owners[id(ctx)]

    def get_size(ctx: object) -> int:
        return len(owner(ctx).kv) + 8

    def get_data(ctx: object, buffer: Any, size: int) -> int:
        data = owner(ctx).kv
        ctypes.memmove(buffer, data, len(data))
        return len(data)

    def set_data(ctx: object, buffer: Any, size: int) -> int:
        owner(ctx).kv = bytes(buffer)[:size]
        return size

    monkeypatch.setattr(llama_cpp, "llama_state_get_size", get_size)
    monkeypatch.setattr(llama_cpp, "llama_state_get_data", get_data)
    monkeypatch.setattr(llama_cpp, "llama_state_set_data", set_data)
    return owners


def _client(owners: dict[int, FakeClient]) -> FakeClient:
    client = FakeClient()
    owners[id(client.ctx)] = client
    return client


def test_the_first_process_reads_and_stores_the_next_restores(
    fake_state: dict[int, FakeClient], tmp_path: Path
) -> None:
    first = _client(fake_state)
    assert prompt_state.prepare(first, "model", PREFIX, tmp_path) is Outcome.STORED
    # the fixed messages alone were read, with an empty user turn after them
    assert first.completions[0]["messages"] == [*PREFIX, {"role": "user", "content": ""}]
    assert first.completions[0]["max_tokens"] == 1

    second = _client(fake_state)
    assert prompt_state.prepare(second, "model", PREFIX, tmp_path) is Outcome.RESTORED
    assert not second.completions  # nothing read again
    assert second.kv == b"kv-of-five-tokens"
    assert second.n_tokens == 5 and list(second.input_ids[:5]) == [1, 2, 3, 4, 5]
    assert second._requires_eval


def test_another_prompt_or_model_never_meets_an_old_state(
    fake_state: dict[int, FakeClient], tmp_path: Path
) -> None:
    prompt_state.prepare(_client(fake_state), "model", PREFIX, tmp_path)
    other = [{"role": "system", "content": "Svara utförligt."}]
    assert prompt_state.prepare(_client(fake_state), "model", other, tmp_path) is Outcome.STORED
    assert prompt_state.prepare(_client(fake_state), "other", PREFIX, tmp_path) is Outcome.STORED


def test_a_model_that_has_read_tokens_is_left_alone(
    fake_state: dict[int, FakeClient], tmp_path: Path
) -> None:
    busy = _client(fake_state)
    busy.n_tokens = 3  # in-process reuse is llama.cpp's own
    assert prompt_state.prepare(busy, "model", PREFIX, tmp_path) is Outcome.SKIPPED
    assert not busy.completions and not (tmp_path / prompt_state.STATE_DIR).exists()


def test_a_damaged_state_file_is_read_again_and_replaced(
    fake_state: dict[int, FakeClient], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(fake_state)
    path = prompt_state.state_file(client, "model", PREFIX, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a state")
    monkeypatch.setattr(FakeClient, "reset", lambda self: None, raising=False)
    monkeypatch.setattr(
        FakeClient, "_ctx", type("Ctx", (), {"kv_cache_clear": lambda self: None})(), raising=False
    )
    assert prompt_state.prepare(client, "model", PREFIX, tmp_path) is Outcome.STORED
    assert prompt_state.prepare(_client(fake_state), "model", PREFIX, tmp_path) is (
        Outcome.RESTORED
    )


@pytest.mark.slow
@pytest.mark.skipif(not real_model_available(), reason="llama-cpp-python eller delpaketen saknas")
def test_a_restored_start_gives_the_same_answer_with_less_to_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(
        home=tmp_path, llm=LLMSettings(max_tokens=16, model_dir=machine_model_dir())
    )
    path = model_files.ensure_bundled_model(settings)
    outcomes: list[Outcome] = []
    prepare = prompt_state.prepare
    monkeypatch.setattr(
        prompt_state, "prepare", lambda *a: outcomes.append(prepare(*a)) or outcomes[-1]
    )
    messages = [
        SystemMessage("Du svarar kort på svenska, enbart med hjälp av utdragen."),
        HumanMessage("Fråga: Vad kostade bygget?\n\nUtdrag:\n[1] Bygget kostade 12,4 mkr."),
        AIMessage("Bygget kostade 12,4 mkr [1]."),
        HumanMessage("Fråga: Hur stort var underskottet?\n\nUtdrag:\n[1] Underskottet var 47 mkr."),
    ]
    answers, seconds = [], []
    for _ in range(2):  # two fresh models, as two processes would load them
        model = llm._load_uncached(path).model_copy(
            update={"temperature": 0.0, "max_tokens": 16, "prompt_state_dir": tmp_path}
        )
        started = time.perf_counter()
        answers.append(str(model.invoke(messages).content))
        seconds.append(time.perf_counter() - started)
        model.client.close()
    assert outcomes == [Outcome.STORED, Outcome.RESTORED]
    assert answers[0] == answers[1] and "47" in answers[0]
    print(f"\nförsta processen {seconds[0]:.1f} s, andra (återställd början) {seconds[1]:.1f} s")


def test_a_new_prompt_replaces_the_models_old_state_but_not_other_models(
    fake_state: dict[int, FakeClient], tmp_path: Path
) -> None:
    prompt_state.prepare(_client(fake_state), "model", PREFIX, tmp_path)
    prompt_state.prepare(_client(fake_state), "other model", PREFIX, tmp_path)
    newer = [{"role": "system", "content": "Svara kort, med källa."}]
    prompt_state.prepare(_client(fake_state), "model", newer, tmp_path)
    kept = {p.name for p in (tmp_path / prompt_state.STATE_DIR).glob("*.npz")}
    assert kept == {
        prompt_state.state_file(_client(fake_state), "model", newer, tmp_path).name,
        prompt_state.state_file(_client(fake_state), "other model", PREFIX, tmp_path).name,
    }
