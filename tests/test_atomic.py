"""Atomic writes: a failed write never loses the old file and leaves no temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO
from kgenesis import atomic
from kgenesis.atomic import write_atomic
from kgenesis.errors import ExportError


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_ctrl_c_during_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def interrupted(_src: str, _dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.ttl").write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="previous file is left unchanged"):
            write_atomic(folder / "out.ttl", b"new")
        assert (folder / "out.ttl").read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"x")
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic(blocker / "out.ttl", b"new")  # parent is a file: fails even for root


def test_write_atomic_refuses_a_missing_folder(tmp_path: Path) -> None:
    """Regression: -o /typo/dir/x created the folders instead of reporting the typo."""
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(tmp_path / "typo" / "x.ttl", b"data")
    assert not (tmp_path / "typo").exists()


def test_write_all_atomic_replaces_nothing_when_one_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    calls = []
    real_fsync = atomic.os.fsync

    def fail_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fail_second)
    with pytest.raises(ExportError):
        atomic.write_all_atomic({a: b"new a", b: b"new b"})
    assert a.read_bytes() == b"old a" and b.read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]


def test_output_to_dev_stdout_appends_where_the_shell_appends(tmp_path: Path) -> None:
    """`query -o /dev/stdout >> log.txt` replaced log.txt (the link was resolved and the
    file os.replace'd) instead of appending to it (issue 9)."""
    import subprocess
    import sys

    log_file = tmp_path / "log.txt"
    log_file.write_text("earlier line\n", encoding="utf-8")
    inode = log_file.stat().st_ino
    script = (
        f"{sys.executable} -m kgenesis.cli --root {REPO} query 'ASK {{ ?s ?p ?o }}' "
        f"-o /dev/stdout >> {log_file}"
    )
    run = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert log_file.read_text(encoding="utf-8") == "earlier line\ntrue\n"
    assert log_file.stat().st_ino == inode  # the same file, not a replacement


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    dead = tmp_path / ".out.ttl.999999999.abcd1234.tmp"  # no process has that pid
    dead.write_bytes(b"half")
    other = tmp_path / ".other.ttl.999999999.abcd1234.tmp"  # another target's: left alone
    other.write_bytes(b"half")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert not dead.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.ttl.999999999.abcd1234.tmp",
        "out.ttl",
    ]
