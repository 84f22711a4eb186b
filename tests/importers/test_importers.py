"""The ``import`` command: refusals with nothing written, the mass-removal guard, dry runs,
fidelity of values (encodings, nulls, whitespace) and the progress bar."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry
from designations.errors import UsageError
from designations.importers import import_source
from designations.importers import progress as progress_module
from designations.importers.decoding import detect_encoding
from designations.importers.ofac_csv import programs, value
from designations.importers.progress import Progress, open_counted
from designations.importers.source import clean, entry_id
from designations.importers.uk_csv import uk_date

from ..conftest import Result, files_under, new_folder

CliRunner = Callable[..., Result]


def sdn_row(ent: int, name: str, program: str = "SDGT", remarks: str = "-0- ") -> str:
    quoted = remarks if remarks == "-0- " else f'"{remarks}"'
    return f'{ent},"{name}",-0- ,"{program}"' + ",-0- " * 7 + f",{quoted}\r\n"


def write_sdn(path: Path, rows: list[str], *, eof: bytes = b"\x1a") -> Path:
    path.write_bytes("".join(rows).encode("cp1252") + eof)
    return path


def test_helpers() -> None:
    assert clean("  a \r\n  b\t") == "a b"
    assert clean(" \n ") is None
    assert value("-0- ") is None and value(' "x" ') == '"x"'
    assert programs("SDGT] [IFSR") == ("SDGT", "IFSR")
    assert programs("CAATSA - RUSSIA") == ("CAATSA - RUSSIA",)
    assert entry_id("6636") == "6636" and entry_id("QDi.001") == "qdi-001"
    assert str(uk_date("00/00/1980")) == "1980" and str(uk_date("01/04/2016")) == "2016-04-01"
    assert uk_date("31/02/2016") is None


def test_cp1252_crlf_nulls_and_ctrl_z(tmp_path: Path, cli: CliRunner) -> None:
    source = write_sdn(
        tmp_path / "sdn.csv",
        [
            sdn_row(1, "MÜLLER, José", remarks="DOB 1970;\r\n  nationality Peru; Ünïcode ‘quoted’"),
            sdn_row(2, "ACME  TRADING", "SDGT] [NPWMD"),
        ],
    )
    assert detect_encoding(source) == "cp1252"
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2024-01-02")
    assert result.code == 0, result.err
    snap = Registry(data)["us-ofac-sdn"].latest
    person, org = snap.entry("1"), snap.entry("2")
    assert person is not None and org is not None
    assert person.name == "MÜLLER, José"
    assert "Remarks: DOB 1970; nationality Peru; Ünïcode ‘quoted’" in (person.notes or "")
    assert org.name == "ACME TRADING" and org.basis == ("eo-13224", "eo-13382")
    assert org.listed_on is None and str(org.first_seen) == "2024-01-02"


def test_utf8_source_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(sdn_row(1, "ДЖОН").encode("utf-8"))
    assert detect_encoding(path) == "utf-8"


def test_alt_add_and_comments_are_joined(tmp_path: Path, cli: CliRunner) -> None:
    write_sdn(tmp_path / "sdn.csv", [sdn_row(7, "ALPHA CO.", remarks="Linked To: BETA")])
    (tmp_path / "alt.csv").write_bytes(
        b'7,1,"aka","ALFA CO.",-0- \r\n7,2,"fka","OLD ALPHA",-0- \r\n9,3,"aka","X",-0- \r\n\x1a'
    )
    (tmp_path / "add.csv").write_bytes(b'7,1,-0- ,"Havana","Cuba",-0- \r\n\x1a')
    (tmp_path / "sdn_comments.csv").write_bytes(b'7," LTD."\r\n\x1a')
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", "ofac-csv", str(tmp_path), "--as-of", "2024-01-02")
    assert result.code == 0, result.err
    entry = Registry(data)["us-ofac-sdn"].latest.entry("7")
    assert entry is not None
    assert [(n.name, n.kind.value if n.kind else None) for n in entry.names] == [
        ("ALFA CO.", "alias"),
        ("OLD ALPHA", "former"),
    ]
    assert "Remarks: Linked To: BETA LTD." in (entry.notes or "")
    assert "Address: Havana, Cuba" in (entry.notes or "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x1a", "holds no records"),
        (b'1,"A",-0- ,"SDGT",-0- \r\n', "row has 5 columns, expected 12"),
        (b'1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"cut off', "malformed CSV"),
        (b'x,"A",-0- ,"SDGT"' + b",-0- " * 8 + b"\r\n", "is not a number"),
    ],
)
def test_bad_sdn_csv_is_refused_and_nothing_written(
    tmp_path: Path, cli: CliRunner, content: bytes, message: str
) -> None:
    source = tmp_path / "sdn.csv"
    source.write_bytes(content)
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2024-01-02")
    assert result.code == 2
    assert message in result.err and str(source) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert files_under(data) == []


def test_malformed_xml_is_refused_with_its_line(tmp_path: Path, cli: CliRunner) -> None:
    source = tmp_path / "consolidated.xml"
    source.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2024-10-16T00:00:02Z">\n<ENTITIES>\n'
        "<ENTITY><DATAID>1</DATAID><FIRST_NAME>A & B</FIRST_NAME></ENTITY>\n"
        "</ENTITIES></CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", "un-xml", str(source))
    assert result.code == 2
    assert f"{source}:3:" in result.err and "malformed XML" in result.err
    assert files_under(data) == []


def test_altered_un_file_is_refused(
    real: Callable[[str], Path], tmp_path: Path, cli: CliRunner
) -> None:
    source = real("un_sc_consolidated/2024-10-16_altered/sample_unsc.xml")
    data = tmp_path / "data"
    data.mkdir()
    result = cli("--data", str(data), "import", "un-xml", str(source))
    assert result.code == 2 and "malformed XML: not well-formed" in result.err
    assert files_under(data) == []


def test_uk_missing_columns_refused(tmp_path: Path, cli: CliRunner) -> None:
    source = tmp_path / "ConList.csv"
    source.write_bytes(b"Last Updated,27/04/2020\r\nName 6,Name 1,Regime\r\nX,Y,Syria\r\n")
    result = cli("--data", str(new_folder(tmp_path / "data")), "import", "uk-csv", str(source))
    assert result.code == 2 and "missing columns: Name 2" in result.err
    assert files_under(tmp_path / "data") == []


def test_ofac_csv_needs_a_date(tmp_path: Path, cli: CliRunner) -> None:
    source = write_sdn(tmp_path / "sdn.csv", [sdn_row(1, "A")])
    result = cli("--data", str(new_folder(tmp_path / "data")), "import", "ofac-csv", str(source))
    assert result.code == 2 and "--as-of is required" in result.err


def test_a_data_folder_that_does_not_exist_is_refused(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped --data (or $DESIGNATIONS_DATA) is refused, never silently started: nothing is
    created, and the one line says how to start a data folder on purpose."""
    source = write_sdn(tmp_path / "sdn.csv", [sdn_row(1, "A")])
    typo = tmp_path / "typo" / "data"
    args = ("import", "ofac-csv", str(source), "--as-of", "2024-01-02")
    result = cli("--data", str(typo), *args)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert f"data folder {typo} does not exist" in result.err
    assert f"`mkdir -p {typo}`" in result.err
    assert f"`designations init {typo.parent}`" in result.err
    monkeypatch.setenv("DESIGNATIONS_DATA", str(typo))
    assert cli(*args).code == 2
    assert cli("update").code == 2  # was "nothing to update", exit 0
    with pytest.raises(UsageError, match="does not exist"):
        import_source("ofac-csv", source, typo, as_of="2024-01-02")
    assert not (tmp_path / "typo").exists()
    # A data folder that exists but holds no list yet is where a first import starts.
    (tmp_path / "typo").mkdir()
    assert cli("--data", str(tmp_path / "typo"), *args).code == 0
    assert (tmp_path / "typo" / "lists" / "us-ofac-sdn" / "2024-01-02.yaml").is_file()


def _base(tmp_path: Path, cli: CliRunner, count: int = 40) -> tuple[Path, list[str]]:
    rows = [sdn_row(i, f"NAME {i}") for i in range(1, count + 1)]
    data = tmp_path / "data"
    data.mkdir()
    source = write_sdn(tmp_path / "sdn.csv", rows)
    result = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2024-01-01")
    assert result.code == 0, result.err
    return data, rows


def test_truncated_file_is_a_mass_removal(tmp_path: Path, cli: CliRunner) -> None:
    data, rows = _base(tmp_path, cli)
    cut = write_sdn(tmp_path / "cut.csv", rows[:25], eof=b"")
    before = {p: p.read_bytes() for p in files_under(data)}
    args = ("--data", str(data), "import", "ofac-csv", str(cut), "--as-of", "2024-01-02")
    unterminated = cli(*args)
    assert unterminated.code == 2 and f"{cut}: refused (missing-eof)" in unterminated.err
    assert "--allow-incomplete" in unterminated.err
    assert {p: p.read_bytes() for p in files_under(data)} == before
    incomplete = (*args, "--allow-incomplete", "the test cut the file")
    refused = cli(*incomplete)
    assert refused.code == 2
    assert "remove 15 of 40 entries" in refused.err and "--allow-mass-removal" in refused.err
    assert {p: p.read_bytes() for p in files_under(data)} == before
    assert cli(*incomplete, "--allow-mass-removal", " ").code == 2  # a reason is required
    allowed = cli(*incomplete, "--allow-mass-removal", "OFAC  delisted\n15 entries")
    assert allowed.code == 0, allowed.err
    assert "15 removed" in allowed.out and "names no delisting act" in allowed.out
    assert "acknowledged in the snapshot: OFAC delisted 15 entries" in allowed.out
    latest = Registry(data)["us-ofac-sdn"].latest
    assert len(latest.entries) == 25 and latest.changes == ()
    ack = latest.acknowledges("mass-removal")
    assert ack is not None and ack.reason == "OFAC delisted 15 entries"
    text = (data / "lists" / "us-ofac-sdn" / "2024-01-02.yaml").read_text(encoding="utf-8")
    overridden = (
        'acknowledged:\n- rule: missing-eof\n  reason: "the test cut the file (cut.csv: the '
    )

    assert overridden in text
    assert "- rule: mass-removal\n  reason: OFAC delisted 15 entries\n" in text
    # check reports the acknowledged mass removal, and does not fail on it (even --strict)
    for strict in ((), ("--strict",)):
        checked = cli("--data", str(data), "check", "--format", "json", *strict)
        found = [f for f in json.loads(checked.out)["findings"] if f["rule"] == "mass-removal"]
        assert [f["severity"] for f in found] == ["notice"]
        assert "acknowledged" in found[0]["message"] and "OFAC delisted" in found[0]["message"]


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path, cli: CliRunner) -> None:
    data, rows = _base(tmp_path, cli)
    rows = [*rows[1:], sdn_row(99, "NEW ONE", "SDNTK")]
    rows[0] = sdn_row(2, "NAME 2", "SDGT] [SDNTK")
    new = write_sdn(tmp_path / "new.csv", rows)
    before = {p: p.read_bytes() for p in files_under(data)}
    args = ("--data", str(data), "import", "ofac-csv", str(new), "--as-of", "2024-01-05")
    result = cli(*args, "--dry-run")
    assert result.code == 0
    assert "1 added, 1 removed, 1 amended" in result.out
    # an imported list is evidenced by the publication: the addition (no listing date) and the
    # removal (no delisting act) rest on it alone
    assert "2 publication only, 0 unexplained" in result.out
    assert "21 U.S.C. 1901-1908" in result.out
    assert {p: p.read_bytes() for p in files_under(data)} == before
    assert cli(*args).code == 0
    latest = Registry(data)["us-ofac-sdn"].latest
    (record,) = latest.changes
    assert (record.entry, record.action.value, record.basis) == ("2", "amended", ("kingpin-act",))
    assert str(record.effective) == "2024-01-05"


def test_import_in_date_order_only(tmp_path: Path, cli: CliRunner) -> None:
    data, _ = _base(tmp_path, cli)
    source = tmp_path / "sdn.csv"
    result = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2023-12-01")
    assert result.code == 2 and "date order" in result.err
    again = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2024-01-01")
    assert again.code == 0 and "replaced" in again.out


def test_un_whitespace_rewrap_is_not_a_change(tmp_path: Path, cli: CliRunner) -> None:
    def un_file(name: str, day: str, comment: str) -> Path:
        path = tmp_path / name
        path.write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="{day}">'
            "<INDIVIDUALS><INDIVIDUAL><DATAID>11</DATAID><FIRST_NAME> RI </FIRST_NAME>"
            "<SECOND_NAME>WON  HO</SECOND_NAME><UN_LIST_TYPE>Taliban</UN_LIST_TYPE>"
            "<REFERENCE_NUMBER>TAi.1</REFERENCE_NUMBER><LISTED_ON>2011-01-01</LISTED_ON>"
            f"<COMMENTS1>{comment}</COMMENTS1><INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY>"
            "<ALIAS_NAME>Ri</ALIAS_NAME></INDIVIDUAL_ALIAS>"
            "<NAME_ORIGINAL_SCRIPT>محمد</NAME_ORIGINAL_SCRIPT></INDIVIDUAL></INDIVIDUALS>"
            "<ENTITIES/></CONSOLIDATED_LIST>",
            encoding="utf-8",
        )
        return path

    data = tmp_path / "data"
    data.mkdir()
    one = un_file("a.xml", "2020-01-01T10:00:00-04:00", "Leader of\n  the group.")
    two = un_file("b.xml", "2020-02-01T10:00:00-04:00", "Leader of the\r\ngroup.  ")
    assert cli("--data", str(data), "import", "un-xml", str(one)).code == 0
    result = cli("--data", str(data), "import", "un-xml", str(two))
    assert result.code == 0 and "0 added, 0 removed, 0 amended" in result.out
    entry = Registry(data)["un-sc-consolidated"].latest.entry("11")
    assert entry is not None and entry.name == "RI WON HO"
    assert (
        entry.notes
        == "COMMENTS1: Leader of the group.\nINDIVIDUAL_ALIAS: QUALITY=Low; ALIAS_NAME=Ri"
    )
    assert [n.name for n in entry.names] == ["Ri", "محمد"]
    assert entry.basis == ("unscr-1988",) and dict(entry.refs) == {"un": "TAi.1"}


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    pipe, tty = io.StringIO(), Terminal()
    for stream in (pipe, tty):
        bar = Progress("reading f", 1000, stream)
        with open_counted(path, bar) as handle:
            assert handle.read() == b"x" * 1000
        assert bar.done == 1000
        bar.close()
    assert pipe.getvalue() == ""
    assert "reading f [" in tty.getvalue() and "100%" in tty.getvalue()


def test_no_bar_before_the_delay(tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Terminal()
    bar = Progress("reading f", 10, tty)
    bar.started += 3600  # the work started "in the future": never more than a moment
    bar.advance(10)
    assert tty.getvalue() == ""


def test_uk_csv_given_another_format_says_what_it_is(tmp_path: Path, cli: CliRunner) -> None:
    """An XML file given as uk-csv: line 1 is quoted as it is (not as ''), and the refusal
    names the format the file looks like, as every other reader's does."""
    source = tmp_path / "consolidated.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2018-06-07">'
        "<INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>\n",
        "utf-8",
    )
    result = cli("--data", str(new_folder(tmp_path / "data")), "import", "uk-csv", str(source))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "got ''" not in result.err and "got '<?xml version=" in result.err
    assert "try `designations import un-xml`" in result.err
    assert files_under(tmp_path / "data") == []
