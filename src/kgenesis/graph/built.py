"""Where the built graph is, and loading it: a checkout's ``outputs/graph.ttl``, or the copy
that was built into the installed package.

The order: ``--root DIR`` (that checkout, or a clear error); the checkout holding the current
folder (a folder with ``ontology/`` and ``graph/``, here or above); the graph shipped in the
wheel (``kgenesis/data/graph.ttl``, with ``build.json`` saying when it was built); for an
editable install, the checkout the package is imported from. Light: no rdflib until a graph
is loaded, so the fast query path can use it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import KgenesisError
from ..paths import Project, find_checkout, find_project

if TYPE_CHECKING:
    from rdflib import Graph

#: The graph (and its build stamp) that a wheel carries; absent in a source tree.
PACKAGED_DIR = Path(__file__).parent.parent / "data"
GRAPH_FILE = "graph.ttl"
STAMP_FILE = "build.json"


class BuiltGraph(NamedTuple):
    """The built graph to use, and where it came from."""

    path: Path
    origin: str  # "checkout" or "installed"
    project: Project | None

    def describe(self) -> str:
        """One line for ``kgenesis --version`` and logs."""
        if self.origin == "installed":
            stamp = read_stamp(self.path.parent)
            if stamp:
                return (
                    f"graph installed with the package, built {stamp.get('built', '?')} "
                    f"({stamp.get('triples', '?')} triples, sha256 "
                    f"{str(stamp.get('sha256', '?'))[:12]})"
                )
            return f"graph installed with the package ({self.path})"
        return f"graph of the checkout {self.project.root if self.project else '?'} ({self.path})"


def read_stamp(folder: Path = PACKAGED_DIR) -> dict[str, object]:
    """The build stamp the wheel's build wrote beside its graph ({} where there is none)."""
    try:
        data = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _source_checkout() -> Project | None:
    """The checkout an editable install imports the package from (src/kgenesis → root)."""
    root = Path(__file__).resolve().parents[3]  # src/kgenesis/graph/built.py -> root
    if (root / "ontology").is_dir() and (root / "graph").is_dir() and (root / "src").is_dir():
        return Project(root)
    return None


def locate(root: Path | str | None = None) -> BuiltGraph:
    """The built graph to use (see the module's docstring); it may not exist yet."""
    if root is not None:
        project = find_project(Path(root))
        return BuiltGraph(project.outputs / GRAPH_FILE, "checkout", project)
    found = find_checkout(Path.cwd())
    if found is not None:
        return BuiltGraph(found.outputs / GRAPH_FILE, "checkout", found)
    packaged = PACKAGED_DIR / GRAPH_FILE
    if packaged.is_file():
        return BuiltGraph(packaged, "installed", None)
    source = _source_checkout()
    if source is not None:
        return BuiltGraph(source.outputs / GRAPH_FILE, "checkout", source)
    raise KgenesisError(
        f"no built graph: {Path.cwd()} is not in a kgenesis checkout and this installation "
        "carries no graph; run inside a checkout, pass --root DIR, or name RDF files (--data)"
    )


def built_path(root: Path | str | None = None) -> Path:
    """The built graph's file; a clear error where it has not been built, or where a build
    was stopped half-way (the file does not match the build stamp written after it)."""
    found = locate(root)
    if not found.path.is_file():
        raise KgenesisError(
            f"{found.path} not found: run `kgenesis build` first, or name RDF files to use instead"
        )
    if found.origin == "checkout":
        check_stamp(found.path)
    return found.path


def check_stamp(path: Path) -> None:
    """Refuse a built graph that its folder's build stamp does not vouch for."""
    import hashlib

    stamp = path.parent / "build-stamp.json"
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))["sha256"][path.name]
    except (OSError, ValueError, KeyError, TypeError):
        return  # no stamp (a hand-made outputs/): nothing to check against
    if hashlib.sha256(path.read_bytes()).hexdigest() != recorded:
        raise KgenesisError(
            f"{path} does not match {stamp.name} beside it: a build was stopped half-way or "
            "the file was edited; run `kgenesis build` again"
        )


def load_built(root: Path | str | None = None) -> Graph:
    """The built graph as an rdflib graph (parsed once, then read from the cache)."""
    from .cache import load_built_file

    return load_built_file(built_path(root))  # generated and validated by `kgenesis build`
