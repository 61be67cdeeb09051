"""A leg that adds the net cash finds none while a balance carried from year to year has no
role: the warning names the balance most likely to be the cash (money, named as cash or debt)
rather than the first one in the file, which was a rent index in a new user's REIT, and lists
the others."""

from __future__ import annotations

from model.cli.main import main

INDEX = (
    "    rent_index:\n      value: rent_index[t-1] * (1 + sales_growth)\n      start: 100\n"
    '      unit: "1"\n'
    "    backlog:\n      value: backlog[t-1] + 0.1 * sales\n      start: 50\n      unit: EUR m\n"
)


def test_the_cash_balance_is_named_first(tmp_path, readme_example, capsys):
    text = readme_example.replace(
        "      start: net_cash_2025\n      role: net_cash\n", "      start: net_cash_2025\n"
    )
    text = text.replace("  lines:\n", "  lines:\n" + INDEX, 1)
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "is a balance carried" in x]
    assert len(said) == 1, said
    assert ": model.lines.cash: line 'cash' is a balance carried from year to year" in said[0]
    # The money balance is listed; the index (a pure number) is no cash left out.
    assert "(other balances without a role: 'backlog')" in said[0], said
    assert "rent_index" not in said[0], said
