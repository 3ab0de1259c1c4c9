"""Build hook: the wheel carries the built graph, so `pip install kgenesis` has data to query.

Everything else about the package is in pyproject.toml. At wheel-build time this copies
outputs/graph.ttl (generated and validated by `kgenesis build`, committed) into the
package as kgenesis/data/graph.ttl, with kgenesis/data/build.json saying which version
built it, when (SOURCE_DATE_EPOCH where set, else the day of the build), its SHA-256 and
its number of triples. The article itself is never packaged: only the graph's quotes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithGraph(build_py):
    """setuptools' build_py, plus the built graph and its stamp in kgenesis/data/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's outputs/ directly
        graph = HERE / "outputs" / "graph.ttl"
        if not graph.is_file():
            raise SystemExit(
                "outputs/graph.ttl is missing: run `kgenesis build` before building the wheel"
            )
        raw = graph.read_bytes()
        ntriples = HERE / "outputs" / "graph.nt"
        triples = None
        if ntriples.is_file():
            lines = ntriples.read_text(encoding="utf-8").splitlines()
            triples = sum(1 for line in lines if line.strip() and not line.startswith("#"))
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = (
            datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
            if epoch
            else datetime.datetime.now(tz=datetime.UTC)
        )
        stamp = {
            "version": self.distribution.get_version(),
            "built": when.date().isoformat(),
            "sha256": hashlib.sha256(raw).hexdigest(),
            "triples": triples,
            "from": "outputs/graph.ttl",
        }
        target = Path(self.build_lib) / "kgenesis" / "data"
        target.mkdir(parents=True, exist_ok=True)
        (target / "graph.ttl").write_bytes(raw)
        (target / "build.json").write_text(
            json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )


setup(cmdclass={"build_py": BuildPyWithGraph})
