"""Ids, dates, URLs and numbers are matched in full, in ASCII: a trailing newline, Arabic-Indic
or fullwidth digits, a space or a bidi control inside a URL, ``nan`` or ``1_000`` never pass."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from designations import DataError, load_snapshot
from designations.dates import parse_date, parse_partial_date
from designations.fields import SLUG
from designations.load import LIST_ID

from .conftest import SAMPLE_DATA, Result
from .importers.test_importers import sdn_row, write_sdn

TARGET = Path("lists/xx-sample/2021-01-01.yaml")


@pytest.mark.parametrize(
    "text", ["2020-01-01\n", "٢٠٢٠-01-01", "２０２０-01-01", "2020-01-0١", " 2020-01-01"]
)
def test_dates_are_ascii_and_whole(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["xx-evil\n", "xx-evil\r", "xx-еvil", "xx-evil "])
def test_ids_are_whole(text: str) -> None:
    assert not LIST_ID.match(text)
    assert not SLUG.match(text.removeprefix("xx-"))


def edit(root: Path, old: str, new: str, where: Path = TARGET) -> None:
    path = root / where
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("as_of: 2021-01-01", 'as_of: "2021-01-01\\n"', TARGET),
        ("listed_on: 2019-01-01", "listed_on: ２０19-01-01", TARGET),
        ("id: golf", 'id: "golf\\n"', TARGET),
        ("  - https://example.org/sample-list", '  - "https://example.org/x\\n"', TARGET),
        ("  - https://example.org/sample-list", '  - "https://example.org/\\u202ex"', TARGET),
        ("  - https://example.org/sample-list", '  - "https://example.org/a b"', TARGET),
    ],
)
def test_the_loader_refuses_what_only_a_partial_match_would_pass(
    tmp_path: Path, old: str, new: str, where: Path
) -> None:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    edit(tmp_path / "data", old, new, where)
    folder = tmp_path / "data" / "lists" / "xx-sample"
    with pytest.raises(DataError):
        load_snapshot(folder / "2021-01-01.yaml")


@pytest.mark.parametrize("share", ["nan", "inf", "1_0", "٠.5", " 0.5", "0.5\\n"])
def test_numbers_are_written_out_in_ascii(
    tmp_path: Path, cli: Callable[..., Result], share: str
) -> None:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    info = Path("lists/xx-sample/list.yaml")
    text = (tmp_path / "data" / info).read_text(encoding="utf-8")
    (tmp_path / "data" / info).write_text(
        text + f'mass_removal: {{share: "{share}"}}\n', encoding="utf-8"
    )
    result = cli("--data", str(tmp_path / "data"), "diff", "xx-sample")
    assert result.code == 2
    assert "is not a number" in result.err


def test_import_refuses_a_list_id_with_a_trailing_newline(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    source = write_sdn(tmp_path / "sdn.csv", [sdn_row(1, "ALPHA GROUP")])
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    result = cli(
        "--data", str(tmp_path / "data"), "import", "ofac-csv", str(source),
        "--as-of", "2024-01-02", "--list", "xx-evil\n",
    )  # fmt: skip
    assert result.code == 2
    assert "is not a list id" in result.err
    assert not (tmp_path / "data" / "lists" / "xx-evil\n").exists()


@pytest.mark.parametrize("where", ["attribute", "text"])
def test_an_oversized_xml_token_is_refused_early(
    tmp_path: Path, cli: Callable[..., Result], where: str
) -> None:
    import time

    from designations.importers.xmlread import MAX_TOKEN_BYTES

    big = "x" * (16 * MAX_TOKEN_BYTES)  # 16 MiB: 25 s in expat 2.5 if it reached it whole
    body = f'<INDIVIDUAL A="{big}"/>' if where == "attribute" else f"<NOTE>{big}</NOTE>"
    source = tmp_path / "un.xml"
    source.write_text(
        f'<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2024-01-02T00:00:00">'
        f"<INDIVIDUALS>{body}</INDIVIDUALS></CONSOLIDATED_LIST>\n"
    )
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    started = time.process_time()
    result = cli("--data", str(tmp_path / "data"), "import", "un-xml", str(source), "--dry-run")
    assert result.code == 2, result.err
    assert f"longer than the limit of {MAX_TOKEN_BYTES} bytes" in result.err
    assert time.process_time() - started < 3  # about 0.05 s


def test_import_refuses_to_write_what_the_loader_would_refuse(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    from designations import yamlio

    long_name = "A" * (yamlio.MAX_TEXT_CHARS + 1)
    source = write_sdn(tmp_path / "sdn.csv", [sdn_row(1, long_name), sdn_row(2, "BETA")])
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    before = sorted(p.name for p in (tmp_path / "data" / "lists").iterdir())
    result = cli(
        "--data", str(tmp_path / "data"), "import", "ofac-csv", str(source),
        "--as-of", "2024-01-02",
    )  # fmt: skip
    assert result.code == 2
    assert "the import would write data the loader refuses" in result.err
    assert f"limit of {yamlio.MAX_TEXT_CHARS} characters" in result.err
    assert sorted(p.name for p in (tmp_path / "data" / "lists").iterdir()) == before
