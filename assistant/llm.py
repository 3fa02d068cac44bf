"""Chat models behind one factory, chosen by ``settings.llm.backend``.

* ``llamacpp`` (default): a GGUF run in-process by llama-cpp-python through LangChain's
  ``ChatLlamaCpp`` — the bundled Qwen2.5-Coder-1.5B-Instruct (assembled from its part packages
  on first use), or ``settings.llm.model`` when that names a GGUF file. No network.
  The loaded model is kept per process: loading per question would be too slow.
* ``ollama``: a model served by Ollama (``base_url`` default ``http://127.0.0.1:11434``).
* ``openai``: any OpenAI-compatible server (vLLM, LM Studio, llama.cpp's server, Azure's
  v1 endpoint) at an explicit ``base_url``. There is no default URL, so documents are never
  sent to a cloud service by accident.

``describe_backend`` reports, without loading anything, whether the configured backend can
answer now; it contacts nothing but the configured server.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from langchain_community.chat_models import ChatLlamaCpp
from langchain_community.chat_models.llamacpp import _convert_message_to_dict
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.chat_models import generate_from_stream
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import BaseModel, Field, PrivateAttr, SecretStr

from assistant import model_files, prompt_state
from assistant.model_files import (
    ByteProgressCallback,
    ModelFileError,
    bundled_model_path,
    ensure_bundled_model,
    find_parts,
    is_verified,
    legacy_model_path,
)
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings, get_settings

DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
CONTEXT_TOKENS = 4096
"""Context window for the local model (and asked of Ollama): prompts are kept short."""
PROBE_TIMEOUT_S = 2.0
REQUEST_TIMEOUT_S = 300.0
BUNDLED_MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)"
_NO_KEY = "ingen-nyckel"  # local OpenAI-compatible servers ignore the key but the client wants one

ChatFactory = Callable[[Settings, ByteProgressCallback | None], BaseChatModel]


class BackendStatus(BaseModel):
    """What ``lagesbild models`` shows about the configured chat backend."""

    backend: str = Field(description="Backend name (llamacpp, ollama, openai).")
    model: str = Field(description="Model name, or the GGUF path for llamacpp.")
    reachable: bool = Field(
        description="True when the backend can answer now, as far as a quick check tells."
    )
    detail: str = Field(
        description="One or two Swedish sentences: what was found and, if needed, the fix."
    )
    size_bytes: int = Field(
        default=0, description="Size of the local model file (0 when there is none yet)."
    )


# --------------------------------------------------------------------------- factory


def make_chat_model(
    settings: Settings | None = None, *, progress: ByteProgressCallback | None = None
) -> BaseChatModel:
    """The chat model the settings ask for.

    For ``llamacpp`` the bundled model is assembled first if needed (``progress`` gets
    bytes done / total) and the loaded model is reused for the rest of the process.
    Raises ConfigError for an unknown backend or an incomplete configuration.
    """
    settings = settings or get_settings()
    return _factory(settings.llm.backend)(settings, progress)


def backend_names() -> list[str]:
    """The valid values of ``settings.llm.backend``."""
    return list(BACKENDS)


def _factory(name: str) -> ChatFactory:
    factory = BACKENDS.get(name.strip().lower())
    if factory is None:
        raise ConfigError(
            f"Okänd backend för språkmodellen: '{name}'. "
            f"Giltiga namn: {', '.join(backend_names())}. "
            "Ändra LAGESBILD_LLM__BACKEND eller 'backend' under [llm] i config.toml."
        )
    return factory


# --------------------------------------------------------------------------- llama.cpp


class LocalChatLlamaCpp(ChatLlamaCpp):
    """``ChatLlamaCpp`` that shares one loaded model and runs one generation at a time.

    Copies made with ``model_copy`` share the llama.cpp model and the lock (the copy keeps the
    same ``client`` and private attributes), so per-call settings cost nothing. A llama.cpp
    context is not thread-safe, hence the lock. ``invoke`` also passes ``stop`` through, which
    the upstream streaming path drops.
    """

    _generation_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    prompt_state_dir: Path | None = None
    """Where the state of a prompt's fixed start is kept between processes (None: not kept)."""
    model_key: str = ""
    """Names the model file for :mod:`assistant.prompt_state` (path, size, modification)."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._generation_lock:
            self._prepare_prefix(messages)
            yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)

    def _prepare_prefix(self, messages: list[BaseMessage]) -> None:
        """In a fresh process, restore (or read once and store) the state of every message
        but the last: the prompt's fixed rules and example turns."""
        if self.prompt_state_dir is None or len(messages) < 2 or self.client.n_tokens:
            return
        prefix = [_convert_message_to_dict(m) for m in messages[:-1]]
        prompt_state.prepare(self.client, self.model_key, prefix, self.prompt_state_dir)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self.streaming and not kwargs.get("tool_choice"):
            chunks = self._stream(messages, stop=stop, run_manager=run_manager, **kwargs)
            return generate_from_stream(chunks)
        with self._generation_lock:
            self._prepare_prefix(messages)
            return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


_loaded: dict[tuple[str, int, int], LocalChatLlamaCpp] = {}
_load_lock = threading.Lock()


def llama_threads() -> int:
    """Threads for llama.cpp: about the physical cores (2 on a 2-core machine)."""
    return max(2, (os.cpu_count() or 2) // 2)


def gguf_path(settings: Settings, progress: ByteProgressCallback | None = None) -> Path:
    """The GGUF the llamacpp backend runs: ``settings.llm.model``, else the bundled model."""
    if settings.llm.model:
        path = Path(settings.llm.model).expanduser()
        if not path.is_file():
            raise ConfigError(
                f"Modellfilen '{path}' finns inte. Ange sökvägen till en GGUF-fil i "
                "LAGESBILD_LLM__MODEL, eller lämna inställningen tom för den inbyggda modellen."
            )
        return path
    return ensure_bundled_model(settings, progress)


def load_llama(path: Path) -> LocalChatLlamaCpp:
    """The loaded model for ``path``, loading it once per process (and dropping any other)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _load_lock:
        if key not in _loaded:
            _loaded.clear()  # one local model per process: each takes ~2 GB of RAM
            _loaded[key] = _load_uncached(path)
        return _loaded[key]


def clear_loaded_models() -> None:
    """Forget the loaded local model (frees its memory once no chat model refers to it)."""
    with _load_lock:
        _loaded.clear()


@atexit.register
def _close_loaded_models() -> None:
    """Free llama.cpp models before interpreter teardown (its ``__del__`` fails that late)."""
    with _load_lock:
        for model in _loaded.values():
            close = getattr(model.client, "close", None)
            if callable(close):
                close()
        _loaded.clear()


def llama_cpp_installed() -> bool:
    """True when llama-cpp-python can be imported (checked without importing it)."""
    return importlib.util.find_spec("llama_cpp") is not None


def _load_uncached(path: Path) -> LocalChatLlamaCpp:
    if not llama_cpp_installed():
        raise ConfigError(_LLAMA_CPP_MISSING)
    try:
        return LocalChatLlamaCpp(
            model_path=str(path),
            n_ctx=CONTEXT_TOKENS,
            n_threads=llama_threads(),
            n_batch=512,  # upstream default 8 makes reading the prompt several times slower
            rope_freq_base=0.0,  # 0 = take RoPE settings from the GGUF (upstream forces 10000)
            rope_freq_scale=0.0,
            repeat_penalty=1.0,  # numbers are quoted verbatim: don't penalise repeating them
            seed=0,
            verbose=False,
        )
    except ValueError as exc:
        raise ConfigError(
            f"Kunde inte läsa modellfilen '{path}' med llama.cpp: filen är skadad eller inte en "
            "GGUF-modell som llama.cpp stöder. Ange en annan fil i LAGESBILD_LLM__MODEL."
        ) from exc


def _make_llamacpp(settings: Settings, progress: ByteProgressCallback | None) -> BaseChatModel:
    path = gguf_path(settings, progress)
    loaded = load_llama(path)
    stat = path.stat()
    return loaded.model_copy(
        update={
            "temperature": settings.llm.temperature,
            "max_tokens": settings.llm.max_tokens,
            "prompt_state_dir": model_files.model_dir(settings),
            "model_key": f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}",
        }
    )


_LLAMA_CPP_MISSING = (
    "Python-paketet llama-cpp-python saknas, så den lokala modellen kan inte köras. Kör "
    '`make setup`, eller `CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/pip install '
    "llama-cpp-python==0.3.36`."
)


# --------------------------------------------------------------------------- servers


def _required_model(settings: Settings, example: str) -> str:
    if not settings.llm.model:
        raise ConfigError(
            f"Ange vilken modell servern ska använda för '{settings.llm.backend}', till exempel "
            f"LAGESBILD_LLM__MODEL={example}."
        )
    return settings.llm.model


def _make_ollama(settings: Settings, progress: ByteProgressCallback | None) -> BaseChatModel:
    from langchain_ollama import ChatOllama

    key = settings.llm.api_key.get_secret_value()
    return ChatOllama(
        model=_required_model(settings, "qwen2.5:7b-instruct"),
        base_url=settings.llm.base_url or DEFAULT_OLLAMA_URL,
        temperature=settings.llm.temperature,
        num_predict=settings.llm.max_tokens,
        num_ctx=CONTEXT_TOKENS,
        client_kwargs={"headers": {"Authorization": f"Bearer {key}"}} if key else {},
    )


def _make_openai(settings: Settings, progress: ByteProgressCallback | None) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    if not settings.llm.base_url:
        raise ConfigError(
            "Backend 'openai' behöver en server-URL: ange LAGESBILD_LLM__BASE_URL, till exempel "
            "http://127.0.0.1:8000/v1 (vLLM, LM Studio eller llama.cpp-servern)."
        )
    key = settings.llm.api_key.get_secret_value() or _NO_KEY
    return ChatOpenAI(
        model=_required_model(settings, "Qwen/Qwen2.5-7B-Instruct"),
        base_url=settings.llm.base_url,
        api_key=SecretStr(key),
        temperature=settings.llm.temperature,
        max_completion_tokens=settings.llm.max_tokens,
        timeout=REQUEST_TIMEOUT_S,
        max_retries=1,
    )


BACKENDS: dict[str, ChatFactory] = {
    "llamacpp": _make_llamacpp,
    "ollama": _make_ollama,
    "openai": _make_openai,
}


# --------------------------------------------------------------------------- status


def describe_backend(settings: Settings | None = None) -> BackendStatus:
    """Whether the configured backend can answer, in Swedish, without loading a model.

    Raises ConfigError for an unknown backend name (like ``make_chat_model``).
    """
    settings = settings or get_settings()
    name = settings.llm.backend.strip().lower()
    _factory(name)
    if name == "llamacpp":
        return _describe_llamacpp(settings)
    return _describe_server(settings, name)


def _describe_llamacpp(settings: Settings) -> BackendStatus:
    runtime_ok = llama_cpp_installed()
    if settings.llm.model:
        path = Path(settings.llm.model).expanduser()
        found = path.is_file()
        detail = (
            f"GGUF-filen '{path}' finns ({_gb(path.stat().st_size)})."
            if found
            else f"GGUF-filen '{path}' finns inte. Rätta LAGESBILD_LLM__MODEL."
        )
    else:
        path = bundled_model_path(settings)
        found, detail = _bundled_state(path, legacy_model_path(settings.data_dir))
    if not runtime_ok:
        found, detail = False, f"{detail} {_LLAMA_CPP_MISSING}"
    size = path.stat().st_size if path.is_file() else 0
    return BackendStatus(
        backend="llamacpp", model=str(path), reachable=found, detail=detail, size_bytes=size
    )


def _bundled_state(path: Path, legacy: Path) -> tuple[bool, str]:
    """(usable, Swedish detail) for the bundled model at ``path`` (``legacy``: an old copy)."""
    name = f"Inbyggd modell {BUNDLED_MODEL_NAME}"
    size = model_files.MODEL_SIZE
    where = f"i '{path.parent}', delad av alla datakataloger"
    if is_verified(path):
        return True, f"{name}: hopsatt och verifierad ({_gb(size)}) {where}."
    if path.is_file() and path.stat().st_size == size:
        return True, (
            f"{name}: hopsatt ({_gb(size)}) {where}; kontrollsumman prövas vid första användning."
        )
    if legacy.is_file() and legacy.stat().st_size == size:
        return True, (
            f"{name}: en kopia ({_gb(size)}) finns i datakatalogen ('{legacy.parent}'); den "
            f"flyttas till '{path.parent}' första gången den används."
        )
    try:
        parts = find_parts()
    except ModelFileError as exc:
        return False, str(exc)
    return True, (
        f"{name}: inte hopsatt ännu. Den sätts ihop från {len(parts)} installerade delpaket "
        f"({_gb(size)}) till '{path.parent}' första gången den används."
    )


def _describe_server(settings: Settings, name: str) -> BackendStatus:
    base = settings.llm.base_url or (DEFAULT_OLLAMA_URL if name == "ollama" else "")
    model = settings.llm.model
    if not base:
        detail = "Ingen server-URL angiven. Ange LAGESBILD_LLM__BASE_URL (t.ex. http://127.0.0.1:8000/v1)."
        return BackendStatus(backend=name, model=model, reachable=False, detail=detail)
    reachable, detail = _probe_server(name, base, model, settings.llm.api_key)
    return BackendStatus(backend=name, model=model, reachable=reachable, detail=detail)


def _probe_server(name: str, base: str, model: str, api_key: SecretStr) -> tuple[bool, str]:
    """Ask the server which models it has (one GET with a short timeout)."""
    import httpx

    url = base.rstrip("/") + ("/api/tags" if name == "ollama" else "/models")
    key = api_key.get_secret_value()
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    host = httpx.URL(url).host
    try:
        with httpx.Client(timeout=PROBE_TIMEOUT_S, trust_env=not _is_loopback(host)) as client:
            response = client.get(url, headers=headers)
    except httpx.TimeoutException:
        return False, f"Servern på {base} svarade inte inom {PROBE_TIMEOUT_S:g} s."
    except (httpx.HTTPError, ValueError) as exc:
        return False, (
            f"Ingen server svarar på {base} ({type(exc).__name__}). Starta servern eller rätta "
            "LAGESBILD_LLM__BASE_URL."
        )
    if response.status_code in (401, 403):
        return False, (
            f"Servern på {base} svarar men avvisar nyckeln (HTTP {response.status_code}). "
            "Kontrollera LAGESBILD_LLM__API_KEY."
        )
    if response.status_code != 200:
        return False, f"Servern på {base} svarar med HTTP {response.status_code} på {url}."
    return _model_state(name, base, model, _served_models(name, response))


def _served_models(name: str, response: Any) -> list[str]:
    try:
        data = response.json()
        if name == "ollama":
            return [str(item.get("name") or item.get("model")) for item in data["models"]]
        return [str(item["id"]) for item in data["data"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _model_state(name: str, base: str, model: str, served: list[str]) -> tuple[bool, str]:
    listed = ", ".join(served[:8]) or "inga"
    if not model:
        return False, (
            f"Servern på {base} svarar. Ange modell i LAGESBILD_LLM__MODEL (servern har: {listed})."
        )
    if not served:
        return True, f"Servern på {base} svarar."
    if model in served or f"{model}:latest" in served:
        return True, f"Servern på {base} svarar och har modellen '{model}'."
    fix = f"Kör `ollama pull {model}`" if name == "ollama" else "Rätta LAGESBILD_LLM__MODEL"
    detail = f"Servern på {base} svarar men har inte modellen '{model}' (den har: {listed})."
    return False, f"{detail} {fix}."


def _is_loopback(host: str) -> bool:
    return host in {"localhost", "127.0.0.1", "::1"} or host.startswith("127.")


def _gb(size: int) -> str:
    return f"{size / 1e9:.1f} GB".replace(".", ",")
