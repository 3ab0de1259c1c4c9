"""The ``kgenesis`` console script: parses arguments and dispatches to thin command modules.

Each command lives in ``kgenesis.commands.<name>`` and exposes ``register(subparsers)``;
heavy libraries are imported inside the commands that need them, so ``kgenesis query``
does not pay for pySHACL or pyvis.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from . import __version__
from .errors import KgenesisError

#: Command modules under ``kgenesis.commands``, in the order ``--help`` lists them.
COMMANDS = (
    "build", "validate", "query", "queries", "prefixes", "view", "export",
    "stats", "rank", "path", "communities", "serve", "push",
)  # fmt: skip

#: Libraries the commands import, by import name → what ``pip install`` brings them.
PIP_NAMES = {
    "rdflib": "rdflib",
    "pyparsing": "pyparsing",
    "pyoxigraph": "pyoxigraph",
    "pyvis": "pyvis",
    "jinja2": "pyvis",
    "pyshacl": "pyshacl",
    "networkx": "networkx",
    "pandas": "pandas",
    "scipy": "scipy",
    "numpy": "numpy",
    "starlette": "starlette",
    "uvicorn": "uvicorn",
}

log = logging.getLogger("kgenesis")


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line (argparse's default, kept explicit)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"kgenesis: error: {message}\n")
        raise SystemExit(2)


class _Version(argparse.Action):
    """``--version``: the package's version, then the graph it would use (and its build)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        kwargs.pop("nargs", None)
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:  # fmt: skip
        from .graph.built import locate

        try:
            about = locate(getattr(namespace, "root", None)).describe()
        except KgenesisError as exc:
            about = f"no graph: {exc}"
        sys.stdout.write(f"kgenesis {__version__}\n{about}\n")
        parser.exit(0)


def missing_library(exc: ModuleNotFoundError) -> str | None:
    """One line naming the ``pip install`` that brings a missing library, or None where
    the missing module is not one the commands use (then it is a bug: the traceback stays)."""
    top = (exc.name or "").partition(".")[0]
    if top not in PIP_NAMES:
        return None
    return f"this needs {top}, which is not installed here: pip install {PIP_NAMES[top]}"


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kgenesis",
        description="Evidence-backed knowledge graph of Korea's national strategic "
        "technology policy: build, validate, query and view it.",
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="print the version and which graph the commands use (built when, where), then exit",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project folder holding ontology/ and graph/ (default: the current folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kgenesis.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kgenesis.commands.{name}":
                continue  # command not present in this build
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the process exit code (0 ok, 1 bad data, 2 usage)."""
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except ModuleNotFoundError as exc:
        message = missing_library(exc)
        if message is None:
            raise
        sys.stderr.write(f"kgenesis: error: {message}\n")
        return 1
    except KgenesisError as exc:
        sys.stderr.write(f"kgenesis: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("kgenesis: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
