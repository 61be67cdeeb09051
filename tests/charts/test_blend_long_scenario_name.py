"""A blend's histogram with a scenario named at length keeps room for the plot.

The stacked histogram's legend, beside the plot, took a scenario's name unwrapped: a name of
250 letters pushed the plot to nothing ("axes sizes collapsed to zero", printed even under
``report -q``).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import model
from model.charts import value_distribution
from model.charts.style import render_png

ROOT = Path(__file__).resolve().parents[2]
_MARK = re.compile(r"<!-- readme-example: example.yaml -->\n```yaml\n(?P<body>.*?)\n```", re.S)
LONG = "b" * 250


def test_the_legend_wraps_a_long_scenario_name(tmp_path):
    found = _MARK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert found is not None
    text = found.group("body").replace("\n  bear:\n", f"\n  {LONG}:\n")
    text = text.replace("\n  bear: {value", f"\n  {LONG}: {{value")
    path = tmp_path / "example.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    blended = model.blend(model.load_thesis(path), n_paths=1000, seed=1)
    fig = value_distribution(blended)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(fig)
    assert not [w for w in caught if "collapsed" in str(w.message)], [
        str(w.message) for w in caught
    ]
    entries = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert all(len(line) <= 40 for e in entries for line in e.splitlines()), entries
