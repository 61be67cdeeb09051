"""Money from outside written into a net cash line of the thesis' own (an issue's proceeds in
``cash[t-1] + fcf + (raised if year == 2028 else 0)``) is in the last year's value, but a
discounting leg's values per share of the years before count such money only as a
``net_cash`` block's ``other:``: ``validate`` says so at the line, and names the block to write,
rather than let the earlier years be lower unsaid. Ordinary cash lines are not warned."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Cash raiser
      company: Cash raiser
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      fcf_each_year: {unit: EUR m, value: 100, source: {estimate: "Free cash flow every year"}}
      raised: {unit: EUR m, value: RAISED, source: {estimate: "An issue of shares in 2028"}}
      payout: {unit: "%", value: 0.3, source: {estimate: "A third of the flow paid out"}}
      wacc: {unit: "%", value: 0.10, source: {estimate: "A cost of capital in euro"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Growth for ever after the horizon"}}
      cash_now: {unit: EUR m, value: 50, source: {estimate: "Net cash at the last year end"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now}
      lines:
        fcf: {value: fcf_each_year, role: fcff}
        cash: {value: "CASH", start: cash_now, role: net_cash}
      valuation:
        legs:
          dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
    """
)

RAISE = "cash[t-1] * (1 + wacc) + fcf + (raised if year == 2028 else 0)"


def _write(tmp_path: Path, cash: str, raised: float = 40.0, extra: str = "") -> Path:
    text = THESIS.replace("RAISED", repr(raised)).replace("CASH", cash)
    if extra:
        text = text.replace("\n  valuation:\n", f"\n    {extra}\n  valuation:\n")
    path = tmp_path / "raise.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _said(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["validate", "-q", str(path)]) == 0
    return [w for w in capsys.readouterr().err.splitlines() if "none of the model's flows" in w]


def test_money_from_outside_in_a_cash_line_is_warned_at_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, RAISE)
    (said,) = _said(capsys, path)
    line = 1 + next(
        n for n, s in enumerate(path.read_text("utf-8").splitlines()) if "    cash:" in s
    )
    assert said.startswith(
        f"warning: {path}:{line}: model.lines.cash.value: the balance 'cash', which leg 'dcf' "
        "reads as net cash, takes in money that is none of the model's flows ('raised if year "
        "== 2028 else 0': 40 EUR m in 2028 on the central path)"
    ), said
    assert 'net_cash block (start:, inflow: the flows, other: "raised if year == 2028 else 0")' in (
        said
    )


def test_what_the_warning_says_of_the_years_before(tmp_path: Path) -> None:
    # The same balance as a block taking the issue through `other:`: the line's values per
    # share agree from the year of the money on, and before it miss the money, discounted.
    def per_share(path: Path) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThesisModelWarning)
            out = model.central(model.load_thesis(path))
        return np.asarray(out["value_per_share"], dtype=float).reshape(-1)

    line = per_share(_write(tmp_path, RAISE))
    text = _write(tmp_path, RAISE).read_text("utf-8")
    text = text.replace(
        '    cash: {value: "' + RAISE + '", start: cash_now, role: net_cash}\n', ""
    ).replace(
        "    count: {type: share_count, shares: shares_now}\n",
        "    count: {type: share_count, shares: shares_now}\n"
        "    cash: {type: net_cash, start: cash_now, inflow: fcf, rate: wacc,"
        ' other: "raised if year == 2028 else 0"}\n',
    )
    block_path = tmp_path / "block.yaml"
    block_path.write_text(text, encoding="utf-8")
    block = per_share(block_path)
    assert line[2:] == pytest.approx(block[2:], rel=1e-12)
    missed = 40.0 / 100.0 / 1.1 ** (2 - np.arange(2))  # per share, discounted to each year
    assert block[:2] - line[:2] == pytest.approx(missed, rel=1e-9)


@pytest.mark.parametrize(
    ("cash", "extra", "written"),
    [
        # A fine paid out of the balance: the earlier years count it not either.
        ("cash[t-1] + fcf - (raised if year == 2028 else 0)", "", "-raised if year == 2028 else 0"),
        # Through a line of its own that reads only assumptions and is no flow of the leg.
        (
            "cash[t-1] + fcf + proceeds",
            'proceeds: {value: "raised if year == 2028 else 0"}',
            "proceeds",
        ),
    ],
)
def test_a_fine_or_a_line_of_outside_money_is_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cash: str, extra: str, written: str
) -> None:
    (said,) = _said(capsys, _write(tmp_path, cash, extra=extra))
    assert f'other: "{written}")' in said, said


@pytest.mark.parametrize(
    ("cash", "raised", "extra"),
    [
        ("cash[t-1] * (1 + wacc) + fcf - dividends", 40.0,
         'dividends: {value: "payout * fcf", role: dividends}'),
        ("cash[t-1] + fcf", 40.0, ""),
        (RAISE, 0.0, ""),  # no money on the central path
    ],
)  # fmt: skip
def test_ordinary_cash_lines_are_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cash: str, raised: float, extra: str
) -> None:
    assert _said(capsys, _write(tmp_path, cash, raised, extra)) == []


def test_a_balance_no_discounting_leg_reads_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A multiple of this year's flow plus this year's cash: no value of an earlier year
    # discounts the money.
    path = _write(tmp_path, RAISE)
    text = path.read_text("utf-8").replace(
        "dcf: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}",
        "ev_sales: {weight: 1, multiple: 10, revenue: fcf}",
    )
    path.write_text(text, encoding="utf-8")
    assert _said(capsys, path) == []


def test_a_flow_of_the_leg_read_from_an_assumption_alone_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The balance takes the leg's flow in its parts; capex reads an assumption alone.
    extra = 'capex: {value: "0.2 * fcf_each_year"}\n    ebitda: {value: "1.2 * fcf_each_year"}'
    path = _write(tmp_path, "cash[t-1] + ebitda - capex", extra=extra)
    text = path.read_text("utf-8").replace(
        "fcf: {value: fcf_each_year, role: fcff}", 'fcf: {value: "ebitda - capex", role: fcff}'
    )
    path.write_text(text, encoding="utf-8")
    assert _said(capsys, path) == []


def test_the_money_is_stated_in_the_line_s_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The issue given in EUR bn enters the EUR m balance as 40, as the line computes it.
    path = _write(tmp_path, "cash[t-1] + fcf + (raised if year == 2028 else 0)")
    text = path.read_text("utf-8").replace(
        "raised: {unit: EUR m, value: 40.0", "raised: {unit: EUR bn, value: 0.04"
    )
    path.write_text(text, encoding="utf-8")
    (said,) = _said(capsys, path)
    assert "('raised if year == 2028 else 0': 40 EUR m in 2028 on the central path)" in said
