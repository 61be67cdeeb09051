"""The sensitivity results' displays share their signs: the Sobol' repr writes its intervals
with "±" as the notebook view and the table do (it wrote "+-")."""

from __future__ import annotations

from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def test_sobol_repr_writes_plus_minus_as_one_sign():
    res = model.sensitivity(model.load_thesis(THESIS), method="sobol", n_base=64, seed=1)
    text = repr(res)
    assert "+-" not in text
    rows = [line for line in text.splitlines() if ": S1 " in line]
    assert rows and all(line.count("±") == 2 for line in rows), text
    assert "+-" not in res.summary().columns.name
