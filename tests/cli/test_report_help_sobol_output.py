"""``thesis report --help`` names the value its sensitivity (and ``--sobol``) ranks.

The help said the report's tornado, rank correlations and ``--sobol`` indices were of value per
share, while for a thesis that states a cost of equity they rank today's value of holding to
the exit year (``value_today_by_year``), as the report's own summary says.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _help() -> str:
    from model.cli.main import build_parser

    parser = build_parser()
    (sub,) = (a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return " ".join(sub.choices["report"].format_help().split())


def test_the_sobol_indices_are_of_todays_value_when_a_cost_of_equity_is_stated():
    from model.export.job import ReportSettings, build_report
    from model.inputs.assembly.thesis import load_thesis
    from model.scenarios import RunSettings

    thesis = load_thesis(TEMPLATE)
    settings = ReportSettings(
        run=RunSettings(n_paths=500, seed=1), scenarios=("base",), sobol=True, n_base=16
    )
    report = build_report(thesis, settings)
    assert report.sobol is not None and report.tornado is not None
    assert report.sobol.output == report.tornado.output == "value_today_by_year"
    text = _help()
    assert "indices of value per share" not in text and "drives value per share" not in text
    assert "today's value of holding to the exit year when the thesis states a cost of equity" in (
        text
    )
    assert re.search(r"--sobol also compute Sobol' indices of the headline value", text)
    assert "`--sobol` adds Sobol' indices of value per share" not in README
