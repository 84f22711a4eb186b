"""The parsed-snapshot cache: a cached snapshot is exactly the one the loader builds, errors
always come from the loader, and a damaged or unwritable cache is no worse than none."""

from __future__ import annotations

import importlib.util
import json
import threading
from pathlib import Path

import pytest

from designations import cache as cache_module
from designations.cache import SnapshotCache, default_cache_dir
from designations.errors import DataError
from designations.load import load_list_info, load_snapshot
from designations.model import Snapshot
from designations.registry import Registry

from .conftest import ROOT, SAMPLE_DATA, run

SAMPLE = SAMPLE_DATA / "lists" / "xx-sample"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test here caches in its own folder, never in the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DESIGNATIONS_CACHE_DIR", str(folder))
    return folder


def assert_same(cached: Snapshot, fresh: Snapshot) -> None:
    """Equal as records, and equal in what equality leaves out: lines and paths."""
    assert cached == fresh
    assert cached.path == fresh.path
    assert cached.info == fresh.info
    assert cached.entries_line == fresh.entries_line
    assert cached.sources_line == fresh.sources_line
    assert [e.line for e in cached.entries] == [e.line for e in fresh.entries]
    assert [c.line for c in cached.changes] == [c.line for c in fresh.changes]
    assert [(type(e.listed_on), e.listed_on) for e in cached.entries] == [
        (type(e.listed_on), e.listed_on) for e in fresh.entries
    ]


def sample_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "lists" / "xx-sample"
    folder.mkdir(parents=True)
    for source in SAMPLE.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESIGNATIONS_CACHE_DIR", "/somewhere/else")
    assert default_cache_dir() == Path("/somewhere/else")
    monkeypatch.delenv("DESIGNATIONS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert default_cache_dir() == Path("/xdg/designations")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/someone")
    assert default_cache_dir() == Path("/home/someone/.cache/designations")


def test_a_cached_snapshot_is_the_one_the_loader_builds(cache_dir: Path) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    store = SnapshotCache()
    previous = None
    for path in sorted(SAMPLE.glob("20*.yaml")):
        fresh = load_snapshot(path, info, previous=previous, shown="shown/" + path.name)
        first = store.load(path, info, previous, "shown/" + path.name)
        second = store.load(path, info, previous, "shown/" + path.name)
        assert_same(first, fresh)
        assert_same(second, fresh)
        assert second.info is info  # the caller's, not a copy
        previous = fresh.as_of
    assert (store.misses, store.hits) == (3, 3)
    assert len(list((cache_dir / "snapshots").glob("*.json"))) == 3


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    info = load_list_info(folder / "list.yaml")
    store = SnapshotCache()
    before = store.load(path, info, None)
    path.write_text(path.read_text("utf-8").replace("Alpha Movement", "Alpha Front"), "utf-8")
    after = store.load(path, info, None)
    assert store.hits == 0
    assert after != before
    assert_same(after, load_snapshot(path, info))


def test_the_list_and_the_previous_date_are_part_of_the_key(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    info = load_list_info(folder / "list.yaml")
    store = SnapshotCache()
    store.load(path, info, None)
    other = load_list_info(SAMPLE / "list.yaml", shown="elsewhere/list.yaml")
    store.load(path, other, None)  # the same list as read: the same key
    assert store.hits == 1
    (folder / "list.yaml").write_text(
        (folder / "list.yaml").read_text("utf-8").replace("Ministry of Samples", "Ministry"),
        "utf-8",
    )
    store.load(path, load_list_info(folder / "list.yaml"), None)
    assert store.hits == 1


def test_a_file_with_errors_is_never_cached(tmp_path: Path, cache_dir: Path) -> None:
    folder = sample_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    path.write_text(path.read_text("utf-8").replace("type: organization", "type: org", 1), "utf-8")
    info = load_list_info(folder / "list.yaml")
    store = SnapshotCache()
    messages = []
    for _ in range(2):
        with pytest.raises(DataError) as caught:
            store.load(path, info, None)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "type" in messages[0]
    assert not list(cache_dir.rglob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: b"not a cache file",
        lambda raw: raw.replace(b'"Echo', b'"Ekho', 1),
        lambda raw: raw.split(b"\n", 1)[0] + b"\n[]",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(cache_dir: Path, damage) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    fresh = load_snapshot(path, info)
    SnapshotCache().load(path, info, None)
    (stored,) = (cache_dir / "snapshots").glob("*.json")
    stored.write_bytes(damage(stored.read_bytes()))
    store = SnapshotCache()
    assert_same(store.load(path, info, None, str(path)), fresh)
    assert store.misses == 1
    assert_same(SnapshotCache().load(path, info, None, str(path)), fresh)  # rewritten


def test_a_valid_file_of_another_shape_is_ignored(cache_dir: Path) -> None:
    """A checksummed file with the right key but not what ``to_json`` writes."""
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    store = SnapshotCache()
    store.load(path, info, None)
    (stored,) = (cache_dir / "snapshots").glob("*.json")
    key = stored.stem
    body = json.dumps({"key": key, "format": cache_module.FORMAT, "entries": 3}).encode()
    digest = __import__("hashlib").sha256(body).hexdigest()
    stored.write_bytes(f"{key} {digest}\n".encode() + body)
    assert_same(SnapshotCache().load(path, info, None, str(path)), load_snapshot(path, info))


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("DESIGNATIONS_CACHE_DIR", str(blocker / "cache"))
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    assert_same(SnapshotCache().load(path, info, None, str(path)), load_snapshot(path, info))


def test_processes_filling_the_cache_at_once_agree(cache_dir: Path) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    results: list[Snapshot] = []

    def work() -> None:
        for _ in range(5):
            results.append(SnapshotCache().load(path, info, None, str(path)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh = load_snapshot(path, info)
    assert len(results) == 20
    for result in results:
        assert_same(result, fresh)
    assert [p.name for p in (cache_dir / "snapshots").iterdir()] == [
        p.name for p in (cache_dir / "snapshots").glob("*.json")
    ]  # no temporary file left behind


def test_registry_with_a_cache_gives_the_same_diff() -> None:
    plain = Registry(SAMPLE_DATA)["xx-sample"]
    cached = Registry(SAMPLE_DATA, cache=True)["xx-sample"]
    again = Registry(SAMPLE_DATA, cache=True)["xx-sample"]
    for old, new in [(None, None), ("2020-01-01", "2022-01-01")]:
        expected = plain.diff(old, new)
        assert cached.diff(old, new) == expected
        assert again.diff(old, new) == expected


def test_the_command_line_caches_unless_told_not_to(cache_dir: Path, tmp_path: Path) -> None:
    data = str(SAMPLE_DATA)
    without = run("--no-cache", "--data", data, "diff", "xx-sample", "-f", "json")
    assert without.code == 0
    assert not cache_dir.exists()
    first = run("--data", data, "diff", "xx-sample", "-f", "json")
    second = run("--data", data, "diff", "xx-sample", "-f", "json")
    assert first == second == without
    stored = list((cache_dir / "snapshots").glob("*.json"))
    assert len(stored) == len(list(SAMPLE.glob("20*.yaml")))  # diff reads the whole list


def _generator():  # benchmarks/ is not a package
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_generated_list_diffs_to_its_expected_counts_cold_and_warm(tmp_path: Path) -> None:
    expected = _generator().generate(tmp_path, 300)
    assert expected["added"] == 3 and expected["amended"] == 6
    lst = Registry(tmp_path)["xx-bench"]
    summary = lst.diff().summary()
    assert summary == {k: expected[k] for k in summary}
    for _ in range(2):  # filling the cache, then from it
        cached = Registry(tmp_path, cache=True)["xx-bench"]
        assert cached.diff() == lst.diff()
        for day in lst.dates:
            assert_same(cached.load(day), lst.load(day))
