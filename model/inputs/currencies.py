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
