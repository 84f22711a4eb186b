"""One OFAC publication read through its two formats gives the same entries: the XML importer
writes the remark the way OFAC's CSV flattens the XML's fields (``ofac_notes``)."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

from designations import Registry
from designations.importers import import_source, ofac_csv, ofac_xml
from designations.importers.ofac_notes import Identifier, Notes, address, id_type_rank, remark
from designations.importers.progress import Progress

CONS = "ofac_consolidated_nonsdn/2018-04-06"
CONS_FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")


def quiet() -> Progress:
    return Progress("test", 0, io.StringIO())


def test_remark_follows_ofacs_order_and_alternatives() -> None:
    ids = [
        Identifier("Tax ID No.", "7706107510", 12, "Russia"),
        Identifier("Website", "www.example.ru", 40),
        Identifier("Former Vessel Flag", "Tanzania", 30),
        Identifier("Former Vessel Flag", "Malta", 20),
        Identifier("Unheard Of Type", "X-1", 1),
        Identifier("Registration ID", "86936", 50, "Iran", issued="10 Jul 1991"),
    ]
    text = remark(
        births=["1960", "1961"],
        birthplaces=["Tehran, Iran"],
        nationalities=["Iran"],
        citizenships=["Iran"],
        ids=ids,
        title="Director, Example Company",
        text="all offices worldwide; (Linked To: BANK (LONDON) LIMITED)",
        weak=[("a.k.a.", "EX")],
    )
    assert text == (
        "DOB 1960; alt. DOB 1961; POB Tehran, Iran; nationality Iran; citizen Iran; "
        "Website www.example.ru; Former Vessel Flag Malta; alt. Former Vessel Flag Tanzania; "
        "Registration ID 86936 (Iran) issued 10 Jul 1991; Tax ID No. 7706107510 (Russia); "
        "Unheard Of Type X-1; Director, Example Company; all offices worldwide; a.k.a. 'EX'; "
        "Linked To: BANK (LONDON) LIMITED."
    )
    # a remark that already ends with a full stop gets no second one; nothing gives nothing
    assert (
        remark(text="see http://example.org/#directives.") == "see http://example.org/#directives."
    )
    assert remark() is None


def test_identifier_order_holds_in_a_real_sdn_csv(real: Callable[[str], Path]) -> None:
    """``ofac_id_types.yaml`` orders types as OFAC's own CSV does: in the 2022-03-24 SDN file,
    every pair of identifiers of known types that follow each other in one remark keeps that
    order, except in three remarks where free text starts with a type's name ("Passport
    OR801168 and Kuwaiti National ID No. … issued under the name …")."""
    rank = id_type_rank()
    assert len(rank) == 158 and rank["SWIFT/BIC"] == 0 and rank["Passport"] > rank["Gender"]
    names = sorted(rank, key=len, reverse=True)
    pairs, against = 0, set()
    with real("ofac_sdn_csv_daily/2022-03-24/sdn.csv").open(encoding="cp1252") as handle:
        for row in csv.reader(handle):
            if len(row) < 12:
                continue
            seen = []
            for part in row[11].split("; "):
                part = part.removeprefix("alt. ")
                found = next((n for n in names if part.startswith(f"{n} ")), None)
                if found is not None:
                    seen.append(found)
            for first, second in itertools.pairwise(seen):
                pairs += 1
                if rank[first] > rank[second]:
                    against.add(row[0])
    assert pairs > 8000 and against == {"11313", "11968", "12562"}


def test_address_and_notes_text() -> None:
    assert address(["D. Retyum"], "Luzhski Raion", "Leningradskaya Obl.", "188230", "Russia") == (
        "D. Retyum, Luzhski Raion, Leningradskaya Obl. 188230, Russia"
    )
    assert address([], None, None, "W1G 9JG", None) == "W1G 9JG"
    assert address([], None, None, None, None) is None
    notes = Notes(["Title: Director"], "  DOB 1960. ", ["London, United Kingdom"])
    assert notes.text() == "Title: Director\nRemarks: DOB 1960.\nAddress: London, United Kingdom"
    assert Notes().text() is None


def test_csv_and_xml_of_one_publication_give_the_same_entries(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    """The 2018-04-06 consolidated list as CSV (four files) and as XML: the same 639 entries,
    field for field, except where OFAC's CSV wrote a double quote as a single one (an address
    and an alias: the XML keeps the quote as published, so these two stay amended)."""
    folder = tmp_path / "csv"
    folder.mkdir()
    for name in CONS_FILES:
        shutil.copyfile(real(f"{CONS}/{name}"), folder / name)
    csv_drafts = {d.key: d for d in ofac_csv.read(folder, quiet()).drafts}
    xml_drafts = {d.key: d for d in ofac_xml.read(real(f"{CONS}/consolidated.xml"), quiet()).drafts}
    assert csv_drafts.keys() == xml_drafts.keys() and len(csv_drafts) == 639
    differ = {k for k in csv_drafts if csv_drafts[k].notes != xml_drafts[k].notes}
    assert differ == {"11625"}
    assert csv_drafts["11625"].notes == (xml_drafts["11625"].notes or "").replace('"', "'")
    # the XML's structure is all in the notes: ids, DOB, title, weak alias and link of one entry
    notes = xml_drafts["15961"].notes or ""
    assert "DOB 22 Mar 1958; POB Behbahan, Iran; nationality Iran;" in notes
    assert "Passport R17589399 (Iran); alt. Passport T23700825 (Iran);" in notes
    assert "Title: Chairman & Director, Naftiran Intertrade Co. (NICO) Sarl;" in notes
    assert "a.k.a. 'PSC'; Linked To: NATIONAL IRANIAN TANKER COMPANY." in (
        xml_drafts["15122"].notes or ""
    )

    data = tmp_path / "data"
    data.mkdir()
    import_source("ofac-csv", folder, data, as_of="2018-04-06")
    xml = import_source("ofac-xml", real(f"{CONS}/consolidated.xml"), data, as_of="2018-04-07")
    assert xml.diff is not None
    assert (len(xml.diff.added), len(xml.diff.removed)) == (0, 0)
    assert sorted(c.entry.id for c in xml.diff.amended) == ["11625", "22391"]
    csv_snap, xml_snap = Registry(data)["us-ofac-consolidated"].snapshots
    for before, after in zip(csv_snap.entries, xml_snap.entries, strict=True):
        if before.id == "22391":
            assert [n.name for n in before.names] == [n.name.replace('"', "'") for n in after.names]
        elif before.id != "11625":
            # the basis in the order each format lists the programmes (a diff ignores it)
            assert (before.name, before.names, sorted(before.basis), before.notes) == (
                after.name,
                after.names,
                sorted(after.basis),
                after.notes,
            )


def test_the_xml_importer_keeps_every_published_value(real: Callable[[str], Path]) -> None:
    """Every value of every sdnEntry of the real 2018 XML is in the entry it becomes (name,
    names, programmes or notes), except the sub-record uids and the flags that the CSV form
    writes as words or kinds (``mainEntry`` as ``alt.``, an alias's ``category`` as where it
    goes and its ``type`` as the name's kind, ``sdnType`` as the entry's type)."""
    import xml.etree.ElementTree as ET

    from designations.importers.source import clean

    source = real(f"{CONS}/consolidated.xml")
    drafts = {d.key: d for d in ofac_xml.read(source, quiet()).drafts}
    skipped = {"uid", "mainEntry", "category", "sdnType", "type"}
    checked = 0
    for element in ET.parse(source).getroot().iter("{http://tempuri.org/sdnList.xsd}sdnEntry"):
        uid = element.findtext("{http://tempuri.org/sdnList.xsd}uid")
        assert uid is not None
        draft = drafts[uid]
        held = " ".join(
            [draft.name, *(n.name for n in draft.names), *draft.programs, draft.notes or ""]
        )
        for leaf in element.iter():
            tag = leaf.tag.rpartition("}")[2]
            text = clean(leaf.text)
            if len(leaf) or tag in skipped or text is None:
                continue
            if tag in ("tonnage", "grossRegisteredTonnage"):
                text = f"{int(text):,}"
            # the remark's parts, each "(Linked To: X)" written "Linked To: X"
            parts = text.split("; ") if tag == "remarks" else [text]
            for part in parts:
                if part.startswith("(Linked To: ") and part.endswith(")"):
                    part = part[1:-1]
                assert part in held, (uid, tag, part)
                checked += 1
    assert checked > 10000
