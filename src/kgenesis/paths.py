"""Where the project's folders are: the root holding ontology/ and graph/, and the sources."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError

#: Environment variable naming the folder of source texts (default: ../shared/sources).
SOURCES_ENV = "KGENESIS_SOURCES"


class Project(NamedTuple):
    """The folders of one kgenesis checkout."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def graph(self) -> Path:
        return self.root / "graph"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    def sources(self, override: Path | None = None) -> Path:
        """The folder holding the source texts (whole article etc.).

        The default folder may be absent (the quote check is then skipped, with a note); a
        folder the user names must exist, so a typo never switches the check off.
        """
        if override is not None:
            if not override.is_dir():
                raise UsageError(f"--sources {override}: no such folder")
            return override
        env = os.environ.get(SOURCES_ENV)
        if env:
            return Path(env)
        return self.root.parent / "shared" / "sources"


def find_project(root: Path | None = None) -> Project:
    """The project at ``root`` (or the current folder); a clear error if it is not one."""
    base = (root or Path.cwd()).resolve()
    if not (base / "ontology").is_dir() or not (base / "graph").is_dir():
        raise UsageError(
            f"{base} is not a kgenesis project (no ontology/ and graph/ folders); "
            "run from the repository root or pass --root DIR"
        )
    return Project(base)
