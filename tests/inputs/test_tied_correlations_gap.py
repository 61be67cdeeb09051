"""The README gives the gap below which a tied correlation goes unsaid, and the code keeps it.

The check of a correlation with a discrete assumption warns only when the draws' rank
correlation falls short of ``rho`` by :data:`TIE_GAP` or more; the README said the warning came
with every such pair. It now gives the gap and an example on each side of it, checked here
against the closed form and the warning itself.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import model
from model.engine import from_params
from model.engine.draws.ties import copula_spearman
from model.inputs.assembly.correlations import TIE_GAP

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
TEN = {"values": list(range(1, 11)), "probs": [0.1] * 10}


def _readme() -> str:
    return " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


def test_the_readme_gives_the_gap_the_code_uses():
    text = _readme()
    found = re.search(r"falls short of `rho` by ([0-9.]+) or more", text)
    assert found, "the README does not give the gap"
    assert float(found.group(1)) == TIE_GAP


@pytest.mark.parametrize(("rho", "said"), [(0.5, False), (0.7, True)])
def test_the_readme_examples_fall_where_it_says(tmp_path, rho, said):
    text = _readme()
    got = copula_spearman(
        from_params("lognormal", {"ci90": [0.15, 0.45]}), from_params("discrete", TEN), rho
    )
    word = "said" if said else "unsaid"
    assert f"{got:.3f} at `rho: {rho:g}`, {word}" in text
    assert (rho - got >= TIE_GAP) is said
    thesis = TEMPLATE.read_text(encoding="utf-8")
    tier = (
        '  tier:\n    unit: "1"\n    dist: discrete\n    values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n'
        "    probs: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]\n"
        '    source: {estimate: "Ten equally likely tiers"}\n'
    )
    thesis = thesis.replace("  shares_2025:\n", tier + "  shares_2025:\n", 1)
    thesis = thesis.replace(
        "    value: operating_profit * (1 - tax_rate)\n",
        "    value: operating_profit * (1 - tax_rate) * (1 + 0.001 * tier)\n",
        1,
    )
    correlation = (
        f"correlations:\n  - between: [growth_early, tier]\n    rho: {rho}\n"
        '    source: {estimate: "Higher tiers grow faster"}\n\n'
    )
    thesis = thesis.replace("\nmodel:\n", "\n" + correlation + "model:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(thesis, encoding="utf-8")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model.load_thesis(path)
    assert any("Spearman" in str(w.message) for w in seen) is said
