"""A dividend discount whose flow adds the buybacks while the share count falls by them is
warned: the buybacks would count twice.

Buybacks reach the holders once, as fewer shares that each own more of what comes after. A
``ddm`` leg given ``dividends: earnings * payout + buyback_spend`` discounts the same money as
cash as well: the dividends per share rise by the buybacks while the count still falls by
them. ``validate`` and every run say so at the line that adds them (or at the leg's own
``dividends:`` when the sum is written there), naming file, line and field.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Steady payer
      company: Steady payer
      as_of: 2024-12-31
      currency: EUR
      horizon: {first: 2025, last: 2027}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      earn0: {unit: EUR m, value: 10, source: {estimate: "Earnings each year, flat"}}
      cash0: {unit: EUR m, value: 50, source: {estimate: "Net cash at the first year end"}}
      spend: {unit: EUR m, value: SPEND, source: {estimate: "Buybacks each year"}}
      ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity for a steady payer"}}
      g: {unit: "%", value: 0.0, source: {estimate: "A mature payer that does not grow"}}
      shares0: {unit: shares m, value: 10, source: {estimate: "Shares at the year end"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        cash: {type: net_cash, start: cash0, inflow: earnings, dividends: dividends}
        count: {type: share_count, shares: shares0, buyback_spend: PROGRAMME}
      lines:
        earnings: {value: earn0, role: earnings}
        returned: {value: spend}
        to_holders: {value: "earnings * 0.5 + returned"}
        dividends: {value: "DIVIDENDS", role: dividends}
      valuation:
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: gLEG}
    """
)


def _thesis(
    tmp_path: Path, dividends: str, *, spend: str = "2", programme: str = "spend", leg: str = ""
) -> tuple[Path, str]:
    text = (
        THESIS.replace("DIVIDENDS", dividends)
        .replace("SPEND", spend)
        .replace("PROGRAMME", programme)
        .replace("LEG", leg)
    )
    path = tmp_path / "payer.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _said(tmp_path: Path, capsys: pytest.CaptureFixture[str], dividends: str, **kw: str) -> str:
    """What ``validate`` warns about buybacks counted twice (it exits 0: a warning)."""
    path, _ = _thesis(tmp_path, dividends, **kw)
    assert main(["validate", "-q", str(path)]) == 0
    err = capsys.readouterr().err
    return "\n".join(m for m in err.splitlines() if "count twice" in m)


def _at(path: Path, text: str, marker: str, field: str) -> str:
    line = 1 + next(i for i, s in enumerate(text.splitlines()) if marker in s)
    return f"warning: {path}:{line}: {field}: the dividend discount leg 'ddm' discounts "


def test_dividends_that_add_the_buybacks_are_warned_at_their_line(tmp_path, capsys) -> None:
    said = _said(tmp_path, capsys, "earnings * 0.5 + buyback_spend")
    path, text = _thesis(tmp_path, "earnings * 0.5 + buyback_spend")
    assert said.startswith(_at(path, text, "dividends: {value:", "model.lines.dividends.value"))
    assert "adds the buybacks 'buyback_spend' (dividends -> buyback_spend)" in said
    assert "share count 'shares' falls by those buybacks" in said
    assert said.count("warning:") == 1


def test_a_run_warns_too(tmp_path) -> None:
    path, _ = _thesis(tmp_path, "earnings * 0.5 + buyback_spend")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    found = {
        str(w.message)
        for w in caught
        if issubclass(w.category, ThesisModelWarning) and "count twice" in str(w.message)
    }
    assert len(found) == 1 and "model.lines.dividends.value" in found.pop()


def test_the_line_the_programme_names_is_followed_through_the_lines(tmp_path, capsys) -> None:
    # dividends -> to_holders -> returned, the line the share count's buyback_spend names.
    said = _said(tmp_path, capsys, "to_holders", programme="returned")
    path, text = _thesis(tmp_path, "to_holders", programme="returned")
    assert said.startswith(_at(path, text, "to_holders: {value:", "model.lines.to_holders.value"))
    assert "(dividends -> to_holders -> returned)" in said


def test_a_sum_written_in_the_leg_is_warned_at_the_leg(tmp_path, capsys) -> None:
    leg = ", dividends: 'dividends + buyback_spend'"
    said = _said(tmp_path, capsys, "earnings * 0.5", leg=leg)
    path, text = _thesis(tmp_path, "earnings * 0.5", leg=leg)
    field = "model.valuation.legs.ddm.dividends"
    assert said.startswith(_at(path, text, "ddm: {weight", field)), said
    assert "'dividends + buyback_spend', which adds the buybacks 'buyback_spend'," in said


@pytest.mark.parametrize(
    ("dividends", "spend"),
    [
        ("earnings * 0.5", "2"),  # the dividends alone
        ("earnings - buyback_spend", "2"),  # what is left after the buybacks
        ("earnings * 0.5 + buyback_spend", "0"),  # no buybacks: the count does not fall
        ("to_holders - returned", "2"),  # a total with them, netted out one line up
    ],
    ids=["alone", "net_of_buybacks", "no_programme", "netted_above"],
)
def test_dividends_that_do_not_add_buybacks_the_count_retires_are_not_warned(
    tmp_path, capsys, dividends: str, spend: str
) -> None:
    programme = "returned" if "returned" in dividends else "spend"
    assert _said(tmp_path, capsys, dividends, spend=spend, programme=programme) == ""
