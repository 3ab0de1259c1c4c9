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
import stat
import tempfile
from pathlib import Path

from .errors import ExportError

log = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and ``os.replace``.

    On any failure (full disk, read-only folder, Ctrl-C) the old file is intact and the
    temporary file is removed. The folder must exist: a typo in ``-o`` is an error, not
    a new folder.
    """
    write_all_atomic({Path(path): data})


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files as one step: every temporary file first, then the replaces.

    A failure while writing (the likely moment: disk full, interrupted) leaves every old
    file intact and removes every temporary file.
    """
    temps: dict[Path, str] = {}
    data_of: dict[Path, bytes] = {}
    current: Path | None = None
    try:
        for given, data in files.items():
            current = given
            if _is_special(given):
                _write_in_place(given, data)  # /dev/stdout, a pipe: nothing to replace
                continue
            # Through a symbolic link to the file it names (replacing the link would cut it).
            path = Path(os.path.realpath(given, strict=False))
            if os.path.islink(path):  # realpath stops inside a loop of links
                raise OSError(errno.ELOOP, "too many levels of symbolic links")
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.is_dir():
                raise FileNotFoundError(2, f"folder {folder} does not exist")
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            temps[path] = tmp_name
            data_of[path] = data
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, mode)
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
