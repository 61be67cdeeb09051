"""The report page does not call a return under a year a return "a year".

With the valuation date nine months before the last year end, the scenario table's return is
the holding period's own (not annualised), which its header called "Expected return a year".
"""

from __future__ import annotations


def _late(body: str) -> str:
    return body.replace("as_of: 2025-06-30", "as_of: 2030-03-31")


def test_a_return_under_a_year_is_named_so(readme_report, page_text):
    page = page_text(readme_report(edit=_late))
    assert "Expected return a year" not in page, page[:3000]
    assert "Expected return (under a year, not annualised) ± 2 s.e." in page


def test_a_return_over_years_keeps_its_header(readme_report, page_text):
    page = page_text(readme_report())
    assert "Expected return a year ± 2 s.e." in page


def test_the_index_names_the_return_chart_so(tmp_path):
    import importlib.util
    from pathlib import Path

    from model.cli.main import main

    spec = importlib.util.spec_from_file_location(
        "short_holding", Path(__file__).parent / "test_short_holding_not_annual.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    THESIS = module.THESIS
    path = tmp_path / "short.yaml"
    path.write_text(THESIS, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    index = (out / "README.txt").read_text(encoding="utf-8")
    assert "Annual return to" not in index, index
    assert "Return (under a year, not annualised) to FY2027 by scenario (box plots)" in index
