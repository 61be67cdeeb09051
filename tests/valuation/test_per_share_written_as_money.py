"""An amount per share written without ``/share`` (a dividend per share in ``EUR m``) multiplied
by the share count is money times shares. A ``dividends`` (or ``buybacks``) line in that unit
validated and ran, its dividends in "EUR shares tn"; the lines paid to the holders must now be
money of the model currency, and the error asks whether a per-share amount lost its ``/share``."""

from __future__ import annotations

from model.cli.main import main

LINES = "  lines:\n"
DIVIDENDS = "    dividends:\n      value: dps * shares\n      role: dividends\n"


def _thesis(tmp_path, readme_example, unit: str):
    text = readme_example.replace(
        "  w_pe:\n",
        f"  dps:\n    unit: {unit}\n    value: 1.2\n"
        '    source: {estimate: "A dividend of 1.20 a share"}\n  w_pe:\n',
    )
    assert text.count(LINES) == 1
    path = tmp_path / "example.yaml"
    path.write_text(text.replace(LINES, LINES + DIVIDENDS), encoding="utf-8")
    return path


def test_a_dividend_per_share_written_as_money_is_named(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "EUR m")
    assert main(["validate", str(path)]) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert "must be an amount of EUR" in said, said
    assert "money times shares: is an amount per share written without '/share'" in said, said
    assert "unit 'EUR/share'" in said, said


def test_written_per_share_it_validates(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "EUR/share")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
