"""The importers added for issue #14, on the real files in ``tests/fixtures/realdata``.

Every expected count is an independent reading of the raw file, written here (regular
expressions, ``csv``, ``json``, ``zipfile``), never taken from an importer's output.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import lzma
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import load_snapshot
from designations.errors import DataError, UsageError
from designations.importers import FORMATS, import_source
from designations.importers.packed import unpacked
from designations.importers.progress import Progress
from designations.importers.tables import table
from designations.vocab import EntryType

from ..conftest import Result, files_under, new_folder

EU_XML = "eu_fsf_xml_excerpt/2020-04-15/sample_eu_sanctions.xml"
EU_CSV = "eu_fsf_csv_excerpt/2018-07-04/EUSanctionsShort.csv"


def read(fmt: str, path: Path):  # type: ignore[no-untyped-def]
    return FORMATS[fmt](path, Progress("test", 1))


# --- EU -----------------------------------------------------------------------------------


def test_eu_xml_real_file(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(EU_XML)
    raw = path.read_text("utf-8")
    entities = re.findall(r"<sanctionEntity\b[^>]*>", raw)
    refs = {re.search(r'euReferenceNumber="([^"]*)"', e).group(1) for e in entities}  # type: ignore[union-attr]
    blocks = raw.split("<sanctionEntity ")[1:]
    names = {
        re.search(r'logicalId="(\d+)"', b).group(1): set(re.findall(r'wholeName="([^"]*)"', b))  # type: ignore[union-attr]
        for b in blocks
    }
    result = import_source("eu-xml", path, tmp_path)
    snap = result.snapshot
    assert len(entities) == 7
    assert len(snap.entries) == len(entities)
    assert snap.as_of.isoformat() == "2020-04-15"
    assert {dict(e.refs)["eu"] for e in snap.entries} == refs
    for entry in snap.entries:
        assert set(entry.all_names()) == names[entry.id]
    saddam = snap.entry("13")
    assert saddam is not None
    assert saddam.name == "Saddam Hussein Al-Tikriti"
    assert saddam.type is EntryType.INDIVIDUAL
    assert ("fr", "Abou Ali") in {(n.lang, n.name) for n in saddam.names}
    assert saddam.basis == ("eu-1210-2003",)
    inst = snap.info.instrument("eu-1210-2003")
    assert inst.reference == "1210/2003 (OJ L169)"
    # In force the day before its publication: the format has no such order, so it is said in
    # the title rather than written as an `effective` the loader would refuse.
    assert str(inst.date) == "2003-07-08" and inst.effective is None
    assert inst.title is not None and "in force from 2003-07-07" in inst.title
    assert inst.authority == "European Commission"
    assert "birthdate=1937-04-28" in (saddam.notes or "")
    # The written snapshot loads back as the same entries.
    written = load_snapshot(result.written[-1], result.info)
    assert written.entries == snap.entries


def test_eu_xml_designation_date_is_the_listing_date(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-02T10:00:00">'
        '<sanctionEntity designationDate="2022-02-25" euReferenceNumber="EU.1.2" logicalId="9">'
        '<regulation regulationType="amendment" organisationType="council" '
        'publicationDate="2022-02-25" entryIntoForceDate="2022-02-25" '
        'numberTitle="2022/332 (OJ L53)" programme="UKR"/>'
        '<subjectType code="enterprise"/><nameAlias wholeName="Sample Co" strong="true"/>'
        '<identification number="123" identificationTypeCode="regnumber"/>'
        "</sanctionEntity></export>",
        "utf-8",
    )
    entry = read("eu-xml", path).drafts[0]
    assert str(entry.listed_on) == "2022-02-25"
    assert entry.type is EntryType.ORGANIZATION
    assert entry.programs == ("eu-2022-332",)
    assert "identification: number=123; identificationTypeCode=regnumber" in (entry.notes or "")


def test_eu_csv_real_file(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(EU_CSV)
    lines = path.read_bytes().decode("cp1252").splitlines()
    header = lines[0].strip('"\t').split(";")
    rows = [line.strip().strip('"\t').split(";") for line in lines[1:] if line.strip()]
    ids = {row[1] for row in rows}
    refs = {row[1]: row[header.index("EU_ref_num")] for row in rows}
    whole = header.index("Naal_wholename")
    names: dict[str, set[str]] = {}
    for row in rows:
        if row[whole].strip():
            names.setdefault(row[1], set()).add(" ".join(row[whole].split()))
    result = import_source("eu-csv", path, tmp_path)
    snap = result.snapshot
    assert len(ids) == 93
    assert {e.id for e in snap.entries} == ids
    assert snap.as_of.isoformat() == "2018-07-04"
    for entry in snap.entries:
        assert dict(entry.refs)["eu"] == refs[entry.id]
        assert set(entry.all_names()) == names[entry.id]
    mugabe = snap.entry("1")
    assert mugabe is not None and mugabe.name == "Robert Gabriel Mugabe"
    assert set(mugabe.basis) == {"eu-2018-223", "eu-1643-2002"}
    assert "AD001095" in (mugabe.notes or "")


def test_eu_csv_current_layout(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text(
        "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;Entity_UnitedNationId;"
        "Entity_DesignationDate;Entity_SubjectType;Entity_Regulation_NumberTitle;"
        "Entity_Regulation_PublicationDate;Entity_Regulation_Programme;NameAlias_WholeName;"
        "NameAlias_NameLanguage;NameAlias_LogicalId;Address_City;Address_LogicalId\n"
        "22/09/2026;13;EU.27.28;;2003-07-07;person;1210/2003 (OJ L169);2003-07-08;IRQ;"
        "Saddam Hussein Al-Tikriti;;17;;\n"
        "22/09/2026;13;EU.27.28;;2003-07-07;person;1210/2003 (OJ L169);2003-07-08;IRQ;"
        "Саддам Хусейн;RU;18;;\n"
        "22/09/2026;13;EU.27.28;;2003-07-07;person;1210/2003 (OJ L169);2003-07-08;IRQ;"
        ";;;Baghdad;5\n",
        "utf-8",
    )
    source = read("eu-csv", path)
    (entry,) = source.drafts
    assert str(source.as_of) == "2026-09-22"
    assert str(entry.listed_on) == "2003-07-07"
    assert entry.name == "Saddam Hussein Al-Tikriti"
    assert [(n.name, n.lang) for n in entry.names] == [("Саддам Хусейн", "ru")]
    assert "address: city=Baghdad" in (entry.notes or "")


def test_eu_csv_refuses_another_csv(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a;b;c\n1;2;3\n", "utf-8")
    result = cli("--data", str(new_folder(tmp_path / "d")), "import", "eu-csv", str(path))
    assert result.code == 2
    assert "Entity_LogicalId" in result.err
    assert files_under(tmp_path / "d") == []


# --- compressed sources and XML safety -----------------------------------------------------


def test_compressed_sources_read_like_the_plain_file(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    plain = real(EU_XML)
    data = plain.read_bytes()
    (tmp_path / "eu.xml.gz").write_bytes(gzip.compress(data))
    (tmp_path / "eu.xml.xz").write_bytes(lzma.compress(data))
    with zipfile.ZipFile(tmp_path / "eu.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/eu.xml", data)
    expected = import_source(
        "eu-xml", plain, new_folder(tmp_path / "a"), dry_run=True
    ).snapshot.entries
    for name in ("eu.xml.gz", "eu.xml.xz", "eu.zip"):
        result = import_source("eu-xml", tmp_path / name, tmp_path, dry_run=True)
        assert result.snapshot.entries == expected
        assert result.source.path.startswith(str(tmp_path / name) + "!")


def test_zip_bomb_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sdn.xml", b"\0" * (8 << 20))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(DataError, match="expands to more than"), unpacked(bomb, limit=1 << 20):
        pass
    # And through the command line, with the real limit lowered for the test.
    import designations.importers.packed as packed

    old = packed.EXPANDED_LIMIT
    packed.EXPANDED_LIMIT = 1 << 20
    try:
        result = cli("--data", str(new_folder(tmp_path / "d")), "import", "ofac-xml", str(bomb))
    finally:
        packed.EXPANDED_LIMIT = old
    assert result.code == 2
    assert "expands to more than 1,048,576 bytes" in result.err
    assert files_under(tmp_path / "d") == []


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "big.csv.gz"
    with gzip.open(bomb, "wb") as out:
        for _ in range(16):
            out.write(b"\0" * (1 << 20))
    with pytest.raises(DataError, match="expands to more than"), unpacked(bomb, limit=1 << 20):
        pass


def test_xml_with_external_entity_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", "utf-8")
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE export [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<export generationDate="2020-01-01"><sanctionEntity logicalId="1">'
        '<nameAlias wholeName="&x;" strong="true"/></sanctionEntity></export>',
        "utf-8",
    )
    result = cli("--data", str(new_folder(tmp_path / "d")), "import", "eu-xml", str(path))
    assert result.code == 2
    assert "document type declaration" in result.err
    assert "TOP-SECRET" not in result.err + result.out
    assert files_under(tmp_path / "d") == []


def test_xml_with_internal_entities_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(
        '<?xml version="1.0"?><!-- c -->\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]>\n<r>&a;</r>',
        "utf-8",
    )
    with pytest.raises(DataError, match="document type declaration") as info:
        read("un-xml", path)
    assert info.value.line == 2


def test_csv_in_memory_reading_matches(real: Callable[[str], Path]) -> None:
    # The independent reading of the EU CSV used above agrees with the csv module.
    text = real(EU_CSV).read_bytes().decode("latin-1")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert all(len(row) == 1 for row in rows)  # each line is wrapped in quotes


# --- OFAC Enhanced XML, US Consolidated Screening List --------------------------------------

ENHANCED = "ofac_consolidated_enhanced_xml/2025-01-10/CONS_ENHANCED.ZIP"
CSL = "us_trade_csl/2022-05-06/consolidated.csv.gz"


def test_ofac_enhanced_real_zip(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(ENHANCED)
    with zipfile.ZipFile(path) as archive:
        (member,) = archive.namelist()
        raw = archive.read(member).decode("utf-8")
    blocks = re.split(r"<entity id=", raw)[1:]
    ids = [re.match(r'"(\d+)"', b).group(1) for b in blocks]  # type: ignore[union-attr]
    programs = {
        i: set(re.findall(r"<sanctionsProgram [^>]*>([^<]*)<", b))
        for i, b in zip(ids, blocks, strict=True)
    }
    published = {
        i: min(re.findall(r'datePublished="([^"]*)"', b)) for i, b in zip(ids, blocks, strict=True)
    }
    result = import_source("ofac-enhanced-xml", path, tmp_path)
    snap = result.snapshot
    assert len(ids) == len(set(ids)) == 443
    assert snap.list_id == "us-ofac-consolidated"
    assert str(snap.as_of) == "2025-01-10"
    assert {e.id for e in snap.entries} == set(ids)
    for entry in snap.entries:
        assert str(entry.listed_on) == published[entry.id]
        refs = {snap.info.instrument(b).reference for b in entry.basis}
        # Each programme resolves to its acts (OFAC's table) or to a stand-in naming the tag.
        assert len(entry.basis) >= len(programs[entry.id])
        assert refs
    haniya = snap.entry("9639")
    assert haniya is not None and haniya.name == "HANIYA, Ismail Abdul Salah"
    assert "feature: type=Birthdate; value=1962; isApproximate=false" in (haniya.notes or "")
    assert result.source.path.endswith("CONS_ENHANCED.ZIP!CONS_ENHANCED.XML")


@pytest.mark.slow  # over a second: the fast tier stays under a minute
def test_us_csl_real_gzip(real: Callable[[str], Path]) -> None:
    path = real(CSL)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
        rows = list(csv.DictReader(text))
    ids: dict[str, set[str]] = {}
    for row in rows:
        ids.setdefault(row["_id"], set()).add(row["source"])
    assert len(rows) == 14160 and len(ids) == 14048
    with unpacked(path) as (plain, _shown):
        source = read("us-csl", plain)
    drafts = {d.key: d for d in source.drafts}
    assert drafts.keys() == ids.keys()
    assert source.as_of is None  # the file carries no date: --as-of is required
    # A party on two lists is one entry whose basis names both lists.
    two = next(k for k, v in ids.items() if len(v) == 2)
    assert {tag.split("\x1f")[0] for tag in drafts[two].programs} == ids[two]
    sdn = next(r for r in rows if r["source"].startswith("Specially") and r["entity_number"])
    assert dict(drafts[sdn["_id"]].refs)["ofac"] == sdn["entity_number"]


def test_us_csl_import_needs_a_date(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv.gz"
    path.write_bytes(
        gzip.compress(b"_id,source,name,programs,start_date\n1,Entity List (EL) - BIS,X Co,,\n")
    )
    result = cli("--data", str(tmp_path), "import", "us-csl", str(path), "--dry-run")
    assert result.code == 2
    assert "--as-of is required" in result.err


# --- Canada SEMA, Australia DFAT ------------------------------------------------------------

SEMA = "canada_sema/2020-04-15/sema-lmes.xml"
DFAT = "au_dfat_consolidated/2024-11-11/regulation8_consolidated.xlsx"


def test_ca_sema_real_file(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(SEMA)
    records = re.findall(r"<record>(.*?)</record>", path.read_text("utf-8"), re.DOTALL)
    countries: dict[str, int] = {}
    entities = 0
    for record in records:
        raw = re.search(r"<Country>([^<]*)</Country>", record).group(1)  # type: ignore[union-attr]
        country = " ".join(raw.split())  # the importers collapse white space
        countries[country] = countries.get(country, 0) + 1
        entities += "<Entity>" in record
    result = import_source("ca-sema", path, tmp_path, as_of="2020-04-15")
    snap = result.snapshot
    assert len(records) == 1369
    assert len(snap.entries) == len(records)
    assert sum(e.type is EntryType.ORGANIZATION for e in snap.entries) == entities
    # Each regime's regulation, as the table (data) names it for the file's Country values.
    expected: dict[str, int] = {}
    for country, count in countries.items():
        (inst,) = table("ca-sema").resolve(country, snap.as_of)
        assert inst.kind.value == "regulation", country  # every regime of this file is mapped
        expected[inst.id] = expected.get(inst.id, 0) + count
    by_regime: dict[str, int] = {}
    for entry in snap.entries:
        (basis,) = entry.basis
        by_regime[basis] = by_regime.get(basis, 0) + 1
        assert entry.listed_on is None
    assert by_regime == expected
    assert snap.info.instrument("sor-2007-285").reference == "SOR/2007-285"
    air = snap.entry("burma-birmanie-1-1")
    assert air is not None and air.name == "Air Bagan"
    assert [n.name for n in air.names] == ["Air Bagan Holdings Pte. Ltd., Air Bagan Limited"]


@pytest.mark.slow
def test_au_dfat_real_workbook(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(DFAT)
    # Independent reading: the sheet's XML and shared strings, straight from the zip.
    with zipfile.ZipFile(path) as book:
        shared = re.findall(r"<si>(.*?)</si>", book.read("xl/sharedStrings.xml").decode(), re.S)
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    strings = ["".join(re.findall(r"<t[^>]*>([^<]*)</t>", s)) for s in shared]
    references: set[str] = set()
    for cell in re.finditer(r'<c r="A(\d+)"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v>', sheet):
        if cell.group(1) == "1":
            continue
        value = strings[int(cell.group(3))] if 't="s"' in cell.group(2) else cell.group(3)
        references.add(re.match(r"\s*(\d+)", value).group(1))  # type: ignore[union-attr]
    result = import_source("au-dfat", path, tmp_path)
    snap = result.snapshot
    assert len(references) == 3062
    assert {e.id for e in snap.entries} == references
    assert str(snap.as_of) == "2024-11-11"
    akhund = snap.entry("2")
    assert akhund is not None and akhund.name == "MOHAMMAD HASSAN AKHUND"
    assert ("محمد حسن أخوند", "transliteration") in {
        (n.name, n.kind.value if n.kind else None) for n in akhund.names
    }
    assert snap.info.instrument(akhund.basis[0]).reference == "1988 (Taliban)"
    assert "Control Date: 2014-12-15" in (akhund.notes or "")


def test_au_dfat_small_workbook(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "consolidated.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Reference",
            "Name of Individual or Entity",
            "Type",
            "Name Type",
            "Date of Birth",
            "Committees",
            "Control Date",
        ]
    )
    sheet.append(
        [7, "Sample Person", "Individual ", "Primary Name ", "1970", "Autonomous (X)", None]
    )
    sheet.append(["7a", "S. Person", "Individual", "aka", "1970", "Autonomous (X)", None])
    sheet.append([None] * 7)
    sheet.append(["8", "Sample Co", "Entity", "Primary name", None, "1988 (Taliban)", None])
    book.save(path)
    source = read("au-dfat", path)
    drafts = {d.key: d for d in source.drafts}
    assert drafts.keys() == {"7", "8"}
    assert drafts["7"].type is EntryType.INDIVIDUAL and drafts["7"].listed_on is None
    assert [n.name for n in drafts["7"].names] == ["S. Person"]
    assert drafts["8"].programs == ("1988 (Taliban)",)
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataError, match="not an xlsx workbook"):
        read("au-dfat", tmp_path / "not.xlsx")


# --- OpenSanctions FollowTheMoney -----------------------------------------------------------

FTM = "opensanctions_ftm/eu_fsf_excerpt_t1/entities.ftm.json"
DELTAS = [
    "delta_20240527194702-wnk",
    "delta_20240528014702-pfh",
    "delta_20240528074703-npf",
    "delta_20240528134729-3iv",
]


def raw_objects(text: str) -> list[dict[str, object]]:
    """Independent reading: objects one after another, whatever the line breaks."""
    decoder, position = json.JSONDecoder(), 0
    found: list[dict[str, object]] = []
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return found
        value, position = decoder.raw_decode(text, position)
        found.append(value)


def test_ftm_entities_real_file(real: Callable[[str], Path], tmp_path: Path) -> None:
    path = real(FTM)
    entities = raw_objects(path.read_text("utf-8"))
    targets = {str(e["id"]).lower() for e in entities if e.get("target") is True}
    result = import_source("ftm", path, tmp_path, as_of="2024-05-27")
    snap = result.snapshot
    assert len(entities) == 7 and len(targets) == 6
    assert {e.id for e in snap.entries} == targets
    assert snap.list_id == "eu-fsf-opensanctions"
    irgc = snap.entry("nk-2pacmnpilumoz4xd2mst7a")
    assert irgc is not None and irgc.name == "IRGC"
    assert [n.name for n in irgc.names] == ["Iranian Revolutionary Guard Corps"]
    (inst,) = snap.info.resolve(irgc.basis)
    assert inst.kind.value == "programme" and inst.date is None and inst.reference == "eu_fsf"
    assert "last_seen" not in (irgc.notes or "")


def test_ftm_aggregate_dataset_gets_no_invented_jurisdiction(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    """A dataset whose name starts with no country code, EU or UN (an aggregate such as
    ``sanctions``) names no jurisdiction: the import is refused rather than filed under one."""
    text = real(FTM).read_text("utf-8").replace('"eu_fsf"', '"sanctions"')
    assert '"sanctions"' in text
    source = tmp_path / "entities.ftm.json"
    source.write_text(text, "utf-8")
    with pytest.raises(UsageError, match="names no jurisdiction"):
        import_source("ftm", source, new_folder(tmp_path / "data"), as_of="2024-05-27")
    assert not (tmp_path / "data" / "lists").exists()


def test_ftm_delta_chain(
    cli: Callable[..., Result], real: Callable[[str], Path], tmp_path: Path
) -> None:
    base = real(FTM)
    folder = tmp_path / "deltas"
    ops: dict[str, int] = {"ADD": 0, "MOD": 0, "DEL": 0}
    alive = {str(e["id"]).lower() for e in raw_objects(base.read_text("utf-8")) if e.get("target")}
    for name in DELTAS:
        source = real(f"opensanctions_ftm/{name}/entities.delta.json")
        version = folder / name.removeprefix("delta_")
        version.mkdir(parents=True)
        (version / "entities.delta.json").write_bytes(source.read_bytes())
        for item in raw_objects(source.read_text("utf-8")):
            op, entity = str(item["op"]), item["entity"]
            assert isinstance(entity, dict)
            ops[op] += 1
            if op == "DEL":
                alive.discard(str(entity["id"]).lower())
            else:
                alive.add(str(entity["id"]).lower())
    assert ops == {"ADD": 4, "MOD": 1, "DEL": 1}
    data = tmp_path / "data"
    data.mkdir()
    first = cli("--data", str(data), "import", "ftm", str(base), "--as-of", "2024-05-27")
    assert first.code == 0, first.err
    result = cli(
        "--data", str(data), "import", "ftm-delta", str(folder), "--list", "eu-fsf-opensanctions"
    )
    assert result.code == 0, result.err
    assert "applied 4 delta file(s): 4 ADD, 1 MOD, 1 DEL" in result.out
    written = data / "lists" / "eu-fsf-opensanctions" / "2024-05-28.yaml"
    text = written.read_text("utf-8")
    ids = set(re.findall(r"^- id: (\S+)$", text, re.M))
    assert ids == alive and len(ids) == 9
    assert "nk-500poltergeist" not in ids  # added, then deleted
    no_list = cli("--data", str(data), "import", "ftm-delta", str(folder))
    assert no_list.code == 2 and "--list is required" in no_list.err


# --- the wrong file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "relative", "right"),
    [
        ("ofac-xml", EU_XML, "eu-xml"),
        ("ofac-csv", EU_CSV, "eu-csv"),
        ("un-xml", ENHANCED, "ofac-enhanced-xml"),
        ("ofac-xml", CSL, "us-csl"),
        ("un-xml", SEMA, "ca-sema"),
        ("ofac-xml", DFAT, "au-dfat"),
        ("uk-csv", FTM, "ftm"),
        ("ftm", f"opensanctions_ftm/{DELTAS[0]}/entities.delta.json", "ftm-delta"),
        ("eu-xml", "un_sc_consolidated/2018-06-07/consolidated.xml", "un-xml"),
        ("eu-csv", "uk_hmt_conlist/2018-04-13/sanctionsconlist.csv", "uk-csv"),
        ("un-xml", "ofac_sdn_csv_daily/2021-12-21/sdn.csv", "ofac-csv"),
    ],
)
def test_wrong_format_suggests_the_right_one(
    cli: Callable[..., Result],
    real: Callable[[str], Path],
    tmp_path: Path,
    given: str,
    relative: str,
    right: str,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", given, str(real(relative)), "--as-of", "2026-01-01")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert f"try `designations import {right}`" in result.err
    assert "(formats: ofac-csv, ofac-xml, un-xml, uk-csv, eu-xml" in result.err
    assert files_under(data) == []


def test_unknown_file_lists_the_formats(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<somethingElse/>", "utf-8")
    result = cli("--data", str(new_folder(tmp_path / "d")), "import", "eu-xml", str(path))
    assert result.code == 2
    assert "not export" in result.err and "formats: ofac-csv" in result.err
    assert "looks like" not in result.err


def test_zip_paths_are_kept_and_unsafe_ones_refused(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    bundle = tmp_path / "deltas.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for name in DELTAS:
            data = real(f"opensanctions_ftm/{name}/entities.delta.json").read_bytes()
            archive.writestr(f"t2/{name.removeprefix('delta_')}/entities.delta.json", data)
        archive.writestr("__MACOSX/._t2", b"")
    with unpacked(bundle) as (folder, shown):
        assert folder.name == "t2" and shown == f"{bundle}!"
        assert sorted(p.name for p in folder.iterdir()) == [
            d.removeprefix("delta_") for d in DELTAS
        ]
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.txt", b"x")
    with pytest.raises(DataError, match="unsafe member path"), unpacked(evil):
        pass
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.slow  # over a second: the fast tier stays under a minute
def test_us_csl_imports_with_valid_instrument_ids(
    real: Callable[[str], Path], tmp_path: Path
) -> None:
    # Every list's code becomes part of a lower-case instrument id ("ISN" -> csl-isn-...).
    result = import_source("us-csl", real(CSL), tmp_path, as_of="2022-05-06", dry_run=True)
    ids = [i.id for i in result.info.instruments]
    assert ids and all(i == i.lower() for i in ids)
    assert "csl-isn-e-o-13382" in ids


def test_ftm_delta_with_no_version_folder_says_where_the_date_comes_from(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Delta files in folders not named by their version (``delta_20240527194702-wnk``, as
    they were saved by hand): the refusal says the date comes from the version folder's name
    or --as-of, not that delta files "carry no date" (the docs say they carry it)."""
    folder = tmp_path / "deltas" / "delta_20240527194702-wnk"
    folder.mkdir(parents=True)
    entity = {
        "id": "NK-1",
        "schema": "Organization",
        "datasets": ["xx_example"],
        "properties": {"name": ["Front"]},
    }
    (folder / "entities.delta.json").write_text(
        json.dumps({"op": "ADD", "entity": entity}) + "\n", "utf-8"
    )
    result = cli(
        "--data",
        str(new_folder(tmp_path / "data")),
        "import",
        "ftm-delta",
        str(folder.parent),
        "--list",
        "xx-opensanctions",
    )
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "carry no date" not in result.err
    assert "version" in result.err and "--as-of" in result.err
