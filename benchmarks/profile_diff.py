"""Where the time of a warm and an incremental ``designations diff`` goes: a breakdown by phase.

Each run is a fresh process (as a user runs the command) in which a few library functions are
wrapped with timers before ``cli.main`` runs ``diff LIST -f json -o FILE`` on the benchmark's
generated list; the medians over the runs are printed as a Markdown table, each phase inside
the one above it. Not part of the test run:

    python benchmarks/profile_diff.py                  # 20,000 entries, 5 runs of each case
    python benchmarks/profile_diff.py --entries 100000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIST_ID = "xx-bench"

#: (label, module, attribute, depth): the phases timed, each within the one before it of a
#: smaller depth. ``Class.method`` names a method.
PHASES = [
    ("loading both snapshots", "designations.registry", "DesignationList.validate", 0),
    (
        "reading a data file (when its stamp does not say it is unchanged)",
        "designations.cache",
        "read_opened",
        1,
    ),
    (
        "decoding cached records (the old snapshot; warm: both)",
        "designations.cache",
        "SnapshotCache._read",
        1,
    ),
    ("of which entry packs (msgspec)", "designations.cache", "SnapshotCache._pack", 2),
    ("cutting the new file into entries and hashing each", "designations.cache", "pieces", 1),
    ("cutting the text into entries", "designations.incremental", "cut", 2),
    ("the digest of each entry's text", "designations.incremental", "digests_of", 2),
    ("reading the new snapshot incrementally", "designations.cache", "read_snapshot", 1),
    ("parsing the changed entries and the top level", "designations.load", "parse_bytes", 2),
    ("putting the reused entries in place", "designations.load", "_reuse", 2),
    ("validating the snapshot", "designations.load", "_validate", 2),
    ("writing the cache", "designations.cache", "SnapshotCache._write", 1),
    ("the diff and its verdicts", "designations.registry", "DesignationList.diff", 0),
    ("of which the structural diff", "designations.reconcile", "structural_diff", 1),
    ("rendering the JSON", "designations.render.diff", "diff_json", 0),
    ("writing it", "designations.output", "emit", 0),
]

DRIVER = """
import importlib, json, sys, time
started = time.perf_counter()
phases = json.loads(sys.argv[1])
spent = {label: 0.0 for label, *_ in phases}

def timed(label, function):
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - begun
    return wrapper

from designations.cli import main
import designations.cli.core, designations.output, designations.registry
imported = time.perf_counter()
for label, module, name, _ in phases:
    owner = importlib.import_module(module)
    *path, last = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    setattr(owner, last, timed(label, getattr(owner, last)))
code = main(sys.argv[2:])
ended = time.perf_counter()
print(json.dumps({"imports": imported - started, "command": ended - imported, **spent}))
sys.stdout.flush()
import os
os._exit(code)
"""


def run_once(args: list[str], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(PHASES), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def interpreter(env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        times.append(time.perf_counter() - begun)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, help="folder for generated data (default: a temp)")
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="designations-profile-"))
    folder = work / f"n{options.entries}"
    if not (folder / "expected.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(folder),
                "--entries",
                str(options.entries),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    cache = work / f"profile-cache-{options.entries}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DESIGNATIONS_CACHE_DIR": str(cache)}
    args = ["--data", str(folder), "diff", LIST_ID, "-f", "json", "-o", str(work / "out.json")]
    prime = (
        "import datetime, sys; from designations import Registry; "
        "day = datetime.date.fromisoformat(sys.argv[3]); "
        "Registry(sys.argv[1], cache=True)[sys.argv[2]].load(day)"
    )
    cases: dict[str, list[dict[str, float]]] = {"incremental": [], "warm": []}
    for _ in range(options.runs):
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-c", prime, str(folder), LIST_ID, expected["old"]],
            env=env,
            check=True,
        )
        cases["incremental"].append(run_once(args, env))
        cases["warm"].append(run_once(args, env))
    bare = interpreter(env, options.runs)

    def med(case: str, key: str) -> float:
        return statistics.median(run[key] for run in cases[case])

    print(
        f"`diff` of two {options.entries:,}-entry snapshots, wall time in seconds, median of "
        f"{options.runs} runs (each a fresh process):\n"
    )
    print("| phase | incremental | warm |\n| --- | ---: | ---: |")
    print(f"| Python itself (`python -c pass`) | {bare:.3f} | {bare:.3f} |")
    print(
        f"| importing the library and the command line | {med('incremental', 'imports'):.3f} "
        f"| {med('warm', 'imports'):.3f} |"
    )
    print(f"| the command | {med('incremental', 'command'):.3f} | {med('warm', 'command'):.3f} |")
    for label, _, _, depth in PHASES:
        indent = "&nbsp;&nbsp;" * (depth + 1)
        print(f"| {indent}{label} | {med('incremental', label):.3f} | {med('warm', label):.3f} |")


if __name__ == "__main__":
    main()
