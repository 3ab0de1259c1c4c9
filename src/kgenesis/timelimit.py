"""Time limits: run a function, stop it at a deadline, whatever it does.

Where the platform can fork, the function runs in a forked child that is killed at the
deadline; elsewhere SIGALRM interrupts it in the main thread. Both query engines use it.
"""

from __future__ import annotations

import logging
import math
import signal
import threading
from typing import Any

from .errors import KgenesisError, UsageError

log = logging.getLogger(__name__)

#: Default time limit in seconds for one query.
DEFAULT_TIMEOUT = 30.0
#: Longest time limit accepted (one day); 0 or None means no limit.
MAX_TIMEOUT = 86400.0


class QueryTimeout(KgenesisError):
    """The query ran longer than its time limit and was stopped (CLI exit 3)."""

    exit_code = 3


class _Expired(BaseException):
    """Raised by SIGALRM; a BaseException so rdflib's ``except Exception`` cannot swallow it."""


def _with_alarm(fn: Any, timeout: float) -> Any:
    """Interrupt ``fn`` with SIGALRM after ``timeout`` s, then every 0.1 s until it stops.

    The repeat catches an interrupt that library code swallowed; SIGALRM is unblocked for
    the call in case the caller's signal mask blocks it.
    """

    def ring(signum: int, frame: Any) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, ring)
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout, 0.1)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise QueryTimeout(_timeout_message(timeout)) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGALRM, previous)


def _in_fork(fn: Any, timeout: float) -> Any:
    """Run ``fn`` in a forked child, send back its value or error, kill it at the deadline.

    Plain ``os.fork`` and a pipe: nothing to import, so the fast query path stays fast.
    """
    import os
    import pickle
    import select
    import time

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read_fd)
            try:
                payload: tuple[str, Any] = ("ok", fn())
            except BaseException as exc:  # noqa: B036 - reported to the parent, never lost
                error = exc if isinstance(exc, KgenesisError) else KgenesisError(str(exc))
                payload = ("error", error)
            try:
                data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # noqa: BLE001 - an unpicklable value or error
                data = pickle.dumps(("error", KgenesisError(f"query result not sent: {exc}")))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:  # noqa: B036 - the parent reports a dead worker
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                raise QueryTimeout(_timeout_message(timeout))
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if not chunks:
        raise KgenesisError("query evaluation failed: the worker process died")
    status, value = pickle.loads(b"".join(chunks))
    if status == "error":
        raise value
    return value


def _timeout_message(timeout: float) -> str:
    return (
        f"query stopped after {timeout:g} s (time limit); simplify it, add LIMIT, "
        "or raise --timeout"
    )


def check_timeout(timeout: Any) -> float | None:
    """``timeout`` in seconds: a number from 0 (no limit) to ``MAX_TIMEOUT``, or None (no limit).

    Anything else raises UsageError: NaN, infinity and 1e300 would crash the timer, and a
    negative number would silently mean no limit.
    """
    if timeout is None:
        return None
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = math.nan
    if isinstance(timeout, bool) or not 0 <= seconds <= MAX_TIMEOUT:  # NaN fails both
        raise UsageError(
            f"timeout must be a number of seconds from 0 (no limit) to {MAX_TIMEOUT:g}, "
            f"not {timeout!r}"
        )
    return seconds


def _can_fork() -> bool:
    import os

    return hasattr(os, "fork")


def run_limited(fn: Any, timeout: float | None) -> Any:
    """Call ``fn()`` but stop it after ``timeout`` seconds (None or 0: no limit).

    Where the platform can fork, ``fn`` runs in a forked child that is killed at the deadline:
    the only stop that holds whatever the query does (a regular expression running in C, an
    interrupt swallowed by a bare ``except``, a blocked SIGALRM inherited from the caller).
    Elsewhere SIGALRM interrupts it in the main thread.
    """
    if not timeout or timeout <= 0:
        return fn()
    if _can_fork():
        return _in_fork(fn, timeout)
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _with_alarm(fn, timeout)
    log.warning("no time limit is available here; running the query without one")
    return fn()
