"""Labels made from names keep the usual finance acronyms upper-cased, for any company."""

from __future__ import annotations

import pytest

from model.valuation.roles import humanize


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("dps", "DPS"),
        ("wacc", "WACC"),
        ("roe_target", "ROE target"),
        ("arpu_growth", "ARPU growth"),
        ("rcv_2026", "RCV 2026"),
        ("uk_revenue", "UK revenue"),
        ("ebit_cloud", "EBIT cloud"),
        ("dividends", "Dividends"),
        ("nopat", "NOPAT"),
        # The example theses' real-estate and bank multiples read "Noi multiple", "Pb exit".
        ("noi_multiple", "NOI multiple"),
        ("pb_exit", "P/B exit"),
    ],
)
def test_acronyms(name: str, label: str) -> None:
    # A utility's dividend per share line read "Dps" in every table and chart.
    assert humanize(name) == label


def test_a_legs_lines_are_labelled_with_its_name_in_words():
    # The labels of a leg's lines carried its raw name: "Value by pe", "Multiple (pe)".
    import model
    from model.valuation.lines.model import LineModel

    thesis = model.load_thesis("assumptions/alibaba.yaml")
    labels = {i.name: i.label for i in LineModel.from_thesis(thesis).built.infos}
    assert labels["value_pe"] == "Value by P/E"
    assert labels["value_per_share_dcf"] == "Value per share by DCF"
    assert labels["pe_multiple"] == "Multiple (P/E)"
    assert labels["exit_pe"] == "Exit multiple (P/E)"
