"""The notebook view's headline table says what its values are held to.

On today's basis the rows are today's value of holding to the exit year: a header "in FY2030"
above "value today, median" read as a value today in 2030. The header says "held to FY2030"
there, and keeps "in FY2030" for year-end values.
"""

from __future__ import annotations

import re
from pathlib import Path

import model

JAPAN = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "japan-conglomerate.yaml"


def _headers(result: model.SimulationResult) -> list[str]:
    html = result._repr_html_()
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", html)]


def test_todays_value_is_headed_held_to_the_exit_year() -> None:
    result = model.simulate(JAPAN, n_paths=300, seed=1)
    assert "value_today" in result.outputs
    headers = _headers(result)
    assert headers[:2] == ["held to FY2030", "estimate"]


def test_a_year_end_value_is_headed_in_the_exit_year(tmp_path: Path) -> None:
    text = JAPAN.read_text(encoding="utf-8")
    line = "    cost_of_equity: ke\n"
    assert line in text
    path = tmp_path / "year-end.yaml"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    result = model.simulate(model.load_thesis(path, allow_read=[JAPAN.parent]), n_paths=300, seed=1)
    assert "value_today" not in result.outputs
    assert _headers(result)[:2] == ["in FY2030", "estimate"]
