"""Options several commands share, with the parsers that check their values: time limits,
sizes (``--max-size``, ``--max-memory``). Light: no RDF library."""

from __future__ import annotations

import argparse
import re

from ..errors import UsageError
from ..paths import DEFAULT_MAX_SIZE
from ..timelimit import DEFAULT_TIMEOUT, MAX_TIMEOUT, check_timeout

#: Default cap on what a query's worker may allocate (``--max-memory``): 4 GiB.
DEFAULT_MAX_MEMORY = 4 << 30
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def seconds(value: str) -> float:
    """``--timeout``: a number of seconds from 0 (no limit) to MAX_TIMEOUT (not nan or inf)."""
    try:
        limit = check_timeout(value)
    except UsageError:
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds from 0 (no limit) to {MAX_TIMEOUT:g}, not {value!r}"
        ) from None
    assert limit is not None
    return limit


def size(value: str) -> int:
    """A size in bytes, with an optional K, M, G or T (powers of 1024): ``512M``, ``2G``;
    0 means no limit."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMGT]?)(?:i?B)?\s*", value, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"must be a size such as 500M or 2G, not {value!r}")
    return int(match.group(1)) * _UNITS[match.group(2).upper()]


def add_timeout(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop {what} after this long (default {DEFAULT_TIMEOUT:g}, at most "
        f"{MAX_TIMEOUT:g}; 0: no limit)",
    )


def add_max_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help="refuse a data file larger than this, unread (default 1G; 0: no limit)",
    )


def add_max_memory(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-memory",
        type=size,
        default=DEFAULT_MAX_MEMORY,
        metavar="SIZE",
        help="stop the query (exit 3) if its worker needs more memory than this "
        "(default 4G; 0: no cap)",
    )


def add_credentials(parser: argparse.ArgumentParser) -> None:
    """``--user`` and ``--password-env``: credentials for another store, never on the command
    line itself (the password is read from an environment variable)."""
    parser.add_argument(
        "--user",
        default=None,
        help="user name for the endpoint (default: $KGENESIS_USER); basic or digest "
        "authentication",
    )
    parser.add_argument(
        "--password-env",
        default=None,
        metavar="VAR",
        help="the environment variable holding the password (default: KGENESIS_PASSWORD)",
    )


def add_store(
    parser: argparse.ArgumentParser,
    what: str = "--data files",
    fast: str = "held in pyoxigraph's store",
) -> None:
    """``--store``; ``fast`` says what ``oxigraph`` does with the files (the analyses and the
    view read them with pyoxigraph's parser, without a store)."""
    from ..sparql.store import STORES, THRESHOLD  # light: no RDF library

    parser.add_argument(
        "--store",
        choices=STORES,
        default="auto",
        help=f"how to read {what}: auto (default) {fast} from {THRESHOLD >> 20} MiB of "
        "files on, rdflib's in-memory graph below; memory or oxigraph to choose",
    )
