"""The legal acts behind the sources' own tags: OFAC programme tags, UN list types and UK
regimes, each mapped to the instruments under which its entries are designated.

Each fact in the tables was checked against a source (listed in ``docs/importers.md``, "Sources
for the instrument tables"); a date that could not be confirmed is marked "(date not verified)" in
the instrument's title, or given only to the precision that was confirmed. A tag the
tables do not know (or that stands for several acts at once, such as OFAC's ``SYRIA``) maps to
a stand-in instrument of kind ``other`` that names the tag and says the act is not identified;
its ``date`` is the ``as_of`` of the first import that needed it (``docs/importers.md``).
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import PartialDate, parse_partial_date
from ..model import Instrument
from ..vocab import InstrumentKind

__all__ = ["OFAC_PROGRAMS", "UK_REGIMES", "UN_LIST_TYPES", "ofac", "uk", "un"]

_PRESIDENT = "President of the United States"
_CONGRESS = "United States Congress"
_COUNCIL = "UN Security Council"
_EU_COUNCIL = "Council of the European Union"


def _d(text: str) -> PartialDate:
    return parse_partial_date(text)


def _eo(number: int, date: str) -> Instrument:
    return Instrument(
        f"eo-{number}",
        InstrumentKind.EXECUTIVE_ORDER,
        _PRESIDENT,
        _d(date),
        reference=f"Executive Order {number}",
    )


def _act(iid: str, title: str, date: str, reference: str | None = None) -> Instrument:
    return Instrument(
        iid, InstrumentKind.STATUTE, _CONGRESS, _d(date), reference=reference, title=title
    )


_KINGPIN = _act(
    "kingpin-act",
    "Foreign Narcotics Kingpin Designation Act",
    "1999-12-03",
    "21 U.S.C. 1901-1908",
)
_CAATSA = _act(
    "caatsa",
    "Countering America's Adversaries Through Sanctions Act",
    "2017-08-02",
    "Pub. L. 115-44",
)
_PEESA = _act("peesa", "Protecting Europe's Energy Security Act of 2019", "2019-12-20")

#: OFAC programme tag (as in the ``Program`` column / ``<program>``) → instruments.
OFAC_PROGRAMS: dict[str, tuple[Instrument, ...]] = {
    "SDGT": (_eo(13224, "2001-09-23"),),
    "SDT": (_eo(12947, "1995-01-23"),),
    # 21 U.S.C. 1901(a)(2) dates E.O. 12978 October 21, 1995; 31 CFR 536.312 says October 24
    # (the Federal Register publication date), so the signing date is kept.
    "SDNT": (_eo(12978, "1995-10-21"),),
    "SDNTK": (_KINGPIN,),
    "FTO": (
        _act(
            "ina-219",
            "Immigration and Nationality Act, section 219, as added by the Antiterrorism and "
            "Effective Death Penalty Act of 1996",
            "1996-04-24",
            "8 U.S.C. 1189",
        ),
    ),
    "NPWMD": (_eo(13382, "2005-06-28"),),
    "TCO": (_eo(13581, "2011-07-24"),),
    "ILLICIT-DRUGS-EO": (_eo(14059, "2021-12-15"),),
    "GLOMAG": (_eo(13818, "2017-12-20"),),
    "MAGNIT": (
        _act(
            "magnitsky-act",
            "Sergei Magnitsky Rule of Law Accountability Act of 2012",
            "2012-12-14",
        ),
    ),
    "CYBER2": (_eo(13694, "2015-04-01"), _eo(13757, "2016-12-28")),
    "ELECTION-EO13848": (_eo(13848, "2018-09-12"),),
    "UKRAINE-EO13660": (_eo(13660, "2014-03-06"),),
    "UKRAINE-EO13661": (_eo(13661, "2014-03-16"),),
    "UKRAINE-EO13662": (_eo(13662, "2014-03-20"),),
    "UKRAINE-EO13685": (_eo(13685, "2014-12-19"),),
    "RUSSIA-EO14024": (_eo(14024, "2021-04-15"),),
    "CAATSA - RUSSIA": (_CAATSA,),
    "CAATSA - IRAN": (_CAATSA,),
    "PEESA": (_PEESA,),
    "PEESA-EO14039": (_eo(14039, "2021-08-20"),),
    "BELARUS": (_eo(13405, "2006-06-16"),),
    "BELARUS-EO14038": (_eo(14038, "2021-08-09"),),
    "BALKANS": (_eo(13219, "2001-06-26"),),
    "BALKANS-EO14033": (_eo(14033, "2021-06-08"),),
    "IRAN": (_eo(13599, "2012-02-05"),),
    "IRAN-HR": (_eo(13553, "2010-09-28"),),
    "IRAN-TRA": (_eo(13628, "2012-10-09"),),
    "IRAN-EO13846": (_eo(13846, "2018-08-06"),),
    "IRAN-EO13871": (_eo(13871, "2019-05-08"),),
    "IRAN-EO13876": (_eo(13876, "2019-06-24"),),
    "IRAN-EO13902": (_eo(13902, "2020-01-10"),),
    "IRAN-CON-ARMS-EO": (_eo(13949, "2020-09-21"),),
    "HRIT-IR": (_eo(13606, "2012-04-22"),),
    "HRIT-SY": (_eo(13606, "2012-04-22"),),
    "FSE-IR": (_eo(13608, "2012-05-01"),),
    "FSE-SY": (_eo(13608, "2012-05-01"),),
    "IFCA": (_act("ifca", "Iran Freedom and Counter-Proliferation Act of 2012", "2013-01-02"),),
    "ISA": (_act("isa", "Iran Sanctions Act of 1996", "1996-08-05"),),
    "HIFPAA": (
        _act(
            "hifpaa",
            "Hizballah International Financing Prevention Amendments Act of 2018",
            "2018-10-25",
        ),
    ),
    "SYRIA-EO13894": (_eo(13894, "2019-10-14"),),
    "SYRIA-CAESAR": (
        _act("caesar-act", "Caesar Syria Civilian Protection Act of 2019", "2019-12-20"),
    ),
    "IRAQ2": (_eo(13315, "2003-08-28"),),
    "IRAQ3": (_eo(13438, "2007-07-17"),),
    "LIBYA2": (_eo(13566, "2011-02-25"),),
    "LIBYA3": (_eo(13726, "2016-04-19"),),
    "DPRK2": (_eo(13687, "2015-01-02"),),
    "DPRK3": (_eo(13722, "2016-03-15"),),
    "DPRK4": (_eo(13810, "2017-09-20"),),
    "DPRK-NKSPEA": (
        _act("nkspea", "North Korea Sanctions and Policy Enhancement Act of 2016", "2016-02-18"),
    ),
    "VENEZUELA": (_eo(13692, "2015-03-08"),),
    "VENEZUELA-EO13850": (_eo(13850, "2018-11-01"),),
    "VENEZUELA-EO13884": (_eo(13884, "2019-08-05"),),
    "NICARAGUA": (_eo(13851, "2018-11-27"),),
    "NICARAGUA-NHRAA": (
        _act("nhraa", "Nicaragua Human Rights and Anticorruption Act of 2018", "2018-12-20"),
    ),
    "HK-EO13936": (_eo(13936, "2020-07-14"),),
    "BURMA-EO14014": (_eo(14014, "2021-02-10"),),
    "ETHIOPIA-EO14046": (_eo(14046, "2021-09-17"),),
    "MALI-EO13882": (_eo(13882, "2019-07-26"),),
    "DRCONGO": (_eo(13413, "2006-10-27"),),
    "CAR": (_eo(13667, "2014-05-12"),),
    "SOMALIA": (_eo(13536, "2010-04-12"),),
    "SOUTH SUDAN": (_eo(13664, "2014-04-03"),),
    "DARFUR": (_eo(13400, "2006-04-26"),),
    "YEMEN": (_eo(13611, "2012-05-16"),),
    "LEBANON": (_eo(13441, "2007-08-01"),),
    "BURUNDI": (_eo(13712, "2015-11-22"),),
    "ICC-EO13928": (_eo(13928, "2020-06-11"),),
    "CUBA": (
        Instrument(
            "cacr",
            InstrumentKind.REGULATION,
            "United States Department of the Treasury",
            _d("1963-07-08"),
            reference="31 CFR part 515",
            title="Cuban Assets Control Regulations",
        ),
    ),
}


_UNVERIFIED = " (date not verified)"


def _res(number: int, year: int, date: str, verified: bool = True) -> Instrument:
    return Instrument(
        f"unscr-{number}",
        InstrumentKind.RESOLUTION,
        _COUNCIL,
        _d(date),
        reference=f"S/RES/{number} ({year})",
        title=f"Security Council resolution {number} ({year})" + ("" if verified else _UNVERIFIED),
        url=f"https://undocs.org/S/RES/{number}({year})",
    )


#: UN ``UN_LIST_TYPE`` → the resolutions that establish and govern the list.
UN_LIST_TYPES: dict[str, tuple[Instrument, ...]] = {
    "Al-Qaida": (
        _res(1267, 1999, "1999-10-15"),
        _res(1989, 2011, "2011-06-17"),
        _res(2253, 2015, "2015-12-17"),
    ),
    "Taliban": (_res(1988, 2011, "2011-06-17"),),
    "DPRK": (_res(1718, 2006, "2006-10-14"),),
    "Iraq": (_res(1518, 2003, "2003-11-24", verified=False),),
    "Iran": (_res(2231, 2015, "2015-07-20"),),
    "Libya": (_res(1970, 2011, "2011-02-26", verified=False),),
    "Somalia": (_res(751, 1992, "1992-04-24"),),
    "DRC": (_res(1533, 2004, "2004-03-12"),),
    "Sudan": (_res(1591, 2005, "2005-03-29"),),
    "SouthSudan": (_res(2206, 2015, "2015-03-03"),),
    "CAR": (_res(2127, 2013, "2013-12-05", verified=False),),
    "Yemen": (_res(2140, 2014, "2014-02-26"),),
    "Mali": (_res(2374, 2017, "2017-09-05", verified=False),),
    "GB": (_res(2048, 2012, "2012-05-18", verified=False),),
    "Lebanon": (_res(1636, 2005, "2005-10-31", verified=False),),
    "Haiti": (_res(2653, 2022, "2022-10"),),
}


# Regulations whose number and date were confirmed against a source (docs/importers.md).
_EU_VERIFIED = {"eu-reg-881-2002", "eu-reg-36-2012", "eu-reg-267-2012", "eu-reg-2017-1509"}


def _eu(iid: str, reference: str, date: str, title: str) -> Instrument:
    if iid not in _EU_VERIFIED:
        title += _UNVERIFIED
    return Instrument(
        iid, InstrumentKind.REGULATION, _EU_COUNCIL, _d(date), reference=reference, title=title
    )


#: UK ``Regime`` (whitespace collapsed) → the regulation under which the UK froze assets at the
#: time of the 2014-2020 files (EU Council regulations, applied in the UK until 2020-12-31).
UK_REGIMES: dict[str, tuple[Instrument, ...]] = {
    "The ISIL (Da'esh) and Al-Qaida organisations": (
        _eu(
            "eu-reg-881-2002",
            "Council Regulation (EC) No 881/2002",
            "2002-05-27",
            "Restrictive measures against ISIL (Da'esh) and Al-Qaida",
        ),
    ),
    "Afghanistan": (
        _eu(
            "eu-reg-753-2011",
            "Council Regulation (EU) No 753/2011",
            "2011-08-01",
            "Restrictive measures in view of the situation in Afghanistan",
        ),
    ),
    "Syria": (
        _eu(
            "eu-reg-36-2012",
            "Council Regulation (EU) No 36/2012",
            "2012-01-18",
            "Restrictive measures in view of the situation in Syria",
        ),
    ),
    "Iraq": (
        _eu(
            "eu-reg-1210-2003",
            "Council Regulation (EC) No 1210/2003",
            "2003-07-07",
            "Restrictions on economic and financial relations with Iraq",
        ),
    ),
    "North Korea (Democratic People's Republic of Korea)": (
        _eu(
            "eu-reg-2017-1509",
            "Council Regulation (EU) 2017/1509",
            "2017-08-30",
            "Restrictive measures against the Democratic People's Republic of Korea",
        ),
    ),
    "Iran (nuclear proliferation)": (
        _eu(
            "eu-reg-267-2012",
            "Council Regulation (EU) No 267/2012",
            "2012-03-23",
            "Restrictive measures against Iran",
        ),
    ),
    "Iran (human rights)": (
        _eu(
            "eu-reg-359-2011",
            "Council Regulation (EU) No 359/2011",
            "2011-04-12",
            "Restrictive measures in view of the situation in Iran (human rights)",
        ),
    ),
    "Ukraine (Sovereignty)": (
        _eu(
            "eu-reg-269-2014",
            "Council Regulation (EU) No 269/2014",
            "2014-03-17",
            "Actions undermining the territorial integrity of Ukraine",
        ),
    ),
    "Ukraine (Misappropriation)": (
        _eu(
            "eu-reg-208-2014",
            "Council Regulation (EU) No 208/2014",
            "2014-03-05",
            "Misappropriation of Ukrainian State funds",
        ),
    ),
    "Libya": (
        _eu(
            "eu-reg-2016-44",
            "Council Regulation (EU) 2016/44",
            "2016-01-18",
            "Restrictive measures in view of the situation in Libya",
        ),
    ),
    "Belarus": (
        _eu(
            "eu-reg-765-2006",
            "Council Regulation (EC) No 765/2006",
            "2006-05-18",
            "Restrictive measures in respect of Belarus",
        ),
    ),
    "Zimbabwe": (
        _eu(
            "eu-reg-314-2004",
            "Council Regulation (EC) No 314/2004",
            "2004-02-19",
            "Restrictive measures in respect of Zimbabwe",
        ),
    ),
    "Central African Republic": (
        _eu(
            "eu-reg-224-2014",
            "Council Regulation (EU) No 224/2014",
            "2014-03-10",
            "Restrictive measures in view of the situation in the Central African Republic",
        ),
    ),
    "Democratic Republic of the Congo": (
        _eu(
            "eu-reg-1183-2005",
            "Council Regulation (EC) No 1183/2005",
            "2005-07-18",
            "Restrictive measures against persons acting in violation of the arms embargo "
            "with regard to the Democratic Republic of the Congo",
        ),
    ),
    "Somalia": (
        _eu(
            "eu-reg-356-2010",
            "Council Regulation (EU) No 356/2010",
            "2010-04-26",
            "Restrictive measures in view of the situation in Somalia",
        ),
    ),
    "South Sudan": (
        _eu(
            "eu-reg-2015-735",
            "Council Regulation (EU) 2015/735",
            "2015-05-07",
            "Restrictive measures in view of the situation in South Sudan",
        ),
    ),
    "Yemen": (
        _eu(
            "eu-reg-1352-2014",
            "Council Regulation (EU) No 1352/2014",
            "2014-12-18",
            "Restrictive measures in view of the situation in Yemen",
        ),
    ),
    "Tunisia": (
        _eu(
            "eu-reg-101-2011",
            "Council Regulation (EU) No 101/2011",
            "2011-02-04",
            "Restrictive measures in view of the situation in Tunisia",
        ),
    ),
    "Egypt": (
        _eu(
            "eu-reg-270-2011",
            "Council Regulation (EU) No 270/2011",
            "2011-03-21",
            "Restrictive measures in view of the situation in Egypt",
        ),
    ),
    "Venezuela": (
        _eu(
            "eu-reg-2017-2063",
            "Council Regulation (EU) 2017/2063",
            "2017-11-13",
            "Restrictive measures in view of the situation in Venezuela",
        ),
    ),
    "Burundi": (
        _eu(
            "eu-reg-2015-1755",
            "Council Regulation (EU) 2015/1755",
            "2015-10-01",
            "Restrictive measures in view of the situation in Burundi",
        ),
    ),
    "Republic of Guinea": (
        _eu(
            "eu-reg-1284-2009",
            "Council Regulation (EU) No 1284/2009",
            "2009-12-22",
            "Restrictive measures in respect of the Republic of Guinea",
        ),
    ),
    "Republic of Guinea-Bissau": (
        _eu(
            "eu-reg-377-2012",
            "Council Regulation (EU) No 377/2012",
            "2012-05-03",
            "Restrictive measures against threats to the peace, security or stability of "
            "the Republic of Guinea-Bissau",
        ),
    ),
    "Mali": (
        _eu(
            "eu-reg-2017-1770",
            "Council Regulation (EU) 2017/1770",
            "2017-09-28",
            "Restrictive measures in view of the situation in Mali",
        ),
    ),
    "Chemical Weapons": (
        _eu(
            "eu-reg-2018-1542",
            "Council Regulation (EU) 2018/1542",
            "2018-10-15",
            "Restrictive measures against the proliferation and use of chemical weapons",
        ),
    ),
    "Burma": (
        _eu(
            "eu-reg-401-2013",
            "Council Regulation (EU) No 401/2013",
            "2013-05-02",
            "Restrictive measures in respect of Myanmar/Burma",
        ),
    ),
    "Turkey": (
        _eu(
            "eu-reg-2019-1890",
            "Council Regulation (EU) 2019/1890",
            "2019-11-11",
            "Restrictive measures in view of Turkey's unauthorised drilling activities in "
            "the Eastern Mediterranean",
        ),
    ),
    "UK Freezing Orders": (
        Instrument(
            "atcsa-2001",
            InstrumentKind.STATUTE,
            "Parliament of the United Kingdom",
            _d("2001-12-14"),
            reference="2001 c. 24, Part 2",
            title="Anti-terrorism, Crime and Security Act 2001 (freezing orders)" + _UNVERIFIED,
        ),
    ),
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _stand_in(prefix: str, what: str, tag: str, authority: str, as_of: dt.date) -> Instrument:
    slug = _NOT_SLUG.sub("-", tag.lower()).strip("-") or "unnamed"
    return Instrument(
        f"{prefix}-{slug}",
        InstrumentKind.OTHER,
        authority,
        PartialDate.of(as_of),
        reference=tag,
        title=f"{what} {tag!r} as named in the source; the legal act behind it is not "
        "identified by the importer (date: first import that used it)",
    )


def ofac(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    found = OFAC_PROGRAMS.get(tag)
    if found:
        return found
    return (
        _stand_in("ofac-program", "OFAC programme", tag, "Office of Foreign Assets Control", as_of),
    )


def un(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    found = UN_LIST_TYPES.get(tag)
    if found:
        return found
    return (_stand_in("un-list", "UN sanctions list", tag, _COUNCIL, as_of),)


def uk(tag: str, as_of: dt.date) -> tuple[Instrument, ...]:
    found = UK_REGIMES.get(tag)
    if found:
        return found
    return (_stand_in("uk-regime", "UK regime", tag, "HM Treasury (OFSI)", as_of),)
