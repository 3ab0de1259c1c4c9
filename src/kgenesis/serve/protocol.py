"""The SPARQL 1.1 Protocol's side of ``kgenesis serve``, without the web framework: which
query a request carries and which result format its ``Accept`` header asks for.

Pure functions on plain values (method, query-string pairs, content type, body bytes), so
they are tested without a server. Every refusal is an ``HttpError`` with the status the
protocol gives it and a one-line message.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl

from .. import formats
from ..errors import KgenesisError

#: The largest request body (or query string) a server reads (``--max-body``).
DEFAULT_MAX_BODY = 4 << 20
#: The methods /sparql answers.
ENDPOINT_METHODS = ("GET", "POST", "OPTIONS")

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

#: Result formats the endpoint writes, by kind, the default first (``kgenesis.formats``).
ROW_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "jsonld", "nt", "xml", "trig", "nq")


class HttpError(KgenesisError):
    """A request the endpoint refuses: an HTTP status and a short, readable message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Request:
    """What a protocol request asks: a query or an update, and its text."""

    def __init__(self, operation: str, text: str) -> None:
        self.operation = operation  # "query" or "update"
        self.text = text


def _media(content_type: str | None) -> tuple[str, str | None]:
    """``text/plain; charset=UTF-8`` -> (``text/plain``, ``utf-8``)."""
    if not content_type:
        return "", None
    media, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8", "us-ascii", "ascii"):
        raise HttpError(415, f"the body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None


def _form(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "the form is not valid UTF-8 URL encoding") from None


def read_request(
    method: str, params: Sequence[tuple[str, str]], content_type: str | None, body: bytes
) -> Request | None:
    """The query or update a request carries, or None when it carries neither (a GET with no
    ``query``: the service description). Refused with 400: two queries, a query and an
    update, ``default-graph-uri`` / ``named-graph-uri`` (the dataset is the served graph,
    as FROM is refused), an empty query; 415: a POST body of another media type.
    """
    pairs = list(params)
    if method == "POST":
        media, charset = _media(content_type)
        if media == FORM:
            pairs += _form(_decode(body, charset))
        elif media == SPARQL_QUERY:
            pairs.append(("query", _decode(body, charset)))
        elif media == SPARQL_UPDATE:
            pairs.append(("update", _decode(body, charset)))
        else:
            shown = media or "no Content-Type"
            raise HttpError(
                415,
                f"a POST to the endpoint is {FORM} or {SPARQL_QUERY}, not {shown}",
            )
    names = [name for name, _ in pairs]
    for name in (
        "default-graph-uri",
        "named-graph-uri",
        "using-graph-uri",
        "using-named-graph-uri",
    ):
        if name in names:
            raise HttpError(
                400,
                f"{name} is refused: queries run only on the graph this server serves "
                "(as FROM and FROM NAMED are)",
            )
    queries = [value for name, value in pairs if name == "query"]
    updates = [value for name, value in pairs if name == "update"]
    if len(queries) + len(updates) > 1:
        raise HttpError(400, "a request carries one query (or update), not several")
    if updates:
        return Request("update", updates[0])
    if queries:
        if not queries[0].strip():
            raise HttpError(400, "the query is empty")
        return Request("query", queries[0])
    if method == "POST":
        raise HttpError(400, "the request carries no query (query=... or a SPARQL body)")
    return None


def _accepted(accept: str | None) -> list[tuple[str, float, int]]:
    """The media ranges of an ``Accept`` header: (range, q, position), q=0 ones included."""
    if accept is None or not accept.strip():
        return [("*/*", 1.0, 0)]
    found = []
    for position, part in enumerate(accept.split(",")):
        media, *params = part.split(";")
        media = media.strip().lower()
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        found.append((media, q, position))
    return found


def _matches(media_range: str, media: str) -> int:
    """How specifically ``media_range`` matches ``media``: 3 exactly, 2 ``type/*``, 1
    ``*/*``, 0 not at all."""
    if media_range == media:
        return 3
    if media_range == "*/*":
        return 1
    kind, _, sub = media_range.partition("/")
    if sub == "*" and media.startswith(kind + "/"):
        return 2
    return 0


def negotiate(accept: str | None, kind: str, override: str | None = None) -> formats.Format | None:
    """The result format for a result of ``kind`` (``rows`` or ``graph``): the ``format``
    parameter where given (a format name: ``json``, ``turtle``), else the best match of the
    ``Accept`` header (its q-values, then how specific the match, then the order of
    ``ROW_FORMATS`` / ``GRAPH_FORMATS``); None where nothing acceptable fits (406)."""
    names = ROW_FORMATS if kind == formats.ROWS else GRAPH_FORMATS
    offered = [f for f in (formats.by_name(n, kind) for n in names) if f is not None]
    if override:
        wanted = formats.by_name(override, kind)
        return wanted if wanted in offered else None
    ranges = _accepted(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, spec in enumerate(offered):
        scores = []
        for primary, media in enumerate((spec.media_type, *spec.also)):
            # the most specific range that matches decides this media type's q (RFC 9110)
            hits = [(_matches(r, media), q) for r, q, _ in ranges if _matches(r, media)]
            if hits:
                specificity, q = max(hits)
                scores.append((q, specificity, int(primary == 0), -rank))
        if not scores or any(q <= 0 and exact == 3 for q, exact, _, _ in scores):
            continue  # not asked for, or refused by name (q=0)
        score = max(scores)
        if score[0] > 0 and (best is None or score > best):
            best, chosen = score, spec
    return chosen


def content_type(spec: formats.Format) -> str:
    """The ``Content-Type`` of a response in ``spec``: text types say their charset."""
    if spec.media_type.startswith("text/"):
        return f"{spec.media_type}; charset=utf-8"
    return spec.media_type


def offered(kind: str) -> str:
    """The media types the endpoint writes for ``kind``, for a 406 message."""
    names = ROW_FORMATS if kind == formats.ROWS else GRAPH_FORMATS
    return ", ".join(f.media_type for f in (formats.by_name(n, kind) for n in names) if f)
