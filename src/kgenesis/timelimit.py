"""Time limits: run a function, stop it at a deadline, whatever it does.

Where the platform can fork, the function runs in a forked child that is killed at the
deadline; elsewhere SIGALRM interrupts it in the main thread. Both query engines use it.
"""

from __future__ import annotations

import atexit
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


class QueryMemoryError(KgenesisError):
    """The query needed more memory than its cap and was stopped (CLI exit 3)."""

    exit_code = 3


class WorkerDied(KgenesisError):
    """The worker process died without an answer (a crash in native code, a stack overflow,
    or memory the operating system refused)."""


#: Serialises forks: a fork while another thread holds a lock copies that lock held.
FORK_LOCK = threading.Lock()


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where unknown."""
    import os

    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _cap_memory(max_memory: int | None) -> None:
    """In the worker: let it grow by at most ``max_memory`` bytes (RLIMIT_AS)."""
    if not max_memory:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    base = _address_space()
    if base is None:
        return
    limit = base + max_memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _hold_stderr() -> tuple[int, Any]:
    """In a memory-capped worker: send stderr to a temporary file until the end. Python
    prints "Exception ignored …" while allocations fail; the user gets one line instead."""
    import os
    import tempfile

    saved = os.dup(2)
    held = tempfile.TemporaryFile()
    os.dup2(held.fileno(), 2)
    return saved, held


def _release_stderr(state: tuple[int, Any], *, discard: bool) -> None:
    """Pass on what the worker wrote to stderr (logs, warnings), unless it ran out of memory."""
    import os

    saved, held = state
    try:
        if not discard:
            held.seek(0)
            data = held.read()
            view = memoryview(data)
            while view:
                view = view[os.write(saved, view) :]
    except OSError:
        pass
    os.dup2(saved, 2)


def _die_with_parent(death_fd: int) -> None:
    """In the worker: exit as soon as the parent is gone (its end of a pipe closes)."""
    import os

    def watch() -> None:
        try:
            while os.read(death_fd, 1):
                pass
        except OSError:
            pass
        os._exit(1)

    threading.Thread(target=watch, name="kgenesis-parent-watch", daemon=True).start()


def _close_sockets() -> None:
    """In the worker: close the sockets it inherited. A server's worker would otherwise hold
    copies of its clients' connections (and its listening socket) open until it ends, so a
    connection the server closes would not close for the client while a slow query runs."""
    import os
    import stat

    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # not Linux: nothing to do cheaply
        return
    for fd in fds:
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _in_fork(
    fn: Any, timeout: float | None, max_memory: int | None = None, what: str = "query"
) -> Any:
    """Run ``fn`` in a forked child, send back its value or error, kill it at the deadline.

    Plain ``os.fork`` and pipes: nothing to import, so the fast query path stays fast. The
    child dies with its parent (it watches a pipe whose only writer is the parent) and may
    grow by at most ``max_memory`` bytes.
    """
    import os
    import pickle
    import select
    import time

    # Pipes, fork and the parent's closes under one lock: a fork by another thread in
    # between would give its worker copies of this call's write ends, and this call would
    # wait for that worker's end (a false time limit), nor die with its parent.
    with FORK_LOCK:
        read_fd, write_fd = os.pipe()
        death_r, death_w = os.pipe()
        try:
            pid = os.fork()
        except BaseException:
            for fd in (read_fd, write_fd, death_r, death_w):
                os.close(fd)
            raise
        if pid != 0:
            os.close(write_fd)
            os.close(death_r)
    if pid == 0:  # the child: never returns
        global _IN_WORKER
        _IN_WORKER = True
        status = 0
        try:
            os.close(read_fd)
            os.close(death_w)
            _close_sockets()
            _die_with_parent(death_r)
            held = _hold_stderr() if max_memory else None
            out_of_memory = False
            try:
                _cap_memory(max_memory)
                payload: tuple[str, Any] = ("ok", fn())
            except MemoryError:
                out_of_memory = True
                payload = ("error", QueryMemoryError(_memory_message(max_memory)))
            except BaseException as exc:  # noqa: B036 - reported to the parent, never lost
                keep = isinstance(exc, KgenesisError | ImportError)  # ImportError: "pip install …"
                error = exc if keep else KgenesisError(str(exc))
                payload = ("error", error)
            try:
                data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                data = pickle.dumps(("error", QueryMemoryError(_memory_message(max_memory))))
            except Exception as exc:  # noqa: BLE001 - an unpicklable value or error
                data = pickle.dumps(("error", KgenesisError(f"query result not sent: {exc}")))
            if held is not None:
                _release_stderr(held, discard=out_of_memory)
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
            # the answer is complete: the caller reads on while the kernel frees this
            # process's memory (0.4 s for the 600 MB of a 10^6-triple store)
            os.close(write_fd)
        except BaseException:  # noqa: B036 - the parent reports a dead worker
            status = 1
        finally:
            os._exit(status)
    chunks: list[bytes] = []
    deadline = None if not timeout else time.monotonic() + timeout
    code: int | None = None
    try:
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and (left <= 0 or not select.select([read_fd], [], [], left)[0]):
                raise QueryTimeout(_timeout_message(timeout or 0, what))
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.close(death_w)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        code = reap(pid, wait=not chunks)  # no answer: its exit status says why
    if not chunks:
        died = ""
        if code is not None and os.WIFSIGNALED(code):
            died = f" (signal {os.WTERMSIG(code)})"
        cap = f" --max-memory {_size(max_memory)}" if max_memory else ""
        raise WorkerDied(
            f"the query's worker process died{died} without an answer: it may have run out of "
            f"memory{cap} or recursed too deep; simplify the query"
        )
    from .collector import paused

    try:
        with paused():  # 10^5 terms unpickled: the collector's rounds cost 6× the unpickling
            status, value = pickle.loads(b"".join(chunks))
    except Exception as exc:  # noqa: BLE001 - a value that pickles but does not unpickle
        raise KgenesisError(f"the {what}'s answer could not be received: {exc}") from None
    if status == "error":
        raise value
    return value


def _size(n: int | None) -> str:
    if not n:
        return "none"
    for unit, size in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size}{unit}"
    return str(n)


def _memory_message(max_memory: int | None) -> str:
    return (
        f"query stopped: it needed more than {_size(max_memory)} of memory (memory cap); "
        "simplify it, add LIMIT, or raise --max-memory"
    )


def _timeout_message(timeout: float, what: str = "query") -> str:
    advice = "simplify it, add LIMIT, or raise --timeout" if what == "query" else "raise --timeout"
    return f"{what} stopped after {timeout:g} s (time limit); {advice}"


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


#: Whether this process is a forked worker (which ends with ``os._exit``).
_IN_WORKER = False
_OUTLIVING: list[Any] = []


def outlive(value: Any) -> None:
    """In a forked worker, keep ``value`` until the worker exits, so that nothing frees it
    piece by piece first: the kernel drops a worker's memory at once, where freeing a
    pyoxigraph store of 10^6 triples takes 0.4 s. Elsewhere, nothing."""
    if _IN_WORKER:
        _OUTLIVING.append(value)


#: Workers that sent their answer and are still exiting (freeing their memory): reaped by
#: the next worker's call, or when this process exits, not waited for in between.
_EXITING: list[int] = []
_EXITING_LOCK = threading.Lock()


def reap(pid: int, *, wait: bool) -> int | None:
    """A forked child's exit status once it has exited; without ``wait``, None while it is
    still exiting (it is then reaped later, with any others left, or at this process's
    exit). ``fanout`` reaps its children here too."""
    import os

    _reap_exited(os.WNOHANG)
    try:
        done, code = os.waitpid(pid, 0 if wait else os.WNOHANG)
    except ChildProcessError:
        return None  # SIGCHLD ignored: the child was reaped for us
    if done:
        return code
    with _EXITING_LOCK:
        _EXITING.append(pid)
    return None


def _reap_exited(options: int = 0) -> None:
    """Reap the workers left exiting: those already gone (``os.WNOHANG``), or all of them."""
    import os

    with _EXITING_LOCK:
        for pid in list(_EXITING):
            try:
                done = os.waitpid(pid, options)[0]
            except ChildProcessError:
                done = pid
            if done:
                _EXITING.remove(pid)


atexit.register(_reap_exited)


def _can_fork() -> bool:
    import os

    return hasattr(os, "fork")


def run_limited(
    fn: Any, timeout: float | None, max_memory: int | None = None, what: str = "query"
) -> Any:
    """Call ``fn()`` but stop it after ``timeout`` seconds (None or 0: no limit) or when it
    grows by more than ``max_memory`` bytes (None or 0: no cap).

    Where the platform can fork, ``fn`` runs in a forked child that is killed at the deadline:
    the only stop that holds whatever the query does (a regular expression running in C, an
    interrupt swallowed by a bare ``except``, a blocked SIGALRM inherited from the caller).
    Elsewhere SIGALRM interrupts it in the main thread, and memory is not capped. With
    neither limit, ``fn`` runs in this process.
    """
    if (not timeout or timeout <= 0) and not max_memory:
        return fn()
    if _can_fork():
        return _in_fork(fn, timeout if timeout and timeout > 0 else None, max_memory, what)
    if not timeout or timeout <= 0:
        return fn()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _with_alarm(fn, timeout)
    log.warning("no time limit is available here; running the query without one")
    return fn()
