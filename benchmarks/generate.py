"""Generate a large made-up list in the snapshot format, for benchmarks and scale checks.

Writes ``<out>/lists/xx-bench/`` with a ``list.yaml`` and two snapshots, ``2024-01-01.yaml``
(``N`` entries) and ``2024-02-01.yaml``, which removes 1 % of the entries, adds 1 % and amends
2 %, each change explained by a change record (``delisted``, ``listed``, ``amended``), so a
reconciliation finds nothing unexplained. Entries look like a real sanctions list: a primary
name, several other names in Latin, Cyrillic and Arabic script, cross-references and a note,
about 1 KB each. Everything is made up and deterministic for a given ``--seed``.

    python benchmarks/generate.py OUT --entries 20000

prints the expected counts as JSON (also written to ``<out>/expected.json``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

LIST_ID = "xx-bench"
OLD_DATE = "2024-01-01"
NEW_DATE = "2024-02-01"

_LATIN = [
    "al", "an", "ar", "ba", "da", "di", "fa", "ha", "ja", "ka", "la", "ma", "mi", "na",
    "ra", "sa", "ta", "ya", "za", "or", "el", "in", "um", "es", "ko", "ve", "lo", "ni",
]  # fmt: skip
_CYRILLIC = [
    "ал", "ан", "ар", "ба", "да", "ди", "фа", "ха", "джа", "ка", "ла", "ма", "ми", "на",
    "ра", "са", "та", "я", "за", "ор", "эль", "ин", "ум", "ес", "ко", "ве", "ло", "ни",
]  # fmt: skip
_ARABIC = [
    "ال", "ان", "ار", "با", "دا", "دي", "فا", "ها", "جا", "كا", "لا", "ما", "مي", "نا",
    "را", "سا", "تا", "يا", "زا", "ور", "ال", "ين", "وم", "اس", "كو", "في", "لو", "ني",
]  # fmt: skip
_ORG_WORDS = ["Front", "Brigade", "Movement", "Network", "Army", "Council", "Group", "Battalion"]
_ORG_WORDS_RU = ["Фронт", "Бригада", "Движение", "Сеть", "Армия", "Совет", "Группа", "Батальон"]
_ORG_WORDS_AR = ["جبهة", "كتيبة", "حركة", "شبكة", "جيش", "مجلس", "جماعة", "كتائب"]
_TYPES = ["organization"] * 6 + ["individual"] * 3 + ["vessel"]
_NOTE_TEXT = (
    "operates in the border region and is reported to raise funds through front companies "
    "registered abroad; its leadership was reorganized after the designation and several "
    "cells continue under other names according to the listing authority"
)
_NOTE_WORDS = _NOTE_TEXT.split(" ")


def _word(rng: random.Random, index: list[int]) -> tuple[str, str, str]:
    """One made-up word in Latin, Cyrillic and Arabic script (the same syllables)."""
    latin, cyr, arab = [], [], []
    for i in index:
        latin.append(_LATIN[i])
        cyr.append(_CYRILLIC[i])
        arab.append(_ARABIC[i])
    return "".join(latin).capitalize(), "".join(cyr).capitalize(), "".join(arab)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class _Gen:
    def __init__(self, seed: int, instruments: int) -> None:
        self.rng = random.Random(seed)
        self.instruments = [f"dec-{i:04d}" for i in range(instruments)]

    def entry(self, number: int) -> dict[str, Any]:
        rng = self.rng
        syllables = [[rng.randrange(len(_LATIN)) for _ in range(rng.randint(2, 4))] for _ in "ab"]
        w1 = _word(rng, syllables[0])
        w2 = _word(rng, syllables[1])
        k = rng.randrange(len(_ORG_WORDS))
        etype = rng.choice(_TYPES)
        if etype == "individual":
            name = f"{w1[0]} {w2[0]}"
            names = [
                (f"{w1[1]} {w2[1]}", "ru", "transliteration"),
                (f"{w1[2]} {w2[2]}", "ar", "official"),
                (f"{w1[0]} Abu {w2[0]}", None, "alias"),
                (f"{w2[0]} {w1[0]}", None, "alias"),
                (f"{w2[1]} {w1[1]}", "ru", "alias"),
                (f"{w1[0]} al-{w2[0]}", "en", "transliteration"),
            ]
        else:
            name = f"{w1[0]} {w2[0]} {_ORG_WORDS[k]}"
            names = [
                (f"{_ORG_WORDS_RU[k]} {w1[1]} {w2[1]}", "ru", "official"),
                (f"{_ORG_WORDS_AR[k]} {w1[2]} {w2[2]}", "ar", "official"),
                (f"{w1[0]} {_ORG_WORDS[(k + 1) % 8]}", "en", "alias"),
                (f"{w2[0]} {_ORG_WORDS[(k + 2) % 8]}", None, "former"),
                (f"{_ORG_WORDS_RU[(k + 1) % 8]} {w1[1]}", "ru", "alias"),
                (f"{w1[0]}-{w2[0]}", "en", "transliteration"),
            ]
        year = rng.randint(2001, 2023)
        listed_on = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.05:
            listed_on = listed_on[:7]
        note_words = rng.sample(_NOTE_WORDS, rng.randint(12, len(_NOTE_WORDS)))
        note_words += rng.sample(_NOTE_WORDS, rng.randint(0, len(_NOTE_WORDS)))
        return {
            "id": f"e{number:07d}",
            "name": name,
            "names": names,
            "type": etype,
            "status": "suspended" if rng.random() < 0.01 else None,
            "listed_on": listed_on,
            "basis": sorted(rng.sample(self.instruments, rng.randint(1, 2))),
            # Unique per entry, as real cross-references are (``check`` flags shared ones).
            "refs": {
                "ofac": str(100_000 + number),
                "un": f"QDe.{number:06d}",
                "wikidata": f"Q{1_000_000 + 7 * number}",
                "interpol": f"{rng.randint(2001, 2023)}/{number}",
            },
            "notes": " ".join(note_words).capitalize() + ".",
        }

    def amend(self, entry: dict[str, Any]) -> dict[str, Any]:
        """A changed copy: a new alias, a changed note or a changed reference."""
        changed = dict(entry)
        what = self.rng.randrange(3)
        if what == 0:
            changed["names"] = [*entry["names"], (entry["name"] + " Organization", None, "alias")]
        elif what == 1:
            changed["notes"] = entry["notes"] + " Its funding network was extended in 2024."
        else:
            changed["refs"] = {**entry["refs"], "ofac": entry["refs"]["ofac"] + "1"}
        return changed


def _entry_yaml(e: dict[str, Any], out: list[str]) -> None:
    out.append(f"  - id: {e['id']}\n    name: {e['name']}\n    names:\n")
    for index, (name, lang, kind) in enumerate(e["names"]):
        if index % 2:  # both flow and block style, as people write them
            lang_part = f", lang: {lang}" if lang else ""
            out.append(f"      - {{name: {_q(name)}{lang_part}, kind: {kind}}}\n")
        else:
            lang_part = f"        lang: {lang}\n" if lang else ""
            out.append(f"      - name: {name}\n{lang_part}        kind: {kind}\n")
    out.append(f"    type: {e['type']}\n")
    if e["status"]:
        out.append(f"    status: {e['status']}\n")
    out.append(f"    listed_on: {e['listed_on']}\n    basis: [{', '.join(e['basis'])}]\n")
    out.append("    refs:\n")
    for scheme, value in e["refs"].items():
        out.append(f"      {scheme}: {_q(value)}\n")
    out.append(f"    notes: {e['notes']}\n")


def _snapshot_yaml(as_of: str, entries: list[dict[str, Any]], changes: list[str]) -> str:
    out = [
        "# Made-up data for benchmarks: nothing here is real.\n",
        f"list: {LIST_ID}\nas_of: {as_of}\ncompleteness: complete\n",
        "sources:\n  - https://example.org/bench-list\nentries:\n",
    ]
    for e in entries:
        _entry_yaml(e, out)
    if changes:
        out.append("changes:\n")
        out.extend(changes)
    return "".join(out)


def _list_yaml(instruments: list[str]) -> str:
    out = [
        "# Made-up list for benchmarks: nothing here is real.\n",
        f"id: {LIST_ID}\njurisdiction: XX\nname: Benchmark list\n",
        "names:\n  - name: Список для измерений\n    lang: ru\n",
        "authority: Ministry of Benchmarks\nframework: [bench-law]\n",
        "url: https://example.org/bench-list\ninstruments:\n",
        "  - id: bench-law\n    kind: statute\n    authority: Parliament\n    date: 2000-01-01\n",
        "    provisions: [Article 1, Article 2]\n",
    ]
    for index, iid in enumerate(instruments):
        year = 2001 + index % 23
        out.append(
            f"  - id: {iid}\n    kind: court-decision\n    authority: Supreme Court\n"
            f"    reference: Case {index + 1}\n    date: {year}-01-01\n"
        )
    out.append(
        "  - id: bench-order\n    kind: order\n    authority: Ministry of Benchmarks\n"
        "    title: Additions, removals and amendments of January 2024\n"
        "    date: 2024-01-15\n"
    )
    return "".join(out)


def generate(out: Path, entries: int, seed: int = 1) -> dict[str, Any]:
    """Write the list folder under ``out`` and return the expected diff counts."""
    gen = _Gen(seed, instruments=max(20, min(400, entries // 50)))
    old = [gen.entry(n) for n in range(entries)]
    rng = gen.rng
    share = max(1, entries // 100)
    picked = rng.sample(range(entries), 3 * share)
    removed = set(picked[:share])
    amended = set(picked[share:])
    new: list[dict[str, Any]] = []
    changes: list[str] = []

    def record(entry_id: str, action: str, day: str) -> None:
        changes.append(
            f"  - entry: {entry_id}\n    action: {action}\n    basis: [bench-order]\n"
            f"    effective: {day}\n"
        )

    for index, e in enumerate(old):
        if index in removed:
            record(e["id"], "delisted", "2024-01-15")
        elif index in amended:
            new.append(gen.amend(e))
            record(e["id"], "amended", "2024-01-15")
        else:
            new.append(e)
    for n in range(entries, entries + share):
        e = gen.entry(n)
        e["listed_on"] = "2024-01-15"
        e["basis"] = ["bench-order"]
        e["status"] = None
        new.append(e)
        record(e["id"], "listed", "2024-01-15")
    folder = out / "lists" / LIST_ID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "list.yaml").write_text(_list_yaml(gen.instruments), encoding="utf-8")
    (folder / f"{OLD_DATE}.yaml").write_text(_snapshot_yaml(OLD_DATE, old, []), encoding="utf-8")
    (folder / f"{NEW_DATE}.yaml").write_text(
        _snapshot_yaml(NEW_DATE, new, changes), encoding="utf-8"
    )
    expected = {
        "list": LIST_ID,
        "old": OLD_DATE,
        "new": NEW_DATE,
        "entries": entries,
        "added": share,
        "removed": share,
        "amended": 2 * share,
        "rekeyed": 0,
        "not_covered": 0,
        "explained": 4 * share,
        "publication": 0,
        "editorial": 0,
        "unexplained": 0,
        "phantom": 0,
    }
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write lists/xx-bench/ into")
    parser.add_argument("--entries", type=int, default=20_000, help="entries in the old snapshot")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    expected = generate(args.out, args.entries, args.seed)
    sys.stdout.write(json.dumps(expected) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
