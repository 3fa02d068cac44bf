"""Who can read what: a private data directory, --out never overwrites silently, Chroma token."""

from __future__ import annotations

import contextlib
import logging
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from assistant.cli import main
from lagesbild.errors import StoreError
from lagesbild.settings import Settings
from vectorstore.chroma import make_client


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("fake_embeddings")
def test_data_directory_and_register_are_private(
    lagesbild_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Underskottet var 47 mkr 2023.", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "docs")]) == 0
    assert _mode(lagesbild_home) == 0o700
    register = lagesbild_home / "register.sqlite3"
    for path in (register, *register.parent.glob("register.sqlite3-*")):
        assert _mode(path) == 0o600, path
    capsys.readouterr()


@pytest.mark.usefixtures("fake_embeddings")
def test_out_refuses_to_overwrite_without_force(
    sample_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(sample_corpus / "manadsrapport-fm-uppdrag-2025.pptx")]) == 0
    target = tmp_path / "clg.md"
    target.write_text("mitt eget arbete", encoding="utf-8")
    assert main(["summary", "clg", "--out", str(target)]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mitt eget arbete"
    assert main(["summary", "clg", "--out", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Sammanfattning för CLG")


class _Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def _answer(self) -> None:
        _Recorder.seen.append(dict(self.headers))
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"error":"Unauthorized","message":"no"}')

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def recorder() -> Iterator[int]:
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Authorization", "Bearer s3cret-token"), ("X-Chroma-Token", "s3cret-token")],
)
def test_chroma_client_sends_the_configured_token_and_never_shows_it(
    recorder: int, header: str, expected: str, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    settings = Settings(
        home=tmp_path,
        retrieval={
            "chroma_mode": "http",
            "chroma_port": recorder,
            "chroma_token": "s3cret-token",
            "chroma_auth_header": header,
        },
    )
    caplog.set_level(logging.DEBUG)
    message = ""
    try:
        client = make_client(settings)
        client.heartbeat()
    except StoreError as exc:
        message = str(exc)
    except Exception as exc:  # the client's own error for a 401 on a later call
        message = str(exc)
    assert any(seen.get(header) == expected for seen in _Recorder.seen), _Recorder.seen
    assert "s3cret-token" not in message
    assert "s3cret-token" not in caplog.text
    assert "s3cret-token" not in repr(settings) and "s3cret-token" not in str(settings)


def test_no_token_no_header(recorder: int, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, retrieval={"chroma_mode": "http", "chroma_port": recorder})
    with contextlib.suppress(Exception):  # the recorder answers 401; the headers are the point
        make_client(settings).heartbeat()
    assert _Recorder.seen
    assert not any("Authorization" in s or "X-Chroma-Token" in s for s in _Recorder.seen)
