"""The console script: help, version, root discovery and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO
from kgenesis import __version__


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_commands() -> None:
    run = _run("--help")
    assert run.returncode == 0
    for command in ("build", "validate"):
        assert command in run.stdout


def test_version() -> None:
    run = _run("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"kgenesis {__version__}"


def test_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    run = _run("validate", cwd=tmp_path)
    assert run.returncode == 2
    assert "not a kgenesis project" in run.stderr and "--root" in run.stderr
    assert "Traceback" not in run.stderr


def test_root_option_finds_the_project(tmp_path: Path) -> None:
    run = _run("--root", str(REPO), "validate", "--sources", str(tmp_path), cwd=tmp_path)
    assert "valid" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_command_is_a_usage_error() -> None:
    run = _run("frobnicate")
    assert run.returncode == 2
