"""Queries per second and latency of ``kgenesis serve`` against Oxigraph's own server, on the
same graph, in the same run, at 1, 5 and 20 concurrent clients.

Usage: python bench/serve_bench.py [--seconds S] [--clients 1,5,20]
Both servers are started on free loopback ports (Oxigraph's after a ``kgenesis push`` of the
built graph to it) and stopped at the end. Each client sends the saved SELECT and ASK
queries in turn (POST, SPARQL results JSON) for S seconds at each level; every answer must
be 200. Prints queries per second and the 50th, 90th and 99th latency percentiles, and
kgenesis's figures as ratios of Oxigraph's.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from kgenesis.prefixes import declare_prefixes  # noqa: E402
from kgenesis.sparql.engine import saved_queries  # noqa: E402
from kgenesis.sparql.fast import why_not  # noqa: E402
from stores import KGENESIS, kgenesis_serve, oxigraph_serve  # noqa: E402


def hammer(endpoint: str, texts: list[str], clients: int, seconds: float) -> tuple[float, list[float]]:
    """(queries per second, sorted latencies in seconds) of ``clients`` threads for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        turn = number
        while time.monotonic() < deadline:
            body = urllib.parse.urlencode({"query": texts[turn % len(texts)]}).encode()
            turn += 1
            request = urllib.request.Request(
                endpoint, data=body,
                headers={"Accept": "application/sparql-results+json",
                         "Content-Type": "application/x-www-form-urlencoded"},
            )  # fmt: skip
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    answer.read()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(str(exc))
                return
            latencies[number].append(time.perf_counter() - started)

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    if errors:
        raise SystemExit(f"{endpoint}: {len(errors)} errors, first: {errors[0]}")
    merged = sorted(x for per in latencies for x in per)
    return len(merged) / elapsed, merged


def peak_memory(pid: int) -> int:
    """The largest resident set (KB) of process ``pid`` so far (0 where it cannot be read)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def saved_texts() -> list[str]:
    """The saved queries, with the prefixes they use written out (Oxigraph's server does not
    declare kgenesis's for you)."""
    return [declare_prefixes(q.text) for q in saved_queries().values()]


def serve_under_load(
    server: subprocess.Popen, endpoint: str, texts: list[str], clients: int, seconds: float
) -> tuple[float, list[float], int]:
    """``hammer`` on a running server: queries a second, sorted latencies, and the server
    process's peak memory (KB; its forked workers not counted)."""
    qps, latencies = hammer(endpoint, texts, clients, seconds)
    return qps, latencies, peak_memory(server.pid)


def percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per level (default 5)")
    parser.add_argument("--clients", default="1,5,20", help="levels (default 1,5,20)")
    args = parser.parse_args()
    levels = [int(n) for n in args.clients.split(",")]
    # the saved queries (SELECT), which both servers answer alike
    # (prefixes written out: Oxigraph does not declare kgenesis's for you)
    texts = saved_texts()
    fast = sum(1 for t in texts if why_not(t) is None)
    print(f"{len(texts)} saved queries ({fast} on kgenesis's pyoxigraph fast path, "
          f"{len(texts) - fast} on rdflib); {args.seconds:g} s per level")  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        with kgenesis_serve(cwd=ROOT) as ours, oxigraph_serve(Path(folder) / "store") as theirs:
            subprocess.run(
                [str(KGENESIS), "push", "--endpoint", f"{theirs}/store", "--replace"],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            for clients in levels:
                for name, endpoint in (("kgenesis serve", f"{ours}/sparql"),
                                       ("oxigraph serve", f"{theirs}/query")):  # fmt: skip
                    qps, lat = hammer(endpoint, texts, clients, args.seconds)
                    rows.append((clients, name, qps, lat))
    print(f"{'clients':>7}  {'server':<15} {'q/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}")
    for clients, name, qps, lat in rows:
        p50, p90, p99 = (percentile(lat, p) * 1000 for p in (50, 90, 99))
        print(f"{clients:>7}  {name:<15} {qps:>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f}")
    print("ratios (kgenesis / oxigraph):")
    for i in range(0, len(rows), 2):
        (clients, _, qa, la), (_, _, qb, lb) = rows[i], rows[i + 1]
        print(f"  {clients:>3} clients: throughput {qa / qb:.2f}, "
              f"p50 latency {percentile(la, 50) / percentile(lb, 50):.1f}x")  # fmt: skip
    if shutil.which("nproc"):
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        print(f"machine: {cores} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
