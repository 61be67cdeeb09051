"""A rate whose unit is written the other way round (``USD/EUR`` where ``EUR/USD`` turns dollars
into euros) gives a line in ``USD^2 m/EUR``; the unit error at the line now names the rate it
reads and the unit that converts, instead of the odd unit alone."""

from __future__ import annotations

import pytest

from model.cli.main import main


@pytest.mark.parametrize(("unit", "fails"), [("USD/EUR", True), ("EUR/USD", False)])
def test_an_inverted_rate_unit_is_named(tmp_path, readme_example, capsys, unit, fails):
    text = readme_example.replace(
        "  w_pe:\n",
        "  us_orders:\n    unit: USD m\n    value: 50\n"
        '    source: {estimate: "Orders booked in the US this year"}\n'
        f"  rate:\n    unit: {unit}\n    value: 0.92\n"
        '    source: {estimate: "The rate on the valuation date"}\n  w_pe:\n',
    )
    text = text.replace(
        "  lines:\n", "  lines:\n    us_sales:\n      value: us_orders * rate\n      unit: EUR m\n"
    )
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    if not fails:
        assert code == 0, err
        return
    assert code == 2
    said = err.strip().splitlines()[-1]
    assert "model.lines.us_sales.value: line 'us_sales' is declared in EUR m" in said, said
    assert (
        "an exchange rate it reads may be written the other way round ('rate' in USD/EUR: "
        "turning USD into EUR takes a rate in EUR/USD)"
    ) in said, said
