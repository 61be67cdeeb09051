"""The chart functions the README names are reachable as it writes them."""

from __future__ import annotations

import subprocess
import sys


def test_learning_charts_are_an_attribute_of_model_charts() -> None:
    # A fresh interpreter: `model.charts.learning.watch_chart` raised AttributeError unless
    # some other code had imported the submodule first.
    code = (
        "import model\n"
        "from model import charts\n"
        "assert callable(charts.learning.watch_chart)\n"
        "assert callable(model.charts.learning.attribution_waterfall)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
