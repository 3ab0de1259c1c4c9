"""Real servers for the tests: kgenesis serve, Oxigraph's server and Virtuoso, each started
on a free loopback port, waited for, and killed (with its process group) afterwards.

A tool that is missing skips its tests with the reason outside CI; in CI (``KGENESIS_CI``
set by ``.ci/run``, which installs every one of them) it fails them instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
KGENESIS = BIN / "kgenesis"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def need(path: Path | str | None, why: str) -> Path:
    """``path`` if it is an existing file; else skip (fail in CI) saying ``why``."""
    if path is not None and Path(path).is_file():
        return Path(path)
    message = f"{path or 'a tool'} is missing: {why}"
    if os.environ.get("KGENESIS_CI"):
        pytest.fail(f"{message} (CI installs it: scripts/setup.sh)")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    """Poll ``url`` until the server answers anything at all (any HTTP status)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"the server exited ({process.returncode}): {out[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


@contextmanager
def running(
    command: list[str], ready_url: str, cwd: Path | None = None
) -> Iterator[subprocess.Popen]:
    """Start ``command`` in its own process group, wait for ``ready_url``, stop it after."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        wait_until_answering(ready_url, process)
        yield process
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@contextmanager
def kgenesis_serve(*args: str, cwd: Path | None = None) -> Iterator[str]:
    """``kgenesis serve`` on a free port; yields its base URL (``http://127.0.0.1:PORT``)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(KGENESIS), "serve", "--port", str(port), *args]
    with running(command, f"{base}/sparql", cwd=cwd):
        yield base


def oxigraph_binary() -> Path:
    """Oxigraph's server binary (the test extra's), or a skip (a failure in CI)."""
    return need(
        shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph"),
        "Oxigraph's server comes with `pip install oxigraph` (the test extra)",
    )


@contextmanager
def oxigraph_serve(folder: Path) -> Iterator[str]:
    """Oxigraph's own server (``pip install oxigraph``) on an empty store in ``folder``."""
    binary = oxigraph_binary()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    with running(command, f"{base}/query?query=ASK%7B%7D"):
        yield base


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """A copy of Debian's virtuoso.ini with its database and logs in ``folder`` and its
    ports moved (8890 and 1111 may be taken)."""
    text = VIRTUOSO_INI.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    lines = []
    section = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        if key == "ServerPort" and section == "[Parameters]":
            line = f"ServerPort = {sql_port}"
        elif key == "ServerPort" and section == "[HTTPServer]":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DefaultHost":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ini


@contextmanager
def virtuoso_serve(folder: Path) -> Iterator[str]:
    """Virtuoso (Debian's virtuoso-opensource) on a fresh database in ``folder``; the
    ``dba`` account has the default password ``dba``."""
    binary = need(
        shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t",
        "apt-get install virtuoso-opensource",
    )
    need(VIRTUOSO_INI, "apt-get install virtuoso-opensource (its virtuoso.ini)")
    http_port, sql_port = free_port(), free_port()
    ini = virtuoso_ini(folder, sql_port, http_port)
    base = f"http://127.0.0.1:{http_port}"
    command = [str(binary), "+configfile", str(ini), "+foreground"]
    with running(command, f"{base}/sparql?query=ASK%7B%7D", cwd=folder):
        yield base
