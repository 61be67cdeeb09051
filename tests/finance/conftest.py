"""Small deterministic theses for closed-form checks of the finance (every number fixed).

``write_thesis`` writes a one-file thesis from a few fixed assumptions and a ``model:`` section;
``write_payer`` writes one of them, a company valued at a P/E that pays half its earnings out;
``central(path)`` evaluates its central path (one path, every assumption at its value).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.execution.deterministic import deterministic_inputs
from model.valuation import build_model

#: (name, unit, value) of a fixed assumption.
Fixed = tuple[str, str, float]


def _assumption(name: str, unit: str, value: float) -> str:
    return (
        f"  {name}:\n    unit: {unit!r}\n    value: {value!r}\n"
        f'    source: {{estimate: "A round number for the closed-form check of {name}"}}\n'
    )


def thesis_text(
    assumptions: Sequence[Fixed],
    model_section: str,
    *,
    as_of: str = "2024-12-31",
    fiscal_year_end: str = "12-31",
    first: int = 2025,
    last: int = 2027,
    currency: str = "USD",
    price: float = 50.0,
    price_date: str | None = None,
    extra: str = "",
) -> str:
    """The text of a thesis file with fixed assumptions and the given ``model:`` section."""
    dated = f"    date: {price_date}\n" if price_date else ""
    head = f"""\
format: 1
thesis:
  name: "Closed-form check"
  company: Closed Form Ltd
  as_of: {as_of}
  currency: {currency}
  fiscal_year_end: "{fiscal_year_end}"
  horizon: {{first: {first}, last: {last}}}
  price:
    value: {price!r}
    unit: {currency}/share
{dated}    source: {{estimate: "A round price for the closed-form checks of the finance"}}
assumptions:
"""
    body = "".join(_assumption(*a) for a in assumptions)
    section = "model:\n" + textwrap.indent(textwrap.dedent(model_section).strip() + "\n", "  ")
    return head + body + section + extra


@pytest.fixture
def write_thesis(tmp_path: Path) -> Callable[..., Path]:
    """``write_thesis(assumptions, model_section, **thesis_keys) -> path`` (a fresh file)."""
    counter = iter(range(1_000_000))

    def write(assumptions: Sequence[Fixed], model_section: str, **keys: object) -> Path:
        path = tmp_path / f"closed_form_{next(counter)}.yaml"
        path.write_text(thesis_text(assumptions, model_section, **keys))  # type: ignore[arg-type]
        return path

    return write


def _payer_section(cost: bool, dividends: bool) -> str:
    """The payer's ``model:`` section: earnings of ``earn0`` a year, ``payout`` of them paid out
    (with ``dividends``) and the rest kept as cash, valued at the P/E ``pe_x`` alone, with the
    cost of equity ``ke`` named when ``cost``."""
    paid = "  dividends: {value: payout * earnings, role: dividends}\n" if dividends else ""
    kept = "earnings - dividends" if dividends else "earnings"
    discount = "  cost_of_equity: ke\n" if cost else ""
    return (
        "kind: lines\n"
        "currency: USD m\n"
        "blocks:\n"
        "  count: {type: share_count, shares: shares0}\n"
        "lines:\n"
        "  earnings: {value: earn0, role: earnings}\n"
        f"{paid}"
        f'  net_cash: {{value: "net_cash[t-1] + {kept}", start: cash0, role: net_cash}}\n'
        "valuation:\n"
        f"{discount}"
        "  legs:\n"
        "    pe: {weight: 1, multiple: pe_x}\n"
    )


@pytest.fixture
def write_payer(write_thesis: Callable[..., Path]) -> Callable[..., Path]:
    """``write_payer(cost=False, *, dividends=True, pe=10.0, **thesis_keys) -> path``.

    A company with one share earning 10 a year, valued at a P/E of ``pe`` (its value 10 ``pe``
    plus the cash it has kept), priced at 100 unless ``price`` says otherwise. With
    ``dividends`` it pays half its earnings out each year end and keeps the other half; without,
    it keeps them all. With ``cost`` its valuation names a cost of equity of 10%, so the run
    states today's value and the dated returns; without, year-end values only. The other keys
    are those of :func:`thesis_text` (``as_of``, ``fiscal_year_end``, ``first``, ``last``).
    """

    def write(
        cost: bool = False, *, dividends: bool = True, pe: float = 10.0, **keys: object
    ) -> Path:
        numbers: list[Fixed] = [
            ("earn0", "USD m", 10.0),
            ("payout", "%", 0.5),
            ("cash0", "USD m", 0.0),
            ("shares0", "shares m", 1.0),
            ("pe_x", "x", pe),
            ("ke", "%", 0.10),
        ]
        if not dividends:  # no payout to read: the thesis would name it for nothing
            numbers = [n for n in numbers if n[0] != "payout"]
        section = _payer_section(cost, dividends)
        return write_thesis(numbers, section, **{"price": 100.0, **keys})

    return write


def _central(path: Path) -> dict[str, np.ndarray]:
    thesis = model.load_thesis(path)
    fn = build_model(thesis)
    out = fn(deterministic_inputs(thesis.to_spec(), None, n_paths=1))
    return {k: np.asarray(v) for k, v in out.items()}


@pytest.fixture
def central() -> Callable[[Path], dict[str, np.ndarray]]:
    """``central(path)``: every output of the thesis' central path (one path), as arrays."""
    return _central
