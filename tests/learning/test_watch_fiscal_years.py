"""A watch list of a thesis whose fiscal year does not end in December names the years as an
analyst does (FY2027): a bare 2027 reads as the calendar year."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


@pytest.fixture(scope="module")
def japan():
    return model.simulate(
        EXAMPLES / "japan-conglomerate.yaml", n_paths=600, seed=3, keep_inputs=True
    )


def test_a_march_year_is_named_fy(japan) -> None:
    wl = model.watch(japan)  # FY2026, ending 2026-03-31, is still ahead of the June 2025 date
    for line in wl.sentences():
        assert " for FY2026 " in line, line
        assert " for 2026 " not in line, line


def test_the_measure_of_a_year_end_output_names_its_fiscal_year(japan) -> None:
    wl = model.watch(japan, output="value_per_share")
    assert wl.measure == "median value_per_share in FY2030"


def test_a_reported_year_is_refused_by_its_fiscal_name(tmp_path) -> None:
    # Valued in June 2026, FY2026 ended on 2026-03-31: its figures are reported.
    from model.learning.watchlist import default_observables

    text = (EXAMPLES / "japan-conglomerate.yaml").read_text(encoding="utf-8")
    path = tmp_path / "japan.yaml"
    path.write_text(text.replace("as_of: 2025-06-30", "as_of: 2026-06-30"), encoding="utf-8")
    run = model.simulate(model.load_thesis(path), n_paths=200, seed=3)
    with pytest.raises(model.errors.ParameterError, match=r"^FY2026 ended on 2026-03-31"):
        default_observables(run, 2026)
