"""ISO 4217 currency codes accepted in units.

The active alphabetic codes of ISO 4217 (list of 2025, including fund codes and the precious
metals, excluding ``XTS`` for testing and ``XXX`` for "no currency"). ``RMB`` is accepted as
the everyday name of the renminbi and is the canonical spelling of ``CNY`` in this project
(theses quote "RMB bn"). Codes are upper case in units (``EUR m``, ``JPY bn``, ``TWD/USD``);
the original three (USD, RMB/CNY, HKD) are also read in lower case, as they always were.

Kept here as data rather than taken from a package: the list is short, changes a few times a
decade, and no base dependency of the project carries it.
"""

from __future__ import annotations

import math

__all__ = ["ALIASES", "ISO_4217", "WHOLE_UNIT_CURRENCIES", "canonical_currency"]

ISO_4217: frozenset[str] = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES
    VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW
    ZWG
    """.split()
)

#: Currencies without a minor unit in ISO 4217 (its "minor unit" 0): prices and amounts in them
#: are written in whole units (a yen has no hundredths to show).
WHOLE_UNIT_CURRENCIES: frozenset[str] = frozenset(
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split()
)

#: Other spellings and the canonical code they stand for.
ALIASES: dict[str, str] = {"CNY": "RMB", "RMB": "RMB"}
#: Codes also read in lower case (the project's original three).
LOWER_CASE_OK = frozenset({"USD", "RMB", "CNY", "HKD"})


def canonical_currency(token: str) -> str | None:
    """The canonical code of a unit token, or None if it is not a currency.

    Parameters
    ----------
    token : str
        A word of a unit, e.g. ``EUR``, ``usd``, ``CNY``.

    Returns
    -------
    str or None
        ``RMB`` for ``CNY``/``RMB``; the code itself for other ISO 4217 codes.
    """
    upper = token.upper()
    if token != upper and upper not in LOWER_CASE_OK:
        return None
    if upper in ALIASES:
        return ALIASES[upper]
    return upper if upper in ISO_4217 else None


#: US dollars per unit of each currency, rounded, about the end of 2025: only to tell a rate
#: written the other way round (its reciprocal lies near this, the rate itself far from it),
#: never to value anything. Currencies that moved by half or more in a few years are left out.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.16, "GBP": 1.33, "CHF": 1.25, "JPY": 0.0066, "RMB": 0.14,
    "HKD": 0.1285, "TWD": 0.0325, "KRW": 0.00069, "SGD": 0.77, "INR": 0.0113, "IDR": 0.00006,
    "MYR": 0.24, "THB": 0.031, "PHP": 0.017, "VND": 0.000038, "AUD": 0.65, "NZD": 0.57,
    "CAD": 0.71, "MXN": 0.054, "BRL": 0.187, "CLP": 0.00107, "COP": 0.00026, "PEN": 0.29,
    "SEK": 0.105, "NOK": 0.099, "DKK": 0.156, "PLN": 0.27, "CZK": 0.048, "HUF": 0.003,
    "ZAR": 0.058, "SAR": 0.2667, "AED": 0.2723, "QAR": 0.2747, "ILS": 0.30, "KWD": 3.26,
}  # fmt: skip

#: A rate this far from its usual level (as a factor) whose reciprocal lies within
#: :data:`_NEAR_USUAL` of it reads as written the other way round; pairs nearer parity than
#: this (EUR/USD) are ambiguous, real rates having moved as far.
_INVERTED_FROM = 1.5
_NEAR_USUAL = 1.25
#: Theses valued before this year are not judged against the levels of late 2025.
LEVELS_FROM = 2018


def usual_rate(unit: object) -> tuple[str, str, float] | None:
    """``(A, B, rate)`` for an exchange-rate unit ``A/B`` (A per one B) of two currencies in
    :data:`USD_PER_UNIT`: the usual rate in that unit, its scale applied; None otherwise."""
    dims = dict(getattr(unit, "dims", ()) or ())
    if len(dims) != 2 or sorted(dims.values()) != [-1, 1]:
        return None
    a = next(c for c, e in dims.items() if e == 1)
    b = next(c for c, e in dims.items() if e == -1)
    if a not in USD_PER_UNIT or b not in USD_PER_UNIT:
        return None
    return a, b, USD_PER_UNIT[b] / USD_PER_UNIT[a] / 10.0 ** getattr(unit, "power", 0)


def inverted_rate(value: float, unit: object) -> str | None:
    """What to say of an exchange rate ``value`` in ``unit`` that reads as written the other
    way round (None when it does not, or the unit is no rate of two known currencies)."""
    usual = usual_rate(unit)
    if usual is None or not value > 0.0 or not math.isfinite(value):
        return None
    a, b, rate = usual
    off = abs(math.log(value / rate))
    flipped = abs(math.log(1.0 / value / rate))  # the rate meant, were it written inverted
    if off <= math.log(_INVERTED_FROM) or flipped > math.log(_NEAR_USUAL):
        return None
    return (
        f"{value:.4g} {unit} is far from the usual rate, about {rate:.4g} {unit} (late 2025), "
        f"and its reciprocal {1.0 / value:.4g} is near it: a rate written the other way round "
        f"({b} per {a})? A unit {a}/{b} counts {a} for one {b}"
    )
