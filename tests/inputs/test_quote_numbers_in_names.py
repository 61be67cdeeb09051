"""A number that is part of a name ("Tier 2", "Level 3", "Phase 2", "Qwen 3", "S&P 500") states
no quantity, and is no candidate beside the item's number."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit

THESIS = """format: 1
thesis:
  name: "Names"
  company: "Example Bank"
  as_of: 2025-12-01
  currency: GBP
  horizon: {{first: 2025, last: 2027}}
  price: {{value: 2.4, unit: GBP/share, source: {{estimate: "An illustrative share price"}}}}
assumptions:
  issued:
    unit: "{unit}"
    value: {value}
    source: {{doc: a.txt, quote: "{quote}"}}
model:
  kind: lines
  currency: GBP m
  lines:
    d: "issued * 0 + 1"
"""


@pytest.mark.parametrize(
    ("quote", "unit", "value"),
    [
        ("The bank issued £1.6bn of Tier 2 debt", "GBP bn", 1.6),
        ("£1.6bn of Tier 2 debt", "GBP bn", 1.6),
        ("It said £1.6bn of Tier-2 notes were sold", "GBP bn", 1.6),
        ("The bank holds £4bn of Level 3 assets", "GBP bn", 4),
        ("The Phase 3 trial cost £200m", "GBP m", 200),
        ("It issued £1.6bn of its new Tier 2.", "GBP bn", 1.6),
    ],
)
def test_a_number_in_a_name_is_no_candidate(
    tmp_path: Path, capsys, quote: str, unit: str, value: float
) -> None:
    # "£1.6bn of Tier 2 debt" was refused: "numbers about different subjects ('£1.6bn' (no
    # subject named), '2' (Tier))", as if the 2 were Tier's amount.
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(f"Results. {quote}\n", encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(THESIS.format(unit=unit, value=value, quote=quote), encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("quote", "name"),
    [
        ("£1.6bn of Tier 2 debt", "2"),
        ("its Level 3 assets were $4bn", "3"),
        ("the Phase 3 trial cost $200 million", "3"),
        ("Alibaba said its Qwen 3 model cost RMB 1.2 billion", "3"),
        ("the S&P 500 index rose 1.2%", "500"),
        ("The FTSE 100 index rose 1.2%", "100"),
        ("a Covid-19 charge of $50 million", "19"),
        ("La banque a émis 1,6 milliard d'euros de dette Tier 2.", "2"),
    ],
)
def test_names_number_states_no_quantity(quote: str, name: str) -> None:
    (n,) = [n for n in numbers_in(quote) if n.text == name]
    assert n.label
    problem = number_problem([float(name)], parse_unit("GBP bn"), quote)
    assert problem is not None and "part of a name" in problem


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("In China 12 new stores opened last year", 12),
        ("Tesla Recalls 20 Cars After Fault", 20),
        ("Revenue 820 in 2024, up from 760", 820),
        ("Sales rose to EUR 820 million and EBIT 115.", 115),
        ("Store counts: Alibaba 12, Tencent 15", 12),
        ("Die Bank hat in Stufe 3 Kredite von 2 Mrd. Euro", 3),
        ("The company employs 12,500 people in 31 countries", 31),
        # A month, a place, a company or a headline's verb before a count names nothing.
        ("In March 300 workers went on strike.", 300),
        ("By June 40 outlets had closed.", 40),
        ("In Japan 200 engineers left.", 200),
        ("Over the year Amazon 40 warehouses opened.", 40),
        ("Acme to Cut 300 jobs in Germany.", 300),
        ("Bayer will Cut 500 jobs.", 500),
        ("La chaîne a ouvert en France 12 magasins.", 12),
        ("In Italia 30 negozi hanno chiuso.", 30),
        ("El Banco 12 sucursales cerró.", 12),
    ],
)
def test_counts_and_figures_after_a_capital_are_still_read(quote: str, value: float) -> None:
    assert number_problem([value], parse_unit("count"), quote) is None
