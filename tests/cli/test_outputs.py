"""``thesis outputs``: every output with its unit and role; bad names in the model section."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"


def test_outputs_lists_units_and_roles(capsys, tmp_path: Path) -> None:
    csv = tmp_path / "outputs.csv"
    assert main(["outputs", str(EUR), "--csv", str(csv)]) == 0
    out = capsys.readouterr().out
    assert "outputs" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.strip().startswith("cash_position"))
    assert "EUR m" in row and "net_cash" in row
    row = next(line for line in out.splitlines() if line.strip().startswith("share_services_us"))
    assert "market_share" in row and "services" in row
    assert "value_per_share,EUR/share,value_per_share" in csv.read_text()


def test_unknown_line_name_lists_what_exists(capsys, tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    text = EUR.read_text(encoding="utf-8")
    copy.write_text(text.replace("value: ebit * (1 - tax)", "value: ebitt * (1 - tax)"))
    assert main(["outputs", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "model.lines.net_income.value" in err
    assert "did you mean 'ebit', 'ebitda'?" in err and "(lines: revenue_licences," in err
    assert "Traceback" not in err


def test_reserved_line_name_is_refused(capsys, tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    text = EUR.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("    ebitda:\n", "    cumsum:\n").replace(
            "revenue * margin", "revenue * margin"
        )
    )
    assert main(["outputs", str(copy)]) == 2
    assert "reserved word" in capsys.readouterr().err
