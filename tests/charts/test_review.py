"""The chart review itself: each check finds the defect it is for, and passes a clean chart."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from model.charts.review import ProblemKind, review_chart


def _fig() -> tuple[Figure, object]:
    fig = Figure(figsize=(6, 4), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def kinds(fig: Figure) -> set[ProblemKind]:
    return {p.kind for p in review_chart(fig)}


def test_a_clean_chart_passes():
    fig, ax = _fig()
    x = np.linspace(0, 10, 50)
    ax.plot(x, np.sin(x), label="sine")
    ax.set_xlabel("x (units)")
    ax.set_ylabel("y (units)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.suptitle("A sine", x=0.01, ha="left")
    assert review_chart(fig) == []


def test_text_off_the_figure_is_found():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1])
    fig.text(0.9, 0.5, "a note that runs far past the right edge of the figure")
    problems = review_chart(fig)
    assert ProblemKind.OUTSIDE in {p.kind for p in problems}
    assert any("runs past" in p.message or "runs off" in p.message for p in problems)


def test_overlapping_texts_are_found():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1])
    ax.annotate("first note", (0.2, 0.8), annotation_clip=False)
    ax.annotate("second note", (0.22, 0.8), annotation_clip=False)
    found = [p for p in review_chart(fig) if p.kind is ProblemKind.OVERLAP]
    assert found and "first note" in found[0].message and "second note" in found[0].message


def test_crowded_tick_labels_are_found():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1])
    ax.set_xticks(np.linspace(0, 1, 40))
    ax.set_xticklabels([f"label {i}" for i in range(40)])
    assert ProblemKind.OVERLAP in kinds(fig)


def test_a_note_on_a_line_is_found():
    fig, ax = _fig()
    ax.plot([0, 10], [0, 10])
    ax.axvline(5.0, color="k", label="price")
    ax.annotate("median 5.0", (4.6, 2.0))
    found = [p for p in review_chart(fig) if p.kind is ProblemKind.COVERS]
    assert found and "price" in found[0].message


def test_a_legend_on_the_data_is_found():
    fig, ax = _fig()
    x = np.linspace(0, 1, 20)
    ax.plot(x, np.full_like(x, 0.95), label="a line along the top")
    ax.plot(x, x * 0.5, label="another")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper right")
    assert ProblemKind.COVERS in kinds(fig)


def test_data_cut_by_the_axes_needs_a_note():
    fig, ax = _fig()
    ax.plot(np.arange(10), np.arange(10), gid="series")
    ax.set_xlim(0, 5)
    found = [p for p in review_chart(fig) if p.kind is ProblemKind.CUT]
    assert found and "series" in found[0].message
    ax.annotate("4 points beyond the axis", (0.98, 0.02), xycoords="axes fraction",
                ha="right", gid="cut_note")  # fmt: skip
    assert ProblemKind.CUT not in kinds(fig)


def test_an_axis_much_wider_than_its_data_is_found():
    fig, ax = _fig()
    ax.plot([100, 370], [1, 2])
    ax.set_xlim(50, 520)
    found = [p for p in review_chart(fig) if p.kind is ProblemKind.EMPTY]
    assert found and "high end" in found[0].message


def test_zero_and_full_percent_are_natural_bounds():
    fig, ax = _fig()
    ax.plot([1, 2, 3], [40, 50, 60])
    ax.set_ylim(0, 70)  # a money axis from zero
    assert ProblemKind.EMPTY not in kinds(fig)
    fig, ax = _fig()
    ax.plot([0.2, 0.4], [1, 2])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _p: f"{v:.0%}")
    assert ProblemKind.EMPTY not in kinds(fig)


def test_review_leaves_the_figure_canvas_alone():
    fig, ax = _fig()
    ax.plot([0, 1], [0, 1])
    canvas = fig.canvas
    review_chart(fig)
    assert fig.canvas is canvas
