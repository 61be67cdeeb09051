"""A value per share far from the price by the square of the rate ``fx_to_price`` reads is what
that rate written the other way round gives (EUR per JPY written as JPY per EUR): the warning
at the price names the rate and the value it would give inverted, beside the unit slips it
already suggested."""

from __future__ import annotations

import re

import pytest

from model.cli.main import main


def _thesis(tmp_path, readme_example, rate: str):
    """The README's example priced in yen (38 EUR at 160 JPY/EUR), its model in EUR m."""
    text = readme_example.replace(
        "  currency: EUR                ", "  currency: JPY                "
    )
    text = text.replace(
        "    value: 38.0\n    unit: EUR/share\n", "    value: 6080\n    unit: JPY/share\n"
    )
    text = text.replace(
        "  w_pe:\n",
        f"  jpy_per_eur:\n    unit: JPY/EUR\n    value: {rate}\n"
        '    source: {estimate: "The rate on the valuation date"}\n  w_pe:\n',
    )
    text = text.replace("  currency: EUR m ", "  fx_to_price: jpy_per_eur\n  currency: EUR m ")
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_inverted_rate_is_named_with_the_value_it_would_give(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "0.00625")
    assert main(["validate", str(path)]) == 0
    (said,) = [x for x in capsys.readouterr().err.splitlines() if "thesis.price.value" in x]
    assert "times below the price of 6080" in said, said
    found = re.search(
        r"'jpy_per_eur' = 0.00625 JPY/EUR, written the other way round: at 160 "
        r"the value would be ([\d.]+) JPY/share",
        said,
    )
    assert found is not None, said
    # Inverted, the value per share is the rate squared higher: back near the price.
    assert 6080 / 50 < float(found.group(1)) < 6080 * 50


@pytest.mark.parametrize("rate", ["160"])
def test_the_rate_written_right_draws_no_warning(tmp_path, readme_example, capsys, rate):
    path = _thesis(tmp_path, readme_example, rate)
    assert main(["validate", str(path)]) == 0
    assert "thesis.price.value" not in capsys.readouterr().err
