"""Atomic writes: a failed write never loses the old file and leaves no temporary file."""

from __future__ import annotations

import os
import re
import stat
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


# --- what a mutation run of atomic.py found untested (issue 15) -------------------------------


def test_a_failed_write_names_the_target_and_the_reason_exactly(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        write_atomic(tmp_path / "typo" / "x.ttl", b"data")
    assert str(info.value) == (
        f"{tmp_path / 'typo' / 'x.ttl'}: cannot write (folder {tmp_path / 'typo'} does not "
        "exist); the previous file is left unchanged"
    )


def test_a_loop_of_symbolic_links_is_named_as_such(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    b.symlink_to(a)
    a.symlink_to(b)
    with pytest.raises(ExportError, match=r": cannot write \(too many levels of symbolic links\);"):
        write_atomic(a, b"data")
    assert a.is_symlink() and b.is_symlink()


def test_verbose_log_says_what_was_written(tmp_path: Path, caplog) -> None:
    """`kgenesis -v` shows these lines on stderr."""
    caplog.set_level("INFO", logger="kgenesis.atomic")
    target = tmp_path / "out.ttl"
    write_atomic(target, b"abc")
    write_atomic(Path("/dev/null"), b"abcd")
    assert caplog.messages == [f"wrote {target} (3 bytes)", "wrote /dev/null (4 bytes)"]


def test_the_temporary_file_sits_beside_the_target_named_after_it(
    tmp_path: Path, monkeypatch
) -> None:
    """A killed run's temporary file is found (and removed) by the next write only because it
    is beside the target and named ``.NAME.PID.*.tmp``."""
    seen: list[str] = []
    real_fsync = atomic.os.fsync

    def look(fd: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", look)
    write_atomic(tmp_path / "out.ttl", b"new")
    (temp,) = seen
    assert re.fullmatch(rf"\.out\.ttl\.{os.getpid()}\.[^.]+\.tmp", temp), temp
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_what_the_umask_allows(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.ttl", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == expected


def test_a_new_file_takes_the_mode_asked_for(tmp_path: Path) -> None:
    write_atomic(tmp_path / "private.json", b"x", mode=0o600)
    assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_an_open_descriptor_is_written_as_the_shell_opened_it(tmp_path: Path) -> None:
    """``-o /dev/fd/3 3>>log`` appends to log (the same file, not a replacement), and the other
    files of the same write are still written."""
    log_file = tmp_path / "log.txt"
    log_file.write_bytes(b"earlier\n")
    inode = log_file.stat().st_ino
    other = tmp_path / "other.ttl"
    fd = os.open(log_file, os.O_WRONLY | os.O_APPEND)
    try:
        for name in (f"/dev/fd/{fd}", f"/proc/self/fd/{fd}", f"/proc/{os.getpid()}/fd/{fd}"):
            atomic.write_all_atomic({Path(name): b"more\n", other: name.encode()})
            assert other.read_bytes() == name.encode()
    finally:
        os.close(fd)
    assert log_file.read_bytes() == b"earlier\n" + b"more\n" * 3
    assert log_file.stat().st_ino == inode


def test_a_pipe_gets_every_byte_however_large(tmp_path: Path) -> None:
    import threading

    data = bytes(range(256)) * 1024  # 256 KiB: more than a pipe holds at once
    read_end, write_end = os.pipe()
    got = bytearray()

    def drain() -> None:
        while chunk := os.read(read_end, 65536):
            got.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        write_atomic(Path(f"/dev/fd/{write_end}"), data)
    finally:
        os.close(write_end)
        reader.join(10)
        os.close(read_end)
    assert bytes(got) == data


def test_dev_stdout_is_descriptor_1(capfd: pytest.CaptureFixture[str]) -> None:
    write_atomic(Path("/dev/stdout"), b"to stdout\n")
    write_atomic(Path("/dev/stderr"), b"to stderr\n")
    out, err = capfd.readouterr()
    assert (out, err) == ("to stdout\n", "to stderr\n")


def test_a_device_is_written_in_place_and_the_other_files_too(tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    atomic.write_all_atomic({Path("/dev/null"): b"gone", other: b"kept"})
    assert other.read_bytes() == b"kept"
    assert Path("/dev/null").is_char_device()


def test_only_this_process_s_descriptors_are_written_through() -> None:
    """``/proc/1/fd/3`` is another process's descriptor 3, not ours: it is a path."""
    assert atomic._descriptor(Path("/proc/1/fd/3")) is None
    assert atomic._descriptor(Path("/proc/self/fd/7")) == 7
    assert atomic._descriptor(Path(f"/proc/{os.getpid()}/fd/12")) == 12
    assert atomic._descriptor(Path("/dev/fd/5")) == 5
    assert atomic._descriptor(Path("/dev/stdin")) == 0
    assert atomic._descriptor(Path("/tmp/fd/5")) is None


def test_a_live_writer_s_temporary_file_is_left_alone(tmp_path: Path) -> None:
    import subprocess
    import sys

    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".out.ttl.{writer.pid}.abcd1234.tmp"
        live.write_bytes(b"being written")
        write_atomic(tmp_path / "out.ttl", b"new")
        assert live.exists()
        assert writer.poll() is None, "the check must not signal the writer"
    finally:
        writer.kill()
        writer.wait()


def test_a_temporary_file_of_another_user_s_live_run_is_left_alone(
    tmp_path: Path, monkeypatch
) -> None:
    def not_permitted(pid: int, sig: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "kill", not_permitted)
    theirs = tmp_path / ".out.ttl.4242.abcd1234.tmp"
    theirs.write_bytes(b"being written")
    write_atomic(tmp_path / "out.ttl", b"new")
    assert theirs.exists()


def test_stale_temporary_files_are_found_among_many_and_links_are_left(
    tmp_path: Path, caplog
) -> None:
    caplog.set_level("INFO", logger="kgenesis.atomic")
    for i in range(30):
        (tmp_path / f"a{i:02}.txt").write_bytes(b"x")
    dead = tmp_path / ".out.ttl.999999999.abcd1234.tmp"
    dead.write_bytes(b"half")
    link = tmp_path / ".out.ttl.999999998.abcd1234.tmp"
    link.symlink_to(tmp_path / "a00.txt")  # not a file a run wrote: left alone
    write_atomic(tmp_path / "out.ttl", b"new")
    assert not dead.exists() and link.is_symlink()
    assert f"removed {dead}, left by a run that was killed" in caplog.messages


def test_a_failed_replace_names_its_target(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    def refused(_src: str, _dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refused)
    with pytest.raises(ExportError) as info:
        write_atomic(target, b"new")
    assert str(info.value) == (
        f"{target}: cannot write (Permission denied); the previous file is left unchanged"
    )
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_verbose_log_of_a_descriptor_write(caplog) -> None:
    caplog.set_level("INFO", logger="kgenesis.atomic")
    read_end, write_end = os.pipe()
    try:
        write_atomic(Path(f"/dev/fd/{write_end}"), b"abc")
        assert os.read(read_end, 10) == b"abc"
    finally:
        os.close(read_end)
        os.close(write_end)
    assert caplog.messages == [f"wrote 3 bytes to file descriptor {write_end}"]
