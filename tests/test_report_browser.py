"""The HTML report in a real browser: headless Chromium renders it, the screenshot is not blank
and shows the timeline's bars, and the DOM holds every change and its act."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from designations import Registry, build_report
from designations.render.report_chart import PALETTE
from designations.render.report_html import report_html

from .conftest import FIXTURES
from .pngread import read_png

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install -y chromium)"
)
WIDTH, HEIGHT = 1200, 1600


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The report over the history and hostile fixtures together, written to a file."""
    folder = tmp_path_factory.mktemp("report")
    for source in ("history", "hostile"):
        for lst in (FIXTURES / source / "lists").iterdir():
            shutil.copytree(lst, folder / "data" / "lists" / lst.name)
    report = build_report(Registry(folder / "data"))
    path = folder / "report.html"
    path.write_text(report_html(report), encoding="utf-8")
    return path, len(report.items), path.read_text(encoding="utf-8")


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.mark.slow  # over a second: the fast tier stays under a minute
def test_screenshot_is_not_blank_and_shows_the_chart(
    page: tuple[Path, int, str], tmp_path: Path
) -> None:
    path, _, _ = page
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", path.as_uri())
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    step = 4 if len(rows[0]) == width * 4 else 3
    pixels = Counter(
        tuple(row[i : i + 3]) for row in rows[::4] for i in range(0, len(row), step * 4)
    )
    white = pixels[(255, 255, 255)]
    assert len(pixels) > 50, "a blank or single-colour page"
    assert white < 0.97 * sum(pixels.values()), "almost nothing drawn"
    # the timeline's bars, in the colours of the lists that changed (xa, xc, xh; not xb)
    for colour in (PALETTE[0], PALETTE[2], PALETTE[3]):
        assert pixels[hex_rgb(colour)] > 20, f"no bar in {colour}"


def test_dom_holds_every_change_and_its_act(page: tuple[Path, int, str], tmp_path: Path) -> None:
    path, changes, _ = page
    dom = chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    assert dom.count('<tr class="change"') == changes == 10
    for entry in ("kalimar", "quill-society", "script", "formula", "pipe"):
        assert f'data-entry="{entry}"' in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script>" not in dom  # the name stayed text; nothing ran or was added
    assert 'href="https://example.org/xa/court-2025"' in dom
    assert "Imaginary Supreme Court, ВС-25-4, 2025-04-17" in dom
    assert "<svg" in dom and dom.count("<rect") >= 3
