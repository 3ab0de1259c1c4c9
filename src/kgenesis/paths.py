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


def _is_project(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "graph").is_dir()


def find_checkout(start: Path) -> Project | None:
    """The checkout holding ``start``: the nearest folder, ``start`` or above, with
    ``ontology/`` and ``graph/``; None outside any."""
    base = start.resolve()
    for folder in (base, *base.parents):
        if _is_project(folder):
            return Project(folder)
    return None


def find_project(root: Path | None = None, *, command: str | None = None) -> Project:
    """The checkout at ``root`` (or holding the current folder); a clear error elsewhere.

    ``command`` names what needs a checkout (``kgenesis build``), for the message.
    """
    if root is not None:
        base = root.resolve()
        if _is_project(base):
            return Project(base)
    else:
        base = Path.cwd().resolve()
        found = find_checkout(base)
        if found is not None:
            return found
    needs = f"`{command}` needs a kgenesis checkout" if command else "a kgenesis checkout is needed"
    raise UsageError(
        f"{base} is not a kgenesis project (no ontology/ and graph/ folders): {needs}; "
        "run it in the repository or pass --root DIR"
    )
