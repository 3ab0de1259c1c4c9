"""Time limits: a forked child killed at the deadline, SIGALRM where there is no fork."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kgenesis import timelimit
from kgenesis.errors import KgenesisError, UsageError
from kgenesis.sparql.engine import execute
from kgenesis.timelimit import MAX_TIMEOUT, QueryTimeout, check_timeout, run_limited

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(
        data="@prefix : <urn:> . :a :b :c , :d , :e , :f , :g , :h , :i , :j .", format="turtle"
    )
    return g


def test_a_value_comes_back_from_the_child() -> None:
    assert run_limited(lambda: {"rows": [1, 2, 3]}, 5) == {"rows": [1, 2, 3]}


def test_an_error_in_the_child_keeps_its_type_and_message() -> None:
    def fail() -> None:
        raise UsageError("bad query")

    with pytest.raises(UsageError, match="bad query"):
        run_limited(fail, 5)


def test_an_unexpected_error_in_the_child_is_reported() -> None:
    def crash() -> None:
        raise RuntimeError("boom")

    with pytest.raises(KgenesisError, match="boom"):
        run_limited(crash, 5)


def test_a_busy_loop_in_the_child_is_killed_at_the_deadline() -> None:
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"stopped after 0\.3 s"):
        run_limited(lambda: [None for _ in iter(int, 1)], 0.3)
    assert time.monotonic() - start < 5


def test_no_limit_runs_in_this_process() -> None:
    here = threading.get_ident()
    assert run_limited(threading.get_ident, 0) == here
    assert run_limited(threading.get_ident, None) == here


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), MAX_TIMEOUT + 1, "x", True])
def test_a_timeout_out_of_range_is_a_usage_error(bad: object) -> None:
    with pytest.raises(UsageError, match="timeout must be"):
        check_timeout(bad)


def test_the_alarm_handler_and_timer_are_restored_without_fork(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_fork(monkeypatch)
    before = signal.getsignal(signal.SIGALRM)
    execute(graph, "ASK { ?s ?p ?o }", timeout=5)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timelimit, "_can_fork", lambda: False)


def test_without_fork_the_alarm_stops_a_query_even_if_sigalrm_was_blocked(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    _no_fork(monkeypatch)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        with pytest.raises(QueryTimeout):
            execute(graph, CARTESIAN, timeout=0.5)
        assert signal.SIGALRM in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def test_without_fork_an_interrupt_swallowed_once_is_repeated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_fork(monkeypatch)
    swallowed = []

    def stubborn() -> None:
        while True:
            try:
                while True:
                    pass
            except BaseException:  # noqa: B036 - what a careless library does
                if swallowed:
                    raise
                swallowed.append(1)

    with pytest.raises(QueryTimeout):
        run_limited(stubborn, 0.3)
    assert swallowed == [1]


# --- the worker: dies with its parent, capped in memory, robust to SIGCHLD (issue 9) --------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(x) for x in task.read_text().split()]
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")  # a zombie has stopped running; its reaper may be slow


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_the_worker_dies_with_its_parent(tmp_path: Path) -> None:
    """After `kill -TERM` of `kgenesis query`, its forked worker ran on at 100 % CPU."""
    import signal
    import subprocess
    import sys
    import time

    fixture = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"
    parent = subprocess.Popen(
        [sys.executable, "-m", "kgenesis.cli", "query", RUNAWAY, "--data", str(fixture),
         "--timeout", "120"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = _children(parent.pid)
        assert workers, "no worker was forked"
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30
        while not all(_gone(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(_gone(w) for w in workers), f"worker {workers} outlived its parent"
    finally:
        parent.kill()
        for worker in _children(parent.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="needs Linux's /proc")
def test_a_query_over_its_memory_cap_stops_with_exit_3(tmp_path: Path) -> None:
    """A cross product with ORDER BY reached 7.9 GB inside the 30 s limit (issue 9)."""
    import subprocess
    import sys

    fixture = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"
    greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j ?l"
    run = subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "query", greedy, "--data", str(fixture),
         "--max-memory", "300M", "--timeout", "120", "-f", "csv", "-o", str(tmp_path / "x.csv")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr
    assert run.stderr.strip().splitlines() == [
        "kgenesis: error: query stopped: it needed more than 300M of memory (memory cap); "
        "simplify it, add LIMIT, or raise --max-memory"
    ]
    assert not (tmp_path / "x.csv").exists()


def test_a_process_that_ignores_sigchld_gets_its_answer() -> None:
    """os.waitpid raised ChildProcessError where SIGCHLD was ignored (issue 9)."""
    import subprocess
    import sys

    fixture = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"
    code = (
        "import signal, sys\nsignal.signal(signal.SIGCHLD, signal.SIG_IGN)\n"
        "from kgenesis.cli import main\n"
        f"sys.exit(main(['query', 'ASK {{ ?s ?p ?o }}', '--data', {str(fixture)!r}]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout == "true\n", run.stderr


def test_threads_calling_the_api_at_once_all_get_answers() -> None:
    """Threads parsing at once got a pyparsing TypeError (issue 9)."""
    from concurrent.futures import ThreadPoolExecutor

    import kgenesis

    fixture = Path(__file__).parent / "data" / "valid" / "query-fixture.ttl"
    queries = [
        f"SELECT ?s WHERE {{ ?s rdfs:label ?l FILTER(STRLEN(?l) > {i % 5}) }} ORDER BY ?s"
        for i in range(16)
    ]
    expected = [kgenesis.query(q, data=fixture).rows for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: kgenesis.query(q, data=fixture).rows, queries))
    assert got == expected
    with ThreadPoolExecutor(max_workers=4) as pool:  # with a time limit: forks from threads
        timed = list(
            pool.map(lambda q: kgenesis.query(q, data=fixture, timeout=30).rows, queries[:4])
        )
    assert timed == expected[:4]


@pytest.mark.slow
def test_a_quick_worker_never_waits_for_a_slow_one_forked_beside_it() -> None:
    """Pipes made outside the fork lock leaked into workers forked by other threads: a
    quick query then waited for its slow neighbour to exit (a false time limit)."""
    from concurrent.futures import ThreadPoolExecutor

    def call(i: int) -> tuple[bool, float]:
        started = time.monotonic()
        if i % 2:
            assert run_limited(lambda: time.sleep(1.2) or 2, 30) == 2
            return False, 0.0
        assert run_limited(lambda: 1, 30) == 1
        return True, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(call, range(80)))
    quick = [seconds for is_quick, seconds in results if is_quick]
    assert max(quick) < 0.9, f"a quick worker waited {max(quick):.2f} s for a slow one"


def test_the_worker_closes_the_sockets_it_inherits() -> None:
    """A server's worker held copies of its clients' connections: a connection the server
    closed stayed open for the client until a slow query ended (kgenesis serve)."""
    import socket

    ours, theirs = socket.socketpair()
    try:

        def inherited() -> bool:
            try:
                os.fstat(ours.fileno())
            except OSError:
                return False
            return True

        assert run_limited(inherited, 30) is False
        assert inherited()  # this process keeps its own
    finally:
        ours.close()
        theirs.close()


def test_the_answer_arrives_before_the_worker_has_finished_exiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The caller read until the worker's pipe closed, which the kernel does only after
    freeing the worker's memory: 0.4 s for a 10^6-triple store (issue 13). The worker now
    closes its end once the answer is written; here its exit takes 3 s."""
    real_exit = os._exit

    def slow_exit(status: int) -> None:
        time.sleep(3)
        real_exit(status)

    monkeypatch.setattr(os, "_exit", slow_exit)  # in the forked worker: this process never exits
    started = time.monotonic()
    assert run_limited(lambda: "answer", 30) == "answer"
    assert time.monotonic() - started < 2
    monkeypatch.undo()
    timelimit._reap_exited()  # the worker, reaped once it has exited
    assert not timelimit._EXITING


def test_what_a_worker_keeps_is_never_freed_by_python(tmp_path: Path) -> None:
    """A 10^6-triple store freed piece by piece took 0.4 s of each ``query --data`` before
    the worker's exit, which drops the memory at once."""
    freed = tmp_path / "freed"

    class Held:
        def __del__(self) -> None:
            freed.write_text("freed")

    def work(keep: bool) -> int:
        held = Held()
        if keep:
            timelimit.outlive(held)
        return 1

    assert run_limited(lambda: work(False), 30) == 1
    assert freed.exists()  # the worker frees what it does not keep
    freed.unlink()
    assert run_limited(lambda: work(True), 30) == 1
    assert not freed.exists()
    work(True)  # in this process, outlive keeps nothing
    assert freed.exists()
