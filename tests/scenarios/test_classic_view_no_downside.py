"""A classic view with no case below the price: its reward to risk is not a number to quote.

The ratio divides the weighted upside by the weighted downside; with no downside it is
unbounded, which says nothing about reward per unit of risk. The text says "no downside", and
the JSON (which has no Infinity) holds null beside the same words.
"""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import numpy as np
import pytest

from model.cli.json_out import comparison_json, dump
from model.export.console import print_classic_view
from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult
from model.valuation.returns import reward_to_risk_text

YEARS = (2025, 2026, 2027)
PRICE = 100.0


def _comparison(exits: dict[str, float]) -> ComparisonResult:
    thesis = SimpleNamespace(
        name="t",
        path="t.yaml",
        file_hash="h",
        scorecard={},
        scenarios={k: SimpleNamespace(label=k.title()) for k in exits if k != "base"},
        weights={"base": 0.5, "bull": 0.25, "bear": 0.25},
        to_spec=lambda: None,
    )
    half = np.random.default_rng(7).standard_normal(1000)
    z = np.concatenate([half, -half, [0.0]])  # its median is 0: each case's median is its exit
    results = {}
    for name, exit_value in exits.items():
        value = exit_value * np.exp(np.outer(0.01 * z, [0.0, 0.5, 1.0]))
        results[name] = SimulationResult(
            thesis=thesis,
            scenario=name,
            scenario_label=name,
            years=YEARS,
            outputs={"value_per_share": value},
            inputs={"z": z},
            units={"value_per_share": "USD/share"},
            price=PRICE,
            currency="USD",
            seed_entropy=1,
        )
    return ComparisonResult(results, thesis=thesis)


@pytest.mark.parametrize(
    ("exits", "words"),
    [
        ({"base": 120.0, "bull": 150.0, "bear": 105.0}, "no downside"),
        ({"base": 100.0, "bull": 100.0, "bear": 100.0}, "every case at the price"),
    ],
)
def test_a_ratio_without_downside_reads_na_in_text_and_null_in_json(exits, words) -> None:
    comparison = _comparison(exits)
    view = comparison.classic_view()
    assert view.downside == 0.0
    text = io.StringIO()
    print_classic_view(comparison, text)
    line = next(x for x in text.getvalue().splitlines() if "reward-to-risk" in x)
    assert "inf" not in line and "n/a" in line and words in line
    assert "inf" not in repr(view) and words in repr(view)
    doc = comparison_json(comparison)
    out = io.StringIO()
    dump(doc, out)  # no Infinity: strict JSON
    classic = json.loads(out.getvalue())["classic_view"]
    assert classic["reward_to_risk"] is None
    assert words in classic["reward_to_risk_text"]


def test_a_ratio_with_downside_is_the_weighted_upside_over_the_downside() -> None:
    comparison = _comparison({"base": 120.0, "bull": 150.0, "bear": 80.0})
    view = comparison.classic_view()
    ratio = (0.5 * 20 + 0.25 * 50) / (0.25 * 20)
    assert view.reward_to_risk == pytest.approx(ratio, rel=1e-12)
    doc = json.loads(json.dumps(comparison_json(comparison), allow_nan=False))
    assert doc["classic_view"]["reward_to_risk"] == pytest.approx(view.reward_to_risk)
    assert doc["classic_view"]["reward_to_risk_text"] == reward_to_risk_text(view.reward_to_risk)


def test_a_missing_default_case_names_the_argument_that_picks_another():
    """A thesis whose upside case is called 'optimistic' is told to pass bull='optimistic'."""
    from model.errors import UnknownScenarioError

    comparison = _comparison({"base": 120.0, "optimistic": 150.0, "bear": 80.0})
    with pytest.raises(UnknownScenarioError) as caught:
        comparison.classic_view()
    assert "unknown scenario 'bull'" in str(caught.value)
    assert "bull=NAME" in str(caught.value)
    view = comparison.classic_view(bull="optimistic")
    assert list(view.table["scenario"]) == ["optimistic", "base", "bear"]


@pytest.mark.parametrize(
    "exits",
    [
        {"base": 120.0, "bull": 150.0, "bear": 105.0},  # no downside
        {"base": 100.0, "bull": 100.0, "bear": 100.0},  # every case at the price
    ],
)
def test_the_csv_leaves_a_ratio_without_downside_empty(tmp_path, exits) -> None:
    """classic_view.csv wrote ``inf`` where the text says n/a and the JSON null."""
    import pandas as pd

    from model.results.export import write_comparison_tables

    write_comparison_tables(_comparison(exits), tmp_path)
    text = (tmp_path / "classic_view.csv").read_text(encoding="utf-8")
    assert "inf" not in text.lower()
    table = pd.read_csv(tmp_path / "classic_view.csv", keep_default_na=False)
    assert set(table["reward_to_risk"]) == {""}
    assert (table["downside_weighted"] == 0.0).all()


def test_the_csv_keeps_a_ratio_with_downside(tmp_path) -> None:
    import pandas as pd

    from model.results.export import write_comparison_tables

    comparison = _comparison({"base": 120.0, "bull": 150.0, "bear": 80.0})
    write_comparison_tables(comparison, tmp_path)
    table = pd.read_csv(tmp_path / "classic_view.csv")
    ratio = comparison.classic_view().reward_to_risk
    assert table["reward_to_risk"].tolist() == pytest.approx([ratio] * len(table))
