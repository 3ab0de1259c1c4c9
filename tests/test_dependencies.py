"""Runtime dependencies: complete, bounded, and the private behaviour the bounds guard.

A plain `pip install kgenesis` once gave a traceback on the first query (pyoxigraph sat in
the test extra): every third-party module the package imports must be a declared runtime
dependency with a lower bound, and the test extra must hold test tools only (issue 7).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from conftest import REPO

PACKAGE = REPO / "src" / "kgenesis"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = {Requirement(r).name: Requirement(r) for r in PYPROJECT["project"]["dependencies"]}
TEST_EXTRA = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
#: Import name → distribution, where they differ (jinja2 comes with pyvis).
DISTRIBUTION = {"jinja2": "pyvis"}
#: Optional libraries: imported inside a function that turns their absence into a message.
OPTIONAL = {"pandas"}
#: Libraries whose private behaviour kgenesis relies on: they need an upper bound.
PRIVATE = {"rdflib": "CUSTOM_EVALS and the SPARQL evaluator", "pyvis": "bundled vis-network"}


def _third_party_imports() -> set[str]:
    found: set[str] = set()
    stdlib = set(sys.stdlib_module_names)
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top not in stdlib and top not in ("kgenesis", "__future__"):
                    found.add(top)
    return found


def test_every_imported_library_is_a_runtime_dependency() -> None:
    imported = _third_party_imports() - OPTIONAL
    # pyvis is a dependency too, though no longer imported: the view reads the vis-network
    # files it ships (view/html.py::vis_asset; test_pyvis_still_bundles_… below)
    assert {"rdflib", "pyoxigraph", "pyshacl", "pyparsing"} <= imported
    missing = {name for name in imported if DISTRIBUTION.get(name, name) not in RUNTIME}
    assert not missing, f"imported but not in [project] dependencies: {sorted(missing)}"


def test_every_runtime_dependency_has_a_lower_bound() -> None:
    for name, req in RUNTIME.items():
        assert any(spec.operator in (">=", "==", "~=") for spec in req.specifier), name


def test_libraries_used_through_private_behaviour_have_an_upper_bound() -> None:
    for name, why in PRIVATE.items():
        ops = {spec.operator for spec in RUNTIME[name].specifier}
        assert "<" in ops or "<=" in ops or "~=" in ops, f"{name} needs an upper bound ({why})"


def test_installed_versions_are_within_the_declared_bounds() -> None:
    """Run in CI's fresh environment: a new release past a bound fails here, not for users."""
    for name, req in RUNTIME.items():
        version = metadata.version(name)
        assert req.specifier.contains(version, prereleases=True), f"{name} {version} not {req}"


def test_the_test_extra_holds_test_tools_only() -> None:
    tools = {"pytest", "playwright", "ruff", "mypy", "build", "packaging", "setuptools", "wheel"}
    # a SPARQL client and a triple store that the tests of `serve`, `push` and
    # `query --endpoint` run against (issue 12); no command imports either
    tools |= {"SPARQLWrapper", "oxigraph"}
    names = {req.name for req in TEST_EXTRA}
    assert names <= tools, f"not a test tool: {sorted(names - tools)}"
    assert not names & set(RUNTIME)


def test_rdflib_still_offers_what_the_group_by_fix_uses() -> None:
    """rdflib_fixes.py hooks CUSTOM_EVALS and calls evaluator internals (rdflib < 8)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS
    from rdflib.plugins.sparql.aggregates import Aggregator
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.evalutils import _eval
    from rdflib.plugins.sparql.sparql import FrozenBindings

    assert isinstance(CUSTOM_EVALS, dict)
    assert all(callable(x) for x in (Aggregator, evalPart, _eval, FrozenBindings))


def test_pyvis_still_bundles_the_vis_network_files_the_view_inlines() -> None:
    from kgenesis.view import html

    for name in ("vis-network.min.js", "vis-network.css"):
        assert len(html.vis_asset(name)) > 1000


def _run_without(module: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The CLI in a child where importing ``module`` fails, as where it is not installed."""
    code = (
        "import sys\n"
        f"sys.modules[{module!r}] = None\n"
        "from kgenesis.cli import main\n"
        f"sys.exit(main({list(args)!r}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("pyoxigraph", ("query", "classes")),
        ("pyvis", ("view", "-o", "-")),
        ("pyshacl", ("validate",)),
        ("rdflib", ("query", "classes", "--engine", "rdflib")),
    ],
)
def test_a_missing_library_gives_one_line_naming_the_pip_install(
    module: str, args: tuple[str, ...]
) -> None:
    run = _run_without(module, *args)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1] == (
        f"kgenesis: error: this needs {module}, which is not installed here: pip install {module}"
    )


def test_to_dataframe_without_pandas_names_the_pip_install() -> None:
    code = (
        "import sys\nsys.modules['pandas'] = None\nimport kgenesis\n"
        "try:\n    kgenesis.query('classes').to_dataframe()\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert "pip install pandas" in run.stdout and "Traceback" not in run.stderr
