"""The project's exceptions: each carries a one-line message fit for the CLI's stderr."""

from __future__ import annotations


class KgenesisError(Exception):
    """Base class: bad data or bad input that the user can fix (CLI exit 1)."""

    exit_code = 1


class UsageError(KgenesisError):
    """The command line itself is wrong (CLI exit 2)."""

    exit_code = 2


class SourceError(KgenesisError):
    """A source file cannot be read or parsed; the message names the file and line."""


class ValidationFailed(KgenesisError):
    """The graph breaks a SHACL shape or a project check."""

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class ExportError(KgenesisError):
    """An output could not be written; the previous file is left intact."""
