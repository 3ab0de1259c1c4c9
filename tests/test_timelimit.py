"""Time limits: a forked child killed at the deadline, SIGALRM where there is no fork."""

from __future__ import annotations

import signal
import threading
import time

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
