"""Benchmark: this library against merely parsing the YAML, at growing sizes.

For each size it generates a list (``generate.py``: two snapshots, 1 % removed, 1 % added,
2 % amended, every change explained) and runs each case as a whole process, measuring its wall
time, its CPU time (user + system, steadier than wall time on a shared machine) and peak memory
(the child's own maximum resident set size; both from ``wait4``):

- ``naive``: ``yaml.load`` of both snapshot files with PyYAML's C loader (``CSafeLoader``);
- ``raw``: libyaml's C parser producing the events of both files, no Python objects
  (``yaml._yaml.CParser.raw_parse``): the floor of any reader built on libyaml;
- ``diff cold``: ``designations diff`` with an empty cache (it parses, then fills the cache);
- ``diff incremental``: the same with the old snapshot already read (in the cache) and the new
  one not: its unchanged entries are reused, only the 2-3 % that changed are parsed;
- ``diff warm``: ``designations diff`` again, both from the cache;
- ``diff no-cache``: ``designations --no-cache diff``;
- ``check`` and ``report`` (warm);
- ``deepdiff``: ``yaml.load`` of both, then ``DeepDiff`` over the whole data (stopped at a cap).

and ``designations check`` over the bundled data, cold and warm. It prints a Markdown table,
every case's ratio to the naive parse and to the raw event parse of the same run, the targets
of issue 17 with their measured ratios, and the machine. Not part of the test run:

    python benchmarks/bench.py            # 20,000 and 100,000 entries
    python benchmarks/bench.py --large    # and 300,000
    python benchmarks/bench.py --sizes 1000,20000 --markdown out.md
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIST_ID = "xx-bench"  # as generate.py writes it

NAIVE = (
    "import sys, yaml\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, 'rb') as h:\n"
    "        yaml.load(h, Loader=yaml.CSafeLoader)\n"
)
RAW = (
    "import sys\n"
    "from yaml import _yaml\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, 'rb') as h:\n"
    "        _yaml.CParser(h.read()).raw_parse()\n"
)
#: Reads one snapshot through the cache, so that the next run finds it there (incremental case).
PRIME = (
    "import sys, datetime\n"
    "from designations import Registry\n"
    "day = datetime.date.fromisoformat(sys.argv[3])\n"
    "Registry(sys.argv[1], cache=True)[sys.argv[2]].load(day)\n"
)
DEEPDIFF = (
    "import sys, yaml\n"
    "from deepdiff import DeepDiff\n"
    "a, b = (yaml.load(open(f, 'rb'), Loader=yaml.CSafeLoader) for f in sys.argv[1:])\n"
    "DeepDiff(a, b)\n"
)


class Measured:
    def __init__(
        self, seconds: float | None, peak_mb: float | None, note: str = "", cpu: float | None = None
    ) -> None:
        self.seconds = seconds
        self.peak_mb = peak_mb
        self.note = note
        #: The process's own CPU time (user + system): on a shared machine, far steadier than
        #: wall time, which also counts the time other jobs had the cores.
        self.cpu = cpu

    def time_text(self) -> str:
        if self.seconds is None:
            return self.note or "n/a"
        return f"{self.note}{self.seconds:.2f} s"

    def mem_text(self) -> str:
        return "n/a" if self.peak_mb is None else f"{self.peak_mb:.0f} MB"


def measure(
    argv: list[str],
    env: dict[str, str] | None = None,
    cap: float | None = None,
    before: Callable[[], object] | None = None,
) -> Measured:
    """Run one whole process; its wall time and its own peak RSS. ``cap``: stop it after that
    many seconds (then the time is reported as "> cap"); ``before``: a function that sets the
    run up (not timed)."""
    if before is not None:
        before()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    os.sync()  # no write-back of earlier cases' files (generated data, caches) during this one
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=full_env, cwd=ROOT)
        timer = None
        if cap is not None:
            timer = threading.Timer(cap, lambda: os.kill(proc.pid, signal.SIGKILL))
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timer is not None:
            timer.cancel()
        if cap is not None and seconds >= cap:
            return Measured(None, None, f"> {cap:.0f} s")
        if proc.returncode not in (0, 1):
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip().splitlines()
            return Measured(None, None, f"failed ({message[-1] if message else proc.returncode})")
    return Measured(seconds, usage.ru_maxrss / 1024, cpu=usage.ru_utime + usage.ru_stime)


def median(runs: list[Measured]) -> Measured:
    """The run of median wall time (its CPU time and memory with it): on a shared machine one
    run can be slowed by other work, and a ratio of two such runs says little."""
    timed = sorted((m for m in runs if m.seconds is not None), key=lambda m: m.seconds or 0.0)
    return timed[(len(timed) - 1) // 2] if timed else runs[0]


def command_exists(name: str) -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "designations", name, "--help"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=False,
    )
    return result.returncode == 0


def designations(*args: str) -> list[str]:
    return [sys.executable, "-m", "designations", *args]


def bench_size(size: int, work: Path, options: argparse.Namespace) -> dict[str, Any]:
    folder = work / f"n{size}"
    # In a child process: this one must stay small, for a child's peak memory as measured
    # (``wait4``) includes what its parent had resident when it was started.
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(folder), "--entries", str(size)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    lst = folder / "lists" / LIST_ID
    files = [str(lst / f"{expected['old']}.yaml"), str(lst / f"{expected['new']}.yaml")]
    cache = work / f"cache-{size}"
    env = {"DESIGNATIONS_CACHE_DIR": str(cache)}
    data = ["--data", str(folder)]
    out = str(work / f"diff-{size}.json")
    row: dict[str, Any] = {
        "entries": size,
        "bytes": sum(Path(f).stat().st_size for f in files),
    }
    print(f"[{size}] generated {row['bytes'] / 1e6:.1f} MB", file=sys.stderr)
    if size <= options.naive_max:
        row["naive"] = measure([sys.executable, "-c", NAIVE, *files])
    else:
        row["naive"] = Measured(None, None, "skipped")
    print(f"[{size}] naive {row['naive'].time_text()}", file=sys.stderr)
    row["raw"] = measure([sys.executable, "-c", RAW, *files])
    print(f"[{size}] raw event parse {row['raw'].time_text()}", file=sys.stderr)
    diff_args = ["diff", LIST_ID, "-f", "json", "-o", out]
    diff = designations(*data, *diff_args)

    def prime() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-c", PRIME, str(folder), LIST_ID, expected["old"]],
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            check=True,
        )

    # cold: an empty cache; incremental: the old snapshot already read (cached), the new not;
    # warm: both cached. Each the median of ``--repeat`` runs, each run set up afresh.
    runs = options.repeat
    row["cold"] = median(
        [
            measure(diff, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
            for _ in range(runs)
        ]
    )
    row["incremental"] = median([measure(diff, env, before=prime) for _ in range(runs)])
    row["warm"] = median([measure(diff, env) for _ in range(runs)])
    row["nocache"] = median(
        [measure(designations("--no-cache", *data, *diff_args), env) for _ in range(runs)]
    )
    summary = json.loads(Path(out).read_text("utf-8"))["summary"]
    row["agrees"] = all(summary[k] == expected[k] for k in summary if k in expected)
    for name in ("check", "report"):
        if options.commands[name]:
            args = [*data, name] if name == "check" else [*data, name, "--list", LIST_ID]
            measure(designations(*args), env)  # fill the cache for what it reads
            row[name] = measure(designations(*args), env)
        else:
            row[name] = Measured(None, None, "n/a (command not yet present)")
    if options.deepdiff_cap > 0:
        row["deepdiff"] = measure(
            [sys.executable, "-c", DEEPDIFF, *files], cap=options.deepdiff_cap
        )
    else:
        row["deepdiff"] = Measured(None, None, "skipped")
    print(
        f"[{size}] cold {row['cold'].time_text()}, incremental {row['incremental'].time_text()}, "
        f"warm {row['warm'].time_text()}, "
        f"deepdiff {row['deepdiff'].time_text()}",
        file=sys.stderr,
    )
    if not options.keep:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return row


def ratio(a: Measured, b: Measured, memory: bool = False, cpu: bool = False) -> float | None:
    x, y = (a.peak_mb, b.peak_mb) if memory else (a.cpu, b.cpu) if cpu else (a.seconds, b.seconds)
    return None if x is None or y is None or not y else x / y


def fmt_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown(head: list[str], body: list[list[str]]) -> str:
    """A Markdown table: the header, its rule, then one line per row of cells."""
    return "\n".join(
        "| " + " | ".join(cells) + " |" for cells in [head, ["---"] * len(head), *body]
    )


def table(rows: list[dict[str, Any]]) -> str:
    head = [
        "entries",
        "YAML size",
        "naive yaml.load",
        "libyaml raw events",
        "diff cold",
        "diff incremental",
        "diff warm",
        "diff no-cache",
        "check warm",
        "report warm",
        "DeepDiff",
    ]
    body: list[list[str]] = []
    for r in rows:

        def both(m: Measured) -> str:
            return m.time_text() if m.peak_mb is None else f"{m.time_text()}, {m.mem_text()}"

        cells = [
            f"{r['entries']:,}",
            f"{r['bytes'] / 1e6:.1f} MB",
            *(
                both(r[k])
                for k in (
                    "naive",
                    "raw",
                    "cold",
                    "incremental",
                    "warm",
                    "nocache",
                    "check",
                    "report",
                    "deepdiff",
                )
            ),
        ]
        body.append(cells)
    return markdown(head, body)


def ratios(rows: list[dict[str, Any]]) -> str:
    """Every case against the naive parse and the raw event parse of the same run."""
    head = [
        "entries",
        "case",
        "/ naive yaml.load",
        "/ libyaml raw events",
        "CPU / naive CPU",
        "CPU / raw CPU",
        "peak / naive peak",
    ]
    body: list[list[str]] = []
    for r in rows:
        for case in ("cold", "incremental", "warm", "nocache"):
            cells = [
                f"{r['entries']:,}",
                case,
                fmt_ratio(ratio(r[case], r["naive"])),
                fmt_ratio(ratio(r[case], r["raw"])),
                fmt_ratio(ratio(r[case], r["naive"], cpu=True)),
                fmt_ratio(ratio(r[case], r["raw"], cpu=True)),
                fmt_ratio(ratio(r[case], r["naive"], memory=True)),
            ]
            body.append(cells)
    return markdown(head, body)


def targets(rows: list[dict[str, Any]], bundled: dict[str, Measured]) -> list[str]:
    """The targets of issue 17, each with its measured ratio."""
    found: list[str] = []

    def line(name: str, value: float | None, limit: float, unit: str = "") -> None:
        verdict = "n/a" if value is None else ("met" if value <= limit else "NOT met")
        shown = "n/a" if value is None else f"{value:.3f}{unit}"
        found.append(f"| {name} | {shown} | at most {limit}{unit} | {verdict} |")

    found += ["| target | measured | limit | |", "| --- | --- | --- | --- |"]
    by_size = {r["entries"]: r for r in rows}
    base = by_size.get(20_000)
    if base is not None:
        line("cold diff / naive parse, 20,000", ratio(base["cold"], base["naive"]), 0.10)
        line("cold diff / libyaml raw event parse, 20,000", ratio(base["cold"], base["raw"]), 10)
        line(
            "incremental diff (2 % changed) / naive parse, 20,000",
            ratio(base["incremental"], base["naive"]),
            0.02,
        )
        line("warm diff / naive parse, 20,000", ratio(base["warm"], base["naive"]), 0.02)
        for case, limit in (("cold", 0.10), ("incremental", 0.02), ("warm", 0.02)):
            line(
                f"{case} diff / naive parse, 20,000, in CPU time",
                ratio(base[case], base["naive"], cpu=True),
                limit,
            )
        line(
            "cold diff peak memory / naive peak, 20,000",
            ratio(base["cold"], base["naive"], memory=True),
            0.25,
        )
    sizes = sorted(by_size)
    for small, large in itertools.pairwise(sizes):
        if large == 5 * small and small >= 20_000:
            for case in ("cold", "incremental", "warm"):
                line(
                    f"diff {case}: time at {large:,} / at {small:,} (5x entries)",
                    ratio(by_size[large][case], by_size[small][case]),
                    5.5,
                )
            for case in ("cold", "incremental", "warm"):
                line(
                    f"diff {case}: CPU time at {large:,} / at {small:,} (5x entries)",
                    ratio(by_size[large][case], by_size[small][case], cpu=True),
                    5.5,
                )
            line(
                f"libyaml raw events (reference): at {large:,} / at {small:,}",
                ratio(by_size[large]["raw"], by_size[small]["raw"]),
                5.5,
            )
    if "check warm" in bundled:
        line("check over the bundled data, warm", bundled["check warm"].seconds, 1.0, " s")
    agrees = all(r["agrees"] for r in rows)
    found.append(
        f"| diff counts agree with the generated changes | {agrees} | True | "
        f"{'met' if agrees else 'NOT met'} |"
    )
    return found


def machine() -> str:
    import yaml

    cpu = platform.processor() or "unknown"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as handle:
        for text in handle:
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = _yaml.get_version_string()
    except ImportError:
        libyaml = "not available"
    memory = ""
    with Path("/proc/meminfo").open(encoding="utf-8") as handle:
        for text in handle:
            if text.startswith("MemTotal"):
                memory = f"{int(text.split()[1]) / 1024 / 1024:.0f} GiB"
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory} memory, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"with libyaml {libyaml}; load average at the end {load[0]:.1f}"
    )


#: The real files of tests/fixtures/realdata the matching case imports: (format, file, as_of).
REAL = [
    ("ofac-csv", "ofac_sdn_csv_daily/2021-12-21/sdn.csv", "2021-12-21"),
    ("ofac-csv", "ofac_sdn_csv_daily/2022-03-24/sdn.csv", "2022-03-24"),
    ("un-xml", "un_sc_consolidated/2018-10-29/consolidated.xml", None),
    ("uk-csv", "uk_hmt_conlist/2020-04-27/sample_hmt.csv", None),
]
QUERIES = ["Qasem Soleimani", "Soleimani Qasem", "Qassem Suleimani"]


def bench_matching(work: Path) -> list[str]:
    """Name matching on the real OFAC, UN and UK files (about 23,000 entries over four
    snapshots): a warm ``history`` query and a warm ``screen`` of 100 names, each against the
    command's start-up (``designations --version``)."""
    import lzma

    data, files = work / "matching" / "data", work / "matching" / "files"
    files.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)  # import refuses a data folder that is not there
    cache = {"DESIGNATIONS_CACHE_DIR": str(work / "matching" / "cache")}
    for fmt, name, as_of in REAL:
        source = files / name
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(
            lzma.decompress((ROOT / "tests/fixtures/realdata" / f"{name}.xz").read_bytes())
        )
        extra = ["--as-of", as_of] if as_of else []
        subprocess.run(
            designations("--data", str(data), "import", fmt, str(source), *extra),
            check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
        )  # fmt: skip
    names = work / "matching" / "names.csv"
    rows = [f"n{i},{q}" for i, q in enumerate(QUERIES * 34)][:100]
    names.write_text("id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    start = min((measure(designations("--version"), cache) for _ in range(3)), key=_secs)
    history = designations("--data", str(data), "history", QUERIES[0])
    cold = measure(history, cache)
    warm = min(
        (measure(designations("--data", str(data), "history", q), cache) for q in QUERIES),
        key=_secs,
    )
    screen = designations("--data", str(data), "screen", str(names), "--on", "2022-03-24")
    measure(screen, cache)
    screened = measure(screen, cache)
    cases = [
        ("start-up (`designations --version`)", start),
        ("`history` cold (empty cache)", cold),
        (f"`history` warm (best of {len(QUERIES)} queries)", warm),
        ("`screen` 100 names, warm", screened),
    ]
    return [
        "Name matching on the real OFAC, UN and UK files (4 snapshots, about 23,000 entries):",
        "",
        "| case | time | peak memory | ÷ start-up |",
        "|---|---:|---:|---:|",
        *(
            f"| {name} | {m.time_text()} | {m.mem_text()} | {fmt_ratio(ratio(m, start))} |"
            for name, m in cases
        ),
    ]


def _secs(m: Measured) -> float:
    return m.seconds if m.seconds is not None else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,100000", help="entries, comma-separated")
    parser.add_argument("--large", action="store_true", help="also 300,000 entries (slow)")
    parser.add_argument(
        "--naive-max",
        type=int,
        default=20_000,
        help="largest size at which to time the naive parse (default 20000: it is the slowest "
        "case, and grows faster than linearly)",
    )
    parser.add_argument(
        "--deepdiff-cap", type=float, default=60, help="stop DeepDiff after this many seconds"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each diff case, the median kept (default 3; the naive parse runs once)",
    )
    parser.add_argument("--work", type=Path, help="folder for generated data (default: a temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument("--markdown", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--matching-only", action="store_true", help="only the name-matching case (real files)"
    )
    options = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in options.sizes.split(",") if s.strip()]
    if options.large and 300_000 not in sizes:
        sizes.append(300_000)
    # An installed package runs from byte-code (pip compiles it); so does the code measured
    # here, whatever PYTHONDONTWRITEBYTECODE says: else every process would compile it anew.
    compileall.compile_dir(ROOT / "designations", quiet=1)
    options.commands = {name: command_exists(name) for name in ("check", "report")}
    work = options.work or Path(tempfile.mkdtemp(prefix="designations-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    matching: list[str] = []
    try:
        matching = bench_matching(work)
        if options.matching_only:
            sys.stdout.write("\n".join([*matching, "", "## Machine", "", machine(), ""]))
            return 0
        for size in sizes:
            rows.append(bench_size(size, work, options))
        bundled: dict[str, Measured] = {}
        if options.commands["check"]:
            cache = {"DESIGNATIONS_CACHE_DIR": str(work / "cache-bundled")}
            shutil.rmtree(work / "cache-bundled", ignore_errors=True)
            bundled["check cold"] = measure(designations("check"), cache)
            bundled["check warm"] = measure(designations("check"), cache)
    finally:
        if options.work is None and not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = ["## Results", "", table(rows), "", "## Ratios", "", ratios(rows), ""]
    if bundled:
        text += [
            "`designations check` over the bundled data: "
            + ", ".join(f"{k} {m.time_text()} ({m.mem_text()})" for k, m in bundled.items()),
            "",
        ]
    else:
        text += ["`designations check` over the bundled data: n/a (command not yet present)", ""]
    text += [*matching, ""]
    text += ["## Targets", "", *targets(rows, bundled), "", "## Machine", "", machine(), ""]
    output = "\n".join(text)
    sys.stdout.write(output)
    if options.markdown:
        options.markdown.write_text(output, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
