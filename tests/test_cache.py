"""The parsed-snapshot cache: a cached snapshot is exactly the one the loader builds, errors
always come from the loader, and a damaged or unwritable cache is no worse than none."""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from designations import safeio
from designations.cache import SnapshotCache, default_cache_dir
from designations.errors import DataError
from designations.load import load_list_info, load_snapshot
from designations.model import Snapshot
from designations.registry import Registry

from .conftest import ROOT, SAMPLE_DATA, run

SAMPLE = SAMPLE_DATA / "lists" / "xx-sample"


def cache_module_stamps() -> bool:
    from designations import cache as cache_module

    return cache_module._STAMPS


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
    assert len(list((cache_dir / "records").glob("*.snap"))) == 3


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
    assert not list(cache_dir.rglob("*.snap"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: b"not a cache file",
        lambda raw: raw.replace(b"Echo", b"Ekho", 1),
        lambda raw: raw[:32] + b"\x90",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    cache_dir: Path, damage: Callable[[bytes], bytes]
) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    fresh = load_snapshot(path, info)
    SnapshotCache().load(path, info, None)
    for stored in [*cache_dir.glob("records/*.snap"), *cache_dir.glob("packs/*.pack")]:
        stored.write_bytes(damage(stored.read_bytes()))
    store = SnapshotCache()
    assert_same(store.load(path, info, None, str(path)), fresh)
    assert store.misses == 1
    again = SnapshotCache()
    assert_same(again.load(path, info, None, str(path)), fresh)  # rewritten
    assert again.hits == 1


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
    for folder in ("records", "packs"):
        names = [p.name for p in (cache_dir / folder).iterdir()]
        assert not [n for n in names if n.startswith(".")]  # no temporary file left behind


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
    stored = list((cache_dir / "records").glob("*.snap"))
    assert len(stored) == len(list(SAMPLE.glob("20*.yaml")))  # diff reads the whole list


def _generator() -> ModuleType:  # benchmarks/ is not a package
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


# -- a cache that cannot be planted (issue 12, point 4)


def _bad_copy(tmp_path: Path) -> tuple[Path, bytes]:
    """A list whose 2022 snapshot has a tag in it: the loader refuses it."""
    folder = sample_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    good = path.read_bytes()
    path.write_bytes(good.replace(b"type: organization", b"type: !!python/name:os.system x", 1))
    return folder, good


def test_a_planted_record_is_never_used(tmp_path: Path, cache_dir: Path) -> None:
    """Someone who can write to the cache but not read its key writes the record a good file
    would have under the key of a bad one: it is ignored, and the bad file is refused."""
    folder, good = _bad_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    bad = path.read_bytes()
    info = load_list_info(folder / "list.yaml")
    with pytest.raises(DataError):
        SnapshotCache().load(path, info, None)
    # The record of the good text, rewritten to carry the bad file's key and checksum.
    path.write_bytes(good)
    store = SnapshotCache()
    store.load(path, info, None)
    (record,) = (cache_dir / "records").glob("*.snap")
    path.write_bytes(bad)
    key = store.key(bad, path, info, None)
    body = bytearray(record.read_bytes()[32:])
    old_key = record.stem.encode()
    body = body.replace(old_key, key.encode())
    good_source = __import__("hashlib").sha256(good).digest()
    body = body.replace(good_source, __import__("hashlib").sha256(bad).digest())
    forged_mac = __import__("hmac").new(b"\0" * 32, bytes(body), "sha256").digest()
    (cache_dir / "records" / f"{key}.snap").write_bytes(forged_mac + bytes(body))
    with pytest.raises(DataError) as caught:
        SnapshotCache().load(path, info, None)
    assert caught.value.problems[0].rule == "yaml-tag"


def test_the_cache_key_is_private(cache_dir: Path) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    SnapshotCache().load(SAMPLE / "2021-01-01.yaml", info, None)
    secret = cache_dir / "secret"
    assert secret.stat().st_mode & 0o077 == 0
    assert len(secret.read_bytes()) == 32
    for folder in (cache_dir, cache_dir / "records", cache_dir / "packs"):
        assert folder.stat().st_mode & 0o077 == 0


def test_a_damaged_key_is_replaced_and_nothing_signed_with_the_old_one_is_used(
    cache_dir: Path,
) -> None:
    """A key cut short (a full disk) would turn the cache off for good, silently: it is
    replaced, and the records signed with the old key are read again, not trusted."""
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    SnapshotCache().load(path, info, None)
    secret = cache_dir / "secret"
    old_key = secret.read_bytes()
    secret.write_bytes(old_key[:7])
    store = SnapshotCache()
    assert_same(store.load(path, info, None), load_snapshot(path, info))
    assert store.refused is None and store.misses == 1 and store.hits == 0
    new_key = secret.read_bytes()
    assert len(new_key) == 32 and new_key != old_key
    assert secret.stat().st_mode & 0o077 == 0
    again = SnapshotCache()
    again.load(path, info, None)
    assert again.hits == 1  # the cache works again


@pytest.mark.parametrize("where", ["", "records", "packs"])
def test_a_folder_others_can_write_is_refused(cache_dir: Path, where: str) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    SnapshotCache().load(path, info, None)
    (cache_dir / where).chmod(0o777)
    store = SnapshotCache()
    assert_same(store.load(path, info, None, str(path)), load_snapshot(path, info))
    assert store.refused is not None and "writable" in store.refused
    assert (store.hits, store.misses) == (0, 0)


def test_a_folder_of_another_user_is_refused(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    SnapshotCache().load(path, info, None)
    real = __import__("os").geteuid()
    monkeypatch.setattr("os.geteuid", lambda: real + 1)
    store = SnapshotCache()
    assert_same(store.load(path, info, None, str(path)), load_snapshot(path, info))
    assert store.refused is not None and "owned" in store.refused


def test_a_linked_records_folder_is_refused_and_pruning_deletes_nothing_through_it(
    tmp_path: Path, cache_dir: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    victim = elsewhere / ("a" * 64 + ".snap")
    victim.write_bytes(b"someone else's file")
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "records").symlink_to(elsewhere)
    info = load_list_info(SAMPLE / "list.yaml")
    store = SnapshotCache(max_bytes=1)
    for path in sorted(SAMPLE.glob("20*.yaml")):
        store.load(path, info, None)
    assert store.refused is not None
    assert victim.read_bytes() == b"someone else's file"


@pytest.mark.parametrize("kind", ["fifo", "link-to-zero", "link-to-file"])
def test_a_record_that_is_not_a_regular_file_is_ignored(
    tmp_path: Path, cache_dir: Path, kind: str
) -> None:
    import os

    info = load_list_info(SAMPLE / "list.yaml")
    path = SAMPLE / "2021-01-01.yaml"
    store = SnapshotCache()
    store.load(path, info, None)
    (record,) = (cache_dir / "records").glob("*.snap")
    copy = tmp_path / "copy"
    copy.write_bytes(record.read_bytes())
    record.unlink()
    if kind == "fifo":
        os.mkfifo(record)
    else:
        record.symlink_to("/dev/zero" if kind == "link-to-zero" else copy)
    again = SnapshotCache()
    assert_same(again.load(path, info, None, str(path)), load_snapshot(path, info))
    assert (again.hits, again.misses) == (0, 1)


def test_pruning_bounds_the_size_and_deletes_only_the_caches_own_files(
    tmp_path: Path, cache_dir: Path
) -> None:
    info = load_list_info(SAMPLE / "list.yaml")
    SnapshotCache().load(SAMPLE / "2020-01-01.yaml", info, None)
    records = cache_dir / "records"
    strangers = {
        "notes.txt": b"not the cache's",
        "b" * 64 + ".json": b"an older format, or someone's",
    }
    for name, text in strangers.items():
        (records / name).write_bytes(text)
    outside = tmp_path / "outside.snap"
    outside.write_bytes(b"outside")
    (records / ("c" * 64 + ".snap")).symlink_to(outside)
    sizes = []
    for limit in (10**9, 1):
        store = SnapshotCache(max_bytes=limit)
        for path in sorted(SAMPLE.glob("20*.yaml")):
            store.load(path, info, None)
        sizes.append(len(list(records.glob("*.snap"))))
    assert sizes[0] == 4  # the three records and the link, under a large bound
    assert sizes[1] == 2  # the newest record, and the link (never deleted, never followed)
    for name, text in strangers.items():
        assert (records / name).read_bytes() == text
    assert outside.read_bytes() == b"outside"


# -- entries stored once, and read incrementally


def test_entries_shared_between_snapshots_are_stored_once_and_reused(
    tmp_path: Path, cache_dir: Path
) -> None:
    expected = _generator().generate(tmp_path, 200)
    folder = tmp_path / "lists" / "xx-bench"
    info = load_list_info(folder / "list.yaml")
    old, new = folder / f"{expected['old']}.yaml", folder / f"{expected['new']}.yaml"
    store = SnapshotCache()
    store.load(old, info, None)
    fresh_new = load_snapshot(new, info)
    assert_same(store.load(new, info, None), fresh_new)
    assert store.reused >= 190  # 1 % removed, 1 % added, 2 % amended: the rest is reused
    packs = list((cache_dir / "packs").glob("*.pack"))
    assert len(packs) == 2
    # the second pack holds only the added and amended entries
    assert min(p.stat().st_size for p in packs) < max(p.stat().st_size for p in packs) / 10
    # and a new process reads both from the cache, equal to the loader's
    again = SnapshotCache()
    first = again.load(new, info, None)
    assert_same(first, fresh_new)
    second = again.load(old, info, None)
    assert_same(second, load_snapshot(old, info))
    assert again.hits == 2
    # the two share a pack: reading one never moves the other's lines
    assert_same(first, fresh_new)
    assert_same(again.load(new, info, None), fresh_new)


def test_a_snapshot_from_the_cache_lends_its_entries_to_the_next_one_read(
    tmp_path: Path, cache_dir: Path
) -> None:
    """The incremental case of the benchmark: yesterday's snapshot is in the cache (read by
    an earlier process); today's, read after it, reuses its unchanged entries."""
    expected = _generator().generate(tmp_path, 200)
    folder = tmp_path / "lists" / "xx-bench"
    info = load_list_info(folder / "list.yaml")
    old, new = folder / f"{expected['old']}.yaml", folder / f"{expected['new']}.yaml"
    SnapshotCache().load(old, info, None)  # an earlier process
    store = SnapshotCache()
    assert_same(store.load(old, info, None), load_snapshot(old, info))
    assert store.hits == 1 and store.reused == 0
    assert_same(store.load(new, info, None), load_snapshot(new, info))
    assert store.misses == 1 and store.reused >= 190
    # what it wrote names the old pack for the entries it reused: one small new pack
    packs = sorted(p.stat().st_size for p in (cache_dir / "packs").glob("*.pack"))
    assert len(packs) == 2 and packs[0] < packs[1] / 10


def test_entries_read_in_a_later_snapshot_are_checked_against_an_earlier_one(
    tmp_path: Path, cache_dir: Path
) -> None:
    """An entry read in a later snapshot (here from the cache of an earlier process) is valid
    from that snapshot's ``as_of`` on: an earlier snapshot with the same text for an entry
    listed after its own ``as_of`` gets the full reading's error, not the known entry."""
    folder = tmp_path / "lists" / "zz-late"
    folder.mkdir(parents=True)
    (folder / "list.yaml").write_text(
        "id: zz-late\njurisdiction: ZZ\nname: Test list\nauthority: Ministry\n"
        "instruments:\n- id: law\n  kind: statute\n  authority: Parliament\n  date: 2000-01-01\n"
    )
    item = (
        "entries:\n- id: e1\n  name: X\n  type: organization\n  listed_on: 2010-05-01\n"
        "  basis:\n  - law\n"
    )
    for day in ("2005-01-01", "2020-01-01"):
        (folder / f"{day}.yaml").write_text(
            f"list: zz-late\nas_of: {day}\ncompleteness: complete\nsources:\n- src\n{item}"
        )
    info = load_list_info(folder / "list.yaml")
    SnapshotCache().load(folder / "2020-01-01.yaml", info, None)  # an earlier process
    store = SnapshotCache()
    assert store.load(folder / "2020-01-01.yaml", info, None).entry("e1") is not None
    with pytest.raises(DataError) as caught:
        store.load(folder / "2005-01-01.yaml", info, None)
    assert caught.value.problems[0].rule == "listed-after-as-of"
    assert store.reused == 0


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from designations import cache as cache_module

    reads: list[str] = []
    real = safeio.read_opened

    def counted(handle: Any, shown: str, *, limit: int | None = None) -> bytes:
        reads.append(shown)
        return real(handle, shown, limit=limit)

    monkeypatch.setattr(cache_module, "read_opened", counted)
    return reads


@pytest.mark.skipif(not cache_module_stamps(), reason="stamps need POSIX change times")
def test_an_unchanged_file_is_found_in_the_cache_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from designations import cache as cache_module

    monkeypatch.setattr(cache_module, "_SETTLED_NS", 0)  # the file was just written
    folder = sample_copy(tmp_path)
    path = folder / "2022-01-01.yaml"
    info = load_list_info(folder / "list.yaml")
    reads = _count_reads(monkeypatch)
    first = SnapshotCache().load(path, info, None)
    assert len(reads) == 1
    again = SnapshotCache()
    assert_same(again.load(path, info, None), first)
    assert again.hits == 1 and len(reads) == 1  # not read, not hashed: the stamp said so
    # Another content of the same size with the old modification time set back: the change
    # time moved, so the file is read again, and its new content is what loads.
    text = path.read_bytes()
    changed = text.replace(b"Alpha Movement", b"Alpha Mouvement"[: len(b"Alpha Movement")])
    assert changed != text and len(changed) == len(text)
    status = path.stat()
    path.write_bytes(changed)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_mtime_ns == status.st_mtime_ns
    third = SnapshotCache()
    after = third.load(path, info, None)
    assert len(reads) == 2 and third.misses == 1
    assert_same(after, load_snapshot(path, info))
    assert after != first


@pytest.mark.skipif(not cache_module_stamps(), reason="stamps need POSIX change times")
def test_a_files_digest_comes_from_its_stamp_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``SnapshotCache.digest`` (the name index's key) is the digest ``load`` keys the file
    by; an unchanged file is not read again, a changed one is."""
    from designations import cache as cache_module
    from designations.incremental import pieces

    monkeypatch.setattr(cache_module, "_SETTLED_NS", 0)  # the file was just written
    path = sample_copy(tmp_path) / "2022-01-01.yaml"
    reads = _count_reads(monkeypatch)
    first = SnapshotCache().digest(path)
    assert first == pieces(path.read_bytes()).source and len(reads) == 1
    assert SnapshotCache().digest(path) == first and len(reads) == 1
    path.write_bytes(path.read_bytes().replace(b"Alpha Movement", b"Alpha Movemenx"))
    second = SnapshotCache().digest(path)
    assert second != first and second == pieces(path.read_bytes()).source
    assert len(reads) == 2
    with pytest.raises(DataError):
        SnapshotCache().digest(tmp_path / "missing.yaml")


@pytest.mark.skipif(not cache_module_stamps(), reason="stamps need POSIX change times")
def test_a_file_changed_just_before_it_was_read_is_not_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    folder = sample_copy(tmp_path)  # just written: not settled
    path = folder / "2022-01-01.yaml"
    info = load_list_info(folder / "list.yaml")
    reads = _count_reads(monkeypatch)
    SnapshotCache().load(path, info, None)
    SnapshotCache().load(path, info, None)
    assert len(reads) == 2
    assert not list((cache_dir / "records").glob("*.stamp"))


@pytest.mark.skipif(not cache_module_stamps(), reason="stamps need POSIX change times")
def test_a_planted_stamp_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    from designations import cache as cache_module

    monkeypatch.setattr(cache_module, "_SETTLED_NS", 0)
    folder = sample_copy(tmp_path)
    path, other = folder / "2022-01-01.yaml", folder / "2021-01-01.yaml"
    info = load_list_info(folder / "list.yaml")
    SnapshotCache().load(path, info, None)
    SnapshotCache().load(other, info, None)
    # A stamp that says `path` has the checksum of `other`, with a MAC under another key.
    stamps = sorted((cache_dir / "records").glob("*.stamp"))
    assert len(stamps) == 2
    for planted in stamps:
        raw = planted.read_bytes()
        planted.write_bytes(bytes(32) + raw[32:])
    reads = _count_reads(monkeypatch)
    assert_same(SnapshotCache().load(path, info, None), load_snapshot(path, info))
    assert len(reads) == 1  # the stamp was not believed: the file was read


def test_the_compiled_readers_source_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a file loads to depends on the compiled reader as much as on the modules in
    ``_CODE`` (it parses, cuts and turns rows into records): a change to ``_yamltree.c`` with
    the same version (a source tree, a fix between releases) kept serving records made by the
    old reader. Its source ships with every install, compiled or not, so both still share keys."""
    from designations import cache as cache_module

    here = Path(cache_module.__file__).resolve().parent
    assert (here / "_yamltree.c").is_file()
    monkeypatch.setattr(cache_module, "_code_key", None)
    before = cache_module.library_key()
    real_read = Path.read_bytes

    def changed_reader(self: Path) -> bytes:
        data = real_read(self)
        return data + b"\n/* changed */\n" if self.name == "_yamltree.c" else data

    monkeypatch.setattr(Path, "read_bytes", changed_reader)
    monkeypatch.setattr(cache_module, "_code_key", None)
    assert cache_module.library_key() != before
