"""Writing files atomically: a temporary file beside the target, then ``os.replace``.

A failed write (full disk, read-only folder, Ctrl-C) leaves the old file intact. Every
command that writes a file goes through here; it imports no RDF library, so writing a
query result with ``-o`` costs nothing extra.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import ExportError

log = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and ``os.replace``.

    On any failure (full disk, read-only folder, Ctrl-C) the old file is intact and the
    temporary file is removed. The folder must exist: a typo in ``-o`` is an error, not
    a new folder. ``mode`` sets a new file's permissions (default: what the umask allows).
    """
    write_all_atomic({Path(path): data}, mode=mode)


def write_all_atomic(files: dict[Path, bytes], *, mode: int | None = None) -> None:
    """Write several files as one step: every temporary file first, then the replaces.

    A failure while writing (the likely moment: disk full, interrupted) leaves every old
    file intact and removes every temporary file; temporary files that a killed run left
    beside a target are removed by the next write to it. A path that names an open file
    descriptor (``/dev/stdout``, ``/dev/fd/3``) or a device or pipe is written in place:
    ``-o /dev/stdout >> log.txt`` appends to log.txt, never replaces it.
    """
    temps: dict[Path, str] = {}
    data_of: dict[Path, bytes] = {}
    current: Path | None = None
    try:
        for given, data in files.items():
            current = given
            descriptor = _descriptor(given)
            if descriptor is not None:
                _write_descriptor(descriptor, data)  # the shell's >, >> or | as it is
                continue
            if _is_special(given):
                _write_in_place(given, data)  # a device or a pipe: nothing to replace
                continue
            # Through a symbolic link to the file it names (replacing the link would cut it).
            path = Path(os.path.realpath(given, strict=False))
            if os.path.islink(path):  # realpath stops inside a loop of links
                raise OSError(errno.ELOOP, "too many levels of symbolic links")
            folder = path.parent  # realpath is absolute: there is always a parent
            if not folder.is_dir():
                raise FileNotFoundError(2, f"folder {folder} does not exist")
            _remove_stale_temps(folder, path.name)
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
            )
            temps[path] = tmp_name
            data_of[path] = data
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                perms = path.stat().st_mode & 0o777
            else:
                perms = mode if mode is not None else 0o666 & ~_umask()
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, perms)
        for path, tmp_name in list(temps.items()):
            current = path
            os.replace(tmp_name, path)
            del temps[path]
            log.info("wrote %s (%d bytes)", path, len(data_of[path]))
    except OSError as exc:
        raise ExportError(
            f"{current}: cannot write ({exc.strerror or exc}); the previous file is left unchanged"
        ) from exc
    finally:
        for tmp_name in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


_FD_PATH = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/\d+/fd)/(\d+)$")
_STD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor(path: Path) -> int | None:
    """The file descriptor that ``path`` names (``/dev/stdout`` → 1, ``/dev/fd/3`` → 3)."""
    name = os.path.abspath(path)
    if name in _STD:
        return _STD[name]
    match = _FD_PATH.match(name)
    if match and (
        not name.startswith("/proc/") or name.startswith(("/proc/self/", f"/proc/{os.getpid()}/"))
    ):
        return int(match.group(1))
    return None


def _write_descriptor(fd: int, data: bytes) -> None:
    """Write to an already-open descriptor (its flags, O_APPEND included, are the shell's)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    log.info("wrote %d bytes to file descriptor %d", len(data), fd)


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove ``.NAME.PID.*.tmp`` files whose writer process is gone (a killed run)."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\.[^.]+\.tmp$")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                log.info("removed %s, left by a run that was killed", entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _is_special(path: Path) -> bool:
    """Whether ``path`` exists (links followed) and is not a regular file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device or pipe the user named (``-o /dev/stdout``) as it is."""
    with open(path, "wb") as handle:
        handle.write(data)
    log.info("wrote %s (%d bytes)", path, len(data))


def _umask() -> int:
    """The process's umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
