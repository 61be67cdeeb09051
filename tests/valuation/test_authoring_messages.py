"""Messages met while writing a thesis from the README: each says what to do."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = EUR.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_unquoted_comma_in_a_flow_mapping_says_quote_it(tmp_path: Path, capsys) -> None:
    path = _variant(
        tmp_path,
        "    dividends:\n      value: payout * max(net_income, 0)\n      role: dividends\n",
        "    dividends: {value: payout * max(net_income, 0), role: dividends}\n",
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "model.lines.dividends.0)" in err and "unknown key '0)'" in err
    assert "quote an expression with a comma" in err and "Traceback" not in err


def test_a_real_typo_still_gets_did_you_mean(tmp_path: Path, capsys) -> None:
    path = _variant(tmp_path, "      role: ebitda\n", "      rol: ebitda\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'role'?" in err and "quote" not in err


def test_first_year_lag_names_both_fixes(tmp_path: Path, capsys) -> None:
    path = _variant(tmp_path, "value: ebit * (1 - tax)", "value: ebit[t-1] * (1 - tax)")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ebit[t-1] has no value in the first model year" in err
    assert "start:" in err and "prior:" in err
