"""Where the project's folders are: the root holding ontology/ and graph/, and the sources."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError

#: Largest data file read unless told otherwise (``--max-size``): 1 GiB.
DEFAULT_MAX_SIZE = 1 << 30
#: From this many bytes of data on, pyoxigraph parses (``graph.load``) and holds
#: (``sparql.store``, ``--store auto``) what rdflib would: about 60,000 triples of
#: N-Triples, 100,000 of Turtle.
LARGE_DATA = 8 << 20

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


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def regular_file(path: Path, shown: str | None = None) -> int:
    """The size of ``path`` if it is a regular file (links followed); else a one-line error
    that says what it is. Read nothing else: a FIFO blocks, /dev/zero never ends."""
    from .errors import SourceError

    shown = shown or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SourceError(f"{shown}: no such file") from None
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        via = " (through a symbolic link)" if os.path.islink(path) else ""
        raise SourceError(f"{shown}: is {kind}{via}, not a regular file; name an RDF file")
    return info.st_size


def sized_file(path: Path, max_size: int | None, shown: str | None = None) -> int:
    """``regular_file``, and refused unread when larger than ``max_size`` bytes (None: no
    limit), with the advice every loader gives (``--max-size``)."""
    from .errors import SourceError

    shown = shown or str(path)
    size = regular_file(path, shown)
    if max_size is not None and size > max_size:
        raise SourceError(
            f"{shown}: {size:,} bytes, more than the {max_size:,} allowed; "
            "raise --max-size if you mean it"
        )
    return size
