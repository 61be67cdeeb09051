"""A Sobol' analysis too large for the machine is refused before anything is sampled.

``--n-base 1073741824`` used to reach numpy's allocation of the Saltelli sample and end as "out
of memory" (a failed run, exit 1) instead of bad input saying which base size fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ResourceLimitError
from model.sensitivities.sobol import sobol_memory

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def test_a_huge_base_is_refused_at_once_naming_what_fits(capsys):
    code = main(["sensitivity", str(TEMPLATE), "--method", "sobol", "--n-base", str(2**30)])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "out of memory" not in err
    assert "n_base 1,073,741,824 needs" in err and "fits" in err


def test_the_limit_follows_the_available_memory(monkeypatch):
    import model.engine.execution.limits as limits

    thesis = model.load_thesis(TEMPLATE)
    monkeypatch.setattr(limits, "available_memory", lambda: int(sobol_memory(64, 5, 5, 100)))
    with pytest.raises(ResourceLimitError, match="n_base 64 fits"):
        model.sensitivity(thesis, method="sobol", n_base=1024)


def test_the_estimate_grows_with_the_sample():
    assert sobol_memory(2048, 3, 3, 100) == pytest.approx(2 * sobol_memory(1024, 3, 3, 100))
    assert sobol_memory(1024, 6, 3, 100) > sobol_memory(1024, 3, 3, 100)
