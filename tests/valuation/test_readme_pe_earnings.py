"""The README's ``pe`` leg capitalises its earnings line as written, interest on the cash included.

It read as if the leg took the interest on net cash out for the user. It does not: the value is
the multiple times the line, and ``validate`` warns when that line reads the balance the leg
adds. The README now says so and what to write instead; both ways out are checked to be quiet.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
EARNINGS = "    earnings:\n      value: ebit * (1 - tax_rate)\n      role: earnings\n"
WITH_INTEREST = (
    "    operating_earnings: ebit * (1 - tax_rate)\n"
    "    earnings:\n      value: (ebit + 0.03 * cash[t-1]) * (1 - tax_rate)\n      role: earnings\n"
)
PRIOR = "      start: net_cash_2025\n"
PE_LEG = "      pe: {weight: w_pe, multiple: pe_exit}\n"


def _row() -> str:
    (row,) = [line for line in README.splitlines() if line.startswith("| `pe` | `earnings`")]
    return row


def _thesis(tmp_path: Path, leg: str = PE_LEG) -> Path:
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", README, re.S)
    assert found is not None
    body = found.group(1)
    for old, new in (
        (EARNINGS, WITH_INTEREST),
        (PRIOR, PRIOR + "      prior: net_cash_2025\n"),
        (PE_LEG, leg),
    ):
        assert old in body, old
        body = body.replace(old, new, 1)
    path = tmp_path / "interest.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_row_says_the_line_is_taken_as_written() -> None:
    row = _row()
    assert "excluding interest" not in row
    for words in (
        "capitalised as written: nothing is taken out of it",
        "`earnings: operating_earnings`",
        "`net_cash: 0`",
        "`validate` warns at the leg's `net_cash` when the line reads that balance",
    ):
        assert words in row, words


def test_the_leg_keeps_the_interest_and_validate_warns(tmp_path: Path, capsys) -> None:
    path = _thesis(tmp_path)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "model.valuation.legs.pe.net_cash: the leg's earnings reads 'cash'" in err, err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        result = model.simulate(model.load_thesis(path), n_paths=500, seed=3, progress=False)
    expected = result.array("pe_exit")[:, None] * result.array("earnings") + result.array("cash")
    np.testing.assert_allclose(result.array("value_pe"), expected, rtol=1e-12)


def test_either_way_the_readme_gives_is_quiet(tmp_path: Path, capsys) -> None:
    for leg in (
        "      pe: {weight: w_pe, multiple: pe_exit, earnings: operating_earnings}\n",
        "      pe: {weight: w_pe, multiple: pe_exit, net_cash: 0}\n",
    ):
        assert main(["validate", str(_thesis(tmp_path, leg))]) == 0
        assert "valuation.legs.pe." not in capsys.readouterr().err, leg
