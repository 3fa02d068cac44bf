"""One exception tree. Messages name the object, the cause and the fix (in Swedish)."""

from __future__ import annotations


class LagesbildError(Exception):
    """Base of every error the project raises on purpose."""


class ConfigError(LagesbildError):
    """A setting or a command-line argument is wrong."""


class DocumentError(LagesbildError):
    """A file could not be read as a document."""

    def __init__(self, path: str, cause: str, fix: str) -> None:
        self.path = path
        self.cause = cause
        self.fix = fix
        super().__init__(f"Kunde inte läsa '{path}': {cause}. {fix}")


class UnsupportedFormatError(DocumentError):
    """The file's format is not one we read."""


class EncryptedDocumentError(DocumentError):
    """The file is password protected."""


class CorruptDocumentError(DocumentError):
    """The file is damaged, truncated, empty or not what its extension says."""


class NoTextLayerError(DocumentError):
    """The file has pages but no extractable text (e.g. a scanned PDF)."""


class StoreError(LagesbildError):
    """The register or the vector store could not be read or written."""
