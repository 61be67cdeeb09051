"""Each discounting leg describes the flow it reads in its own terms: a dividend discount's
``dividends`` are the money paid to the holders, not a free cash flow before interest, in the
error for a missing key and in the JSON Schema's help alike."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from model.cli.main import main
from model.valuation.legs.base import LegKind
from model.valuation.legs.registry import LEGS

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
      ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity for a steady payer"}}
      g: {unit: "%", value: 0.0, source: {estimate: "A mature payer that does not grow"}}
      shares0: {unit: shares m, value: 10, source: {estimate: "Shares at the year end"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares0}
      lines:
        earnings: {value: earn0, role: earnings}
      valuation:
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: g}
    """
)

#: The flow each discounting leg reads, and words its description must hold.
FLOWS = {
    LegKind.DCF_FCFF: ("fcff", "free cash flow to the firm"),
    LegKind.DCF_FCFE: ("fcfe", "free cash flow to equity"),
    LegKind.DDM: ("dividends", "dividends paid to the holders"),
}


@pytest.mark.parametrize("kind", list(FLOWS), ids=[k.value for k in FLOWS])
def test_flow_described_as_what_it_is(kind: LegKind) -> None:
    name, words = FLOWS[kind]
    doc = next(a.doc for a in LEGS[kind].args if a.name == name)
    assert words in doc, doc
    if kind is LegKind.DDM:
        # Dividends are no flow before interest: the cash that pays them earns it.
        assert "interest" not in doc, doc


def test_missing_dividends_error_says_what_dividends_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "payer.yaml"
    path.write_text(THESIS, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "legs.ddm.dividends: required key is missing (dividends paid to the holders" in err
    assert "DIVIDENDS" not in err and "before interest" not in err, err


def test_schema_help_of_the_dividends_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    text = capsys.readouterr().out
    json.loads(text)
    assert "DIVIDENDS of each year" not in text
    assert "dividends paid to the holders each year" in text
