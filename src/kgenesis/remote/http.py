"""HTTP for ``push`` and ``query --endpoint``: urllib, with basic or digest authentication.

Credentials come from ``--user`` and the environment variable ``--password-env`` names,
never from the URL (it would end up in shell history and logs) and never in a message.
"""

from __future__ import annotations

import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from ..errors import KgenesisError, UsageError
from ..timelimit import QueryTimeout

log = logging.getLogger(__name__)

#: Where the password is read from unless ``--password-env`` names another variable.
DEFAULT_PASSWORD_ENV = "KGENESIS_PASSWORD"
#: Where the user name is read from unless ``--user`` gives it.
USER_ENV = "KGENESIS_USER"
#: The most of an error body a message quotes.
_QUOTED = 600


class RemoteError(KgenesisError):
    """The endpoint answered with an error status; the message quotes its answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        if status in (400, 403, 405, 406, 415):
            self.exit_code = 2  # the query (or request) itself was refused, as locally


class Credentials:
    """A user name and password for an endpoint, or none."""

    def __init__(self, user: str | None = None, password: str | None = None) -> None:
        self.user = user
        self.password = password

    def __repr__(self) -> str:  # never shows the password
        return f"Credentials(user={self.user!r})"

    @classmethod
    def from_options(cls, user: str | None, password_env: str | None) -> Credentials:
        """``--user`` (else ``$KGENESIS_USER``) and the password in ``$VAR`` (``--password-env
        VAR``, else ``$KGENESIS_PASSWORD``)."""
        user = user or os.environ.get(USER_ENV) or None
        variable = password_env or DEFAULT_PASSWORD_ENV
        password = os.environ.get(variable)
        if password_env and password is None:
            raise UsageError(f"--password-env {password_env}: that environment variable is not set")
        if password is not None and not user:
            if password_env:
                raise UsageError("--password-env needs --user (or $KGENESIS_USER)")
            password = None  # a stray $KGENESIS_PASSWORD without a user: ignored
        if user and password is None:
            raise UsageError(
                f"--user {user} needs a password in an environment variable: "
                f"export {DEFAULT_PASSWORD_ENV}=… or name another with --password-env VAR"
            )
        return cls(user, password)


def check_url(url: str, option: str = "--endpoint") -> str:
    """An http(s) URL without credentials in it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{option} {url}: give an http:// or https:// URL")
    if parts.username or parts.password:
        raise UsageError(
            f"{option}: put no user or password in the URL; use --user and --password-env VAR"
        )
    return url


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    credentials: Credentials | None = None,
    timeout: float | None = None,
) -> tuple[int, str, bytes]:
    """Send one request; return (status, Content-Type, body). Error statuses raise
    ``RemoteError`` quoting the answer, a time-out ``QueryTimeout``, anything else that
    stops the exchange ``KgenesisError`` naming the URL."""
    handlers: list[urllib.request.BaseHandler] = []
    if credentials is not None and credentials.user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, credentials.user, credentials.password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(manager),
            urllib.request.HTTPBasicAuthHandler(manager),
        ]
    opener = urllib.request.build_opener(*handlers)
    req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    log.info("%s %s", method, url)
    try:
        with opener.open(req, timeout=timeout or None) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as exc:
        text = exc.read().decode("utf-8", "replace").strip()
        quoted = text[:_QUOTED] + ("…" if len(text) > _QUOTED else "")
        if exc.code in (503, 504):  # kgenesis serve's time limit or memory cap (exit 3)
            raise QueryTimeout(f"{url} answered {exc.code} {exc.reason}: {quoted}") from None
        what = "; check --user and the password" if exc.code == 401 else ""
        raise RemoteError(
            exc.code, f"{url} answered {exc.code} {exc.reason}{what}: {quoted}"
        ) from None
    except TimeoutError:
        raise QueryTimeout(f"{url} gave no answer within {timeout:g} s (--timeout)") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise QueryTimeout(f"{url} gave no answer within {timeout:g} s (--timeout)") from None
        raise KgenesisError(f"cannot reach {url}: {exc.reason}") from None
    except (OSError, ValueError) as exc:  # a connection reset, a malformed answer
        raise KgenesisError(f"exchange with {url} failed: {exc}") from None
