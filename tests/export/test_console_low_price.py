"""A share priced in pence or cents keeps its digits in the printed summaries.

Values per share were printed with one decimal whatever the price: a share at 0.38 EUR read
"price 0.4 EUR" and every value "0.0" to "0.1", so the run said nothing about where the value
lies against the price.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main
from model.export.console import money


def _thesis(body: str, tmp_path: Path) -> Path:
    # A hundred times the shares at a hundredth of the price: the same company, in cents.
    for old, new in (("value: 38.0", "value: 0.38"), ("value: 60\n", "value: 6000\n")):
        assert old in body
        body = body.replace(old, new)
    path = tmp_path / "cents.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_money_keeps_three_digits_of_a_low_price() -> None:
    assert money(129.46) == "129.5"  # as before at or above 10
    assert money(1234.56) == "1,234.6"
    assert money(4.2, price=4.2) == "4.20"
    assert money(0.0421, price=0.042) == "0.0421"
    assert money(0.38, price=0.38) == "0.380"
    assert money(129.46, price=129.5) == "129.5"
    # The lowest price a thesis may give, 1e-06, keeps its three digits too.
    assert money(0.000001, price=0.000001) == "0.00000100"


def test_run_and_compare_show_a_price_in_cents(readme_example, tmp_path: Path, capsys) -> None:
    path = _thesis(readme_example, tmp_path)
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "(price 0.380 EUR" in out, out
    heading = next(line for line in out.splitlines() if line.startswith("Value today"))
    values = re.findall(r"p\d+ (\S+)", heading)
    assert len(values) == 3 and all(re.fullmatch(r"\d\.\d{3}", v) for v in values), heading
    assert len(set(values)) == 3, heading
    assert main(["compare", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "price 0.380 EUR" in out, out
    row = next(line for line in out.splitlines() if line.strip().startswith("base"))
    assert re.search(r"\b0\.\d{3}\b", row), row
