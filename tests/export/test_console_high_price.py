"""A share priced in thousands (yen, won) is printed in whole units, without a decimal."""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main
from model.export.console import money


def _thesis(body: str, tmp_path: Path) -> Path:
    # A hundredth of the shares at a hundred times the price: a price of 3,800 a share.
    for old, new in (("value: 38.0", "value: 3800.0"), ("value: 60\n", "value: 0.6\n")):
        assert old in body
        body = body.replace(old, new)
    path = tmp_path / "yen.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_money_drops_the_decimal_of_a_price_in_thousands() -> None:
    assert money(265_000.0, price=265_000.0) == "265,000"
    assert money(343_957.5, price=265_000.0) == "343,958"
    assert money(1_234.56, price=1_000.0) == "1,235"
    assert money(129.46, price=129.5) == "129.5"  # below 1,000: one decimal, as before
    assert money(999.94, price=999.9) == "999.9"


def test_run_and_compare_print_whole_units(readme_example, tmp_path: Path, capsys) -> None:
    path = _thesis(readme_example, tmp_path)
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "(price 3,800 EUR" in out, out
    heading = next(line for line in out.splitlines() if line.startswith("Value today"))
    values = re.findall(r"p\d+ (\S+)", heading)
    assert len(values) == 3 and all(re.fullmatch(r"\d{1,3}(,\d{3})*", v) for v in values), heading
    assert main(["compare", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "price 3,800 EUR" in out, out
    row = next(line for line in out.splitlines() if line.strip().startswith("base"))
    assert not re.search(r"\d,\d{3}\.\d", row), row
