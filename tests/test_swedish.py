"""The Swedish basics module: one definition of months, spaces and dashes for every layer."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.normalize import clean_chars
from lagesbild import swedish

ROOT = Path(__file__).resolve().parents[1]


def test_month_names_cover_the_year_and_abbreviations_shorten_them() -> None:
    assert sorted(swedish.MONTH_NAMES.values()) == list(range(1, 13))
    full = {n: w for w, n in swedish.MONTH_NAMES.items()}
    for short, n in swedish.MONTH_ABBREVIATIONS.items():
        assert full[n].startswith(short), short
    assert swedish.MONTHS["sept"] == 9 and swedish.MONTHS["maj"] == 5
    assert "jul" in swedish.MONTHS and "jul" not in swedish.MONTHS_IN_PROSE


def test_alternation_tries_the_longest_word_first() -> None:
    pattern = re.compile(rf"(?i)\b(?:{swedish.alternation(swedish.MONTHS)})\b")
    assert [m.group(0) for m in pattern.finditer("Sept 2024, september och Febr")] == [
        "Sept",
        "september",
        "Febr",
    ]


def test_space_and_dash_classes() -> None:
    assert re.fullmatch(rf"8{swedish.NUMBER_SPACE}388", "8\u202f388")
    assert re.fullmatch(rf"a{swedish.INLINE_SPACE}+b", "a \t\u00a0\u2009b")
    assert not re.fullmatch(rf"a{swedish.INLINE_SPACE}b", "a\nb")
    assert re.fullmatch(rf"[\s{swedish.DASH_IN_CLASS}]+", " -–")
    assert not re.fullmatch(rf"[,{swedish.DASH_IN_CLASS}]", ".")  # no ',-–' range by accident
    assert "AI\u2011a\u2212b".translate(swedish.HYPHENS_TO_PLAIN) == "AI-a-b"
    assert (
        clean_chars("1" + swedish.SPACE_CHARS + "2") == "1" + " " * len(swedish.SPACE_CHARS) + "2"
    )


def test_month_names_are_written_only_in_the_swedish_module() -> None:
    packages = ["lagesbild", "ingest", "vectorstore", "assistant", "evals", "prompts"]
    defining = [
        path.relative_to(ROOT).as_posix()
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if _lists_months(path.read_text(encoding="utf-8"))
    ]
    assert defining == ["lagesbild/swedish.py"]


def _lists_months(text: str) -> bool:
    """A module spelling out month names: quoted, or in a regex alternation."""
    return '"februari"' in text or bool(re.search(r"februari\|mars|\bfeb\|mar\b", text))
