"""The web application of ``kgenesis serve`` (Starlette): the SPARQL endpoint at ``/sparql``,
the query page at ``/``, the graph view at ``/view`` and the page's files at ``/assets/``.

Read-only and hard to hurt: updates get 403, SERVICE, LOAD and FROM 400, a query past the
time limit 503, an answer past the size cap 400, a body over ``max_body`` 413, another
method 405, an ``Accept`` nothing fits 406; every error is one short line of text, never a
traceback. Queries run in worker threads (each waiting on its forked worker process), so a
slow query does not hold up the other clients.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .. import formats
from ..errors import KgenesisError, UsageError
from ..timelimit import QueryMemoryError, QueryTimeout, WorkerDied
from . import page, protocol
from .answer import ResultTooLarge, ServedGraph
from .description import describe
from .protocol import DEFAULT_MAX_BODY, ENDPOINT_METHODS

log = logging.getLogger(__name__)

#: Largest request body accepted (a query is at most 1 MiB; a form encodes it longer).


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A short plain-text answer: the message on one line (an engine's syntax error keeps its
    own few lines: the query's line with a caret under the fault)."""
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def status_of(exc: BaseException) -> int:
    """The HTTP status of an engine's error (the CLI's exit codes, as HTTP says them)."""
    from ..sparql.engine import LoadRefused, UpdateRefused

    if isinstance(exc, protocol.HttpError):
        return exc.status
    if isinstance(exc, LoadRefused):
        return 400  # it would fetch a document, as SERVICE would
    if isinstance(exc, UpdateRefused):
        return 403
    if isinstance(exc, QueryTimeout | QueryMemoryError | WorkerDied):
        return 503
    if isinstance(exc, UsageError | ResultTooLarge):
        return 400
    return 500


def create_app(served: ServedGraph, max_body: int = DEFAULT_MAX_BODY) -> Starlette:
    """The application answering on ``served``."""

    async def read_body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_body:
            raise protocol.HttpError(413, f"the request body is over {max_body:,} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                raise protocol.HttpError(413, f"the request body is over {max_body:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(ENDPOINT_METHODS)})
        try:
            if len(request.scope.get("query_string", b"")) > max_body:
                raise protocol.HttpError(
                    414, f"the URL's query is over {max_body:,} bytes; POST the query instead"
                )
            body = await read_body(request) if request.method == "POST" else b""
            asked = protocol.read_request(
                request.method,
                request.query_params.multi_items(),
                request.headers.get("content-type"),
                body,
            )
            override = request.query_params.get("format")
            accept = request.headers.get("accept")
            if asked is None:
                return _description(request, accept, override)
            # An update (update= or a sparql-update body) goes to the engine too, which
            # refuses it (403, or 400 for LOAD); SPARQLWrapper sends some queries as
            # update= when a comment holds a word like "insert": those are answered.
            if not (
                protocol.negotiate(accept, formats.ROWS, override)
                or protocol.negotiate(accept, formats.GRAPH, override)
            ):
                raise protocol.HttpError(
                    406,
                    f"nothing in Accept: {accept} is a format this endpoint writes "
                    f"({protocol.offered(formats.ROWS)}; for CONSTRUCT and DESCRIBE: "
                    f"{protocol.offered(formats.GRAPH)})",
                )
            result = await run_in_threadpool(served.answer, asked.text)
            return _respond(result, accept, override)
        except KgenesisError as exc:
            status = status_of(exc)
            if status == 500:
                log.error("query failed: %s", exc)
            return _text(status, str(exc))

    def _description(request: Request, accept: str | None, override: str | None) -> Response:
        spec = protocol.negotiate(accept, formats.GRAPH, override)
        if spec is None:
            raise protocol.HttpError(
                406,
                f"the service description is written as {protocol.offered(formats.GRAPH)}",
            )
        url = str(request.url.replace(query="", fragment=""))
        body = describe(url, served.triples(), served.public, spec.name)
        return Response(body, media_type=protocol.content_type(spec))

    async def index(request: Request) -> Response:
        return Response(home, media_type="text/html; charset=utf-8")

    async def view(request: Request) -> Response:
        query = request.query_params.get("query")
        try:
            if query is None:
                html = await run_in_threadpool(views.whole)
            else:
                html = await run_in_threadpool(views.construct, query)
        except KgenesisError as exc:
            return _text(status_of(exc), str(exc))
        return Response(html, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        found = page.asset(name)
        if found is None:
            return _text(404, f"no such file: /assets/{name}")
        data, media = found
        return Response(data, media_type=media, headers={"Cache-Control": "max-age=3600"})

    async def not_found(request: Request, exc: Exception) -> Response:
        return _text(404, f"nothing here: {request.url.path} (the endpoint is /sparql)")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            allowed = ", ".join(ENDPOINT_METHODS) if request.url.path == "/sparql" else "GET, HEAD"
            return _text(
                405, f"{request.method} is not allowed here; use {allowed}", {"Allow": allowed}
            )
        return _text(exc.status_code, str(exc.detail))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _text(500, "internal error: the server logged it; the query was not answered")

    home = page.render(served)
    views = page.Views(served)
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=list(ENDPOINT_METHODS)),
        Route("/view", view, methods=["GET"]),
        Route("/assets/{name:path}", asset, methods=["GET"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=list(ENDPOINT_METHODS),
            allow_headers=["Accept", "Content-Type", "Authorization"],
            max_age=600,
        )
    ]
    handlers: dict[Any, Any] = {404: not_found, HTTPException: http_error, 500: server_error}
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)


def _respond(result: Any, accept: str | None, override: str | None) -> Response:
    """The result in the format the request asks for (406 where none fits its kind)."""
    from ..sparql import results

    is_graph = result.kind in ("CONSTRUCT", "DESCRIBE")
    kind = formats.GRAPH if is_graph else formats.ROWS
    spec = protocol.negotiate(accept, kind, override)
    if spec is None:
        raise protocol.HttpError(
            406,
            f"a {result.kind} result is written as {protocol.offered(kind)}; "
            f"nothing in Accept: {accept} fits",
        )
    if is_graph:
        body = results.render_graph(result.graph, spec.name)
    elif result.kind == "ASK":
        body = results.render_boolean(spec.name, bool(result.boolean))
    else:
        body = results.render_rows(spec.name, result.vars, result.terms)
    return Response(body.encode("utf-8"), media_type=protocol.content_type(spec))
