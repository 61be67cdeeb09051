"""Units of thesis quantities: parsing, algebra and conversions.

A unit is a scale (a power of ten) times a product of base dimensions with integer exponents.
The bases are the currencies (every ISO 4217 code, :mod:`model.inputs.currencies`; ``RMB`` and
its alias ``CNY`` are one currency) and ``share``
(a count of shares). Fractions (``%``, ``share``), multiples (``x``), plain numbers (``1``),
``count`` and ``years`` are dimensionless: they carry a *flavour* for display and for the
``share`` range check, but combine freely with each other.

Examples: ``USD bn`` is 1e9 x USD; ``HKD/share`` is HKD x share^-1; ``HKD/RMB`` is an exchange
rate; ``shares bn`` is 1e9 shares. Adding or comparing needs equal dimensions (scales are
converted); multiplying and dividing combine them. Two currencies never mix without an FX rate,
which is itself a unit such as ``RMB/USD``.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from model.errors import ExpressionError, excerpt
from model.inputs.currencies import ALIASES, ISO_4217, canonical_currency
from model.inputs.figures import format_number, format_value, plural
from model.inputs.quantities import (
    COUNTED,
    SYMBOLS,
    TIME_WORDS,
    base_text,
    prefixed_symbol,
    quantity_base,
)

__all__ = [
    "CURRENCIES",
    "DIMENSIONLESS",
    "Flavor",
    "Unit",
    "UnitError",
    "check_same_dimension",
    "convert",
    "format_number",
    "format_quantity",
    "format_value",
    "parse_unit",
    "plural",
]


class UnitError(ExpressionError):
    """A unit cannot be parsed, or two units cannot be combined."""


class Flavor(StrEnum):
    """What a dimensionless number means; affects display and range checks only."""

    NONE = ""
    PERCENT = "%"
    SHARE = "share"
    MULTIPLE = "x"
    PLAIN = "1"
    COUNT = "count"
    YEARS = "years"


#: Accepted currency codes and the canonical code they stand for.
CURRENCIES: dict[str, str] = {code: ALIASES.get(code, code) for code in ISO_4217} | dict(ALIASES)
_CANONICAL_CURRENCIES = frozenset(CURRENCIES.values())

# Scale words -> power of ten. Lower-cased on lookup.
_SCALES: dict[str, int] = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "million": 6,
    "bn": 9,
    "billion": 9,
    "tn": 12,
    "trillion": 12,
    # India's own scales, in which its analysts write every amount: 1 lakh = 1e5, 1 crore = 1e7.
    "lakh": 5,
    "lakhs": 5,
    "crore": 7,
    "crores": 7,
    "cr": 7,
}
_SCALE_WORD: dict[int, str] = {3: "k", 5: "lakh", 6: "m", 7: "crore", 9: "bn", 12: "tn"}

_SHARE = "share"
#: How a share count is written, for messages: a trust's or REIT's investment units included,
#: which the toolkit does not read as "units" (a counted thing, such as units sold).
SHARE_COUNT_HINT = "e.g. 'shares bn'; a trust's or REIT's units are written 'shares m' too"
_FLAVOR_WORDS: dict[str, Flavor] = {
    "%": Flavor.PERCENT,
    "share": Flavor.SHARE,
    "x": Flavor.MULTIPLE,
    "1": Flavor.PLAIN,
    "count": Flavor.COUNT,
    "years": Flavor.YEARS,
    "year": Flavor.YEARS,
}
_EXAMPLES = (
    "'USD bn', 'RMB bn', 'HKD', '%', 'share', 'x', '1', 'shares bn', 'HKD/share', 'HKD/RMB', "
    "'years', 'count', 'kt', 'USD/t', 'MWh', 'subscribers m'"
)
#: Units written out in words, and what the toolkit writes instead: no spelling is near its
#: symbol, so a close match cannot suggest it ('times' would be read as 'sites').
_SPELLED_OUT: dict[str, str] = {
    **dict.fromkeys(
        ("percent", "per cent", "percents", "percentage", "percentages", "pct", "perc"),
        "; did you mean '%'? '%' values are fractions (8% is 0.08)",
    ),
    **dict.fromkeys(("times", "multiple", "multiples"), "; did you mean 'x'?"),
    **dict.fromkeys(
        ("bp", "bps", "basis point", "basis points"),
        "; basis points are written in '%' as fractions: 25 bps is 0.0025",
    ),
}

Dims = tuple[tuple[str, int], ...]


def _norm_dims(items: dict[str, int]) -> Dims:
    return tuple(sorted((k, v) for k, v in items.items() if v != 0))


@dataclass(frozen=True)
class Unit:
    """A physical unit: ``10**power`` times a product of base dimensions.

    Parameters
    ----------
    dims : tuple of (str, int)
        Sorted ``(base, exponent)`` pairs with non-zero exponents; empty for pure numbers.
    power : int
        Decimal scale: the unit is worth ``10**power`` of the bare dimensions.
    flavor : Flavor
        Meaning of a dimensionless unit; not part of equality.
    symbol : str
        The text the unit was written as; used for display, not part of equality.

    Notes
    -----
    Equality and hashing use ``dims`` and ``power`` only, so ``%`` equals ``x`` (both are pure
    numbers) and ``USD bn`` differs from ``USD m`` (same dimension, different scale).
    """

    dims: Dims = ()
    power: int = 0
    flavor: Flavor = field(default=Flavor.NONE, compare=False)
    symbol: str = field(default="", compare=False)

    # -- properties -------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """The unit's worth in bare dimensions, e.g. 1e9 for ``USD bn``."""
        return 10.0**self.power

    @property
    def dimensionless(self) -> bool:
        """True for pure numbers (``%``, ``x``, ``1``, ``count``, ``years``, ...)."""
        return not self.dims

    @property
    def currencies(self) -> tuple[str, ...]:
        """Currencies appearing in the unit (with any exponent)."""
        return tuple(b for b, _ in self.dims if b in _CANONICAL_CURRENCIES)

    @property
    def currency(self) -> str | None:
        """The currency of a money unit (one currency, exponent 1, nothing else), else None."""
        if (
            len(self.dims) == 1
            and self.dims[0][1] == 1
            and self.dims[0][0] in _CANONICAL_CURRENCIES
        ):
            return self.dims[0][0]
        return None

    @property
    def is_money(self) -> bool:
        """True for an amount of one currency at any scale (``USD bn``, ``HKD``)."""
        return self.currency is not None

    @property
    def is_fraction(self) -> bool:
        """True for ``%`` and ``share``: values are fractions, shown as percentages."""
        return self.flavor in (Flavor.PERCENT, Flavor.SHARE)

    @property
    def bounded_fraction(self) -> bool:
        """True for unit ``share``: values must lie in [0, 1]."""
        return self.flavor is Flavor.SHARE

    def same_dimension(self, other: Unit) -> bool:
        """True when values of the two units can be added (scale may differ)."""
        return self.dims == other.dims

    # -- algebra ----------------------------------------------------------------------------
    def __mul__(self, other: Unit) -> Unit:
        if not isinstance(other, Unit):
            return NotImplemented
        dims = dict(self.dims)
        for base, exp in other.dims:
            dims[base] = dims.get(base, 0) + exp
        return Unit(_norm_dims(dims), self.power + other.power)

    def __truediv__(self, other: Unit) -> Unit:
        if not isinstance(other, Unit):
            return NotImplemented
        return self * other.inverse()

    def inverse(self) -> Unit:
        """The reciprocal unit."""
        return Unit(tuple((b, -e) for b, e in self.dims), -self.power)

    def __pow__(self, exponent: int) -> Unit:
        if isinstance(exponent, bool) or not isinstance(exponent, int):
            if self.dims:
                raise UnitError(
                    f"cannot raise {self} to a non-integer power: only pure numbers can be"
                )
            return Unit()
        return Unit(_norm_dims({b: e * exponent for b, e in self.dims}), self.power * exponent)

    def unscaled(self) -> Unit:
        """The same dimensions at scale 1 (``USD bn`` -> ``USD``)."""
        return Unit(self.dims, 0, self.flavor if not self.dims else Flavor.NONE)

    def factor_to(self, other: Unit) -> float:
        """Multiplier turning a value in this unit into a value in ``other``.

        Raises
        ------
        UnitError
            The dimensions differ.
        """
        check_same_dimension(self, other, "convert")
        return 10.0 ** (self.power - other.power)

    # -- display ----------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.symbol:
            return self.symbol
        return self.canonical()

    def canonical(self) -> str:
        """A normalised spelling, e.g. ``USD bn``, ``HKD/share``, ``RMB/USD``."""
        if len(self.dims) == 1 and self.dims[0][1] > 1 and self.power:
            # A square of a scaled amount reads as one: (USD bn)^2, not USD^2 1e18.
            base, exp = self.dims[0]
            word = _SCALE_WORD.get(self.power // exp) if self.power % exp == 0 else None
            if word:
                return f"({self._base_text(base, 1, plural=True)} {word})^{exp}"
        if len(self.dims) == 1 and self.dims[0][1] == 1:
            symbol = prefixed_symbol(self.dims[0][0], self.power)
            if symbol is not None:  # kt, MWh rather than "t k", "Wh m"
                return symbol
        num = [self._base_text(b, e, plural=True) for b, e in self.dims if e > 0]
        den = [self._base_text(b, -e, plural=False) for b, e in self.dims if e < 0]
        scale = _SCALE_WORD.get(self.power, f"1e{self.power}" if self.power else "")
        head = " ".join(num)
        if scale:
            head = f"{head} {scale}" if head else scale
        if not head:
            head = self.flavor.value if (self.flavor is not Flavor.NONE and not den) else "1"
        return head + "".join(f"/{d}" for d in den)

    def __repr__(self) -> str:
        return f"Unit({self.canonical()!r})"

    @staticmethod
    def _base_text(base: str, exp: int, plural: bool) -> str:
        name = "shares" if (base == _SHARE and plural) else base_text(base, plural)
        return name if exp == 1 else f"{name}^{exp}"


#: A plain number with no scale.
DIMENSIONLESS = Unit(flavor=Flavor.PLAIN, symbol="1")

_TOKEN_SPLIT = re.compile(r"[\s*·]+")


def _parse_side(text: str, whole: str) -> tuple[dict[str, int], int, Flavor]:
    dims: dict[str, int] = {}
    power = 0
    flavor = Flavor.NONE
    scaled = False
    for token in (t for t in _TOKEN_SPLIT.split(text.strip()) if t):
        lower = token.lower()
        base = canonical_currency(token)
        if base is not None:
            dims[base] = dims.get(base, 0) + 1
        elif lower in _SCALES:
            if scaled:
                # India's press compounds its scales ("Rs 2 lakh crore"); a unit takes one.
                compound = power == 5 and _SCALES[lower] == 7
                hint = "; a lakh crore is a trillion: 'INR tn'" if compound else ""
                raise UnitError(
                    f"unit '{whole}' has two scale words; use one of k, m, bn, tn, lakh, "
                    f"crore{hint}"
                )
            scaled = True
            power += _SCALES[lower]
        elif lower in ("share", "shares"):
            dims[_SHARE] = dims.get(_SHARE, 0) + 1
        elif lower in ("1", "count", "year", "years"):
            flavor = _FLAVOR_WORDS[lower]
        elif (quantity := quantity_base(token)) is not None:
            dims[quantity[0]] = dims.get(quantity[0], 0) + 1
            power += quantity[1]
        elif lower in TIME_WORDS:
            raise UnitError(
                f"unit '{excerpt(whole)}': a rate per {token} is not a unit; a model year is the "
                "time unit, so write the yearly amount (e.g. 'kbbl' for a year's barrels: "
                "the daily rate times 365)"
            )
        else:
            known = [
                "USD",
                "EUR",
                "RMB",
                "HKD",
                "JPY",
                *_SCALES,
                "share",
                "shares",
                "years",
                "count",
                *SYMBOLS,
                *(f"{thing}s" for thing in COUNTED),
            ]
            close = difflib.get_close_matches(token, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            cased = [s for s in SYMBOLS if s.lower() == lower and s != token]
            if cased:  # mt, MWH: symbols are read as written
                hint = f"; symbols are case-sensitive: did you mean '{cased[0]}'?"
            if token.upper() in ISO_4217:
                hint = f"; currency codes are upper case: '{token.upper()}'"
            sign = next((c for c in _SIGN_CODES if token.startswith(c)), None)
            if sign in ("Rs", "Rs.") and token.rstrip(".") != "Rs":
                sign = None  # "Rs" only as a word of its own, not the start of another
            if sign is not None:  # £bn, $m, €/share: the sign as written in the press
                rest = token[len(sign) :]
                meant = f"{_SIGN_CODES[sign]} {rest}" if rest in _SCALES else _SIGN_CODES[sign]
                hint = f"; currencies are written as ISO codes: '{meant}' for '{token}'"
            hint = _SPELLED_OUT.get(lower, hint)
            if token in _MINOR_UNITS:  # GBX/GBp (pence), ZAc, ILA: quoted in the minor unit
                major, minor = _MINOR_UNITS[token]
                hint = (
                    f"; {token} is {minor} ({major}/100): write amounts in {major}, e.g. "
                    f"980 {token} as 9.80 {major}"
                )
            raise UnitError(
                f"unknown unit '{excerpt(whole)}': '{excerpt(token, 30)}' is not a unit word{hint} "
                f"(expected e.g. {_EXAMPLES})"
            )
    return dims, power, flavor


#: Currency signs an analyst may write in a unit, and the code the unit wants instead ("¥"
#: is the yen here; a thesis in yuan writes RMB).
_SIGN_CODES = {
    "US$": "USD",
    "HK$": "HKD",
    "R$": "BRL",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "S$": "SGD",
    "NT$": "TWD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
}

#: Exchanges' codes for prices quoted in a currency's hundredth: the currency and the coin.
_MINOR_UNITS = {
    "GBX": ("GBP", "pence"),
    "GBp": ("GBP", "pence"),
    "ZAc": ("ZAR", "cents"),
    "ILA": ("ILS", "agorot"),
}


@lru_cache(maxsize=512)
def parse_unit(text: str) -> Unit:
    """Parse a unit written in a thesis file.

    Parameters
    ----------
    text : str
        E.g. ``"USD bn"``, ``"%"``, ``"shares bn"``, ``"HKD/share"``, ``"RMB/USD"``.

    Returns
    -------
    Unit

    Raises
    ------
    UnitError
        The text is not a unit; the message lists accepted spellings.
    """
    if not isinstance(text, str) or not text.strip():
        raise UnitError(f"a unit is required (expected e.g. {_EXAMPLES})")
    whole = " ".join(text.split())
    lower = whole.lower()
    if lower in _FLAVOR_WORDS:
        flavor = _FLAVOR_WORDS[lower]
        return Unit(flavor=flavor, symbol=flavor.value)
    if lower in ("shares", "share count"):
        return Unit(((_SHARE, 1),), 0, symbol="shares")
    if lower in _SPELLED_OUT:
        raise UnitError(f"unknown unit '{excerpt(whole)}'{_SPELLED_OUT[lower]}")
    parts = whole.split("/")
    words = [t.lower() for t in _TOKEN_SPLIT.split(parts[0]) if t]
    if "share" in words and any(w in _SCALES for w in words):
        # 'share' alone is the fraction; with a scale it can only mean a count, 'shares'.
        fixed = " ".join("shares" if w.lower() == "share" else w for w in parts[0].split())
        fixed += "".join(f"/{p}" for p in parts[1:])
        raise UnitError(
            f"unit '{excerpt(whole)}': 'share' is the fraction unit (a market share); a count "
            f"of shares is '{fixed}'"
        )
    if len(parts) > 2 or not all(p.strip() for p in parts):
        raise UnitError(
            f"unknown unit '{excerpt(whole)}': write at most one '/' (expected e.g. {_EXAMPLES})"
        )
    num, num_power, num_flavor = _parse_side(parts[0], whole)
    if len(parts) == 2:
        den, den_power, _ = _parse_side(parts[1], whole)
        for base, exp in den.items():
            num[base] = num.get(base, 0) - exp
        power = num_power - den_power
    else:
        power = num_power
    dims = _norm_dims(num)
    flavor = num_flavor if not dims and len(parts) == 1 else Flavor.NONE
    return Unit(dims, power, flavor, symbol=whole)


def _verb(op: str, a: Unit, b: Unit) -> str:
    return {
        "add": f"cannot add {a} to {b}",
        "subtract": f"cannot subtract {b} from {a}",
        "compare": f"cannot compare {a} with {b}",
        "convert": f"cannot convert {a} to {b}",
        "choose": f"cannot mix {a} and {b} in one result",
    }.get(op, f"cannot combine {a} and {b}")


def check_same_dimension(a: Unit, b: Unit, op: str = "add") -> None:
    """Raise a clear :class:`UnitError` unless ``a`` and ``b`` have the same dimensions.

    Parameters
    ----------
    a, b : Unit
        The two operands, in order.
    op : str
        ``"add"``, ``"subtract"``, ``"compare"``, ``"convert"`` or ``"choose"``; shapes the
        wording.
    """
    if a.dims == b.dims:
        return
    head = _verb(op, a, b)
    ca, cb = a.currencies, b.currencies
    # A rate converts one amount of money into another; a compound unit (a product of two
    # currencies) has no such rate, and falls through to the plain message.
    if a.is_money and b.is_money and set(ca) != set(cb):
        # Both ways for operands (either may be the one to convert), one way for a conversion.
        ways = [(cb[0], ca[0]), (ca[0], cb[0])] if op != "convert" else [(ca[0], cb[0])]
        raise UnitError(
            f"{head}: convert through an FX assumption: "
            + "; ".join(
                f"{frm} into {to} is multiplying by a {to}/{frm} rate or dividing by a "
                f"{frm}/{to} one"
                for frm, to in ways
            )
        )
    if (a.is_money and b.dimensionless) or (b.is_money and a.dimensionless):
        raise UnitError(f"{head}: one is an amount of money, the other a pure number")
    raise UnitError(f"{head}: the units measure different things")


def convert(value: float, frm: Unit | str, to: Unit | str) -> float:
    """Convert ``value`` from unit ``frm`` to unit ``to`` (same dimensions, scale converted).

    Parameters
    ----------
    value : float
    frm, to : Unit or str

    Returns
    -------
    float

    Raises
    ------
    UnitError
        The dimensions differ.

    Examples
    --------
    >>> convert(2.32, "HKD tn", "HKD bn")
    2320.0
    """
    a = parse_unit(frm) if isinstance(frm, str) else frm
    b = parse_unit(to) if isinstance(to, str) else to
    return value * a.factor_to(b)


def format_quantity(value: float, unit: Unit | str | None, *, grouped: bool = False) -> str:
    """A value with its unit for people to read.

    Parameters
    ----------
    value : float
        In ``unit``; fractions as fractions (``0.6``).
    unit : Unit or str or None
    grouped : bool
        Group the thousands of figures from 1,000 up, as :func:`format_value` does (a figure
        in a sentence beside the tables); by default four-digit figures stay bare, like years.

    Returns
    -------
    str
        Fractions (unit ``%`` or ``share``) as percentages (``0.6`` -> ``60%``, ``0.0149`` ->
        ``1.49%``, never ``0.6 %``); multiples with ``x`` (``23.5x``); plain numbers bare; other
        values with their unit after the number (``7.775 HKD/USD``).
    """
    u = parse_unit(unit) if isinstance(unit, str) else unit

    def number(x: float) -> str:
        return format_value(x) if grouped and math.isfinite(x) else format_number(x)

    if u is not None and u.is_fraction:
        return number(value * 100.0) + "%"
    text = number(value)
    if u is None or (u.dimensionless and u.flavor in (Flavor.NONE, Flavor.PLAIN)):
        return text
    if u.flavor is Flavor.MULTIPLE:
        return text + "x"
    return f"{text} {u}"
