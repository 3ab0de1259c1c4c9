"""One command that times kgenesis on synthetic graphs against baselines run in the same run.

For each size (triples), ``synth.py`` writes a project in the project's own shape and the
graph ``kgenesis build`` would publish from it. Every row runs a whole process (Python's
start included) ``--runs`` times, interleaved with its baseline, and reports the median
seconds, the peak memory (the largest resident set of the process and the workers it
waited for) and the ratio of the medians:

* load, every saved query, the issue's three query shapes: ``kgenesis query --data``
  against pyoxigraph loading the same file and running the same query;
* export in each format: ``kgenesis export --data`` against pyoxigraph parsing and
  serialising (N-Triples and N-Quads sorted, as kgenesis writes them);
* validate: ``kgenesis validate`` on the project against pySHACL's CLI alone on the same
  shapes and the published graph;
* build with nothing changed (the curated graph) and a CLI call on the built graph
  (``kgenesis query classes``) against ``python -c "import rdflib"``;
* view: ``kgenesis view`` of the published graph (its summary above 2,000 nodes) against
  pyoxigraph's parse of it, and ``view --force`` (every node, up to 200,000 triples)
  against a raw vis-network page with fixed positions for the same graph (``raw_view.py``);
* rank (sampled betweenness) and path: ``kgenesis rank|path --data`` against pyoxigraph's
  load of the same file;
* the endpoint under load: ``kgenesis serve --data`` against Oxigraph's own server
  (``oxigraph serve``, the test extra's binary) holding the same file, both sent every
  saved query by ``CLIENTS`` clients for a few seconds (``serve_bench.hammer``): median
  latency, each server's peak memory, and the queries a second of each.

A row that would take too long at a size is left out and said so. The table, with the
machine it ran on, replaces the part of ``bench/README.md`` between its two markers
(``--only``: just the rows whose names hold one of the words given; the table is printed
and the README left alone).

    python bench/run.py --quick                     # under two minutes
    python bench/run.py --sizes 1000 100000 1000000 --runs 3
    python bench/run.py --sizes 1000000 --only turtle endpoint
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import REPO, Synthetic, published  # noqa: E402

from kgenesis.export import OX_WRITES as OX_FORMATS  # noqa: E402 - every export format

PY = sys.executable
KGENESIS = [PY, "-m", "kgenesis.cli"]
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

#: The issue's query shapes (issue 13), besides every saved query.
SHAPES = {
    "2-hop join": "SELECT ?m ?p ?o WHERE { ?m kgo:announcedBy ?p . ?p org:headOf ?o }",
    "GROUP BY count": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c",
    "label look-up": 'SELECT ?s WHERE { ?s rdfs:label "인물 0"@ko }',
}
#: The view's baseline: a raw vis-network page with fixed positions for the same graph.
RAW_VIEW = Path(__file__).resolve().parent / "raw_view.py"
#: Up to this many triples (about 9,800 nodes) ``view --force`` draws every node.
VIEW_FORCE_TRIPLES = 200_000
#: At least this many runs of the rows that take a second or two (the summary view), whose
#: ratio one slow run of the baseline moves most.
SHORT_RUNS = 5
#: Concurrent clients of the endpoint row, and seconds of load (``--quick``: fewer).
CLIENTS = 5
ENDPOINT_SECONDS = (3.0, 15.0)
#: ``--only``: measure just the rows whose names hold one of these (all when empty).
ONLY: list[str] = []
SKIPPED = "not measured (--only)"


def chosen(what: str) -> bool:
    """Whether the row named ``what`` is measured in this run (``--only``)."""
    return not ONLY or any(word.lower() in what.lower() for word in ONLY)


@dataclass
class Row:
    size: int
    what: str
    baseline: str
    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    ours_mem: int = 0
    base_mem: int = 0
    note: str = ""
    digits: int = 2

    def cells(self) -> list[str]:
        if not self.ours:
            return [f"{self.size:,}", self.what, self.note or "—", "", "", "", self.baseline]
        ours, base = statistics.median(self.ours), statistics.median(self.base)
        ratio = f"{ours / base:.2f}" if base > 0 else "—"
        return [
            f"{self.size:,}",
            self.what,
            f"{ours:.{self.digits}f} s, {self.ours_mem / 1024:.0f} MB",
            f"{base:.{self.digits}f} s, {self.base_mem / 1024:.0f} MB",
            ratio,
            f"{self.ours_mem / self.base_mem:.2f}" if self.base_mem else "—",
            self.baseline + (f" ({self.note})" if self.note else ""),
        ]


#: A process still running after this many seconds is stopped and the row says so.
LIMIT = 300.0


class TooSlow(Exception):
    """A process ran past ``LIMIT``."""


def timed(argv: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Seconds, peak resident memory (KB) and exit status of one whole process."""
    # Peak memory through /usr/bin/time: a child forked from this process (which holds the
    # generated graph) would report this process's peak as its own (Linux keeps it past exec)
    report = tempfile.NamedTemporaryFile(prefix="kgenesis-bench-mem-", delete=False)
    report.close()
    if Path("/usr/bin/time").exists():
        argv = ["/usr/bin/time", "-f", "%M", "-o", report.name, *argv]
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > LIMIT:
            os.killpg(proc.pid, 9)  # the process and its worker, started here
            os.wait4(proc.pid, 0)
            Path(report.name).unlink(missing_ok=True)
            raise TooSlow(f"stopped after {LIMIT:.0f} s")
        time.sleep(0.01)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    try:
        peak = int(Path(report.name).read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        peak = usage.ru_maxrss
    finally:
        Path(report.name).unlink(missing_ok=True)
    if proc.returncode not in (0, 1):
        sys.stderr.write(f"bench: {' '.join(argv[:6])}…: exit {proc.returncode}: {err[-300:]}\n")
    return took, peak, proc.returncode


def measure(row: Row, ours: list[str], base: list[str], runs: int, cwd: Path | None = None) -> Row:
    if not chosen(row.what):
        row.note = SKIPPED
        return row
    for _ in range(runs):  # interleaved: a busy moment hits both
        try:
            t, mem, _ = timed(ours, cwd)
            row.ours.append(t)
            row.ours_mem = max(row.ours_mem, mem)
            t, mem, _ = timed(base, cwd)
            row.base.append(t)
            row.base_mem = max(row.base_mem, mem)
        except TooSlow as exc:
            which = "kgenesis" if len(row.ours) == len(row.base) else "the baseline"
            row.ours, row.base = [], []
            row.note = f"{which} {exc}"
            break
    sys.stderr.write(" | ".join(row.cells()) + "\n")
    return row


def ox_script(body: str) -> list[str]:
    return [PY, "-c", "import pyoxigraph as ox, sys\n" + body]


def ox_query(path: Path, text: str) -> list[str]:
    from kgenesis.prefixes import PREFIX_IRIS

    return ox_script(
        "s = ox.Store()\n"
        f"s.bulk_load(path={str(path)!r}, format=ox.RdfFormat.N_TRIPLES)\n"
        f"r = s.query({text!r}, prefixes={PREFIX_IRIS!r})\n"
        "print(sum(1 for _ in r) if not isinstance(r, ox.QueryBoolean) else bool(r))\n"
    )


def ox_export(path: Path, fmt: str, out: Path) -> list[str]:
    """pyoxigraph parsing the file and writing ``fmt`` from its sorted lines, as kgenesis's
    export writes every format (sorted N-Triples; the other formats written from them)."""
    from kgenesis.prefixes import PREFIX_IRIS

    body = (
        f"data = ox.serialize(ox.parse(path={str(path)!r}, format=ox.RdfFormat.N_TRIPLES), "
        "format=ox.RdfFormat.N_TRIPLES)\n"
        "data = b''.join(l + b'\\n' for l in sorted(set(data.split(b'\\n'))) if l)\n"
    )
    if fmt not in ("nt", "nq"):
        body += (
            "data = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), "
            f"format=ox.RdfFormat.{OX_FORMATS[fmt]}, prefixes={PREFIX_IRIS!r})\n"
        )
    body += f"open({str(out)!r}, 'wb').write(data)\n"
    return ox_script(body)


def bench_size(size: int, work: Path, runs: int, quick: bool) -> list[Row]:
    rows: list[Row] = []
    project = work / f"project-{size}"
    synthetic = Synthetic(size)
    synthetic.write_project(project)
    data = project / "published.nt"
    n = published(size, data)
    sys.stderr.write(f"bench: {n:,} triples in {data}\n")
    from kgenesis.sparql.engine import saved_queries

    base_load = ox_query(data, "ASK { ?s ?p ?o }")
    q = [*KGENESIS, "query"]
    rows.append(
        measure(
            Row(n, "load (`query ASK --data`)", "pyoxigraph load + ASK"),
            [*q, "ASK { ?s ?p ?o }", "--data", str(data), "--timeout", "0"],
            base_load,
            runs,
        )
    )
    queries = dict(SHAPES)
    saved = saved_queries()
    names = sorted(saved)[:2] if quick else sorted(saved)
    queries.update({name: saved[name].text for name in names})
    for name, text in queries.items():
        rows.append(
            measure(
                Row(n, f"`query --data` {name}", "pyoxigraph load + query"),
                [*q, text, "--data", str(data), "--format", "csv", "--timeout", "0"],
                ox_query(data, text),
                runs,
            )
        )
    for fmt in ("nt", "turtle") if quick else OX_FORMATS:
        row = Row(
            n, f"`export --data --format {fmt}`", "pyoxigraph parse + serialise (sorted, as "
            "kgenesis writes)",
        )  # fmt: skip
        out = work / f"export.{fmt}"
        rows.append(
            measure(
                row,
                [
                    *KGENESIS,
                    "export",
                    "--data",
                    str(data),
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                    "--timeout",
                    "0",
                ],  # fmt: skip
                ox_export(data, fmt, work / f"ox-export.{fmt}"),
                runs,
            )
        )
    shapes = REPO / "ontology" / "shapes.ttl"
    rows.append(
        measure(
            Row(n, "`validate` (project)", "pySHACL CLI on the published graph"),
            [*KGENESIS, "--root", str(project), "validate"],
            [PY, "-m", "pyshacl", "-s", str(shapes), "-i", "none", str(data)],
            1 if n > 200_000 else runs,
        )
    )
    view_runs = 1 if quick else runs
    rows.append(
        measure(
            Row(
                n,
                "`view` (whole graph: a summary above 2,000 nodes)",
                "pyoxigraph parse of the file",
            ),
            [*KGENESIS, "view", str(data), "-o", str(work / "view.html")],
            ox_script(
                f"print(sum(1 for _ in ox.parse(path={str(data)!r}, "
                "format=ox.RdfFormat.N_TRIPLES)))"
            ),
            # a second or two each: one run of a 0.4 s baseline moved the ratio by 1.0
            1 if quick else max(runs, SHORT_RUNS),
        )
    )
    if n <= VIEW_FORCE_TRIPLES:
        rows.append(
            measure(
                Row(n, "`view --force` (every node)", "raw vis-network page, fixed positions"),
                [*KGENESIS, "view", str(data), "--force", "-o", str(work / "view-all.html")],
                [PY, str(RAW_VIEW), str(data), str(work / "raw-view.html")],
                view_runs,
            )
        )
    else:
        rows.append(Row(n, "`view --force`", "", note="left out: refused above 10,000 nodes"))
    if not quick:
        people = synthetic.entities["person"]
        for what, argv in (
            ("`rank --by betweenness`", ["rank", "--by", "betweenness"]),
            ("`path`", ["path", people[0][1], people[-1][1]]),
        ):
            rows.append(
                measure(
                    Row(n, what, "pyoxigraph load"),
                    [*KGENESIS, *argv, "--data", str(data)],
                    base_load,
                    1 if n > 200_000 else runs,
                )
            )
    rows.append(bench_endpoint(n, data, work, ENDPOINT_SECONDS[0 if quick else 1]))
    return rows


def bench_endpoint(n: int, data: Path, work: Path, seconds: float) -> Row:
    """``kgenesis serve --data`` and ``oxigraph serve`` on the same file, one after the
    other, each sent every saved query by ``CLIENTS`` clients for ``seconds``."""
    row = Row(
        n, f"endpoint under load ({CLIENTS} clients, saved queries; median latency)",
        "`oxigraph serve` on the same file", digits=3,
    )  # fmt: skip
    if not chosen(row.what):
        row.note = SKIPPED
        return row
    sys.path.insert(0, str(REPO / "tests"))
    from serve_bench import saved_texts, serve_under_load  # bench/serve_bench.py

    from stores import KGENESIS as SCRIPT
    from stores import free_port, oxigraph_binary, running

    texts = saved_texts()
    folder = work / f"oxigraph-{n}"
    oxigraph = str(oxigraph_binary())
    subprocess.run(
        [oxigraph, "load", "--location", str(folder), "--file", str(data)],
        check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    ours = [str(SCRIPT), "serve", "--port", str(port), "--data", str(data), "--max-rows", "0"]
    with running(ours, f"http://127.0.0.1:{port}/sparql") as server:
        qps, latencies, peak = serve_under_load(
            server, f"http://127.0.0.1:{port}/sparql", texts, CLIENTS, seconds
        )
    row.ours, row.ours_mem = latencies, peak
    port = free_port()
    theirs = [oxigraph, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    with running(theirs, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D") as server:
        base_qps, base_latencies, base_peak = serve_under_load(
            server, f"http://127.0.0.1:{port}/query", texts, CLIENTS, seconds
        )
    row.base, row.base_mem = base_latencies, base_peak
    row.note = f"{qps:.1f} and {base_qps:.1f} queries a second, {seconds:g} s each"
    sys.stderr.write(" | ".join(row.cells()) + "\n")
    return row


#: The rows of ``bench_once`` (for ``--only``).
ONCE = ("`build`, nothing changed", "`build --check`", "`query classes`", "`validate` (curated")


def bench_once(runs: int) -> list[Row]:
    """Rows that do not depend on a size: the curated graph (its triples counted here)."""
    import pyoxigraph as ox

    built = REPO / "outputs" / "graph.ttl"
    n = sum(1 for _ in ox.parse(path=str(built), format=ox.RdfFormat.TURTLE))
    import_rdflib = [PY, "-c", "import rdflib"]
    timed([*KGENESIS, "build", "--check"], REPO)  # records the inputs (a cache of the run's own)
    rows = [
        measure(
            Row(n, what, '`python -c "import rdflib"`'), [*KGENESIS, *argv], import_rdflib, runs,
            cwd=REPO,
        )  # fmt: skip
        for what, argv in (
            ("`build`, nothing changed (curated graph)", ["build"]),
            ("`build --check` (curated graph)", ["build", "--check"]),
            ("`query classes` (built graph, CLI call)", ["query", "classes"]),
        )
    ]
    rows.append(
        measure(
            Row(n, "`validate` (curated graph)", "pySHACL CLI on outputs/graph.ttl"),
            [*KGENESIS, "validate"],
            [PY, "-m", "pyshacl", "-s", "ontology/shapes.ttl", "-i", "none", "outputs/graph.ttl"],
            runs,
            cwd=REPO,
        )
    )
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / (1 << 30):.0f} GiB"
    except (ValueError, OSError):
        memory = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    libs = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("rdflib", "pyoxigraph", "pyshacl")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {libs}; load average {load:.1f} at the start"
    )


def table(rows: list[Row], header: str) -> str:
    lines = [
        header,
        "",
        "| triples | what | kgenesis (median, peak) | baseline (median, peak) | time ratio "
        "| memory ratio | baseline |",
        "|---:|---|---|---|---:|---:|---|",
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write_readme(text: str) -> None:
    current = README.read_text(encoding="utf-8") if README.is_file() else ""
    if BEGIN in current and END in current:
        before, _, rest = current.partition(BEGIN)
        _, _, after = rest.partition(END)
        current = f"{before}{BEGIN}\n{text}{END}{after}"
    else:
        current += f"\n{BEGIN}\n{text}{END}\n"
    README.write_text(current, encoding="utf-8")


def main() -> int:
    global LIMIT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10^3 and 10^4, one run each")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument(
        "--limit", type=float, default=LIMIT, help="seconds before a process is stopped"
    )
    parser.add_argument(
        "--only", nargs="+", default=[], metavar="WORD",
        help="measure only the rows whose names hold one of these words (the table is "
        "printed, the README left alone)",
    )  # fmt: skip
    args = parser.parse_args()
    LIMIT = args.limit
    ONLY[:] = args.only
    if args.quick:
        args.sizes, args.runs = [1_000, 10_000], 1
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    clock = time.perf_counter()
    header = f"Measured {started} on {machine()}."
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kgenesis-bench-") as folder:
        os.environ["KGENESIS_CACHE"] = str(Path(folder) / "cache")
        work = Path(folder)
        runners: list[Callable[[], list[Row]]] = [lambda: bench_once(args.runs)]
        if ONLY and not any(chosen(what) for what in ONCE):
            runners = []
        runners += [
            (lambda size=size: bench_size(size, work, args.runs, args.quick)) for size in args.sizes
        ]
        for runner in runners:
            rows += runner()
    took = time.perf_counter() - clock
    mode = (
        "--quick" if args.quick else f"--sizes {' '.join(map(str, args.sizes))} --runs {args.runs}"
    )
    if ONLY:
        mode += f" --only {' '.join(ONLY)}"
    rows = [row for row in rows if row.note != SKIPPED and chosen(row.what)]
    text = table(rows, f"{header} `python bench/run.py {mode}` took {took:.0f} s.")
    sys.stdout.write(text)
    if not args.no_readme and not ONLY:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
