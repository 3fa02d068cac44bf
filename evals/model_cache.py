"""A chat model that remembers what another one wrote for each exact prompt.

The answers eval spends almost all its time in the local model (15–20 minutes for 116
questions on two cores), while the work that follows generation — choosing the lead,
checking numbers, quoting — runs in milliseconds. With ``--model-cache FILE`` the eval keeps
the model's text per prompt in a JSON file: a later run whose prompt for a question is
byte-identical (same template, same evidence, same stop words) reads the text back instead of
generating it again. The bundled model decodes greedily with a fixed seed, so the text read
back is what it would have written. Any change to the evidence or the prompt changes the key,
and that question is generated afresh.

Times measured on a cached answer are not model times: the report says how many answers came
from the cache, and the first-token figures count only generated ones.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr


def prompt_key(messages: Sequence[BaseMessage], stop: Sequence[str] | None) -> str:
    """A digest of everything the model reads: each message's role and text, and the stops."""
    payload = [[m.type, m.text if isinstance(m.text, str) else str(m.content)] for m in messages]
    blob = json.dumps([payload, list(stop or [])], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class CachedChat(BaseChatModel):
    """Wraps ``inner``; answers a prompt seen before from ``path`` without calling it."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseChatModel
    path: Path
    hits: int = 0
    misses: int = 0
    _texts: dict[str, str] = PrivateAttr(default_factory=dict)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def model_post_init(self, context: Any, /) -> None:
        if self.path.exists():
            self._texts = json.loads(self.path.read_text(encoding="utf-8"))

    @property
    def _llm_type(self) -> str:
        return f"cached-{self.inner._llm_type}"

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        key = prompt_key(messages, stop)
        if key in self._texts:
            self.hits += 1
            yield ChatGenerationChunk(message=AIMessageChunk(content=self._texts[key]))
            return
        self.misses += 1
        pieces: list[str] = []
        for chunk in self.inner.stream(messages, stop=stop, **kwargs):
            text = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
            pieces.append(text)
            yield ChatGenerationChunk(message=AIMessageChunk(content=text))
        self._remember(key, "".join(pieces))

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessageChunk(content=text))])

    def _remember(self, key: str, text: str) -> None:
        with self._lock:
            self._texts[key] = text
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(self.path.suffix + ".tmp")
            tmp.write_text(json.dumps(self._texts, ensure_ascii=False, indent=0), "utf-8")
            tmp.replace(self.path)
