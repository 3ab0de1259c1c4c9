"""The console script: help, version, root discovery and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO
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


def test_version_says_which_graph_the_commands_use() -> None:
    run = _run("--version")
    assert run.returncode == 0
    first, second = run.stdout.splitlines()
    assert first == f"kgenesis {__version__}"
    assert second == f"graph of the checkout {REPO} ({REPO / 'outputs' / 'graph.ttl'})"


@pytest.mark.parametrize("command", ["build", "validate"])
def test_build_and_validate_outside_a_checkout_say_they_need_one(
    tmp_path: Path, command: str
) -> None:
    run = _run(command, cwd=tmp_path)
    assert run.returncode == 2
    assert f"`kgenesis {command}` needs a kgenesis checkout" in run.stderr
    assert "--root" in run.stderr and "Traceback" not in run.stderr


def test_a_subfolder_of_a_checkout_finds_its_checkout() -> None:
    run = _run("query", "ASK { kg:bae-kyunghoon a kgo:Person }", cwd=REPO / "tests" / "data")
    assert run.returncode == 0 and run.stdout == "true\n"


def test_root_option_finds_the_project(tmp_path: Path) -> None:
    run = _run("--root", str(REPO), "query", "ASK { kg:bae-kyunghoon a kgo:Person }", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "true\n"
    assert "Traceback" not in run.stderr


def test_validate_a_valid_project_exits_0_and_says_so(make_project) -> None:
    """Its source texts found where a checkout keeps them (../shared/sources), with no option:
    the made-up text the fixture quotes, so the verbatim-quote check runs too."""
    root = make_project({"g.ttl": (DATA / "valid" / "minimal-graph.ttl").read_text("utf-8")})
    run = _run("--root", str(root), "validate", cwd=root)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "valid: no violations\n"
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("fixture", "rule"),
    [
        ("quote-not-verbatim.ttl", "quote-not-verbatim"),
        ("missing-label.ttl", "missing-label-violation"),
    ],
)
def test_validate_an_invalid_project_exits_1_and_names_the_rule(
    make_project, fixture: str, rule: str
) -> None:
    root = make_project({"g.ttl": (DATA / "invalid" / fixture).read_text("utf-8")})
    run = _run("--root", str(root), "validate", cwd=root)
    assert run.returncode == 1
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert any(line.startswith(f"{rule}: kg:") for line in lines), run.stderr
    assert any(line.startswith("    fix: ") for line in lines)
    assert lines[-1].startswith("invalid: ")
    assert "Traceback" not in run.stderr


def test_unknown_command_is_a_usage_error() -> None:
    run = _run("frobnicate")
    assert run.returncode == 2
