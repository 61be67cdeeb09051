"""Messages a new user met writing a thesis from the README: each says what it is about.

A margin given in money, a quote holding a number of another kind, a price dated far from the
valuation date (on every command that reads the thesis) and a missing optional library.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError, missing_extra
from model.valuation import build_model

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
SEEDS = Path(__file__).parent / "data" / "trial" / "seeds"
PE = "pe: {weight: 1, multiple: pe_exit}"


def thesis_text(**swap: str) -> str:
    text = DATA.read_text().replace("LEGS", PE)
    for old, new in swap.items():
        assert old in text or old.replace("_", " ") in text, old
        text = text.replace(old, new)
    return text


def write(tmp_path: Path, text: str) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds", dirs_exist_ok=True)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    return path


def test_a_margin_in_money_names_the_operands_and_the_unit_expected(tmp_path):
    text = thesis_text().replace('  margin:\n    unit: "%"', "  margin:\n    unit: USD bn")
    text = text.replace("value: revenue * margin", "value: revenue * margin + 0 * revenue")
    with pytest.raises(ThesisError) as err:
        build_model(model.load_thesis(write(tmp_path, text)))
    message = str(err.value)
    assert "model.lines.ebit.value" in message
    assert "cannot add (USD bn)^2 to USD bn" in message
    assert "USD^2 1e18" not in message
    assert "'0 * revenue' is in USD bn, so 'revenue * margin' should be too" in message
    assert "(revenue in USD bn, margin in USD bn)" in message
    assert "rather than '%' or 'share'" in message


def test_a_quote_of_money_for_a_share_count_shows_the_money_as_money(tmp_path):
    text = thesis_text().replace(
        '    value: 1.0\n    source: {estimate: "Shares outstanding',
        "    value: 1.02\n"
        '    source: {doc: note.txt, quote: "Operating income was $12.5 billion"}\n'
        '    label: "Shares outstanding',
    )
    # The label line after the source keeps the YAML valid; drop its leftover estimate text.
    text = text.replace(
        '    label: "Shares outstanding, an illustrative round number for the tests"}',
        '    label: "Shares outstanding"',
    )
    with pytest.raises(ThesisError) as err:
        model.load_thesis(write(tmp_path, text))
    message = str(err.value)
    assert "the quote has $12.5 billion (= 12.5 USD bn)" in message
    assert "shares bn)" not in message
    assert "is an amount of money, the unit is shares bn" in message


def test_the_price_date_warning_shows_on_validate_and_on_run(tmp_path, capsys):
    text = thesis_text().replace("    date: 2025-06-30", "    date: 2025-03-31")
    path = write(tmp_path, text)
    line = 1 + text.splitlines().index("    date: 2025-03-31")
    run = ["run", str(path), "--paths", "1000", "--no-progress"]
    for command in (["validate", str(path)], run):
        assert main(command) == 0
        err = capsys.readouterr().err
        assert f"thesis.yaml:{line}: thesis.price.date: the price is dated 2025-03-31" in err


def test_a_missing_extra_says_how_to_install_it_in_a_clone():
    message = str(missing_extra("Excel output", "openpyxl", "excel"))
    assert 'pip install "thesis-model[excel]"' in message
    assert 'pip install -e ".[excel]"' in message
