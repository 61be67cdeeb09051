"""The number format of each cell of the Excel workbook (:mod:`model.results.formats.excel`),
from its column's name and its row's unit."""

from __future__ import annotations

import math
from typing import Any

from model.inputs.currencies import WHOLE_UNIT_CURRENCIES
from model.inputs.units import UnitError, parse_unit

__all__ = [
    "FRACTION_UNITS",
    "INTEGER",
    "MAX_WIDTH",
    "MONEY",
    "NUMBER_WIDTH",
    "PERCENT",
    "PERCENT_FINE",
    "PLAIN_INTEGER",
    "RATIO",
    "YEARS",
    "cell_format",
    "cell_text",
    "number_format",
]

PERCENT = "0.0%"
PERCENT_FINE = "0.00%"
INTEGER = "#,##0"
PLAIN_INTEGER = "0"
MONEY = "#,##0.00"
RATIO = "0.000"
#: Units whose numbers are fractions, formatted as percentages.
FRACTION_UNITS = frozenset({"%", "share"})
#: Widest a column is made, in characters.
MAX_WIDTH = 60
#: The most characters an Excel cell holds; openpyxl cuts longer text there without a word.
CELL_CHARS = 32_767
#: Width given to a column of numbers.
NUMBER_WIDTH = 12

_COUNTS = {"n", "n_paths", "n_undefined", "paths", "n_base", "n_evaluations"}
_PLAIN = {"year", "rank", "path", "event_year"}
#: Spans in years, held to the day (5.87 years to the end of 2030 is not 6).
_SPANS = {"years_ahead"}
#: Years counted in days (ACT/365F), e.g. 5.25.
YEARS = "0.00"
_FRACTIONS = (
    "probability", "p_upside", "p_loss_30", "weight", "contribution", "return_",
    "expected_return", "expected_shortfall", "upside", "downside", "S1", "ST",
)  # fmt: skip


def number_format(column: str, unit: str = "") -> str:
    """The Excel number format of a number, from its column's name and its row's unit.

    Parameters
    ----------
    column : str
        Column name, e.g. ``"p50_se"`` or ``"p_upside"``.
    unit : str
        The unit of the row's output, when the table has a unit column.

    Returns
    -------
    str
        Percentages (``0.0%``; ``0.00%`` for standard errors and interval half-widths) for
        fractions; ``#,##0`` for counts; ``0`` for years and ranks; ``0.00`` for spans of
        years (``years_ahead``); ``0.000`` for correlations; ``#,##0`` for whole units of a
        currency without a minor unit (``JPY``, ``KRW/share``); ``#,##0.00`` otherwise.
    """
    if column in _COUNTS:
        return INTEGER
    if column in _PLAIN:
        return PLAIN_INTEGER
    if column in _SPANS:
        return YEARS
    fine = column.endswith(("_se", "_conf"))
    base = column.removesuffix("_se").removesuffix("_conf")
    if unit.strip() in FRACTION_UNITS or base.startswith(_FRACTIONS):
        return PERCENT_FINE if fine else PERCENT
    if base.startswith("rho"):
        return RATIO
    return INTEGER if _whole_units(unit) else MONEY


def _whole_units(unit: str) -> bool:
    """Whether ``unit`` is unscaled money (or money a share) of a currency without cents."""
    try:
        u = parse_unit(unit) if unit.strip() else None
    except UnitError:  # a unit the workbook only shows; its numbers keep the general format
        return False
    if u is None or u.power != 0 or len(u.currencies) != 1:
        return False
    per_share = dict(u.dims) == {u.currencies[0]: 1, "share": -1}
    return (u.is_money or per_share) and u.currencies[0] in WHOLE_UNIT_CURRENCIES


def cell_format(column: str, unit: str, value: Any) -> str:
    """The number format of one cell: :func:`number_format`, with no decimals from 1,000 up.

    Two decimals of a figure of four digits or more add nothing a reader uses (a price of
    265,000 a unit, revenue of 1,021 bn) and crowd the column; it keeps four significant digits,
    as the text and tables of the report do.
    """
    fmt = number_format(column, unit)
    big = isinstance(value, int | float) and math.isfinite(value) and abs(value) >= 1_000
    return INTEGER if fmt == MONEY and big else fmt


def cell_text(text: str) -> str:
    """``text``, or when longer than a cell holds, its start with a note saying it was cut.

    A rationale or quote past :data:`CELL_CHARS` would otherwise lose its end in the workbook
    with nothing to show it (the CSV and Parquet ledgers keep the whole of it). Excel counts
    UTF-16 code units, so a character outside the Basic Multilingual Plane (an emoji, a rare
    CJK ideograph) counts as two, and the cut never splits one.
    """
    units = _utf16(text)
    if len(units) // 2 <= CELL_CHARS:
        return text
    note = f" [... cut: a cell holds {CELL_CHARS:,} characters; the text has {len(units) // 2:,}]"
    end = 2 * (CELL_CHARS - len(note))
    if 0xD800 <= int.from_bytes(units[end - 2 : end], "little") <= 0xDBFF:
        end -= 2  # the first half of a pair: keep the whole character out
    return units[:end].decode("utf-16-le", "surrogatepass") + note


def _utf16(text: str) -> bytes:
    """``text`` as Excel stores it (lone surrogates kept, one unit each, as Excel counts)."""
    return text.encode("utf-16-le", "surrogatepass")
