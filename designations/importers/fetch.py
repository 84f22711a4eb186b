"""Fetching a list's official file from its publisher.

HTTPS only, unless the caller allows plain HTTP (``--allow-http``, for a local mirror); a
redirect to plain HTTP is refused the same way. Each request has connect and read timeouts;
what is read is bounded (``DOWNLOAD_LIMIT``: a declared ``Content-Length`` over it is refused
before reading, and the count is kept while reading); a progress bar is drawn on a terminal.
The file is written into the caller's folder under a temporary name and renamed once complete,
so a broken download never looks like a file. The ``Publication`` keeps the URL, the time of
retrieval (UTC) and the SHA-256 of exactly the bytes read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import socket
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import unquote, urljoin, urlsplit

import attrs

from .._version import __version__
from ..errors import UsageError
from .progress import Progress

__all__ = ["DOWNLOAD_LIMIT", "FetchError", "Publication", "download", "is_url"]

#: The most a download may hold, in bytes.
DOWNLOAD_LIMIT = 1 << 30
#: Seconds to connect, and to wait for each read.
CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 60.0
_REDIRECTS = 5
_CHUNK = 1 << 16
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class FetchError(UsageError):
    """A download that failed or was refused (exit 2, one line)."""


@attrs.frozen
class Publication:
    """What was fetched: from where, when, and a checksum of exactly what was read."""

    url: str
    retrieved: dt.datetime
    sha256: str
    size: int

    def describe(self) -> str:
        stamp = self.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"Fetched from {self.url} at {stamp}, {self.size} bytes, SHA-256 {self.sha256}."


def is_url(text: str) -> bool:
    """Whether a SOURCE is a URL (any ``scheme://``, so that ``ftp://`` is refused as a URL
    rather than read as a path with its slashes folded)."""
    return _URL.match(text) is not None


def _check_scheme(url: str, allow_http: bool) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and allow_http):
        return
    if scheme == "http":
        raise FetchError(
            f"{url}: refused: plain HTTP (use HTTPS, or --allow-http for a mirror you trust)"
        )
    raise FetchError(f"{url}: refused: only https:// URLs are fetched")


def _file_name(url: str, disposition: str | None) -> str:
    name = ""
    if disposition:
        match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', disposition)
        if match:
            name = unquote(match.group(1))
    if not name:
        name = unquote(PurePosixPath(urlsplit(url).path).name)
    name = _SAFE_NAME.sub("_", PurePosixPath(name.replace("\\", "/")).name).strip("._")
    return name or "download"


def download(
    url: str,
    folder: Path,
    *,
    allow_http: bool = False,
    limit: int | None = None,
    progress: IO[str] | None = None,
) -> tuple[Path, Publication]:
    """Fetch ``url`` into ``folder``; the file's path and its publication record."""
    import requests  # here, so commands that fetch nothing do not load it

    limit = DOWNLOAD_LIMIT if limit is None else limit
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc credentials picked up silently
    headers = {"User-Agent": f"designations/{__version__}"}
    current = url
    try:
        for _ in range(_REDIRECTS + 1):
            _check_scheme(current, allow_http)
            response = session.get(
                current,
                stream=True,
                allow_redirects=False,
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                headers=headers,
            )
            if response.is_redirect:
                location = response.headers.get("Location", "")
                response.close()
                current = urljoin(current, location)
                continue
            break
        else:
            raise FetchError(f"{url}: more than {_REDIRECTS} redirects")
        with response:
            if response.status_code != 200:
                reason = " ".join(str(response.reason or "")[:100].split())
                raise FetchError(
                    f"{url}: download failed: {_host(current)} answered HTTP "
                    f"{response.status_code} {reason}".rstrip()
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(
                    f"{current}: refused: {int(declared):,} bytes, more than the download "
                    f"limit ({limit:,})"
                )
            name = _file_name(current, response.headers.get("Content-Disposition"))
            target = folder / name
            bar = Progress(f"fetching {name}", int(declared) if declared else 0, progress)
            digest = hashlib.sha256()
            size = 0
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    for chunk in response.iter_content(_CHUNK):
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(
                                f"{current}: refused: more than the download limit ({limit:,} "
                                "bytes)"
                            )
                        digest.update(chunk)
                        out.write(chunk)
                        bar.advance(len(chunk))
                Path(temp).replace(target)
            except BaseException:
                with contextlib.suppress(OSError):
                    Path(temp).unlink()
                raise
            finally:
                bar.close()
    except requests.RequestException as exc:
        raise FetchError(f"{url}: download failed: {_cause(exc, _host(current))}") from None
    finally:
        session.close()
    retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return target, Publication(url, retrieved, digest.hexdigest(), size)


def _host(url: str) -> str:
    """The host (and port, when the URL names one) a URL is fetched from."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port is not None else host


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception it wraps (causes, contexts, urllib3's ``reason``, an
    exception passed as an argument), each once."""
    found: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        todo.extend((item.__cause__, item.__context__, getattr(item, "reason", None)))
        todo.extend(item.args)
    return found


def _cause(exc: BaseException, host: str) -> str:
    """Why a request to ``host`` failed, in words (no library's raw text): the host could not
    be resolved, refused the connection, timed out, failed TLS, or broke off."""
    import ssl

    import requests

    chain = _chain(exc)

    def has(kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
        return any(isinstance(e, kind) for e in chain)

    if has(socket.gaierror):
        return f"cannot resolve host {host} (no such host, or no DNS answer)"
    if has((requests.exceptions.SSLError, ssl.SSLError)):
        tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
        detail = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or ""
        detail = str(detail).replace("_", " ").lower()
        return f"TLS error with {host}" + (f": {detail}" if detail else "")
    if has(requests.exceptions.ConnectTimeout):
        return f"timed out: no connection to {host} within {CONNECT_TIMEOUT:g} s"
    if has(requests.exceptions.ReadTimeout):
        return f"timed out: {host} sent nothing for {READ_TIMEOUT:g} s"
    if has(ConnectionRefusedError):
        return f"connection refused by {host}"
    if has((requests.exceptions.ChunkedEncodingError, ConnectionResetError)):
        return f"the connection to {host} broke off during the download"
    if has((requests.exceptions.InvalidURL, requests.exceptions.URLRequired)):
        return "not a valid URL"
    errors = [e for e in chain if isinstance(e, OSError) and e.strerror]
    if errors:
        return f"cannot connect to {host}: {str(errors[-1].strerror).lower()}"
    return f"cannot fetch from {host} ({type(exc).__name__})"
