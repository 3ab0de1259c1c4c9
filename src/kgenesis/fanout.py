"""One job split into shares, run at once on the machine's processors: the first share in
this process, the others in forked children whose answers come back pickled, in order.

pyoxigraph's parser holds the GIL, so threads do not help; two processes each parsing half
of an N-Triples file take half the time of one (measured: 0.19 s against 0.38 s for
4·10^5 triples on 2 cores). Plain ``os.fork`` and pipes, as ``timelimit`` does: nothing to
import or start, so a share costs the fork alone. Where the platform cannot fork, every
share runs here in turn.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .timelimit import FORK_LOCK, reap

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: At most this many processes share one job, whatever the machine has.
MOST = 8


class Failed(Exception):
    """A child's share raised an error or the child died: the caller redoes the job whole,
    in this process, for its own error message (a child knows only its share)."""


def processors() -> int:
    """How many processors this process may run on (at least 1, at most ``MOST``), or 1
    where it cannot fork."""
    if not hasattr(os, "fork"):
        return 1
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, MOST))


def run_shares(fn: Callable[[T], R], shares: Sequence[T]) -> list[R]:
    """``[fn(share) for share in shares]``, the shares after the first in forked children
    started before this process does the first. An error in the first share is raised as
    it is; one in another share raises ``Failed``. The children are gone (killed if
    need be) when this returns or raises."""
    if len(shares) < 2 or not hasattr(os, "fork"):
        return [fn(share) for share in shares]
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    here = [0]  # the shares done in this process: the first, and any no child could take
    try:
        for i, share in enumerate(shares[1:], 1):
            try:
                children.append(_start(fn, share))
            except OSError as exc:  # no process or pipe to be had (limits): done here
                log.info("share %d done here: %s", i, exc)
                here.append(i)
        answers: dict[int, R] = {i: fn(shares[i]) for i in here}
        started = (i for i in range(len(shares)) if i not in answers)
        answers.update(
            (i, _answer(pid, fd)) for i, (pid, fd) in zip(started, children, strict=True)
        )
        return [answers[i] for i in range(len(shares))]
    finally:
        for pid, fd in children:
            _end(pid, fd)


def _start(fn: Callable[[T], R], share: T) -> tuple[int, int]:
    """Fork a child that runs ``fn(share)`` and writes its pickled answer to a pipe. Ctrl-C
    is held back from the fork until each side is in its own code: the child's must never
    run the parent's, and the parent must know the child to end it."""
    blocked = {signal.SIGINT}
    with FORK_LOCK:  # see timelimit: a fork by another thread must not copy our write end
        read_fd, write_fd = os.pipe()
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            pid = os.fork()
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            os.close(read_fd)
            os.close(write_fd)
            raise
        if pid != 0:
            os.close(write_fd)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # the parent knows its child now
            return pid, read_fd
    status = 1
    try:  # the child: never returns
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_fd)
        try:
            payload: tuple[bool, object] = (True, fn(share))
        except BaseException as exc:  # noqa: B036 - reported to the parent, never lost
            payload = (False, f"{type(exc).__name__}: {exc}")
        data = memoryview(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(write_fd, data) :]
        os.close(write_fd)
        status = 0
    finally:
        os._exit(status)


def _answer(pid: int, read_fd: int) -> Any:
    chunks = []
    while chunk := os.read(read_fd, 1 << 20):
        chunks.append(chunk)
    if not chunks:
        raise Failed(f"process {pid} ended without an answer")
    try:
        ok, value = pickle.loads(b"".join(chunks))
    except Exception as exc:  # noqa: BLE001 - a truncated answer: the child died writing
        raise Failed(f"process {pid}'s answer was cut short: {exc}") from None
    if not ok:
        raise Failed(f"process {pid}: {value}")
    return value


def _end(pid: int, read_fd: int) -> None:
    """Close the pipe and make sure the child is gone, reaped later if it is still exiting
    (the kernel frees a child's memory faster than it would free it piece by piece)."""
    os.close(read_fd)
    try:
        os.kill(pid, signal.SIGKILL)  # done already, unless this process is failing
    except ProcessLookupError:
        pass
    reap(pid, wait=False)
