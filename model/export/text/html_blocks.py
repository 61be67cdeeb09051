"""The building blocks of the report's HTML page: escaping, tables of formatted cells, and the
money, percentage and date cells they hold.

Every text is escaped (:func:`_e`) unless it is markup built here from escaped parts
(:class:`_Raw`). The helpers are private to the report's pages: :mod:`model.export.html_report`
imports them, and the learning page takes them from it.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from model.inputs.figures import large_text
from model.results.values import bound_text


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _money(value: Any, unit: str) -> str:
    from model.charts.text import format_value

    return "" if _is_missing(value) else format_value(float(value), unit)


#: Two standard errors, in percentage points, below which an error is floating-point rounding.
_ROUNDING_PTS = 1e-9


def _pct(value: Any, se: Any = None, n: Any = None) -> str:
    if _is_missing(value):
        return ""
    points = float(value) * 100
    text = f"{large_text(points) or f'{points:.1f}'}%"
    bound = None if _is_missing(n) else bound_text(float(value), float(n))
    if bound is not None:  # counted at 0 or 1: a zero error would claim a certainty
        return f"{text} ({bound})"
    if se is not None and not _is_missing(se):
        # Two standard errors in points, with their % sign; one that rounds to 0.0 keeps two
        # digits (± 0.034%, not ± 0.0% as if the estimate were exact).
        pm = float(se) * 200
        # Below a billionth of a point an error is the rounding of an output that does not
        # vary (its mean differs from its paths in the last digit), not a sampling error.
        pm = 0.0 if pm < _ROUNDING_PTS else pm
        big = large_text(pm)
        text += f" ± {big}%" if big else f" ± {pm:.2g}%" if 0 < pm < 0.05 else f" ± {pm:.1f}%"
    return text


def _two_se(se: float) -> str:
    """Two standard errors of a scorecard probability in points: whole or one decimal, but one
    that rounds to 0.0 keeps two digits (``"0.032%"``), as a zero would claim an exact count."""
    from model.charts.text import format_probability

    pm = 200.0 * float(se)
    return f"{pm:.2g}%" if 0 < pm < 0.05 else format_probability(2 * float(se), se=True)


def _table(
    rows: Iterable[Sequence[Any]],
    header: Sequence[str],
    *,
    numeric: Sequence[int] = (),
    table_id: str | None = None,
    caption: str | None = None,
) -> str:
    """An HTML table of already formatted cells (every cell escaped)."""
    out = ['<div class="wide">', f'<table id="{_e(table_id)}">' if table_id else "<table>"]
    if caption:
        out.append(f"<caption>{_e(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            cls = ' class="num"' if k in numeric else ""
            cells.append(f"<td{cls}>{cell if isinstance(cell, _Raw) else _e(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


class _Raw(str):
    """Markup built here from escaped parts (not escaped again)."""


def _kv(pairs: Iterable[tuple[str, Any]], table_id: str) -> str:
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs)
    return f'<table class="kv" id="{_e(table_id)}"><tbody>{rows}</tbody></table>'


def _date(value: Any) -> str:
    if isinstance(value, _dt.date):
        from model.inputs.assembly.items import format_date

        return format_date(value)
    return "" if value is None else str(value)
