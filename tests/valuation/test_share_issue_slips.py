"""A share issue written with a slip the model reads silently: a negative count of new shares
(an assumption, or an event's ``by:``) takes shares away where the raise adds them, and an issue
price 90 times the share price (written in cents) or a twentieth of it is no raise. ``validate``
warns at each number when its words speak of an issue; a cancellation or a buyback said so, a
price near the market and a deep discount are left alone."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from model.cli.main import main

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: A raise
      company: Issuer AG
      as_of: 2025-06-30
      currency: EUR
      horizon: {first: 2025, last: 2029}
      price: {value: 40, unit: EUR/share, source: {estimate: "A price for the check"}}
    assumptions:
      sales_2025: {unit: EUR m, value: 1000, source: {estimate: "Sales of the first year"}}
      wacc: {unit: "%", value: 0.09, source: {estimate: "A cost of capital for the check"}}
      tg: {unit: "%", value: 0.02, source: {estimate: "Growth after the horizon"}}
      shares_2025: {unit: shares m, value: 50, source: {estimate: "Fifty million shares"}}
      new_shares: {unit: shares m, value: NEW, source: {estimate: "WORDS in 2027"}}
      issue_price: {unit: PRICE_UNIT, value: PRICE, source: {estimate: "The price paid a share"}}
    events:
      placing:
        label: "LABEL"
        annual_prob: 1.0
        repeatable: false
        years: [2027]
        effects:
          - {target: shares_2025, op: OP, by: BY}
        source: {estimate: "It happens in 2027"}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_2025}
      lines:
        sales: {value: sales_2025, role: revenue}
        raised: {value: "new_shares * issue_price if year == 2027 else 0", unit: EUR m}
        fcff: {value: "0.1 * sales + raised", role: fcff}
      valuation:
        legs:
          dcf: {weight: 1, discount_rate: wacc, terminal_growth: tg}
    """
)
PLAIN = {
    "NEW": "10",
    "WORDS": "New shares sold in the raise",
    "PRICE_UNIT": "EUR/share",
    "PRICE": "36",
    "LABEL": "A placing of new shares",
    "OP": "add",
    "BY": "5",
}


def _warnings(tmp_path: Path, capsys, **change: str) -> tuple[list[str], list[str]]:
    text = THESIS
    for key, value in {**PLAIN, **change}.items():
        text = text.replace(key, value)
    path = tmp_path / "raise.yaml"
    path.write_text(text, "utf-8")
    capsys.readouterr()
    assert main(["validate", "-q", str(path)]) == 0
    return capsys.readouterr().err.splitlines(), text.splitlines()


def _line(lines: list[str], start: str) -> int:
    return 1 + next(i for i, s in enumerate(lines) if s.lstrip().startswith(start))


def test_a_raise_written_right_is_not_warned(tmp_path: Path, capsys) -> None:
    assert _warnings(tmp_path, capsys)[0] == []


def test_a_negative_count_of_new_shares_is_warned_at_its_value(tmp_path: Path, capsys) -> None:
    said, lines = _warnings(tmp_path, capsys, NEW="-10")
    (warning,) = said
    assert warning.startswith(
        f"warning: {tmp_path / 'raise.yaml'}:{_line(lines, 'new_shares:')}: "
        "assumptions.new_shares.value: 'new_shares' is -10 shares m, a share issue of a "
        "negative count"
    ), warning
    assert "(write 10)" in warning


def test_an_event_issuing_a_negative_count_is_warned_at_its_by(tmp_path: Path, capsys) -> None:
    for op, by, fix in (("add", "-5", "by: 5"), ("multiply", "0.9", "by: 1.1")):
        said, lines = _warnings(tmp_path, capsys, OP=op, BY=by)
        (warning,) = said
        assert warning.startswith(
            f"warning: {tmp_path / 'raise.yaml'}:{_line(lines, '- {target: shares_2025')}: "
            f"events.placing.effects[0].by: event 'placing' is a share issue by its words, but "
            f"its effect on the share count 'shares_2025' ({op} {by}) takes shares away"
        ), warning
        assert f"({fix}" in warning, warning


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("Shares cancelled after the raise", "Treasury shares cancelled after the raise"),
        ("Shares retired from the buyback", "A share consolidation"),
    ],
)
def test_shares_taken_away_on_purpose_are_not_warned(
    tmp_path: Path, capsys, words: str, label: str
) -> None:
    said, _ = _warnings(tmp_path, capsys, NEW="-1", WORDS=words, LABEL=label, BY="-1")
    assert [w for w in said if "negative count" in w or "takes shares away" in w] == []


@pytest.mark.parametrize(
    ("price", "unit", "shown"),
    [
        ("3600", "EUR/share", "90 times"),  # 36.00 written in cents
        ("400", "EUR m/share", ""),  # the raise's EUR 400m written as a price
        ("1.9", "EUR/share", "1/21.1 of"),
    ],
)
def test_an_issue_price_far_from_the_share_price_is_warned(
    tmp_path: Path, capsys, price: str, unit: str, shown: str
) -> None:
    said, lines = _warnings(tmp_path, capsys, PRICE=price, PRICE_UNIT=unit)
    (warning,) = [w for w in said if "prices new shares" in w]
    assert warning.startswith(
        f"warning: {tmp_path / 'raise.yaml'}:{_line(lines, 'issue_price:')}: "
        f"assumptions.issue_price.value: 'issue_price' prices new shares at {price} {unit}, "
        f"{shown}"
    ), warning
    assert "the share price of 40 EUR/share" in warning


@pytest.mark.parametrize("price", ["36", "2.1", "600", "8"])
def test_an_issue_price_within_twenty_times_is_not_warned(
    tmp_path: Path, capsys, price: str
) -> None:
    said, _ = _warnings(tmp_path, capsys, PRICE=price)
    assert [w for w in said if "prices new shares" in w] == []
