"""Small deterministic theses for closed-form checks of the finance (every number fixed).

``write_thesis`` writes a one-file thesis from a few fixed assumptions and a ``model:`` section;
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


def _central(path: Path) -> dict[str, np.ndarray]:
    thesis = model.load_thesis(path)
    fn = build_model(thesis)
    out = fn(deterministic_inputs(thesis.to_spec(), None, n_paths=1))
    return {k: np.asarray(v) for k, v in out.items()}


@pytest.fixture
def central() -> Callable[[Path], dict[str, np.ndarray]]:
    """``central(path)``: every output of the thesis' central path (one path), as arrays."""
    return _central
