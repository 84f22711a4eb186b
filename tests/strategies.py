"""Hypothesis strategies for records: entries, snapshots of one made-up list."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from designations import (
    Completeness,
    Entry,
    EntryStatus,
    EntryType,
    Instrument,
    InstrumentKind,
    ListInfo,
    Name,
    NameKind,
    PartialDate,
    Snapshot,
)

INFO = ListInfo(
    "zz-prop",
    "ZZ",
    "Property list",
    "Nobody",
    (
        Instrument("law", InstrumentKind.STATUTE, "Parliament", PartialDate(2000)),
        Instrument("order-1", InstrumentKind.ORDER, "Ministry", PartialDate(2010, 1, 1)),
        Instrument("order-2", InstrumentKind.ORDER, "Ministry", PartialDate(2015, 6)),
    ),
)

ids = st.sampled_from([f"e{i}" for i in range(12)])
texts = st.text(
    alphabet=st.sampled_from("abcXYZ -'Тали́банé\u0301"), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")
names = st.builds(
    Name,
    texts,
    st.none() | st.sampled_from(["ru", "ar", "en"]),
    st.none() | st.sampled_from(list(NameKind)),
)
entries = st.builds(
    Entry,
    id=ids,
    name=texts,
    type=st.sampled_from(list(EntryType)),
    listed_on=st.sampled_from([PartialDate(2001), PartialDate(2010, 1, 1), PartialDate(2015, 6)]),
    basis=st.lists(
        st.sampled_from(["law", "order-1", "order-2"]), min_size=1, max_size=2, unique=True
    ).map(tuple),
    names=st.lists(names, max_size=3).map(tuple),
    status=st.sampled_from(list(EntryStatus)),
    refs=st.dictionaries(st.sampled_from(["wikidata", "un"]), texts, max_size=2).map(
        lambda d: tuple(sorted(d.items()))
    ),
    notes=st.none() | texts,
)


@st.composite
def snapshots(draw: st.DrawFn, as_of: dt.date = dt.date(2020, 1, 1)) -> Snapshot:
    items = draw(st.lists(entries, max_size=10, unique_by=lambda e: e.id))
    return Snapshot("zz-prop", as_of, Completeness.COMPLETE, ("src",), tuple(items), INFO)
