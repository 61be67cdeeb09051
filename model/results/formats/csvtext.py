"""The text of a CSV file, safe to open in a spreadsheet.

A spreadsheet opening a CSV file reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or
a tab or carriage return, which some strip first) as a formula: text from someone else's
thesis (a label, a note, a quote, a scenario's name) could then run one, such as
``=HYPERLINK(...)`` sending the sheet's cells away. Every CSV file the toolkit writes goes
through :func:`csv_text`, which writes such a text cell with a single quote in front, the
convention spreadsheets show as the text itself (``'=1+1`` displays ``=1+1``).

Only text is changed: numbers, whatever their sign, stay numbers, and so does text that is a
plain number (``-0.05``, ``-1,234.5``, ``-12%``), which no spreadsheet reads as a formula. The
Excel workbook needs none of this: it stores such text as text (see
:mod:`model.results.formats.excel`).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "csv_safe", "csv_text"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: A plain number written as text: sign, digits with optional thousands commas, decimals, an
#: exponent and a percent sign; read by a spreadsheet as that number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?")


def csv_safe(value: Any) -> Any:
    """``value`` as a CSV cell: text a spreadsheet would read as a formula gets a leading
    single quote; anything else (numbers, dates, missing values, plain-number text) as is."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if any(c.isdigit() for c in value) and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_text(frame: pd.DataFrame, *, index: bool = False) -> str:
    """The CSV text of ``frame`` (``\\n`` line ends), its text cells, column names and (with
    ``index``, written first as pandas does) index labels made safe by :func:`csv_safe`."""
    out = frame.copy()
    out.columns = _safe_index(out.columns)
    if index:
        out.index = _safe_index(out.index)
    for at in range(out.shape[1]):
        values = out.iloc[:, at]
        # Text lives in object, string and categorical columns; numeric ones never change.
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype | pd.CategoricalDtype):
            out.isetitem(at, values.astype(object).map(csv_safe, na_action="ignore"))
    return out.to_csv(index=index, lineterminator="\n")


def _safe_index(labels: pd.Index) -> pd.Index:
    """Row or column labels made safe, their names too (a MultiIndex level by level)."""
    names = [csv_safe(n) for n in labels.names]
    if isinstance(labels, pd.MultiIndex):
        tuples = [tuple(csv_safe(v) for v in t) for t in labels]
        return pd.MultiIndex.from_tuples(tuples, names=names)
    if labels.dtype != object and not isinstance(labels.dtype, pd.StringDtype):
        return labels.rename(names[0])  # numbers, dates: never read as formulas
    return pd.Index([csv_safe(v) for v in labels], dtype=object, name=names[0])
