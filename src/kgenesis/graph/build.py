"""Build: sources → load → validate → one graph → outputs/ (or a staleness check).

Every output is produced in memory first, so a bad source or a failed validation never
touches ``outputs/``; the changed files are then written together by
``atomic.write_all_atomic`` (all temporary files first, then the replaces).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .. import formats
from ..atomic import write_all_atomic
from ..errors import ValidationFailed
from ..export import header, serialize
from ..paths import Project
from .evidence import derive_statements
from .load import load_shapes, parse_sources
from .validate import Report, validate_graph

log = logging.getLogger(__name__)

#: The graph formats ``kgenesis build`` writes into outputs/, as graph.<their extension>.
OUTPUT_FORMATS = ("turtle", "jsonld", "nt")
#: The files ``kgenesis build`` writes into outputs/, with their format (``kgenesis.formats``).
OUTPUTS: dict[str, str] = {
    f"graph{spec.extensions[0]}": spec.name
    for spec in (formats.by_name(name, formats.GRAPH) for name in OUTPUT_FORMATS)
    if spec is not None
}
HTML_OUTPUT = "graph.html"
#: The build stamp (see ``stamp``), the last file every build writes.
STAMP_OUTPUT = "build-stamp.json"


@dataclass
class BuildResult:
    """What a build produced or found."""

    graph: Graph | None  # None when the inputs' record said outputs/ is up to date
    report: Report
    written: list[Path]
    stale: list[Path]


def assemble(project: Project, sources: Path | None = None) -> tuple[Graph, Report]:
    """Load and validate the project's sources; return the one graph and its report."""
    graph = derive_statements(parse_sources(project))
    report = validate_graph(graph, load_shapes(project), project.sources(sources))
    return graph, report


def render_outputs(graph: Graph) -> dict[str, bytes]:
    """Every output file's bytes, keyed by file name."""
    lines = header("kgenesis build", "ontology/ and graph/")
    files = {name: serialize(graph, fmt, lines) for name, fmt in OUTPUTS.items()}
    from ..view import render_html  # imported here: pyvis and networkx are for the view only

    files[HTML_OUTPUT] = render_html(graph, generated_by="kgenesis build").encode("utf-8")
    files[STAMP_OUTPUT] = stamp(files)
    return files


def stamp(files: dict[str, bytes]) -> bytes:
    """The build stamp: each output's SHA-256. Written last, so outputs that do not match
    it are from a build that was stopped half-way (``--check`` and the loader say so)."""
    import hashlib
    import json

    digests = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in sorted(files.items())
        if name != STAMP_OUTPUT
    }
    doc = {"generated-by": "kgenesis build; do not edit", "sha256": digests}
    return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build(project: Project, *, sources: Path | None = None, check: bool = False) -> BuildResult:
    """Build outputs/ from the sources; with ``check``, only report which outputs are stale.

    When the inputs hash as a recorded build whose outputs are still in place
    (``fresh``), nothing is loaded: outputs/ is up to date in well under a second.
    """
    from . import fresh

    digest = fresh.inputs_digest(project, project.sources(sources))
    notes = fresh.recall(digest, project.outputs)
    if notes is not None:
        log.info("inputs unchanged since a recorded build (%s): up to date", digest[:12])
        return BuildResult(None, Report(notes=notes), [], [])
    graph, report = assemble(project, sources)
    if not report.ok:
        raise ValidationFailed(
            f"the graph is invalid ({len(report.violations)} violation(s)); outputs/ left "
            "unchanged; run `kgenesis validate` for the full report",
            report.text(),
        )
    files = render_outputs(graph)
    changed: dict[Path, bytes] = {}
    # the stamp last: a build stopped between two replaces leaves the old stamp
    for name, data in sorted(files.items(), key=lambda item: item[0] == STAMP_OUTPUT):
        path = project.outputs / name
        current = path.read_bytes() if path.is_file() else None
        if current != data:
            changed[path] = data
    if check:
        if not changed:
            fresh.remember(digest, files, report.notes)
        return BuildResult(graph, report, [], sorted(changed))
    if changed:
        project.outputs.mkdir(exist_ok=True)
        write_all_atomic(changed)  # every temp file first, then the replaces
    fresh.remember(digest, files, report.notes)
    return BuildResult(graph, report, sorted(changed), [])
