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
    assert len(list((tmp_path / "cache").glob("graph-*.pickle"))) == 1

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
    (cached,) = (tmp_path / "cache").glob("graph-*.pickle")
    cached.write_bytes(b"\x80\x05garbage")
    assert isomorphic(cache.load_built_file(source), first)


def _planted(marker: Path) -> bytes:
    """A pickle that, if loaded, creates ``marker`` (what an attacker would plant)."""
    import pickle

    class Payload:
        def __reduce__(self):  # noqa: ANN204
            return (open, (str(marker), "w"))

    return pickle.dumps(Payload())


def test_a_planted_pickle_is_never_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any file with the predictable name was unpickled, running its code (issue 9)."""
    import hashlib
    import sys

    import rdflib

    from kgenesis.graph import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("KGENESIS_CACHE", str(folder))
    source = DATA / "valid" / "minimal-graph.ttl"
    cache.load_built_file(source)  # makes the private folder and its key
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:32]
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}-rdflib{rdflib.__version__}"
    marker = tmp_path / "pwned"
    for body in (_planted(marker), b"\0" * 32 + _planted(marker)):  # without and with a MAC slot
        (folder / f"graph-{digest}-{tag}.pickle").write_bytes(body)
        assert len(cache.load_built_file(source)) > 0
        assert not marker.exists(), "the planted pickle ran"


def test_a_cache_folder_others_can_write_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from kgenesis.graph import cache

    folder = tmp_path / "shared-cache"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv("KGENESIS_CACHE", str(folder))
    assert cache.private_dir(create=True) is None
    cache.load_built_file(DATA / "valid" / "minimal-graph.ttl")
    assert list(folder.iterdir()) == []  # nothing written, nothing read


def test_the_cache_folder_and_its_files_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    from kgenesis.graph import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("KGENESIS_CACHE", str(folder))
    cache.load_built_file(DATA / "valid" / "minimal-graph.ttl")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
