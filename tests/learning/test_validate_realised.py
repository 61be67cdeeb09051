"""thesis validate refuses a realised: entry as the backtest would: a per-year quantity given
without its year is said at the entry's line, with the validate exit code (it used to pass)."""

from __future__ import annotations

from test_thesis_sections import REALISED

from model.cli.main import main

OLD = {"as_of": "2022-06-30", "first": 2022, "last": 2026, "price": 100}


def _vintages(tmp_path, write_vintage, quantity: str, unit: str = "EUR bn"):
    write_vintage(tmp_path / "example-2022.yaml", **OLD)
    realised = REALISED.replace('"sales[2025]"', f'"{quantity}"').replace("EUR bn", unit)
    return write_vintage(tmp_path / "example.yaml", extra_top=realised)


def _line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_validate_refuses_a_per_year_quantity_without_its_year(tmp_path, write_vintage, capsys):
    new = _vintages(tmp_path, write_vintage, "sales")
    code = main(["validate", str(new)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    line = _line_of(new, 'quantity: "sales"')
    expected = (
        f"example.yaml:{line}: realised.sales_2025: 'sales' must give one value per path "
        "(add a [year])"
    )
    assert expected in err
    # the same words as the backtest, which refuses it after simulating the old vintage
    assert main(["backtest", str(new), "--paths", "64", "--seed", "1"]) == 2
    assert capsys.readouterr().err.strip() == err


def test_validate_refuses_a_name_the_old_vintage_lacks(tmp_path, write_vintage, capsys):
    new = _vintages(tmp_path, write_vintage, "salez[2025]")
    assert main(["validate", str(new)]) == 2
    line = _line_of(new, 'quantity: "salez[2025]"')
    assert f"example.yaml:{line}: realised.sales_2025: " in capsys.readouterr().err


def test_validate_passes_a_quantity_with_its_year(tmp_path, write_vintage):
    assert main(["validate", str(_vintages(tmp_path, write_vintage, "sales[2025]")), "-q"]) == 0
    one_value = _vintages(tmp_path, write_vintage, "exit_pe", unit="x")  # one value: no year
    assert main(["validate", str(one_value), "-q"]) == 0
