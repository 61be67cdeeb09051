"""A quote of net debt sources a net cash item as the negative amount, and only so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
CASH = """  net_cash_2025:
    unit: EUR m
    value: 120
    source: {estimate: "Net cash at the year end"}"""
QUOTE = "Net debt stood at €120 million at the year end"


def _thesis(tmp_path: Path, value: str, quote: str = QUOTE) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and CASH in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "results.txt").write_text(f"Full-year results. {quote}.\n")
    sourced = CASH.replace("value: 120", f"value: {value}").replace(
        '{estimate: "Net cash at the year end"}', f'{{doc: results.txt, quote: "{quote}"}}'
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(CASH, sourced), encoding="utf-8")
    return path


def test_net_debt_sources_a_negative_net_cash(tmp_path: Path, capsys) -> None:
    # It was refused as "a positive number ... but the value is -120", so a company with net
    # debt could not quote its own results.
    assert main(["validate", str(_thesis(tmp_path, "-120"))]) == 0, capsys.readouterr().err


def test_net_debt_written_as_positive_net_cash_is_refused(tmp_path: Path, capsys) -> None:
    # +120 of net cash from a quote of net debt turned the debt into cash, silently.
    path = _thesis(tmp_path, "120")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(f'    source: {{doc: results.txt, quote: "{QUOTE}"}}')
        + 1
    )
    assert f"example.yaml:{line}: assumptions.net_cash_2025.source.quote:" in err
    assert "as net debt, a net cash position of -120" in err and "write -120" in err


@pytest.mark.parametrize("value", ["120", "-120"])
def test_net_debt_item_keeps_the_plain_rule(tmp_path: Path, capsys, value: str) -> None:
    # An item named net debt is stated as the positive amount, as before.
    path = _thesis(tmp_path, value)
    path.write_text(path.read_text(encoding="utf-8").replace("net_cash_2025", "net_debt_2025"))
    text = path.read_text(encoding="utf-8").replace("start: net_debt_2025", "start: -net_debt_2025")
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == (0 if value == "120" else 2), capsys.readouterr().err


@pytest.mark.parametrize(
    "quote",
    [
        "Interest-bearing debt less cash came to €120 million",
        "Net financial debt was €120 million",
        "Net interest-bearing debt of €120 million",
        "Debt net of cash and equivalents stood at €120 million",
    ],
)
def test_other_wordings_of_net_debt(tmp_path: Path, capsys, quote: str) -> None:
    # Results state net debt in these words too; they were read as a positive amount, so a
    # net cash of -120 quoting them was refused.
    assert main(["validate", str(_thesis(tmp_path, "-120", quote))]) == 0, capsys.readouterr().err
