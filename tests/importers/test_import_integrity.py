"""Every integrity signal an official format carries, on real files: OFAC's end-of-file byte,
its companion files, the XML record count, the encoding of the whole file; and the snapshot's
record of the publication it was read from."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import Registry
from designations.importers import import_source
from designations.importers.decoding import detect_encoding

from ..conftest import Result, new_folder

CONS = "ofac_consolidated_nonsdn/2018-04-06"
CONS_FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cons_folder(real: Callable[[str], Path], target: Path, names: tuple[str, ...]) -> Path:
    target.mkdir(parents=True)
    for name in names:
        shutil.copyfile(real(f"{CONS}/{name}"), target / name)
    return target


@pytest.fixture
def imported(real: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Result]) -> Path:
    """A data folder holding the 2018-04-06 consolidated list, imported with its companions."""
    data = tmp_path / "data"
    data.mkdir()
    source = cons_folder(real, tmp_path / "full", CONS_FILES)
    r = cli("--data", str(data), "import", "ofac-csv", str(source), "--as-of", "2018-04-06")
    assert r.code == 0, r.err
    return data


@pytest.mark.slow  # over a second
def test_a_sdn_csv_cut_on_a_row_boundary_is_refused(
    real: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    raw = real("ofac_sdn_csv_daily/2021-12-21/sdn.csv").read_bytes()
    lines = raw.split(b"\r\n")
    cut = tmp_path / "cut" / "sdn.csv"
    cut.parent.mkdir()
    cut.write_bytes(b"\r\n".join(lines[: int(len(lines) * 0.85)]) + b"\r\n")
    data = tmp_path / "data"
    data.mkdir()
    r = cli("--data", str(data), "import", "ofac-csv", str(cut.parent), "--as-of", "2021-12-21")
    assert r.code == 2
    assert f"{cut}: refused (missing-eof)" in r.err and "--allow-incomplete" in r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert not (data / "lists").exists()
    # the whole file, as published, ends with the byte and imports (alone, with a warning)
    whole = real("ofac_sdn_csv_daily/2021-12-21/sdn.csv")
    ok = cli("--data", str(data), "import", "ofac-csv", str(whole), "--as-of", "2021-12-21")
    assert ok.code == 0, ok.err
    assert "imported alone: aliases and addresses" in ok.err
    assert len(Registry(data)["us-ofac-sdn"].latest.entries) == 9153


def test_missing_companion_after_a_snapshot_with_aliases_is_refused(
    real: Callable[[str], Path], tmp_path: Path, imported: Path, cli: Callable[..., Result]
) -> None:
    before = files_under(imported)
    latest = Registry(imported)["us-ofac-consolidated"].latest
    assert sum(len(e.names) for e in latest.entries) > 1000  # the aliases of cons_alt.csv
    partial = cons_folder(real, tmp_path / "no-alt", ("cons_prim.csv", "cons_add.csv"))
    args = ("--data", str(imported), "import", "ofac-csv")
    r = cli(*args, str(partial), "--as-of", "2018-04-07")
    assert r.code == 2 and "refused (missing-companion)" in r.err
    assert "cons_alt.csv, cons_comments.csv missing" in r.err and "--allow-incomplete" in r.err
    lone = cons_folder(real, tmp_path / "lone", ("cons_prim.csv",))
    r = cli(*args, str(lone), "--as-of", "2018-04-07")
    assert r.code == 2 and f"{lone / 'cons_prim.csv'}: refused (missing-companion)" in r.err
    assert "2018-04-06" in r.err  # the snapshot whose aliases would be dropped
    assert files_under(imported) == before
    # the flag's old form, without a reason, is refused with a message saying what to give
    bare = cli(*args, str(partial), "--as-of", "2018-04-07", "--allow-incomplete")
    assert bare.code == 2 and "--allow-incomplete needs a reason" in bare.err
    assert bare.err.count("\n") == 1 and files_under(imported) == before
    reason = "the archive  kept\nonly two files"
    forced = cli(*args, str(partial), "--as-of", "2018-04-07", "--allow-incomplete", reason)
    assert forced.code == 0 and "imported despite missing-companion" in forced.err
    shown = "integrity failure (missing-companion) acknowledged in the snapshot: the archive kept"
    assert shown in forced.out
    ack = Registry(imported)["us-ofac-consolidated"].latest.acknowledges("missing-companion")
    assert ack is not None
    assert ack.reason.startswith("the archive kept only two files (cons_alt.csv: ")
    assert "cons_alt.csv, cons_comments.csv missing beside cons_prim.csv" in ack.reason


def test_an_empty_companion_is_one_as_published(imported: Path) -> None:
    """The real 2018 cons_comments.csv is empty: present, so the set is whole."""
    snap = Registry(imported)["us-ofac-consolidated"].latest
    assert len(snap.entries) == 639
    assert snap.publication is not None
    assert [f.name for f in snap.publication.files] == list(CONS_FILES)
    empty = hashlib.sha256(b"").hexdigest()
    assert snap.publication.files[-1].sha256 == empty
    assert snap.publication.format == "ofac-csv" and snap.publication.published is None
    assert snap.info.evidence.value == "publication"


def test_xml_publication_block_and_record_count(
    real: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = real(f"{CONS}/consolidated.xml")
    data = tmp_path / "data"
    data.mkdir()
    r = cli("--data", str(data), "import", "ofac-xml", str(source))
    assert r.code == 0, r.err
    snap = Registry(data)["us-ofac-consolidated"].latest
    assert snap.publication is not None
    (one,) = snap.publication.files
    assert one.name == "consolidated.xml"
    assert one.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert str(snap.publication.published) == "2018-04-06" and snap.publication.url is None
    text = (data / "lists" / "us-ofac-consolidated" / "2018-04-06.yaml").read_text("utf-8")
    assert "publication:\n  format: ofac-xml\n  files:\n  - name: consolidated.xml\n" in text
    # a file whose stated Record_Count differs from what it holds is refused
    raw = source.read_bytes()
    assert b"<Record_Count>639</Record_Count>" in raw
    bad = tmp_path / "bad.xml"
    bad.write_bytes(raw.replace(b"<Record_Count>639<", b"<Record_Count>640<"))
    other = new_folder(tmp_path / "other")
    refused = cli("--data", str(other), "import", "ofac-xml", str(bad))
    assert refused.code == 2 and f"{bad}: refused (count-mismatch)" in refused.err
    assert "--allow-incomplete" in refused.err and not (other / "lists").exists()


def test_encoding_is_decided_from_the_whole_file(tmp_path: Path) -> None:
    late = tmp_path / "late.csv"
    late.write_bytes(b"a,b\r\n" * 400_000 + "é,ü\r\n".encode())  # 2 MB of ASCII first
    assert detect_encoding(late) == "utf-8"
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("é\r\n".encode() + b"a\r\n" * 600_000 + b"\xe9\r\n")  # cp1252 at the end
    assert detect_encoding(mixed) == "cp1252"


def test_import_library_needs_a_reason_for_a_mass_removal(tmp_path: Path) -> None:
    from designations.errors import UsageError

    with pytest.raises(UsageError, match="needs a reason"):
        import_source("ofac-csv", tmp_path, tmp_path, allow_mass_removal=" ")


@pytest.mark.slow
def test_five_ofac_daily_files_pass_check(
    real: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """A normal OFAC week in the CI gate: five daily files imported in order, then `check`
    exits 0; removals and additions are `publication` warnings, not errors."""
    data = str(tmp_path / "data")
    Path(data).mkdir()
    for day in ("2021-12-21", "2021-12-22", "2021-12-30", "2022-03-21", "2022-03-24"):
        source = real(f"ofac_sdn_csv_daily/{day}/sdn.csv")
        r = cli("--data", data, "import", "ofac-csv", str(source), "--as-of", day)
        assert r.code == 0, r.err
    checked = cli("--data", data, "check", "-f", "json")
    assert checked.code == 0, checked.out[-2000:]
    findings = json.loads(checked.out)["findings"]
    assert {f["severity"] for f in findings} == {"warning"}
    removals = [f for f in findings if "2021-12-30" in f["file"] and "removed" in f["message"]]
    assert len(removals) == 150
    assert {f["rule"] for f in removals} == {"publication-change"}


@pytest.mark.slow  # over a second
def test_imported_snapshot_and_list_match_their_schemas(imported: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from designations.schema_files import schema

    folder = imported / "lists" / "us-ofac-consolidated"
    for kind, path in (("list", folder / "list.yaml"), ("snapshot", folder / "2018-04-06.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        jsonschema.Draft202012Validator(schema(kind)).validate(document)
        if kind == "snapshot":
            assert "publication" in document and "first_seen" in document["entries"][0]
