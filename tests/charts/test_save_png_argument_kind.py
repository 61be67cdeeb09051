"""save_png handed something other than a figure says so in one line, before any folder is made:
an Axes (pass ax.figure) or the path and the figure swapped are the usual notebook slips."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from model.charts import save_png
from model.errors import WrongKindError


def _figure() -> Figure:
    fig = Figure(figsize=(2, 1.5))
    fig.add_subplot().plot([0, 1], [0, 1])
    return fig


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("axes", "pass ax.figure"),
        ("swapped", "the figure comes first"),
        ("text", "got str"),
        ("none", "got NoneType"),
    ],
)
def test_anything_but_a_figure_is_refused_before_a_folder_is_made(tmp_path, given, says):
    fig = _figure()
    target = tmp_path / "new" / "chart.png"
    first, second = {
        "axes": (fig.axes[0], target),
        "swapped": (target, fig),
        "text": ("fig", target),
        "none": (None, target),
    }[given]
    with pytest.raises(WrongKindError, match=says) as caught:
        save_png(first, second)
    assert "\n" not in str(caught.value)
    assert "matplotlib Figure" in str(caught.value)
    assert not (tmp_path / "new").exists()


def test_a_figure_is_still_saved(tmp_path):
    path = save_png(_figure(), tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
