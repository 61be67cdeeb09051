"""An amount quoted in cents, and what it states in an assumption's unit.

"55 cents a share" is 0.55 of a currency a share; "5 cents a kWh" is 0.05 of a currency a
kilowatt-hour, which is 50 in ``EUR/MWh``. A thesis writes such a price in the currency itself,
at its unit's scale: the cents are converted through the unit's scale and through the
denominator the quote names (a kWh, a tonne), or else the one the unit names (a share).

Each word for a hundredth serves its own currencies only: cents those whose hundredth is
called a cent, centimes the euro and the Swiss franc, Rappen the Swiss franc (and "Rp." after
its digits, which is the whole rupiah too: see :data:`WHOLE_UNITS`), sen the yen (and the
ringgit), 銭 the yen, 仙 the Hong Kong dollar (and the ringgit and the Singapore dollar in
Chinese), céntimos the euro and the sol, centesimi the euro, centavos the real
and the pesos (centavos de dólar the US dollar), cêntimos the euro. The pound has pence (read
as such), the yuan has fen (its tenth, 角, is read as yuan by
:func:`~model.inputs.sources.readings.subunits`).
"""

from __future__ import annotations

import re

from model.inputs.quantities import quantity_base
from model.inputs.units import Unit

__all__ = [
    "CENT_CURRENCIES",
    "HUNDREDTHS",
    "HUNDREDTH_RE",
    "WHOLE_UNITS",
    "cents_in_unit",
    "hundredth",
    "hundredth_currency",
    "per_quantity",
    "why_no_price",
]

#: Currencies whose hundredth is called a cent (or Cent, céntimo, centavo in the euro area).
CENT_CURRENCIES = frozenset(
    "USD EUR AUD CAD NZD HKD SGD TWD ZAR NAD BBD BMD BND BSD BZD FJD GYD JMD KYD LRD SBD SRD "
    "TTD XCD KES TZS MUR SCR LKR".split()
)

#: The words for a hundredth (as :func:`hundredth` names them), and the currencies each serves:
#: "5 cents" is no price in pounds or yen, "50 Rappen" none in euros.
HUNDREDTHS: dict[str, frozenset[str]] = {
    "cents": CENT_CURRENCIES,
    "centimes": frozenset(("EUR", "CHF")),
    "Rappen": frozenset(("CHF",)),
    "Rp.": frozenset(("CHF",)),
    "sen": frozenset(("JPY", "MYR")),
    "銭": frozenset(("JPY",)),
    "仙": frozenset(("HKD", "MYR", "SGD")),
    "céntimos": frozenset(("EUR", "PEN")),
    "centesimi": frozenset(("EUR",)),
    "centavos": frozenset(("BRL", "MXN", "ARS", "COP", "PHP")),
    "cêntimos": frozenset(("EUR",)),
}
#: The words above that name the whole unit of another currency too: the Swiss press writes
#: Rappen "50 Rp.", the Indonesian press the rupiah "150 Rp." after its digits.
WHOLE_UNITS: dict[str, frozenset[str]] = {"Rp.": frozenset(("IDR",))}
_WORDS = {"cent": "cents", "cents": "cents", "centime": "centimes", "centimes": "centimes",
          "rappen": "Rappen", "rp.": "Rp.", "sen": "sen", "銭": "銭", "仙": "仙",
          "céntimo": "céntimos",
          "céntimos": "céntimos", "centesimo": "centesimi", "centesimi": "centesimi",
          "centavo": "centavos", "centavos": "centavos", "cêntimo": "cêntimos",
          "cêntimos": "cêntimos", "centavo de dólar": "cents",
          "centavos de dólar": "cents"}  # fmt: skip
#: The words that name their currency too: "10 centavos de dólar" are US cents.
_CURRENCY_NAMED = {"centavo de dólar": "USD", "centavos de dólar": "USD"}
#: The words above that have a case (a script of letters) as a regular expression, for the
#: reader of quotes, longest first. 銭 and 仙 are written unspaced after the digits ("50銭"),
#: read apart.
HUNDREDTH_RE = "|".join(
    re.escape(w) for w in sorted(_WORDS, key=len, reverse=True) if w.upper() != w.lower()
)


def hundredth(word: str) -> str:
    """The name of the hundredth ``word`` (as the quote writes it, any case) is read as: a key of
    :data:`HUNDREDTHS` (``"cents"`` for "Cent", ``"Rappen"`` for "rappen").

    Examples
    --------
    >>> hundredth("Cent"), hundredth("centime"), hundredth("rappen")
    ('cents', 'centimes', 'Rappen')
    """
    return _WORDS[word.lower()]


def _share(unit: Unit, word: str) -> float | None:
    """How many hundredths of its currency one ``word`` is in ``unit``'s currency: 1 where
    ``word`` names its hundredth, 100 where its whole unit; None for neither, or for a unit of
    no one currency."""
    money = [(b, e) for b, e in unit.dims if b in unit.currencies]
    if len(money) != 1 or money[0][1] != 1:
        return None
    if money[0][0] in HUNDREDTHS[word]:
        return 1.0
    return 100.0 if money[0][0] in WHOLE_UNITS.get(word, ()) else None


def hundredth_currency(word: str) -> str | None:
    """The currency ``word`` names with its hundredth ("centavos de dólar": ``USD``), if any.

    Examples
    --------
    >>> hundredth_currency("centavos de dólar"), hundredth_currency("centavos")
    ('USD', None)
    """
    return _CURRENCY_NAMED.get(word.lower())


#: The words for a share after "a", "per", "je": a price in cents per share (no quantity).
_SHARE_WORDS = frozenset(
    """share shares aktie aktien action actions azione azioni acción acciones ação ações aandeel
    aandelen
    adr adrs ads stock""".split()
)
#: A quantity named after the cents that is no unit read here: it prices nothing a unit names.
UNREAD: tuple[str, int] = ("", 0)
#: The denominator written right after the cents: "a kWh", "per tonne", "je Aktie", "/kWh".
#: The words that put a price per one of a quantity: "a kWh", "par kWh", "le kWh", "por kWh",
#: "al kWh", "je kWh".
_PER_WORDS = r"(?:a|an|per|je|pro|par|le|la|por|el|al)\s+"
_PER = re.compile(r"\s*(?:" + _PER_WORDS + r"|/\s*)([^\W\d_]+)")
#: Quantities named in words, which name one unit exactly (a short or long "ton" does not):
#: the name's stem (any case, a plural ending after it) -> base and power of ten.
_NAMED: dict[str, tuple[str, int]] = {
    "watt-hour": ("Wh", 0), "watt hour": ("Wh", 0), "wattstunde": ("Wh", 0),
    "kilowatt-hour": ("Wh", 3), "kilowatt hour": ("Wh", 3), "kilowattstunde": ("Wh", 3),
    "kilowattheure": ("Wh", 3), "megawatt-hour": ("Wh", 6), "megawatt hour": ("Wh", 6),
    "megawattstunde": ("Wh", 6), "mégawattheure": ("Wh", 6), "pound": ("lb", 0),
    "metric ton": ("t", 0), "metric tonne": ("t", 0), "tonne": ("t", 0),
}  # fmt: skip
_NAMED_RE = re.compile(
    r"\s*"
    + _PER_WORDS
    + r"(?P<name>"
    + "|".join(re.escape(n) for n in sorted(_NAMED, key=len, reverse=True))
    + r")(?:s|n|en)?\b",
    re.IGNORECASE,
)


def per_quantity(original: str, end: int) -> tuple[str, int] | None:
    """The quantity a price in cents is quoted per, when the quote names one.

    Parameters
    ----------
    original : str
        The quote as written (unit symbols are read in their case: ``kWh``, ``Mt``).
    end : int
        Where the amount in cents ends in ``original``.

    Returns
    -------
    tuple of (str, int) or None
        The quantity's base and power of ten (``("Wh", 3)`` for a kWh); None for a share, or
        for no denominator written; :data:`UNREAD` for a quantity that is no unit read here.

    Examples
    --------
    >>> per_quantity("costs of 5 cents per kWh", 16)
    ('Wh', 3)
    """
    named = _NAMED_RE.match(original, end)
    if named is not None:
        # "per kilowatt-hour", "je Kilowattstunde", "a pound": the words name the unit exactly.
        return _NAMED[named.group("name").lower()]
    m = _PER.match(original, end)
    if m is None or m.group(1).lower() in _SHARE_WORDS:
        return None
    # A quantity that is no unit read here ("a pound", "per kilowatt-hour") prices something
    # unknown: it matches no unit, rather than being taken for the unit's own denominator.
    return quantity_base(m.group(1)) or UNREAD


def cents_in_unit(
    value: float, per: tuple[str, int] | None, unit: Unit | None, word: str = "cents"
) -> float | None:
    """A price in cents (``value`` already in the currency: 0.05 for 5 cents), in ``unit``.

    Parameters
    ----------
    value : float
        The amount in the currency itself.
    per : tuple of (str, int) or None
        The quantity the quote prices (:func:`per_quantity`), if it names one.
    unit : Unit or None
        The assumption's unit.
    word : str
        The hundredth written (a key of :data:`HUNDREDTHS`): only its currencies are priced.

    Returns
    -------
    float or None
        The value in ``unit``; None when the unit is no price in a currency ``word`` serves, or
        prices another quantity than the quote (a quote naming none prices a share or nothing).

    Examples
    --------
    >>> from model.inputs.units import parse_unit
    >>> cents_in_unit(0.05, ("Wh", 3), parse_unit("EUR/MWh"))
    50.0
    >>> f'{cents_in_unit(0.55, None, parse_unit("EUR k/share")):g}'
    '0.00055'
    >>> cents_in_unit(0.55, None, parse_unit("JPY/share")) is None
    True
    >>> cents_in_unit(0.5, None, parse_unit("JPY/share"), "sen")
    0.5
    >>> cents_in_unit(1.5, None, parse_unit("IDR/share"), "Rp.")  # "150 Rp.": rupiah too
    150.0
    """
    share = None if unit is None else _share(unit, word)
    if unit is None or share is None:
        return None
    denominator = [(b, e) for b, e in unit.dims if b not in unit.currencies]
    if per is not None:
        if denominator != [(per[0], -1)]:
            return None  # 5 cents a kWh is no price per tonne
        per_power = per[1]
    elif denominator not in ([], [("share", -1)]):
        return None  # "5 cents" names no quantity: no price per MWh or per tonne
    else:
        # A price of one share, or an amount: the unit's scale holds any power of its shares
        # ("EUR/k share" is 10**-3 EUR/share), so 55 cents a share is 550 EUR/k share.
        per_power = 0
    # In the bare dimensions (a currency per one Wh, per one share), then in the unit.
    return value * share * 10.0 ** (-per_power - unit.power)


def why_no_price(per: tuple[str, int] | None, unit: Unit, word: str = "cents") -> str:
    """Why an amount in ``word`` states no value in ``unit`` (:func:`cents_in_unit` gave None).

    Parameters
    ----------
    per : tuple of (str, int) or None
        The quantity the quote prices (:func:`per_quantity`), if it names one.
    unit : Unit
        The assumption's unit.
    word : str
        The hundredth written (a key of :data:`HUNDREDTHS`).

    Returns
    -------
    str
        The cause, after the hundredth's name: the currency, or the quantity priced.

    Examples
    --------
    >>> from model.inputs.units import parse_unit
    >>> why_no_price(UNREAD, parse_unit("MYR"), "sen")
    'sen per a quantity the quote names, while MYR prices none'
    >>> why_no_price(None, parse_unit("GBP/share"))
    'cents, which are no hundredth of GBP'
    """
    money = [(b, e) for b, e in unit.dims if b in unit.currencies]
    if len(money) != 1 or money[0][1] != 1:
        return f"{word}, which state no {unit}"
    if _share(unit, word) is None:
        whole = " nor whole units" if word in WHOLE_UNITS else ""
        return f"{word}, which are no hundredth{whole} of {money[0][0]}"
    priced = [(b, e) for b, e in unit.dims if b not in unit.currencies]
    if per is None:
        return f"{word} per no quantity the quote names (or per a share), while {unit} prices one"
    if not priced:
        return f"{word} per a quantity the quote names, while {unit} prices none"
    return f"{word} per a quantity the quote names, not the one {unit} prices"
