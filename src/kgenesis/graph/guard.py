"""While a data file is parsed, nothing may reach the network or open another file.

A JSON-LD context (nested in a list, scoped to a term or a type, inside ``@graph``) or an
XML entity can make a parser fetch an address or read a local file. Rather than recognise
every such form in the text, one guard covers every parser: a process-wide audit hook
(``sys.addaudithook``) that, while :func:`sealed` is active in the current thread, refuses
socket connections, URL requests and the opening of any file but Python's own modules (a
lazy import inside a parser opens those). What it refused is reported after the parse as
one line naming the file. An audit hook cannot be removed, so it is added once and does
nothing in threads where no parse is under way.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = threading.local()
_lock = threading.Lock()
_installed = False
_NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")
_CODE = (".py", ".pyc", ".so", ".pyd", ".pth")
#: The temporary name under which Python writes a fresh ``.pyc`` (``x.cpython-311.pyc.1397``).
_PYC_TEMP = re.compile(r"\.pyc\.\d+$")


def _code_roots() -> tuple[str, ...]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    roots.update(p for p in sys.path if p and os.path.isdir(p))
    if getattr(sys, "pycache_prefix", None):
        roots.add(sys.pycache_prefix)  # type: ignore[arg-type]
    return tuple(sorted(os.path.realpath(r) + os.sep for r in roots))


def _is_code(path: Any) -> bool:
    """Python's own modules and their bytecode, where Python keeps them: what an import
    inside a parser opens or writes. Anything else, a ``.py`` file elsewhere included, is
    refused."""
    try:
        name = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    if not (name.endswith(_CODE) or _PYC_TEMP.search(name)):
        return False
    return name.startswith(_code_roots())


def _hook(event: str, args: tuple[Any, ...]) -> None:
    refused = getattr(_state, "refused", None)
    if refused is None:
        return
    if event in _NETWORK:
        target = args[1] if event == "socket.connect" and len(args) > 1 else args[0]
        what = f"reach {target!r} over the network"
    elif event == "open" and args and not isinstance(args[0], int) and not _is_code(args[0]):
        what = f"open {os.fsdecode(args[0])}"
    else:
        return
    refused.append(what)
    raise PermissionError(f"kgenesis: refused to {what} while parsing a data file")


@contextmanager
def sealed() -> Iterator[list[str]]:
    """Within this block (in this thread) no socket, URL or non-module file may be opened;
    yields the list of what was refused."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
    outer = getattr(_state, "refused", None)
    refused: list[str] = []
    _state.refused = refused
    try:
        yield refused
    finally:
        _state.refused = outer
