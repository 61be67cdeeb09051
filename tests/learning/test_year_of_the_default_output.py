"""A year given for the default output (today's value, one value per path) says how to explain
a year's figure instead: name a per-year output such as value_per_share."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelError

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


def test_attribute_with_a_year_names_a_per_year_output(capsys):
    argv = ["attribute", str(SAAS), "--from", "bear", "--year", "2028", "--paths", "300"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "'value_today' has one value per path" in err
    assert "--output value_per_share" in err, err


def test_watch_with_a_year_names_a_per_year_output():
    result = model.simulate(model.load_thesis(SAAS), n_paths=500, seed=1, progress=False)
    with pytest.raises(ThesisModelError) as info:
        model.watch(result, year=2028)
    assert "takes no year" in str(info.value) and "output='value_per_share'" in str(info.value)
