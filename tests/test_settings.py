"""Settings: environment (prefix, nested), TOML file, data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagesbild.settings import Settings, get_settings


def test_home_and_nested_values_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, lagesbild_home: Path
) -> None:
    monkeypatch.setenv("LAGESBILD_RETRIEVAL__TOP_K", "9")
    monkeypatch.setenv("LAGESBILD_LLM__BACKEND", "ollama")
    settings = Settings()
    assert settings.data_dir == lagesbild_home
    assert settings.register_path.parent == lagesbild_home
    assert (settings.retrieval.top_k, settings.llm.backend) == (9, "ollama")


def test_toml_file_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[ingest]\nmax_file_mb = 5\n\n[llm]\nbackend = "openai"\nbase_url = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("LAGESBILD_CONFIG", str(config))
    monkeypatch.setenv("LAGESBILD_LLM__BACKEND", "llamacpp")
    settings = Settings()
    assert settings.ingest.max_file_mb == 5
    assert settings.llm.base_url == "http://127.0.0.1:9"
    assert settings.llm.backend == "llamacpp"


def test_config_toml_in_the_data_directory_is_found(lagesbild_home: Path) -> None:
    lagesbild_home.mkdir(parents=True, exist_ok=True)
    (lagesbild_home / "config.toml").write_text("[retrieval]\ntop_k = 3\n", encoding="utf-8")
    get_settings.cache_clear()
    assert get_settings().retrieval.top_k == 3


def test_api_key_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGESBILD_LLM__API_KEY", "hemlig-nyckel")
    settings = Settings()
    assert "hemlig-nyckel" not in repr(settings)
    assert settings.llm.api_key.get_secret_value() == "hemlig-nyckel"
