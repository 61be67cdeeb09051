"""The ledger of a thesis: every number with its source, its central value, and a text table.

:func:`central_values` evaluates every assumption at its central value (fixed values as they
are, distributions at their centre, derived assumptions from the central values of their
inputs), so that a derived number such as an exchange rate can be read in the ledger instead of
worked out by hand. :func:`build_ledger` makes the table and :func:`format_ledger` prints it for
a terminal: one short line per number by default, with the full quotes and rationales wrapped
underneath on request.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import excerpt
from model.inputs.assembly.items import BASE, Kind, format_date
from model.inputs.sources.provenance import Source, SourceKind
from model.inputs.units import Unit, UnitError, format_number, parse_unit

if TYPE_CHECKING:
    import pandas as pd

    from model.inputs.assembly.thesis import Thesis

__all__ = [
    "LEDGER_COLUMNS",
    "build_ledger",
    "central_values",
    "distinct_short_docs",
    "format_ledger",
    "human_value",
    "short_doc",
]

#: Columns of :meth:`Thesis.ledger <model.inputs.assembly.thesis.Thesis.ledger>`.
LEDGER_COLUMNS = (
    "name",
    "item",
    "scenario",
    "source",
    "value",
    "central",
    "unit",
    "label",
    "document",
    "quote",
    "rationale",
)
#: Width the terminal table is laid out for.
WIDTH = 120
_NAME_WIDTH = 36
_DOC_PREFIX = re.compile(r"^(\d+)_[0-9a-f]{6,}$")
# Parameters given in the assumption's unit (as opposed to shapes such as a beta's a and b, a
# lognormal's sigma, a PERT's lambda or a process's reversion), followed by a number or a list.
_IN_UNIT = re.compile(
    r"\b(?P<key>mean|sd|median|min|mode|max|p|ci90|values|probs|bounds|shock_sd|start) "
    r"(?P<num>\[[^\]]*\]|-?[\d.]+(?:e[-+]?\d+)?)"
)
_NUMBER = re.compile(r"-?[\d.]+(?:e[-+]?\d+)?")


# -- central values ----------------------------------------------------------------------------


def central_values(thesis: Thesis) -> dict[str, float]:
    """The central value of every assumption of the applied scenario, in its declared unit.

    Fixed values are themselves and distributions give their central value (mean, median,
    mode or most likely value, as the engine's deterministic mode uses). A derived assumption
    is its expression evaluated at the central values of its inputs. Per-year quantities
    (processes, and derived assumptions that use them or an event's target) have no single
    central value and are NaN, as is a derived value that is undefined at the centre of random
    inputs (e.g. a division by a distribution centred on 0).

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    dict[str, float]
        Assumption name -> central value in its declared unit (fractions as fractions).

    Raises
    ------
    ThesisError
        A derived assumption of fixed values only has no value (a division by zero or a
        function outside its domain): it would have none on every path.
    """
    resolved = thesis._resolved
    a = resolved.assumptions
    out: dict[str, float] = {}
    fixed: set[str] = set()
    for name, x in a.items():
        central = x.central()
        out[name] = math.nan if central is None else float(central)
        _check_size(thesis, x, out[name], "value" if x.kind is Kind.VALUE else None)
        _check_parameters(thesis, x)
        if x.kind is Kind.VALUE:
            fixed.add(name)
    for name in resolved.derived_order:
        x = a[name]
        expr = x.expression
        assert expr is not None
        if name in resolved.per_year:
            out[name] = math.nan
            continue
        units = {m: a[m].unit for m in expr.names}
        inputs = {m: np.array([out[m]]) for m in expr.names}
        result = expr.evaluate_checked(inputs, thesis.years, units)
        value = float(np.asarray(result.values, dtype=float).reshape(-1)[0])
        value *= resolved.derived_factor[name]
        all_fixed = all(m in fixed for m in expr.names)
        # Too large for a float at the centre of finite inputs: an overflow on (nearly) every
        # path, typically a unit conversion (1e300 USD tn is 1e312 USD).
        overflow = math.isinf(value) and all(math.isfinite(out[m]) for m in expr.names)
        if all_fixed or overflow:
            if result.n_undefined or not math.isfinite(value):
                shown = ", ".join(f"{m} = {format_number(out[m], 6)}" for m in expr.names)
                why = (
                    f"the result is beyond the largest number a float holds (about 1.8e308) in "
                    f"{x.unit}"
                    if overflow
                    else "a division by zero, a function outside its domain, or a result too "
                    "large for a float"
                )
                what = "the fixed values it uses" if all_fixed else "the central values"
                raise thesis.error(
                    (*x.path, "derived"),
                    f"{excerpt(expr.text, 120)!r} has no value with {what} "
                    f"({excerpt(shown, 300)}): {why}",
                )
            fixed.add(name)
        _check_size(thesis, x, value, "derived")
        out[name] = value if math.isfinite(value) else math.nan
    return out


#: Far beyond any figure of a company in any unit: a number past it was written at the wrong
#: scale, and its square (which a run's summaries take) would overflow to infinity.
HUGE = 1e100


def _in_unit(number: float, unit: Any) -> str:
    """``number`` with its unit; '%' numbers are fractions, so '1e+120 %' would misstate one."""
    return f"{number:.3g} (a fraction)" if str(unit).strip() == "%" else f"{number:.3g} {unit}"


def _check_size(thesis: Thesis, x: Any, value: float, key: str | None) -> None:
    if math.isfinite(value) and abs(value) > HUGE:
        raise thesis.error(
            (*x.path, key) if key else x.path,
            f"the central value {_in_unit(value, x.unit)} is beyond ±{HUGE:.0e}, past any figure "
            "of a company and too large for a run to summarise; check its scale and unit",
        )


def _check_parameters(thesis: Thesis, x: Any) -> None:
    # A spread or a bound past HUGE (sd: 1e120) leaves the central value fine but sends the
    # draws, and every line built on them, past what a run can summarise.
    for key, v in (getattr(x, "params", None) or {}).items():
        numbers = v if isinstance(v, list | tuple) else [v]
        for number in numbers:
            if isinstance(number, bool) or not isinstance(number, int | float):
                continue
            if math.isfinite(number) and abs(number) > HUGE:
                raise thesis.error(
                    (*x.path, key),
                    f"{key} {_in_unit(number, x.unit)} is beyond ±{HUGE:.0e}, past any figure "
                    "of a company and too large for a run to summarise; check its scale and unit",
                )


# -- the table ---------------------------------------------------------------------------------


def _row(
    name: str,
    item: str,
    scenario: str,
    source: Source,
    value: str,
    central: float,
    unit: str,
    label: str | None,
) -> dict[str, Any]:
    return {
        "name": name,
        "item": item,
        "scenario": scenario,
        "source": source.kind.value,
        "value": value,
        "central": central,
        "unit": unit,
        "label": label,
        "document": source.doc,
        "quote": source.quote,
        "rationale": source.spread or source.rationale,
    }


def build_ledger(thesis: Thesis) -> pd.DataFrame:
    """The ledger table of :meth:`Thesis.ledger <model.inputs.assembly.thesis.Thesis.ledger>`.

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    DataFrame
        Columns :data:`LEDGER_COLUMNS`.
    """
    centrals = thesis.central_values()
    price = thesis.price_info
    written = format_number(price.value, 10)
    price_value = written if price.date is None else f"{written} on {price.date.isoformat()}"
    rows = [
        _row(
            "price",
            "price",
            BASE,
            price.source,
            price_value,
            price.value,
            str(price.unit),
            price.label,
        )
    ]
    for a in thesis.assumptions.values():
        rows.append(
            _row(
                a.name,
                a.kind.value,
                a.scenario,
                a.source,
                a.describe(),
                centrals[a.name],
                str(a.unit),
                a.label,
            )
        )
    for ev in thesis.events.values():
        p = ev.annual_prob
        prob = float(p) if not isinstance(p, str) else centrals.get(p, math.nan)
        # An event's number is its annual probability: a fraction, like a weight.
        rows.append(
            _row(ev.name, "event", ev.scenario, ev.source, ev.describe(), prob, "share", ev.label)
        )
    for c in thesis.correlations:
        rows.append(
            _row(c.name, "correlation", c.scenario, c.source, f"rho {c.rho:g}", c.rho, "1", c.label)
        )
    for w in thesis.weights.values():
        rows.append(
            _row(w.scenario, "weight", BASE, w.source, f"{w.value:g}", w.value, "share", None)
        )
    import pandas as pd  # on first use: loading a thesis does not need pandas

    table = pd.DataFrame(rows, columns=list(LEDGER_COLUMNS))
    table["central"] = table["central"].astype(float)
    return table


# -- text --------------------------------------------------------------------------------------


def short_doc(name: str | None) -> str:
    """A seed file's short name, for narrow tables.

    Parameters
    ----------
    name : str or None
        A seed file name.

    Returns
    -------
    str
        The number of a numbered file (``003_c54d60cc8747594a.txt`` -> ``003``), else the
        file name without extension, cut to 16 characters (``article.txt`` -> ``article``).
    """
    if not name:
        return ""
    stem = name.rsplit(".", 1)[0]
    match = _DOC_PREFIX.match(stem)
    return match.group(1) if match else stem[:16]


def _doc_stem(name: str) -> str:
    """A seed file's name without extension, or the number of a numbered file
    (``003_c54d60cc8747594a.txt`` -> ``003``)."""
    stem = name.rsplit(".", 1)[0]
    match = _DOC_PREFIX.match(stem)
    return match.group(1) if match else stem


def distinct_short_docs(names: Iterable[str | None], room: int | None = None) -> dict[str, str]:
    """Each document's name as a table shows it: without extension (a numbered file by its
    number), whole unless ``room`` is too little, and never two documents alike.

    Documents whose shown names coincide (two files numbered ``003``, or ``notes.txt`` and
    ``notes.md``) are shown by their name without extension, else by their whole name. A name
    longer than ``room`` characters is shortened with a visible ellipsis
    (``nordwind_fy2025_r...``), keeping its end when two would otherwise look the same
    (``nordwi...results``, ``nordwi...call``); names that cannot be told apart in ``room``
    stay whole.

    Parameters
    ----------
    names : iterable of str or None
        The documents of a table (empty and missing names are skipped).
    room : int, optional
        Most characters a name may take (default: no limit).

    Returns
    -------
    dict
        Document name -> the name shown.
    """
    docs = sorted({n for n in names if isinstance(n, str) and n})
    shown = {d: _doc_stem(d) for d in docs}
    for longer in (lambda d: d.rsplit(".", 1)[0], lambda d: d):
        counts = Counter(shown.values())
        shown = {d: longer(d) if counts[s] > 1 else s for d, s in shown.items()}
    if room is None or all(len(s) <= room for s in shown.values()):
        return shown
    room = max(room, 8)
    head = {d: s if len(s) <= room else s[: room - 3] + "..." for d, s in shown.items()}
    if len(set(head.values())) == len(head):
        return head
    # Cut in the middle: the end of a name (results, call, 2024) is what tells two apart.
    tail = (room - 3) // 2
    ends = {
        d: s if len(s) <= room else s[: room - 3 - tail] + "..." + s[-tail:]
        for d, s in shown.items()
    }
    return ends if len(set(ends.values())) == len(ends) else shown


def _source_text(row: pd.Series, shown: Mapping[str, str]) -> str:
    kind = row["source"]
    doc = row["document"]
    name = shown.get(str(doc), short_doc(doc)) if isinstance(doc, str) else ""
    if kind == SourceKind.SOURCED:
        return name
    if kind == SourceKind.SPREAD_ESTIMATED:
        return name + " (spread est.)"
    return str(kind)


def _unit(text: str) -> Unit | None:
    try:
        return parse_unit(text)
    except UnitError:
        return None


def _event_years(thesis: Thesis, name: str) -> str:
    """The years an event is limited to (its ``years:``), as the thesis names its years, or
    "" when it can happen in any model year."""
    event = thesis.events.get(name)
    years = tuple(getattr(event, "years", ()) or ())
    if not years:
        return ""
    fiscal = str(getattr(thesis, "fiscal_year_end", None) or "12-31") != "12-31"
    return ", ".join(f"FY{y}" if fiscal else str(y) for y in years)


def _central_text(row: pd.Series, thesis: Thesis) -> str:
    value = row["central"]
    item = row["item"]
    if item == "price":
        price = thesis.price_info
        text = format_number(price.value, 6)
        return f"{text} ({format_date(price.date)})" if price.date is not None else text
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "per year" if row["name"] in thesis.per_year else "n/a"
    if item == "correlation":
        return f"rho {format_number(value)}"
    unit = _unit(row["unit"])
    text = (
        format_number(value * 100.0) + "%"
        if unit is not None and unit.is_fraction
        else format_number(value)
    )
    if item != "event":
        return text
    years = _event_years(thesis, str(row["name"]))
    return f"{text} a year in {years} only" if years else f"{text} a year"


def _percent(number: re.Match[str]) -> str:
    return format_number(float(number.group(0)) * 100.0) + "%"


def human_value(row: Mapping[str, Any]) -> object:
    """The definition for people: a fraction's numbers as percentages (``mean 35.8%``)."""
    text = row["value"]
    unit = _unit(str(row["unit"]))
    if not isinstance(text, str) or unit is None or not unit.is_fraction:
        return text
    if row["item"] in ("value", "weight"):
        return _NUMBER.sub(_percent, text)
    if row["item"] in ("dist", "process"):
        return _IN_UNIT.sub(
            lambda m: f"{m.group('key')} {_NUMBER.sub(_percent, m.group('num'))}", text
        )
    return text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _wrapped(label: str, text: object, width: int) -> list[str]:
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return []
    body = " ".join(str(text).split())
    return textwrap.wrap(
        body,
        width=width,
        initial_indent=f"    {label}: ",
        subsequent_indent=" " * (6 + len(label)),
        break_on_hyphens=False,
    )


def format_ledger(
    thesis: Thesis,
    table: pd.DataFrame | None = None,
    *,
    full: bool = False,
    width: int = WIDTH,
) -> str:
    """The ledger as text for a terminal.

    Parameters
    ----------
    thesis : Thesis
        The thesis whose ledger is shown.
    table : DataFrame, optional
        Its ledger, if already built (default: ``thesis.ledger()``).
    full : bool
        Below each row, also print its definition, label, document, quote and rationale in
        full, wrapped to ``width``.
    width : int
        Line width: rows are shortened to fit (the full texts are wrapped instead).

    Returns
    -------
    str
        One line per number: name, item, central value (fractions as percentages, e.g.
        ``35.8%``), unit and source (the document's short name, ``derived`` or ``estimate``).
    """
    table = thesis.ledger() if table is None else table
    columns = {
        "name": [_cut(str(n), _NAME_WIDTH) for n in table["name"]],
        "item": [str(i) for i in table["item"]],
        "central": [_central_text(r, thesis) for _, r in table.iterrows()],
        "unit": [str(u) for u in table["unit"]],
    }
    # Documents by their whole names, shortened (visibly) only when the line has no room.
    used = sum(max(len(k), *(len(v) for v in vals)) + 2 for k, vals in columns.items())
    spread = bool((table["source"] == SourceKind.SPREAD_ESTIMATED).any())
    shown = distinct_short_docs(table["document"], width - used - spread * len(" (spread est.)"))
    columns["source"] = [_source_text(r, shown) for _, r in table.iterrows()]
    widths = {k: max(len(k), *(len(v) for v in vals)) for k, vals in columns.items()}

    def line(cells: Iterable[str]) -> str:
        parts = [f"{c:<{widths[k]}}" for k, c in zip(columns, cells, strict=True)]
        return _cut("  ".join(parts).rstrip(), width)

    out = [line(columns), line("-" * widths[k] for k in columns)]
    for i, (_, row) in enumerate(table.iterrows()):
        out.append(line(columns[k][i] for k in columns))
        if full:
            details = [
                ("value", human_value(row)),
                ("label", row["label"]),
                ("document", row["document"]),
                ("quote", row["quote"]),
                ("rationale", row["rationale"]),
            ]
            for label, text in details:
                out.extend(_wrapped(label, text, width))
    return "\n".join(out)
