"""The package's shape: modules import one another without cycles, and the fast query path
stays light (no rdflib, pyvis, pySHACL or networkx)."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "src" / "kgenesis"


def _module_name(path) -> str:  # noqa: ANN001
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_at_load(path) -> set[str]:  # noqa: ANN001
    """kgenesis modules a module imports when it is loaded (top-level statements only:
    imports inside functions run later and are how heavy libraries stay out)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("kgenesis"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kgenesis"))
    return found


def test_no_import_cycles() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {
        name: {t for t in _imports_at_load(path) if t in modules and t != name}
        for name, path in modules.items()
    }
    # a package's __init__ importing its own submodules is how packages re-export: not a cycle
    for name in list(edges):
        edges[name] = {t for t in edges[name] if not t.startswith(name + ".")}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, "import cycle: " + " -> ".join([*visiting, name])
        visiting.append(name)
        for target in sorted(edges[name]):
            visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(edges):
        visit(name)


def test_the_fast_query_path_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from kgenesis.cli import main\n"
        f"assert main(['--root', {str(REPO)!r}, 'query', 'classes', '-f', 'csv']) == 0\n"
        "heavy = [m for m in ('rdflib', 'pyvis', 'pyshacl', 'networkx', 'wcwidth')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr


def test_the_readme_table_of_parts_matches_the_tree() -> None:
    """Every module is in README's "Where each part lives", and every path there exists."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Where each part lives") : readme.index("## Performance")]
    named: set[str] = set()
    for cell in re.findall(r"^\| (.+?) \|", table, re.MULTILINE):
        paths = re.findall(r"`([^`]+)`", cell)
        in_package = bool(paths) and paths[0].startswith("src/kgenesis/")
        for path in paths:
            if in_package and not path.startswith("src/"):
                path = "src/kgenesis/" + path  # `api.py` beside `src/kgenesis/...` in one cell
            named.add(path.rstrip("/"))
    for path in named:
        if "*" not in path and not path.startswith(("tests/", "scripts/")) and path != ".ci/run":
            assert (REPO / path).exists(), f"README names {path}, which does not exist"
    modules = {
        str(p.relative_to(REPO))
        for p in (REPO / "src" / "kgenesis").rglob("*.py")
        if p.name != "__init__.py" and "commands" not in p.parts
    }
    missing = sorted(m for m in modules if m not in named)
    assert not missing, f"modules missing from README's table: {missing}"
