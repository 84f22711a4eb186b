"""Fetching official files (``import FORMAT URL``, ``update``) from a local HTTP server on the
loopback interface; never the internet."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import re
import shutil
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from designations import load_snapshot
from designations.importers import fetch
from designations.importers.fetch import FetchError, download
from designations.load import load_list_info
from designations.schema_files import schema

from ..conftest import SAMPLE_DATA, Result, files_under, new_folder

OFAC_XML = "ofac_consolidated_nonsdn/2020-03-17/sample_ofac_consolidated.xml"


class _Handler(http.server.SimpleHTTPRequestHandler):
    redirects: ClassVar[dict[str, str]] = {}

    def do_GET(self) -> None:
        target = self.redirects.get(self.path)
        if target is not None:
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """A local HTTP server serving a temporary folder: (base URL, folder, redirects)."""
    root = tmp_path / "served"
    root.mkdir()
    redirects: dict[str, str] = {}

    class Handler(_Handler):
        pass

    Handler.redirects = redirects

    def make(
        request: socket.socket, address: tuple[str, int], server: socketserver.BaseServer
    ) -> http.server.BaseHTTPRequestHandler:
        return Handler(request, address, server, directory=str(root))

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root, redirects
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.slow  # over a second
def test_import_from_a_url_records_the_publication(
    cli: Callable[..., Result],
    real: Callable[[str], Path],
    server: tuple[str, Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    base, root, _ = server
    source = real(OFAC_XML)
    shutil.copy(source, root / "consolidated.xml")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    data = tmp_path / "data"
    data.mkdir()
    url = f"{base}/consolidated.xml"
    result = cli("--data", str(data), "import", "ofac-xml", url, "--allow-http")
    assert result.code == 0, result.err
    assert f"SHA-256 {digest}" in result.out
    folder = data / "lists" / "us-ofac-consolidated"
    snapshot = (folder / "2020-03-17.yaml").read_text("utf-8")
    assert f'sources:\n- "{url}"' in snapshot
    assert f"Fetched from {url} at " in snapshot and f"SHA-256 {digest}" in snapshot
    info = (folder / "list.yaml").read_text("utf-8")
    assert f'source:\n  format: ofac-xml\n  url: "{url}"' in info
    # The snapshot's publication record: the URL, when it was fetched, the file's checksum.
    loaded = load_snapshot(folder / "2020-03-17.yaml", load_list_info(folder / "list.yaml"))
    record = loaded.publication
    assert record is not None and record.url == url
    assert [f.sha256 for f in record.files] == [digest]
    assert record.retrieved is not None
    assert abs((dt.datetime.now(dt.UTC) - record.retrieved).total_seconds()) < 600
    # The JSON Schemas editors use accept both files as written.
    jsonschema = pytest.importorskip("jsonschema")
    for kind, path in (("snapshot", folder / "2020-03-17.yaml"), ("list", folder / "list.yaml")):
        document = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
        jsonschema.validate(document, schema(kind))


def test_plain_http_needs_asking(
    cli: Callable[..., Result], server: tuple[str, Path, dict[str, str]], tmp_path: Path
) -> None:
    base, root, redirects = server
    (root / "x.xml").write_text("<sdnList/>", "utf-8")
    result = cli("--data", str(new_folder(tmp_path / "d")), "import", "ofac-xml", f"{base}/x.xml")
    assert result.code == 2
    assert "refused: plain HTTP" in result.err and "--allow-http" in result.err
    assert result.err.count("\n") == 1
    with pytest.raises(FetchError, match="only https"):
        download("ftp://127.0.0.1/x", tmp_path)
    # A redirect is followed, and its target checked the same way.
    redirects["/moved.xml"] = "/x.xml"
    path, publication = download(f"{base}/moved.xml", tmp_path, allow_http=True)
    assert path.read_text("utf-8") == "<sdnList/>"
    assert publication.url == f"{base}/moved.xml"


def test_download_limits_and_failures(
    server: tuple[str, Path, dict[str, str]], tmp_path: Path
) -> None:
    base, root, _ = server
    (root / "big.csv").write_bytes(b"x" * 5000)
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(FetchError, match="more than the download limit"):
        download(f"{base}/big.csv", target, allow_http=True, limit=1000)
    with pytest.raises(FetchError, match="HTTP 404"):
        download(f"{base}/missing.csv", target, allow_http=True)
    assert list(target.iterdir()) == []  # nothing half-written is left
    with pytest.raises(FetchError, match="download failed"):
        download("http://127.0.0.1:9/x.csv", target, allow_http=True)


@pytest.mark.slow  # over a second
def test_update_writes_only_what_changed(
    cli: Callable[..., Result],
    real: Callable[[str], Path],
    server: tuple[str, Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    base, root, _ = server
    dates = ["2018-06-07", "2018-06-21"]
    files = [real(f"un_sc_consolidated/{d}/consolidated.xml") for d in dates]
    data = tmp_path / "data"
    data.mkdir()
    first = cli("--data", str(data), "import", "un-xml", str(files[0]))
    assert first.code == 0, first.err
    info = data / "lists" / "un-sc-consolidated" / "list.yaml"
    url = f"{base}/consolidated.xml"
    info.write_text(
        info.read_text("utf-8") + f'source:\n  format: un-xml\n  url: "{url}"\n', "utf-8"
    )
    shutil.copy(files[1], root / "consolidated.xml")
    result = cli("--data", str(data), "update", "--allow-http")
    assert result.code == 0, result.err
    assert re.search(
        r"un-sc-consolidated 2018-06-21: 2 added, 0 removed, 0 amended; wrote ", result.out
    )
    before = sorted(p.name for p in info.parent.iterdir())
    again = cli("--data", str(data), "update", "--allow-http")
    assert again.code == 0, again.err
    raw = files[1].read_text("utf-8")
    count = raw.count("<INDIVIDUAL>") + raw.count("<ENTITY>")
    assert again.out == f"un-sc-consolidated: unchanged ({count} entries)\n"
    assert sorted(p.name for p in info.parent.iterdir()) == before
    # A list that names no source, asked for by name, is a usage error.
    other = cli("--data", str(data), "update", "xx-none")
    assert other.code == 2


def test_update_with_no_sourced_list(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    result = cli("--data", str(tmp_path), "update")
    assert result.code == 0
    assert "nothing to update" in result.out
    bare = cli("--data", str(tmp_path), "update", "--allow-incomplete")  # a reason is required
    assert bare.code == 2 and "--allow-incomplete needs a reason" in bare.err and not bare.out


def test_import_ofac_csv_from_a_local_server(
    cli: Callable[..., Result],
    real: Callable[[str], Path],
    server: tuple[str, Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    base, root, _ = server
    source = real("ofac_sdn_csv_daily/2021-12-21/sdn.csv")
    shutil.copy(source, root / "sdn.csv")
    raw = source.read_bytes()
    ids = {line.split(b",", 1)[0] for line in raw.splitlines() if line[:1].isdigit()}
    data = tmp_path / "data"
    data.mkdir()
    url = f"{base}/sdn.csv"
    result = cli(
        "--data", str(data), "import", "ofac-csv", url, "--allow-http", "--as-of", "2021-12-21"
    )
    assert result.code == 0, result.err
    snapshot = (data / "lists" / "us-ofac-sdn" / "2021-12-21.yaml").read_text("utf-8")
    assert f'- "{url}"' in snapshot
    assert f"SHA-256 {hashlib.sha256(raw).hexdigest()}" in snapshot
    assert snapshot.count("\n- id: ") == len(ids) == 9153


def test_update_goes_on_after_a_failing_list(
    cli: Callable[..., Result],
    real: Callable[[str], Path],
    server: tuple[str, Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    base, root, _ = server
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(real(OFAC_XML), root / "consolidated.xml")
    ok = cli("--data", str(data), "import", "ofac-xml", f"{base}/consolidated.xml", "--allow-http")
    assert ok.code == 0, ok.err
    un = real("un_sc_consolidated/2018-06-07/consolidated.xml")
    assert cli("--data", str(data), "import", "un-xml", str(un)).code == 0
    info = data / "lists" / "un-sc-consolidated" / "list.yaml"
    info.write_text(
        info.read_text("utf-8") + f'source:\n  format: un-xml\n  url: "{base}/gone.xml"\n', "utf-8"
    )
    result = cli("--data", str(data), "update", "--allow-http")
    assert result.code == 2
    assert result.err.startswith("un-sc-consolidated: ") and "HTTP 404" in result.err
    assert "us-ofac-consolidated: unchanged" in result.out
    dry = cli("--data", str(data), "update", "--allow-http", "--dry-run", "us-ofac-consolidated")
    assert dry.code == 0 and "unchanged" in dry.out


def test_a_url_of_another_scheme_is_refused_as_a_url(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """`import eu-xml ftp://host/x.xml` said `ftp:/host/x.xml: no such file or folder` (read as
    a path, its slashes folded): it is a URL, and only https:// (or http:// when asked) is
    fetched."""
    result = cli(
        "--data", str(new_folder(tmp_path / "d")), "import", "eu-xml", "ftp://example.org/x.xml"
    )
    assert result.code == 2 and result.err.count("\n") == 1
    assert "ftp://example.org/x.xml" in result.err and "only https" in result.err
    assert files_under(tmp_path / "d") == []


def _refuse(error: OSError) -> Callable[..., socket.socket]:
    """A stand-in for urllib3's ``create_connection`` that fails as the network would."""

    def connect(*args: object, **kwargs: object) -> socket.socket:
        raise error

    return connect


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "cannot resolve host lists.example.invalid (no such host, or no DNS answer)",
        ),
        (
            ConnectionRefusedError(111, "Connection refused"),
            "connection refused by lists.example.invalid",
        ),
        (
            TimeoutError("timed out"),
            "timed out: no connection to lists.example.invalid within 15 s",
        ),
        (
            OSError(101, "Network is unreachable"),
            "cannot connect to lists.example.invalid: network is unreachable",
        ),
    ],
)
def test_update_says_in_words_why_a_source_cannot_be_reached(
    cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    cause: str,
) -> None:
    """An unreachable source is one line naming the list, the URL, the host and the cause,
    never the HTTP library's text (``HTTPSConnectionPool(host=…): Max retries exceeded …``)."""
    import urllib3.util.connection

    monkeypatch.setattr(urllib3.util.connection, "create_connection", _refuse(error))
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    info = data / "lists" / "xx-sample" / "list.yaml"
    url = "https://lists.example.invalid/list.xml"
    info.write_text(info.read_text("utf-8") + f"source:\n  format: un-xml\n  url: {url}\n", "utf-8")
    result = cli("--data", str(data), "update")
    assert result.code == 2 and result.out == ""
    assert result.err == f"xx-sample: {url}: download failed: {cause}\n"


def test_a_tls_failure_and_an_http_status_name_the_host(
    server: tuple[str, Path, dict[str, str]], tmp_path: Path
) -> None:
    base, _, _ = server
    host = base.removeprefix("http://")
    with pytest.raises(FetchError) as refused:
        download(f"https://{host}/x.xml", tmp_path)  # TLS spoken to a plain-HTTP server
    assert str(refused.value).startswith(
        f"https://{host}/x.xml: download failed: TLS error with {host}"
    )
    assert "SSLError" not in str(refused.value) and "Max retries" not in str(refused.value)
    with pytest.raises(FetchError) as missing:
        download(f"{base}/x.xml", tmp_path, allow_http=True)
    assert (
        str(missing.value)
        == f"{base}/x.xml: download failed: {host} answered HTTP 404 File not found"
    )


def test_a_source_that_stops_answering_times_out_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that accepts the connection and then says nothing: the read timeout, in words."""
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 0.2)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host = f"127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(FetchError) as late:
            download(f"http://{host}/x.xml", tmp_path, allow_http=True)
    assert str(late.value) == (
        f"http://{host}/x.xml: download failed: timed out: {host} sent nothing for 0.2 s"
    )
