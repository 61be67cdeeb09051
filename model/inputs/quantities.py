"""Physical quantities and counted things, the units a thesis uses beside money and shares.

A miner sells tonnes and ounces at a price per tonne or ounce, an oil producer barrels, a
utility megawatt-hours from megawatts of capacity, a software company seats and subscribers.
Each kind below is a base dimension of its own in :mod:`model.inputs.units`: amounts of one
kind convert by their decimal prefix (``kt`` into ``Mt``), and a price per unit times a
quantity is money (``USD/t * kt`` is ``USD k``). Two kinds never mix: tonnes are not ounces nor
pounds, whose factors are not powers of ten (convert with an assumption of unit ``lb/t``, say).

Why a table of our own rather than a units library (pint, astropy.units): the thesis' units are
money in any ISO 4217 currency, share counts and the scale words analysts write (``m``,
``bn``), with errors worded for a thesis; the physical units a valuation needs are a short,
closed list, and a general library would add a dependency and accept units (metres per second,
kelvin) that have no place in one.
"""

from __future__ import annotations

__all__ = ["COUNTED", "SYMBOLS", "base_text", "prefixed_symbol", "quantity_base"]

#: Symbols, read exactly as written (``Mt`` is a million tonnes; ``mt`` is not read):
#: symbol -> (base, power of ten).
SYMBOLS: dict[str, tuple[str, int]] = {
    # metric tonnes
    "t": ("t", 0),
    "kt": ("t", 3),
    "Mt": ("t", 6),
    # troy ounces (precious metals)
    "oz": ("oz", 0),
    "koz": ("oz", 3),
    "Moz": ("oz", 6),
    # pounds (base metals and uranium quoted per pound)
    "lb": ("lb", 0),
    "lbs": ("lb", 0),
    "Mlb": ("lb", 6),
    # barrels and barrels of oil equivalent ("MM" is the industry's million)
    "bbl": ("bbl", 0),
    "kbbl": ("bbl", 3),
    "MMbbl": ("bbl", 6),
    "boe": ("boe", 0),
    "kboe": ("boe", 3),
    "MMboe": ("boe", 6),
    # gas: thousand (M, the Roman numeral), million, billion, trillion cubic feet
    "cf": ("cf", 0),
    "Mcf": ("cf", 3),
    "mcf": ("cf", 3),
    "MMcf": ("cf", 6),
    "bcf": ("cf", 9),
    "Bcf": ("cf", 9),
    "tcf": ("cf", 12),
    "Tcf": ("cf", 12),
    "Btu": ("Btu", 0),
    "MMBtu": ("Btu", 6),
    # energy and capacity
    "Wh": ("Wh", 0),
    "kWh": ("Wh", 3),
    "MWh": ("Wh", 6),
    "GWh": ("Wh", 9),
    "TWh": ("Wh", 12),
    "W": ("W", 0),
    "kW": ("W", 3),
    "MW": ("W", 6),
    "GW": ("W", 9),
}

#: Words of the same quantities, read in any case and in the plural: word -> symbol.
_WORDS: dict[str, str] = {
    "tonne": "t",
    "tonnes": "t",
    "ounce": "oz",
    "ounces": "oz",
    "barrel": "bbl",
    "barrels": "bbl",
}

#: Counted things (singular), read in any case and in the plural. A base of its own each:
#: subscribers do not add to customers.
COUNTED: tuple[str, ...] = (
    "account",
    "bed",
    "customer",
    "device",
    "employee",
    "home",
    "member",
    "passenger",
    "room",
    "seat",
    "site",
    "store",
    "subscriber",
    "unit",
    "user",
    "vehicle",
)
_COUNTED_SET = frozenset(COUNTED)

#: Per-time rates (``bbl/d``) are not units of their own: a model year is the time unit.
TIME_WORDS = frozenset(
    {"d", "day", "days", "h", "hr", "hour", "hours", "week", "weeks", "month", "months"}
)

_PREFIXED: dict[tuple[str, int], str] = {}
for _symbol, _key in SYMBOLS.items():
    _PREFIXED.setdefault(_key, _symbol)


def quantity_base(token: str) -> tuple[str, int] | None:
    """The base and power of ten of a physical unit or counted thing, None for other words.

    Parameters
    ----------
    token : str
        One word of a unit: a symbol (``kt``, ``MWh``), a word (``tonnes``) or a counted thing
        (``subscribers``).

    Returns
    -------
    tuple of (str, int) or None
    """
    if token in SYMBOLS:
        return SYMBOLS[token]
    lower = token.lower()
    if lower in _WORDS:
        return SYMBOLS[_WORDS[lower]]
    singular = lower[:-1] if lower.endswith("s") else lower
    if singular in _COUNTED_SET:
        return singular, 0
    return None


def base_text(base: str, plural: bool) -> str:
    """How a base is written: counted things in the plural above the line (``subscribers``)."""
    return base + "s" if plural and base in _COUNTED_SET else base


def prefixed_symbol(base: str, power: int) -> str | None:
    """The usual symbol of ``10**power`` of a physical base (``("t", 6)`` -> ``Mt``), if any."""
    return _PREFIXED.get((base, power))
