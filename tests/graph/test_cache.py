"""The cache of parsed built graphs: used when fresh, bypassed when stale or broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from conftest import DATA


def test_built_graph_is_cached_and_a_changed_file_parses_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgenesis.graph import cache

    monkeypatch.setenv("KGENESIS_CACHE", str(tmp_path / "cache"))
    built = tmp_path / "graph.ttl"
    built.write_bytes((DATA / "valid" / "minimal-graph.ttl").read_bytes())
    first = cache.load_built_file(built)
    assert len(list((tmp_path / "cache").iterdir())) == 1

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(cache, "parse_file", no_parsing)
    second = cache.load_built_file(built)
    assert set(second) == set(first)
    assert dict(second.namespaces())["kg"] == dict(first.namespaces())["kg"]
    built.write_bytes(built.read_bytes() + b"\n# changed\n")
    with pytest.raises(AssertionError, match="parsed although"):
        cache.load_built_file(built)


def test_unusable_cache_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kgenesis.graph import cache

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("KGENESIS_CACHE", str(blocker / "cache"))
    graph = cache.load_built_file(DATA / "valid" / "minimal-graph.ttl")
    assert len(graph) > 0


def test_corrupt_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a damaged pickle raised ValueError instead of being parsed afresh."""
    from kgenesis.graph import cache

    monkeypatch.setenv("KGENESIS_CACHE", str(tmp_path / "cache"))
    source = DATA / "valid" / "minimal-graph.ttl"
    first = cache.load_built_file(source)
    (cached,) = (tmp_path / "cache").iterdir()
    cached.write_bytes(b"\x80\x05garbage")
    assert isomorphic(cache.load_built_file(source), first)
