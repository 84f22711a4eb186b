"""The importers on real official files (``tests/fixtures/realdata``): the differences between
dates documented in the fixtures' README (from the project's SOURCES.md) come out exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from designations import Registry, load_snapshot
from designations.importers import FORMATS, import_source
from designations.importers.builder import build
from designations.importers.progress import Progress
from designations.model import Entry, ListInfo, Snapshot
from designations.reconcile import ListDiff, diff
from designations.vocab import Action, EntryType, Evidence, InstrumentKind, NameKind, Verdict

from ..conftest import REALDATA, Result

OFAC_DATES = ["2021-12-21", "2021-12-22", "2021-12-30", "2022-03-21", "2022-03-24"]
UN_DATES = ["2018-06-07", "2018-06-21", "2018-10-29"]


def chain(fmt: str, paths: list[Path], dates: list[str] | None = None) -> list[Snapshot]:
    """Snapshots built in memory from consecutive files, each against the one before."""
    info: ListInfo | None = None
    previous: Snapshot | None = None
    snapshots = []
    for index, path in enumerate(paths):
        source = FORMATS[fmt](path, Progress("test", 1))
        as_of = dt.date.fromisoformat(dates[index]) if dates else source.as_of
        assert as_of is not None
        info, previous = build(source, source.template.list_id, as_of, info, previous)
        snapshots.append(previous)
    return snapshots


def diffs(snapshots: list[Snapshot]) -> list[ListDiff]:
    return [diff(a, b) for a, b in itertools.pairwise(snapshots)]


def counts(d: ListDiff) -> tuple[int, int, int]:
    return len(d.added), len(d.removed), len(d.amended)


@pytest.fixture(scope="module")
def ofac(real: Callable[[str], Path]) -> list[Snapshot]:
    paths = [real(f"ofac_sdn_csv_daily/{d}/sdn.csv") for d in OFAC_DATES]
    return chain("ofac-csv", paths, OFAC_DATES)


@pytest.fixture(scope="module")
def un(real: Callable[[str], Path]) -> list[Snapshot]:
    return chain("un-xml", [real(f"un_sc_consolidated/{d}/consolidated.xml") for d in UN_DATES])


def test_fixtures_are_the_documented_files(real: Callable[[str], Path]) -> None:
    readme = (REALDATA / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and cells[1].endswith((".csv", ".xml")):
            digest = hashlib.sha256(real(cells[1]).read_bytes()).hexdigest()
            assert digest.startswith(cells[2]), cells[1]


def test_ofac_sdn_csv_diffs_between_the_five_dates(ofac: list[Snapshot]) -> None:
    assert [len(s.entries) for s in ofac] == [9153, 9158, 9008, 9396, 9793]
    assert [counts(d) for d in diffs(ofac)] == [(5, 0, 0), (0, 150, 0), (390, 2, 26), (397, 0, 7)]


def test_ofac_entries_have_no_invented_listing_date(ofac: list[Snapshot]) -> None:
    first, removal, _, mass = diffs(ofac)
    assert all(e.listed_on is None for s in ofac for e in s.entries)
    for change in first.added:
        assert change.entry.first_seen == dt.date(2021, 12, 22)
        assert not change.explained and change.effective is None  # no date, no act: evidence
    assert all(not c.explained and c.action is None and not c.basis for c in removal.removed)
    assert ofac[2].changes == ()  # no delisting act is invented
    assert len(mass.added) == 397 and not any(c.explained for c in mass.added)
    assert {c.entry.first_seen for c in mass.added} == {dt.date(2022, 3, 24)}
    # an entry keeps the first_seen of the snapshot that first held it
    assert ofac[-1].entry("36").first_seen == dt.date(2021, 12, 21)  # type: ignore[union-attr]


def test_ofac_removals_and_additions_rest_on_the_publication(ofac: list[Snapshot]) -> None:
    """An official file names no delisting act and gives no listing date: on the imported list
    (evidence: publication) its changes get the verdict ``publication``, never ``explained``."""
    assert ofac[0].info.evidence is Evidence.PUBLICATION
    first, removal, _, mass = diffs(ofac)
    assert len(removal.removed) == 150
    assert {c.verdict for c in removal.removed} == {Verdict.PUBLICATION}
    assert {c.verdict for c in (*first.added, *mass.added)} == {Verdict.PUBLICATION}


def test_ofac_programmes_map_to_their_instruments(ofac: list[Snapshot]) -> None:
    info = ofac[-1].info
    assert info.instrument("eo-13224").reference == "Executive Order 13224"
    assert str(info.instrument("eo-13224").date) == "2001-09-23"
    assert info.instrument("kingpin-act").reference == "21 U.S.C. 1901-1908"
    russia = [e for e in ofac[-1].entries if "eo-14024" in e.basis]
    assert len(russia) > 300
    programme = info.instrument("ofac-program-syria")
    assert programme.kind.value == "programme" and programme.date is None
    assert programme.reference == "SYRIA"


def test_ofac_programme_added_to_an_entry_is_an_amendment_with_its_instrument(
    ofac: list[Snapshot],
) -> None:
    d = diffs(ofac)[3]
    gained = {c.entry.id for c in d.amended if any(f.path.startswith("basis") for f in c.fields)}
    records = {r.entry: r for r in ofac[-1].changes}
    assert set(records) == gained and gained
    for entry_id in gained:
        record = records[entry_id]
        assert record.action is Action.AMENDED
        before, after = ofac[3].entry(entry_id), ofac[4].entry(entry_id)
        assert before is not None and after is not None
        assert set(record.basis) == set(after.basis) - set(before.basis)
    explained = [c for c in d.amended if c.entry.id in gained]
    assert all(c.explained and c.basis for c in explained)


def test_ofac_values_are_as_published(ofac: list[Snapshot], real: Callable[[str], Path]) -> None:
    raw = real("ofac_sdn_csv_daily/2021-12-21/sdn.csv").read_bytes()
    assert raw.endswith(b"\x1a") and b"\r\n" in raw
    snap = ofac[0]
    texts = [t for e in snap.entries for t in (e.name, e.notes or "")]
    assert not any("-0-" in t.split() or "\x1a" in t or "\r" in t for t in texts)
    bnc = snap.entry("306")
    assert bnc is not None and bnc.name == "BANCO NACIONAL DE CUBA"
    assert bnc.type is EntryType.ORGANIZATION and bnc.basis == ("cacr",)
    assert "Remarks: a.k.a. 'BNC'." in (bnc.notes or "")
    assert dict(bnc.refs) == {"ofac": "306"}


def test_un_diffs_and_listing_dates(un: list[Snapshot]) -> None:
    assert [len(s.entries) for s in un] == [1098, 1100, 1093]
    small, mixed = diffs(un)
    assert counts(small) == (2, 0, 0)
    assert counts(mixed) == (9, 16, 20)
    for d in (small, mixed):
        for change in d.added:
            assert change.explained and change.action is Action.LISTED
            assert change.effective == change.entry.listed_on
            assert change.entry.listed_on is not None
            assert change.entry.listed_on.start > d.old.as_of
        assert change.basis and all(i.kind.value == "resolution" for i in change.basis)
    assert all(not c.explained and not c.basis for c in mixed.removed)
    assert un[2].changes == ()


def test_un_basis_references_and_names(un: list[Snapshot]) -> None:
    snap = un[0]
    info = snap.info
    qaida = [e for e in snap.entries if dict(e.refs).get("un", "").startswith("QD")]
    assert qaida and all(e.basis == ("unscr-1267", "unscr-1989", "unscr-2253") for e in qaida)
    taliban = [e for e in snap.entries if dict(e.refs).get("un", "").startswith("TA")]
    assert taliban and all(e.basis == ("unscr-1988",) for e in taliban)
    assert info.instrument("unscr-2253").reference == "S/RES/2253 (2015)"
    ri = snap.entry("6908555")
    assert ri is not None and ri.name == "RI WON HO" and dict(ri.refs) == {"un": "KPi.033"}
    scripts = [n for e in snap.entries for n in e.names if n.kind is NameKind.TRANSLITERATION]
    assert any(any("\u0600" <= c <= "\u06ff" for c in n.name) for n in scripts)
    low = [e for e in snap.entries if "QUALITY=Low" in (e.notes or "")]
    assert low  # low-quality aliases are kept and flagged


def test_un_whitespace_rewrapping_is_no_change(un: list[Snapshot]) -> None:
    """Record 6908499 changed a SWIFT code (``DCBK KPPY`` → ``DCBKKPPY``): a change. Other
    records that only re-wrap text between releases do not show."""
    amended = {c.entry.id for c in diffs(un)[1].amended}
    assert "6908499" in amended
    entry = un[0].entry("6908555")
    assert entry is not None and "\n\n" not in (entry.notes or "")


def test_uk_groups_and_regimes(real: Callable[[str], Path]) -> None:
    old, new = chain(
        "uk-csv",
        [
            real("uk_hmt_conlist/2018-04-13/sanctionsconlist.csv"),
            real("uk_hmt_conlist/2020-04-27/sample_hmt.csv"),
        ],
    )
    assert (old.as_of, new.as_of) == (dt.date(2018, 4, 13), dt.date(2020, 4, 27))
    assert (len(old.entries), len(new.entries)) == (2106, 2114)
    d = diff(old, new)
    assert counts(d) == (165, 157, 476)
    # explained by their 'Listed On' dates, except where the regime is only a programme tag
    # (no act identified): a tag alone explains nothing
    tagged = [c for c in d.added if {i.kind for i in c.basis} == {InstrumentKind.PROGRAMME}]
    assert len(tagged) == 4 and not any(c.explained for c in tagged)
    assert all(c.explained for c in d.added if c not in tagged)
    assert all(not c.explained for c in d.removed)
    group = old.entry("13349")
    assert group is not None and group.name.startswith("Nayef Salam Muhammad")  # Prime Alias
    assert "Sheikh Farooq AL-QAHTANI" in [n.name for n in group.names]  # leading space gone
    assert group.basis == ("eu-reg-881-2002",) and dict(group.refs) == {"un": "QDe.004"}
    assert "DOB: 00/00/1980" in (group.notes or "") and "DOB: 00/00/1981" in (group.notes or "")


def test_ofac_xml_non_sdn_mass_removal(real: Callable[[str], Path], tmp_path: Path) -> None:
    old = real("ofac_consolidated_nonsdn/2018-04-06/consolidated.xml")
    new = real("ofac_consolidated_nonsdn/2020-03-17/sample_ofac_consolidated.xml")
    a, b = chain("ofac-xml", [old, new])
    assert (len(a.entries), len(b.entries)) == (639, 375)
    assert counts(diff(a, b))[:2] == (2, 266)
    assert a.list_id == "us-ofac-consolidated" and a.as_of == dt.date(2018, 4, 6)


def _unordered(entry: Entry) -> tuple[object, ...]:
    """The entry with every order that carries no meaning taken out: its names and basis as
    sorted lists, its notes as sorted lines."""
    names = sorted((n.name, n.lang or "", n.kind.value if n.kind else "") for n in entry.names)
    lines = sorted((entry.notes or "").splitlines())
    return (entry.name, entry.type, entry.status, names, sorted(entry.basis), entry.refs, lines)


def test_real_amendments_are_never_a_reordering_only(
    ofac: list[Snapshot], un: list[Snapshot], real: Callable[[str], Path]
) -> None:
    """Publishers re-order names, programmes and identifier sub-records between publications
    and re-number aliases: none of that is an amendment."""
    xml = chain(
        "ofac-xml",
        [
            real("ofac_consolidated_nonsdn/2018-04-06/consolidated.xml"),
            real("ofac_consolidated_nonsdn/2020-03-17/sample_ofac_consolidated.xml"),
        ],
    )
    amended = [c for d in [*diffs(ofac), *diffs(un), *diffs(xml)] for c in d.amended]
    assert len(amended) == 26 + 7 + 20 + 13
    for change in amended:
        assert change.old is not None and change.new is not None
        assert _unordered(change.old) != _unordered(change.new), change.entry.id


def test_import_round_trip_and_diff_command(
    real: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """The whole path on real files: import writes files that load back equal to what was
    built, and ``designations diff`` reports the additions with their resolutions."""
    data = tmp_path / "data"
    data.mkdir()
    first = import_source("un-xml", real("un_sc_consolidated/2018-06-07/consolidated.xml"), data)
    loaded = load_snapshot(first.folder / "2018-06-07.yaml")
    assert loaded == first.snapshot
    result = cli(
        "--data",
        str(data),
        "import",
        "un-xml",
        str(real("un_sc_consolidated/2018-06-21/consolidated.xml")),
    )
    assert result.code == 0, result.err
    assert "2 added, 0 removed, 0 amended; 0 unexplained" in result.out
    out = cli("--data", str(data), "diff", "un-sc-consolidated", "--format", "json")
    doc = json.loads(out.out)
    assert doc["summary"]["added"] == 2 and doc["summary"]["unexplained"] == 0
    assert all(c["basis"] and c["verdict"] == "explained" for c in doc["changes"])
    assert Registry(data)["un-sc-consolidated"].dates == (
        dt.date(2018, 6, 7),
        dt.date(2018, 6, 21),
    )


def test_ofac_snapshot_round_trip(ofac: list[Snapshot], tmp_path: Path) -> None:
    from designations.writer import list_info_yaml, snapshot_yaml

    folder = tmp_path / "us-ofac-sdn"
    folder.mkdir()
    snap = attrs.evolve(ofac[-1], entries=ofac[-1].entries[::6])  # every 6th: 1633 entries
    (folder / "list.yaml").write_text(list_info_yaml(snap.info), encoding="utf-8")
    (folder / "2022-03-24.yaml").write_text(snapshot_yaml(snap), encoding="utf-8")
    loaded = load_snapshot(folder / "2022-03-24.yaml", previous=dt.date(2022, 3, 21))
    assert loaded == snap
