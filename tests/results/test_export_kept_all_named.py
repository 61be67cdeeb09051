"""An export of a lean run (``keep=``) names, in one refusal, every output its tables read per
path (the returns' and the scorecard claims'), so that one more run with those kept exports."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.errors import SettingsError

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "japan-conglomerate.yaml"
NEEDED = ["value_today_by_year", "return_dated", "net_cash"]


@pytest.fixture(scope="module")
def thesis():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.load_thesis(EXAMPLE)


def _run(thesis, keep):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.simulate(thesis, n_paths=300, seed=1, keep=keep, progress=False)


@pytest.mark.parametrize("export", ["workbook", "folder"])
def test_every_output_to_keep_is_named_at_once(tmp_path, thesis, export):
    pytest.importorskip("openpyxl")
    lean = _run(thesis, ["value_per_share"])
    with pytest.raises(SettingsError) as info:
        if export == "workbook":
            lean.to_excel(tmp_path / "lean.xlsx")
        else:
            lean.export(tmp_path / "lean", charts=False)
    text = str(info.value)
    assert "keep=[..., " + ", ".join(repr(n) for n in NEEDED) + "]" in text
    assert not (tmp_path / "lean.xlsx").exists() and not (tmp_path / "lean").exists()


def test_keeping_what_was_named_exports(tmp_path, thesis):
    pytest.importorskip("openpyxl")
    kept = _run(thesis, ["value_per_share", *NEEDED])
    assert kept.to_excel(tmp_path / "kept.xlsx").is_file()
    assert kept.export(tmp_path / "kept", charts=False).is_dir()
