"""Jurisdiction codes: which ``jurisdiction`` a ``list.yaml`` may name, and the list-id prefix
that goes with it.

A jurisdiction is an ISO 3166-1 alpha-2 code, or ``UN`` / ``EU`` for international lists. The
officially assigned codes below are the 249 of ISO 3166-1 as published in Debian's ``iso-codes``
4.15.0 (``iso_3166-1.json``). The codes the standard leaves to its users (``AA``, ``QM``-``QZ``,
``XA``-``XZ``, ``ZZ``) are accepted too: ``XK`` is the code in common use for Kosovo, and made-up
lists in examples and tests use ``XX``.
"""

from __future__ import annotations

__all__ = ["ASSIGNED", "INTERNATIONAL", "is_jurisdiction", "is_user_assigned"]

#: ISO 3166-1 alpha-2, officially assigned.
# fmt: off
ASSIGNED = frozenset(
    (
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW",
        "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN",
        "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG",
        "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
        "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI",
        "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
        "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR",
        "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
        "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
        "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
        "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU",
        "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
        "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR",
        "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD",
        "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
        "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
        "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
        "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    )
)
# fmt: on

#: International lists.
INTERNATIONAL = frozenset({"UN", "EU"})


def is_user_assigned(code: str) -> bool:
    """Whether ``code`` is one that ISO 3166-1 leaves to its users."""
    return (
        code in ("AA", "ZZ")
        or (code[:1] == "X" and len(code) == 2 and code[1:].isalpha() and code[1:].isupper())
        or (code[:1] == "Q" and len(code) == 2 and "M" <= code[1:] <= "Z")
    )


def is_jurisdiction(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (assigned or user-assigned), UN or EU."""
    return code in ASSIGNED or code in INTERNATIONAL or is_user_assigned(code)
