"""Load: 20 concurrent clients for 10 seconds against ``kgenesis serve`` get no error and no
wrong answer (each answer is compared with ``kgenesis query``'s, byte for byte). The speed
itself is measured by ``bench/serve_bench.py``, not asserted here."""

from __future__ import annotations

import subprocess
import threading
import time
import urllib.parse
import urllib.request

import pytest

from conftest import REPO
from kgenesis.sparql.engine import saved_queries
from stores import KGENESIS, kgenesis_serve

CLIENTS = 20
SECONDS = 10.0

pytestmark = pytest.mark.slow


def test_twenty_clients_for_ten_seconds_get_no_error_and_no_wrong_answer() -> None:
    queries = saved_queries()
    expected = {
        name: subprocess.run(
            [str(KGENESIS), "query", name, "--format", "json"],
            cwd=REPO, capture_output=True, timeout=120, check=True,
        ).stdout
        for name in queries
    }  # fmt: skip
    names = sorted(queries)
    answered: list[int] = [0] * CLIENTS
    problems: list[str] = []
    with kgenesis_serve(cwd=REPO) as base:
        deadline = time.monotonic() + SECONDS

        def client(number: int) -> None:
            turn = number
            while time.monotonic() < deadline and len(problems) < 20:
                name = names[turn % len(names)]
                turn += 1
                body = urllib.parse.urlencode({"query": queries[name].text}).encode()
                request = urllib.request.Request(
                    f"{base}/sparql", data=body,
                    headers={"Accept": "application/sparql-results+json",
                             "Content-Type": "application/x-www-form-urlencoded"},
                )  # fmt: skip
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        data = answer.read()
                except Exception as exc:  # noqa: BLE001 - every failure is counted
                    problems.append(f"{name}: {exc}")
                    continue
                if data != expected[name]:
                    problems.append(f"{name}: a different answer")
                answered[number] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(SECONDS + 90)
    assert not problems, problems[:5]
    assert all(count > 0 for count in answered), answered
