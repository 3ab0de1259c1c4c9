"""Whole-process time of ``kgenesis query`` against Python's start and ``import rdflib``.

Usage: python bench/query_bench.py [--repeat N] [--query NAME] [--data FILE]
Default data: the built graph (as `kgenesis query NAME` reads it: the pyoxigraph fast path,
and the rdflib engine with its cache via --engine rdflib), else the test fixture via --data.
Prints medians and the ratios, all measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "valid" / "query-fixture.ttl"


def timed(argv: list[str]) -> float:
    """Seconds one process takes from spawn to exit (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--query", default="classes")
    parser.add_argument("--data", type=Path, nargs="+", default=None)
    args = parser.parse_args()
    data = args.data or [ROOT / "outputs" / "graph.ttl"]
    if not all(path.is_file() for path in data):
        data = [FIXTURE]
    # The built graph is queried as users do (no --data: the cached built-graph path);
    # other files go through --data and the full checks of the loader.
    data_args = [] if data == [ROOT / "outputs" / "graph.ttl"] else ["--data", *map(str, data)]
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import rdflib'": [py, "-c", "import rdflib"],
        f"kgenesis query {args.query}": [
            py,
            "-m",
            "kgenesis.cli",
            "query",
            args.query,
            *data_args,
            "-f",
            "csv",
        ],
    }
    if not data_args:
        commands[f"kgenesis query {args.query} --engine rdflib"] = [
            *commands[f"kgenesis query {args.query}"],
            "--engine",
            "rdflib",
        ]
    for argv in commands.values():  # warm the file cache
        timed(argv)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):  # interleave so drift hits every command alike
        for name, argv in commands.items():
            samples[name].append(timed(argv))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    names = ", ".join(str(path) for path in data)
    size = sum(path.stat().st_size for path in data) // 1024
    print(f"data: {names} ({size} KiB), {args.repeat} runs each")
    for name, value in medians.items():
        print(f"  {name:<34} median {value * 1000:7.1f} ms")
    keys = list(commands)
    query = medians[keys[2]]
    print(f"ratio kgenesis query / python start:   {query / medians[keys[0]]:.2f}")
    print(f"ratio kgenesis query / import rdflib:  {query / medians[keys[1]]:.2f}")
    if len(keys) > 3:
        print(f"ratio --engine rdflib / import rdflib: {medians[keys[3]] / medians[keys[1]]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
