"""A ``share_count`` block whose ``shares:`` is an expression counts in the unit the expression
gives (``shares m`` plus ``shares m`` a year is a count in ``shares m``), as a line with role
``shares`` does; a count in another unit than the one assumed would value each share 1,000 times
too low or too high.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.valuation import build_model

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"
OLD = (
    "  shares_2025:\n    unit: shares bn\n    value: 1.0\n"
    '    source: {estimate: "Shares outstanding, an illustrative round number for the tests"}\n'
)
BLOCK = "    count:\n      type: share_count\n      shares: shares_2025\n"
#: Per scale word: the opening count (1 bn shares), the shares issued a year (10 m) and the
#: count a convertible of USD 3 bn converting at USD 300 a share adds to the opening (10 m).
COUNTS = {"m": (1000.0, 10.0, 1010.0), "bn": (1.0, 0.01, 1.01)}
ISSUED = "shares_2025 + issue_shares * t"
CONVERTED = "shares_2025 + convertible / conversion_price"


def _assumptions(scale: str) -> str:
    first, issued, converted = COUNTS[scale]
    source = '    source: {estimate: "An illustrative round number for the tests"}\n'
    return "".join(
        f"  {name}:\n    unit: {unit}\n    value: {value!r}\n{source}"
        for name, unit, value in (
            ("shares_2025", f"shares {scale}", first),
            ("issue_shares", f"shares {scale}", issued),
            ("shares_converted", f"shares {scale}", converted),
            ("convertible", "USD bn", 3.0),
            ("conversion_price", "USD/share", 300.0),
        )
    )


def _built(tmp_path: Path, scale: str, block: str | None, lines: str = "") -> tuple[dict, str]:
    """Central outputs of the test company with its count in ``shares <scale>`` and the unit of
    its ``shares`` line: from a ``share_count`` block reading ``block`` (none when None) and the
    extra ``lines``."""
    text = DATA.read_text().replace(OLD, _assumptions(scale)).replace("LEGS", LEGS)
    count = f'    count:\n      type: share_count\n      shares: "{block}"\n' if block else ""
    text = text.replace(BLOCK, count).replace("  lines:\n", "  lines:\n" + lines, 1)
    path = tmp_path / f"{scale}_{'line' if block is None else 'block'}.yaml"
    path.write_text(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)
        return model.central(thesis), build_model(thesis).output_units["shares"]


def _same_per_share(found: dict, expected: dict) -> None:
    for key in ("eps", "value_per_share"):
        np.testing.assert_allclose(found[key], expected[key], rtol=1e-12, err_msg=key)


def _role_line(value: str) -> str:
    return f'    shares:\n      value: "{value}"\n      role: shares\n'


@pytest.mark.parametrize("scale", sorted(COUNTS))
def test_an_expression_counts_as_the_same_line_with_role_shares(tmp_path, scale):
    (found, unit), (expected, _) = (
        _built(tmp_path, scale, ISSUED),
        _built(tmp_path, scale, None, _role_line(ISSUED)),
    )
    _same_per_share(found, expected)
    # 1 bn shares in 2025 and 10 m more a year, in the unit of the assumptions read.
    first, issued, _ = COUNTS[scale]
    assert unit == f"shares {scale}"
    np.testing.assert_allclose(found["shares"], first + issued * np.arange(5), rtol=1e-12)


@pytest.mark.parametrize("scale", sorted(COUNTS))
def test_the_readme_convertible_counts_as_the_bare_assumption(tmp_path, scale):
    # USD 3 bn at USD 300 a share is 10 m shares (a count in shares bn), added to an opening
    # count in shares <scale>: the sum is in the first term's unit.
    (found, unit), (expected, _) = (
        _built(tmp_path, scale, CONVERTED),
        _built(tmp_path, scale, "shares_converted"),
    )
    _same_per_share(found, expected)
    assert unit == f"shares {scale}"
    np.testing.assert_allclose(found["shares"], COUNTS[scale][2], rtol=1e-12)


@pytest.mark.parametrize("scale", sorted(COUNTS))
def test_a_count_read_from_a_line_takes_its_unit(tmp_path, scale):
    line = f'    issued_count:\n      value: "{ISSUED}"\n'
    (found, unit), (expected, _) = (
        _built(tmp_path, scale, "issued_count", line),
        _built(tmp_path, scale, None, _role_line(ISSUED)),
    )
    _same_per_share(found, expected)
    assert unit == f"shares {scale}"


@pytest.mark.parametrize("scale", sorted(COUNTS))
def test_a_count_in_a_recursion_is_converted_into_its_unit(tmp_path, scale):
    # A hundredth of last year's count is issued each year: the block and the line read each
    # other, so they are built year by year, the count's unit fixed before its expression's
    # is known.
    extra = (
        '    extra:\n      value: "extra[t-1] + 0.01 * shares[t-1]"\n'
        '      start: "0 * shares_2025"\n'
    )
    (found, unit), (expected, _) = (
        _built(tmp_path, scale, "shares_2025 + extra", extra),
        _built(tmp_path, scale, None, _role_line("shares_2025 + extra") + extra),
    )
    _same_per_share(found, expected)
    # shares_t = 1.01 * shares_{t-1} from 1 bn shares, whatever unit the count is kept in.
    count = np.asarray(found["shares"]) * {"shares m": 1e6, "shares bn": 1e9}[unit]
    np.testing.assert_allclose(count, 1e9 * 1.01 ** np.arange(5), rtol=1e-12)
