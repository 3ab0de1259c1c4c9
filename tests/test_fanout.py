"""One job in shares on several processors: answers in order, errors reported, children
never left behind, and everything in this process where the platform cannot fork."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kgenesis import fanout, timelimit
from kgenesis.fanout import Failed, run_shares


def _share(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_answers_come_back_in_order_the_first_share_done_here() -> None:
    answers = run_shares(_share, [0, 1, 2, 3])
    assert [n for n, _ in answers] == [0, 1, 2, 3]
    assert answers[0][1] == os.getpid()
    assert len({pid for _, pid in answers}) == 4  # three children beside this process


def test_a_large_answer_comes_back_whole() -> None:
    big = run_shares(lambda n: "한" * (3 << 20) if n else "", [0, 1])  # 9 MB through a pipe
    assert big[1] == "한" * (3 << 20)


def test_an_error_in_a_childs_share_is_failed_one_in_the_first_share_raised_as_is() -> None:
    def second_fails(n: int) -> int:
        if n == 1:
            raise ValueError("bad share")
        return n

    with pytest.raises(Failed, match="ValueError: bad share"):
        run_shares(second_fails, [0, 1, 2])
    with pytest.raises(KeyError, match="first"):
        run_shares(lambda n: {}["first"] if n == 0 else n, [0, 1])


def test_a_child_that_dies_without_an_answer_is_failed() -> None:
    def dies(n: int) -> int:
        if n == 1:
            os._exit(3)
        return n

    with pytest.raises(Failed, match="without an answer"):
        run_shares(dies, [0, 1])


def test_no_child_is_left_running_when_the_first_share_fails(tmp_path: Path) -> None:
    started = tmp_path / "child"

    def slow_child(n: int) -> int:
        if n == 1:
            started.write_text(str(os.getpid()))
            time.sleep(60)
        while not started.exists():
            time.sleep(0.01)
        raise RuntimeError("the first share fails while the child works")

    begun = time.monotonic()
    with pytest.raises(RuntimeError):
        run_shares(slow_child, [0, 1])
    assert time.monotonic() - begun < 30  # the child was not waited for
    timelimit._reap_exited()  # wait for the children still exiting
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)


def test_without_fork_every_share_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    assert fanout.processors() == 1
    assert run_shares(_share, [0, 1, 2]) == [(0, os.getpid()), (1, os.getpid()), (2, os.getpid())]


def test_shares_no_child_can_take_are_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork refused (EAGAIN under a process limit) is no error of the job."""

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert run_shares(_share, [0, 1, 2]) == [(0, os.getpid()), (1, os.getpid()), (2, os.getpid())]


def test_processors_are_those_this_process_may_use_at_most_most() -> None:
    assert 1 <= fanout.processors() <= fanout.MOST
    assert fanout.processors() <= len(os.sched_getaffinity(0))
