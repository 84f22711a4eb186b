"""Name matching across case, accents, Unicode forms, scripts, word order and spelling."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from designations import Entry, EntryType, Name, PartialDate, Registry
from designations.cache import SnapshotCache
from designations.nameindex import NameIndex, registry_index
from designations.names import DEFAULT_THRESHOLD, Reason, compare, key, normalize

from .conftest import FIXTURES


def score(query: str, name: str) -> float:
    return compare(key(query), key(name)).value


def reason(query: str, name: str) -> Reason:
    return compare(key(query), key(name)).reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban", "taliban"),
        ("  ДВИЖЕНИЕ  «Талибан» ", "движение талибан"),
        ("Zürich", "zurich"),
        ("ﬁsh", "fish"),  # NFKC: the ligature is two letters
        ("Straße", "strasse"),  # case folding, not lower()
        ("al-Qa'ida", "al qa ida"),
        ("Ё", "е"),  # the diaeresis is a mark: Ё folds to Е
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Taliban", "Taliban"),
        ("Taliban", "Талибан"),  # Cyrillic
        ("ТАЛИБАН", "Taliban"),
        ("Qasem Soleimani", "QASEM SOLEIMANI"),
        ("al-Qaeda", "القاعدة"),  # Arabic, by its consonants; the article is a word
        ("Hamas", "حماس"),
        ("حماس", "Hamas"),
        ("Café", "CAFE"),
        ("e\u0301cole", "École"),  # decomposed against composed
        ("Athina", "ΑΘΗΝΑ"),  # Greek, through anyascii
        ("Kharkiv", "Харків"),  # Ukrainian
    ],
)
def test_exact_in_any_script(query: str, name: str) -> None:
    assert compare(key(query), key(name)).value == 1.0
    assert reason(query, name) is Reason.EXACT


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Qasem Soleimani", "SOLEIMANI, Qasem"),  # surname first, as OFAC writes it
        ("Movement Taliban", "Taliban Movement"),
        ("Талибан движение", "Движение «Талибан»"),
        ("Taliban", "Taliban Movement"),  # the query's words among more
        ("Taliban", "Движение Талибан"),
        ("Taliban", "Талибан қозғалысы"),  # Kazakh
        ("Hizb ut-Tahrir", "Хизб ут-Тахрир аль-Ислами"),
        ("Taliban", "حركة طالبان"),
        ("Qasem Soleimani Lamerdi", "QASEM SOLEIMANI"),  # the name's words among the query's
    ],
)
def test_token_set(query: str, name: str) -> None:
    assert reason(query, name) is Reason.TOKEN_SET
    assert DEFAULT_THRESHOLD <= score(query, name) < 1.0


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Qassem Suleimani", "SOLEIMANI, Qasem"),
        ("Qassem Suleimani", "QASEM SOLEIMANI"),
        ("Usama bin Ladin", "Osama bin Laden"),
        ("Muhammad", "Mohammed"),
        ("Kalashnikov", "Калашников"),  # transliteration and fold: both kalashnikov
        ("Abdulrahman", "Abdul Rahman"),
        ("Хасан Насралла", "Hassan Nasrallah"),
        ("Hezbollah", "حزب الله"),
    ],
)
def test_spelling_variants_are_fuzzy(query: str, name: str) -> None:
    found = compare(key(query), key(name))
    if found.reason is Reason.FUZZY:
        assert DEFAULT_THRESHOLD <= found.value < 1.0, found
    else:  # folding made them equal
        assert found.value >= DEFAULT_THRESHOLD, found


def test_kalashnikov_folds_to_one_spelling() -> None:
    assert reason("Kalashnikov", "Калашников") is Reason.EXACT


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Qasem Soleimani", "SOLEIMANI, Sohrab"),  # another person of the same family
        ("Taliban", "Hamas"),
        ("Taliban", "Talibanism"),
        ("Ali Hassan", "Ali"),  # one word of two
        ("ab", "عب"),  # too short a skeleton to mean anything
        ("Qaeda", "القاعدة"),  # two consonants: ambiguous
        ("", "Taliban"),
        ("Taliban", ""),
    ],
)
def test_does_not_match(query: str, name: str) -> None:
    assert score(query, name) < DEFAULT_THRESHOLD


def test_scores_rank_exact_above_reordered_above_fuzzy() -> None:
    exact = score("Qasem Soleimani", "Qasem Soleimani")
    reordered = score("Qasem Soleimani", "Soleimani Qasem")
    fuzzy = score("Qasem Soleimani", "Qassem Suleimani")
    other = score("Qasem Soleimani", "Sohrab Soleimani")
    assert exact > reordered > fuzzy > other


def _entry(entry_id: str, name: str, *aliases: str) -> Entry:
    return Entry(
        entry_id,
        name,
        EntryType.INDIVIDUAL,
        PartialDate.of(dt.date(2020, 1, 1)),
        ("act",),
        names=tuple(Name(a) for a in aliases),
        refs=(("wikidata", "Q1"),) if entry_id == "a" else (),
    )


@pytest.fixture
def index() -> NameIndex:
    return NameIndex.of(
        [
            ("xx", _entry("a", "SOLEIMANI, Qasem", "Haj Qasem")),
            ("xx", _entry("b", "SOLEIMANI, Sohrab")),
            ("yy", _entry("c", "Qasim Soleimani; Qasem Sulaimani", "Taliban")),
            ("yy", _entry("d", "Движение «Талибан»")),
        ]
    )


def test_index_search_ranks_and_gives_reasons(index: NameIndex) -> None:
    hits = index.search("Qasem Soleimani", DEFAULT_THRESHOLD)
    assert [(h.list_id, h.entry_id, h.reason) for h in hits] == [
        ("xx", "a", Reason.TOKEN_SET),
        ("yy", "c", Reason.FUZZY),
    ]
    # each part of a name a source joined with ";" is a name of its own, reported whole
    part = index.search("Qasem Sulaimani", DEFAULT_THRESHOLD)[0]
    assert (part.entry_id, part.score, part.matched) == (
        "c",
        1.0,
        "Qasim Soleimani; Qasem Sulaimani",
    )
    assert [h.entry_id for h in index.search("Haj Qasem", DEFAULT_THRESHOLD)] == ["a"]
    assert index.search("Haj Qasem", DEFAULT_THRESHOLD)[0].reason is Reason.ALIAS
    taliban = index.search("талибан", DEFAULT_THRESHOLD)
    assert [(h.entry_id, h.reason) for h in taliban] == [
        ("c", Reason.ALIAS),
        ("d", Reason.TOKEN_SET),
    ]
    assert index.search("Nobody", DEFAULT_THRESHOLD) == []


def test_index_exact_ids_and_references(index: NameIndex) -> None:
    assert [(h.entry_id, h.reason) for h in index.exact("A")] == [("a", Reason.ID)]
    assert [(h.entry_id, h.matched) for h in index.exact("WikiData:q1")] == [("a", "wikidata:q1")]
    assert index.exact("Qasem") == []


def test_index_scores_what_a_full_scan_scores(index: NameIndex) -> None:
    """Blocking loses nothing a full scan would find above the threshold, on these names."""
    names = [("a", n) for n in ("SOLEIMANI, Qasem", "Haj Qasem")] + [
        ("b", "SOLEIMANI, Sohrab"),
        ("c", "Qasim Soleimani"),
        ("c", "Qasem Sulaimani"),
    ]
    for query in ("Qasem Soleimani", "Qassem Suleimani", "Soleimany", "Kasem", "Sohrab"):
        scanned = {e for e, n in names if score(query, n) >= 0.8}
        assert {h.entry_id for h in index.search(query, 0.8)} == scanned, query


def test_a_registry_index_is_kept_beside_the_snapshot_cache(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    cache = SnapshotCache(tmp_path / "cache")
    built = registry_index(Registry(data, cache=cache))
    files = list((tmp_path / "cache" / "names").glob("*.json"))
    assert len(files) == 1
    again = registry_index(Registry(data, cache=cache))  # a new registry: read from the file
    assert again is not built
    for query in ("Kalimar", "калимар", "Front", "كاليمار"):
        assert again.search(query, 0.8) == built.search(query, 0.8), query
    assert again.exact("wikidata:q999000001") == built.exact("wikidata:q999000001")
    # a damaged file is ignored and written again
    files[0].write_bytes(files[0].read_bytes()[:-10])
    assert registry_index(Registry(data, cache=cache)).search("Kalimar", 0.8)
    assert files[0].read_bytes().endswith(b"}")
    # a changed snapshot file is another key: the index holds what the files now say
    snapshot = data / "lists" / "xa-banned-organizations" / "2025-04-17.yaml"
    snapshot.write_text(
        snapshot.read_text(encoding="utf-8").replace("Kalimar Movement", "Zorbic Unity"),
        encoding="utf-8",
    )
    fresh = registry_index(Registry(data, cache=cache))
    assert [h.entry_id for h in fresh.search("Zorbic Unity", 0.9)] == ["kalimar"]
    assert len(list((tmp_path / "cache" / "names").glob("*.json"))) == 2


def test_an_index_file_is_read_back_as_it_was_written(tmp_path: Path) -> None:
    """Blocks, frequencies, ids and references come back as written (nothing recomputed): every
    query scores as on the index built from the snapshots; a file whose blocks name a name it
    does not hold, or that was written under another key, is refused (and rebuilt by
    ``registry_index``)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    built = registry_index(Registry(data, cache=SnapshotCache(tmp_path / "cache")))
    body = built.to_bytes("k")
    again = NameIndex.from_bytes(body, "k")
    assert len(again) == len(built)
    for query in ("Kalimar", "Front", "كاليمار", "Movement of the Front", "zzz"):
        assert again.search(query, 0.5) == built.search(query, 0.5), query
    assert again.to_bytes("k") == body  # names made on demand are written back the same
    with pytest.raises(ValueError, match="key"):
        NameIndex.from_bytes(body, "another")
    document = json.loads(body)
    block = next(iter(document["blocks"]))
    document["blocks"][block] = [len(built)]
    with pytest.raises(ValueError, match="block"):
        NameIndex.from_bytes(json.dumps(document).encode(), "k")
    document["blocks"][block] = ["0"]
    with pytest.raises(ValueError, match="not an index file"):
        NameIndex.from_bytes(json.dumps(document).encode(), "k")


def test_a_linked_index_file_is_not_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    cache = SnapshotCache(tmp_path / "cache")
    registry_index(Registry(data, cache=cache))
    (target,) = (tmp_path / "cache" / "names").glob("*.json")
    moved = tmp_path / "elsewhere.json"
    target.rename(moved)
    target.symlink_to(moved)
    registry_index(Registry(data, cache=cache))  # rebuilt, not read through the link
    assert not target.is_symlink() and target.is_file()


def test_no_index_is_kept_in_a_cache_folder_the_snapshot_cache_refuses(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # writable by others: another user could plant an index here
    cache = SnapshotCache(shared)
    index = registry_index(Registry(data, cache=cache))
    assert cache.refused is not None and "writable" in cache.refused
    assert not (shared / "names").exists()
    assert index.search("Kalimar", 0.8)


def test_the_index_key_changes_with_the_code_that_loads_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a file loads to decides what the index holds: the snapshot cache's library key
    (the loader's modules, the compiled reader's source) is part of the index's key."""
    from designations import cache as cache_module
    from designations import nameindex

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "history", data)
    cache = SnapshotCache(tmp_path / "cache")
    before = nameindex._content_key(Registry(data, cache=cache), cache)
    assert nameindex._content_key(Registry(data, cache=cache), cache) == before
    monkeypatch.setattr(cache_module, "_code_key", "another loader")
    assert nameindex._content_key(Registry(data, cache=cache), cache) != before
