"""Whether outputs/ is already what the inputs build, without building: inputs hashed.

A build's result depends on its inputs: the source files (``ontology/``, ``graph/``, the
shapes), the source texts the quote check reads, kgenesis's own code and the versions of
the libraries that parse, validate and serialise. ``inputs_digest`` hashes all of them
(about 10 ms on the curated graph). After a build (or a ``--check`` that found nothing
stale), the outputs' SHA-256 and the build's notes are recorded under that digest in the
private cache folder (``cache.private_dir``, the same HMAC key as the parsed-graph cache);
the next build with the same digest whose outputs still hash as recorded says "up to date"
without loading anything. Any change to an input, an output or the record itself builds
afresh: a stale or forged record can only cost time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
from importlib import metadata
from pathlib import Path

from ..atomic import write_atomic
from ..paths import Project
from .cache import _key, private_dir
from .load import SHAPES_FILE, source_files

log = logging.getLogger(__name__)

#: The libraries whose version can change an output's bytes or a validation's verdict.
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "pyvis", "networkx", "scipy", "numpy")
_MAC_SIZE = 32


def inputs_digest(project: Project, sources: Path) -> str:
    """SHA-256 over every input of a build (see the module docstring)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)

    for path in [*source_files(project), project.ontology / SHAPES_FILE]:
        rel = path.relative_to(project.root).as_posix()
        add(f"source:{rel}", path.read_bytes() if path.is_file() else b"\0absent")
    if sources.is_dir():
        for path in sorted(p for p in sources.rglob("*") if p.is_file()):
            add(f"text:{path.relative_to(sources).as_posix()}", path.read_bytes())
    else:
        add("text:absent", str(sources).encode("utf-8"))
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            add(f"code:{path.relative_to(package).as_posix()}", path.read_bytes())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        add(f"library:{name}", version.encode("utf-8"))
    add("python", sys.version.encode("utf-8"))
    return digest.hexdigest()


def _record_path(folder: Path, digest: str) -> Path:
    return folder / f"build-{digest[:32]}.json"


def recall(digest: str, outputs: Path) -> list[str] | None:
    """The notes of the build recorded under ``digest`` if outputs/ still holds exactly
    what it wrote; None when a build must run."""
    folder = private_dir(create=False)
    key = _key(folder, create=False) if folder is not None else None
    if folder is None or key is None:
        return None
    try:
        data = _record_path(folder, digest).read_bytes()
    except OSError:
        return None
    mac, body = data[:_MAC_SIZE], data[_MAC_SIZE:]
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        log.info("build record for %s ignored: its HMAC does not verify", digest[:12])
        return None
    try:
        record = json.loads(body)
        wanted: dict[str, str] = record["outputs"]
        notes = [str(note) for note in record["notes"]]
    except (ValueError, KeyError, TypeError):
        return None
    for name, sha in wanted.items():
        path = outputs / name
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                return None
        except OSError:
            return None
    return notes


def remember(digest: str, files: dict[str, bytes], notes: list[str]) -> None:
    """Record that the inputs ``digest`` build exactly ``files`` (name → bytes), with ``notes``."""
    try:
        folder = private_dir(create=True)
        key = _key(folder, create=True) if folder is not None else None
        if folder is None or key is None:
            return
        record = {
            "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
            "notes": notes,
        }
        body = json.dumps(record, sort_keys=True).encode("utf-8")
        mac = hmac.new(key, body, hashlib.sha256).digest()
        write_atomic(_record_path(folder, digest), mac + body, mode=0o600)
    except Exception as exc:  # noqa: BLE001 - a record is an optimisation, never an error
        log.info("build record not written (%s)", exc)
