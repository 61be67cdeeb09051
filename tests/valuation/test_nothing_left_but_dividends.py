"""A debt or a cost a thousand times too large leaves nothing for the holders at the horizon, but
a thesis that pays a dividend regardless still shows a value today (the dividends before the
horizon), which hid the slip: the warning at the price says so when the horizon's value is
nothing and a method's value is fifty prices or more below zero."""

from __future__ import annotations

from model.cli.main import main


def _thesis(tmp_path, readme_example, net_cash: str):
    text = readme_example.replace(
        "  w_pe:\n",
        '  dps:\n    unit: EUR/share\n    value: 1.2\n    source: {estimate: "A steady dividend"}\n'
        "  w_pe:\n",
    )
    text = text.replace(
        "  lines:\n", "  lines:\n    dividends:\n      value: dps * shares\n      role: dividends\n"
    )
    old = "    unit: EUR m\n    value: 120\n"
    assert text.count(old) == 1
    text = text.replace(old, f"    unit: EUR m\n    value: {net_cash}\n")
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_deficit_hidden_by_dividends_is_warned(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "-200000")  # net debt of EUR 200 bn, meant 200 m
    assert main(["validate", str(path)]) == 0
    (said,) = [x for x in capsys.readouterr().err.splitlines() if "thesis.price.value" in x]
    assert "values the share at 0 EUR/share at the horizon (today's value, " in said, said
    assert "is the dividends paid before it), nothing left for the shareholders" in said, said


def test_a_sound_debt_with_dividends_is_not(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "-200")
    assert main(["validate", str(path)]) == 0
    assert "thesis.price.value" not in capsys.readouterr().err
