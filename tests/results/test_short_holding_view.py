"""The notebook headline does not call a return under a year an annual return."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import model

_SPEC = importlib.util.spec_from_file_location(
    "short_holding", Path(__file__).parents[1] / "export" / "test_short_holding_not_annual.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)


def test_headline_names_the_period_return(tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(_MODULE.THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2_000, seed=1)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", result._repr_html_()))
    assert "annual return" not in text.lower(), text
    # 12 x 100 / 20 = 60 a share against a price of 50: 20% over the 91 days.
    assert "return from 2027-03-31 to 2027-06-30 (under a year, not annualised), median 20" in text
