"""The console names the price as it was quoted: a price of 38.85 was printed "38.9", one
decimal like the values compared with it, so the line read as a price the thesis never gave."""

from __future__ import annotations

import pytest

from model.cli.main import main
from model.export.console import _as_written, money


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        (38.85, "38.85"),
        (38.0, "38.0"),  # as the values beside it
        (132.2, "132.2"),
        (0.38, "0.380"),
        (265_000.0, "265,000"),
        (1234.5, "1,234.5"),
        (100.123456, "100.1235"),  # four decimals at most
    ],
)
def test_a_price_keeps_its_decimals(price, shown):
    assert _as_written(price) == shown
    assert float(shown.replace(",", "")) == pytest.approx(price, abs=5e-5)
    assert len(shown.partition(".")[2]) >= len(money(price, price=price).partition(".")[2])


def test_the_run_line_names_the_price_as_quoted(tmp_path, readme_example, capsys):
    path = tmp_path / "example.yaml"
    path.write_text(readme_example.replace("    value: 38.0\n", "    value: 38.85\n", 1))
    assert main(["run", str(path), "--paths", "500", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "(price 38.85 EUR" in out, out
