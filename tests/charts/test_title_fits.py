"""A chart's headline stays on the figure, however many digits it holds, and a scaled unit
("GBP m") is never split across two lines."""

from __future__ import annotations

from model.charts import review_chart
from model.charts import style as st
from model.charts.text import wrap

#: 99 characters, most of them digits in bold: wider than ten characters an inch allows for.
TITLE = (
    "Regulated asset base, base scenario: median 22,017 GBP m in 2031 "
    "(90% range 20,831 to 23,334 GBP m)"
)


def test_a_headline_of_digits_is_wrapped_to_stay_on_the_figure() -> None:
    fig, ax, created = st.new_axes(None)
    ax.plot([2026, 2031], [18_000, 22_017])
    st.set_title(ax, TITLE, created)
    assert "\n" in st.title_of(fig)
    assert [p for p in review_chart(fig) if p.kind.value == "outside"] == []


def test_a_short_headline_is_not_wrapped() -> None:
    fig, ax, created = st.new_axes(None)
    ax.plot([2026, 2031], [1, 2])
    st.set_title(ax, "Revenue, base scenario: median 2,814 GBP m in 2031", created)
    assert "\n" not in st.title_of(fig)


def test_a_scaled_unit_stays_on_one_line() -> None:
    for width in range(20, 60):
        lines = wrap(TITLE, width).split("\n")
        assert not any(line.endswith(("GBP", "22,017")) for line in lines), (width, lines)


def test_a_tornado_headline_with_a_long_label_stays_on_two_lines_on_the_figure() -> None:
    from model import charts
    from model.sensitivities.results import TornadoBar, TornadoResult

    long = "A new regulatory crackdown " + "with a very long explanation " * 8
    bars = (TornadoBar("crackdown", long, "count", 0.0, 1.0, 202.0, 100.0, "event", 2028),)
    fig = charts.tornado_chart(
        TornadoResult("value_per_share", 2030, 202.0, bars), unit="HKD/share"
    )
    assert st.title_of(fig).count("\n") <= 1
    assert [p for p in review_chart(fig) if p.kind.value == "outside"] == []
