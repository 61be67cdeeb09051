"""A correlation with a discrete assumption says the rank correlation its draws get.

The Gaussian copula gives two continuous assumptions the Spearman correlation ``rho`` asked
for; a discrete or Bernoulli assumption ties its draws, and their Spearman correlation is
nearer 0 (a Bernoulli of 5% reaches about 0.38 at most). Before, a ``rho: 0.9`` with such an
assumption ran silently at about 0.36. The closed form (one integral) is checked here against
the mid-rank correlation of sampled draws, within a few Monte Carlo standard errors, and
against the exact bound of a Bernoulli beside a continuous assumption; the thesis warns at the
entry's ``rho`` line with that value.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import model
from model.cli.main import main
from model.engine import Correlation, ModelSpec, Variable, from_params, sample
from model.engine.draws.ties import copula_spearman

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
N = 200_000

PAIRS = [
    (("normal", {"mean": 0, "sd": 1}), ("bernoulli", {"p": 0.3}), 0.5),
    (("lognormal", {"median": 1, "sigma": 1}), ("bernoulli", {"p": 0.05}), 0.9),
    (
        ("normal", {"mean": 0, "sd": 1}),
        ("discrete", {"values": [1, 2, 3], "probs": [0.2, 0.5, 0.3]}),
        -0.5,
    ),
    (
        ("bernoulli", {"p": 0.3}),
        ("discrete", {"values": [1, 2, 3, 4], "probs": [0.1, 0.2, 0.3, 0.4]}),
        0.7,
    ),
    (("bernoulli", {"p": 0.3}), ("bernoulli", {"p": 0.6}), -0.4),
]


@pytest.mark.parametrize(("first", "second", "rho"), PAIRS)
def test_closed_form_matches_the_draws(first, second, rho):
    a, b = from_params(*first), from_params(*second)
    spec = ModelSpec(
        variables=(Variable("x", a), Variable("y", b)),
        years=(2025,),
        correlation=Correlation.from_pairs({("x", "y"): rho}),
    )
    draws = sample(spec, n_paths=N, seed=11)
    x, y = (np.asarray(draws[n], dtype=float).ravel() for n in ("x", "y"))
    drawn = stats.spearmanr(x, y)[0]
    # The sampling sd of a Spearman correlation is at most about (1 - rho_s^2) / sqrt(n)
    # inflated a little by ties; 5 of those is far beyond noise and far below the gap to rho.
    se = 1.2 * (1 - drawn**2) / math.sqrt(N)
    got = copula_spearman(a, b, rho)
    assert abs(got - drawn) < 5 * se, (got, drawn, se)
    assert abs(got - rho) > 10 * se  # the ties move it visibly


def test_the_bound_of_a_bernoulli_beside_a_continuous_one():
    # At rho = 1 the Bernoulli is 1 exactly on the top p of the other's ranks: the mid-rank
    # correlation of U and 1{U > 1 - p} is p (1 - p) / 2 / sqrt(1/12 * p (1 - p)).
    p = 0.05
    exact = math.sqrt(3 * p * (1 - p))
    a, b = from_params("normal", {"mean": 0, "sd": 1}), from_params("bernoulli", {"p": p})
    assert copula_spearman(a, b, 1.0) == pytest.approx(exact, abs=1e-6)
    assert copula_spearman(b, a, -1.0) == pytest.approx(-exact, abs=1e-6)


def test_two_continuous_ones_keep_rho():
    a, b = from_params("normal", {"mean": 0, "sd": 1}), from_params("uniform", {"min": 0, "max": 1})
    assert copula_spearman(a, b, 0.37) == 0.37


def _thesis(tmp_path: Path) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    flag = (
        '  launch_flag:\n    unit: "1"\n    dist: bernoulli\n    p: 0.05\n'
        '    source: {estimate: "A launch this year is a long shot"}\n'
    )
    text = text.replace("  shares_2025:\n", flag + "  shares_2025:\n", 1)
    text = text.replace(
        "    value: operating_profit * (1 - tax_rate)\n",
        "    value: operating_profit * (1 - tax_rate) * (1 + 0.1 * launch_flag)\n",
        1,
    )
    correlation = (
        "correlations:\n  - between: [growth_early, launch_flag]\n    rho: 0.9\n"
        '    source: {estimate: "A launch comes with fast growth"}\n\n'
    )
    text = text.replace("\nmodel:\n", "\n" + correlation + "model:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "rho: 0.9")
    return path, line


def test_validate_warns_at_the_rho_line(tmp_path, capsys):
    path, line = _thesis(tmp_path)
    assert main(["validate", str(path), "--all-scenarios"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    said = [s for s in err if "Spearman" in s]
    assert len(said) == 1, err  # the scenarios that keep the list do not repeat it
    expected = copula_spearman(
        from_params("lognormal", {"ci90": [0.15, 0.45]}), from_params("bernoulli", {"p": 0.05}), 0.9
    )
    assert re.search(
        rf"thesis\.yaml:{line}: correlations\[0\]\.rho: 'launch_flag' takes only 2 ", said[0]
    )
    assert f"of {expected:.3f}, not 0.9" in said[0], said[0]
    assert f"at most {math.sqrt(3 * 0.05 * 0.95):.3f}" in said[0], said[0]


def test_load_thesis_warns_and_continuous_pairs_do_not(tmp_path):
    path, _ = _thesis(tmp_path)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model.load_thesis(path)
    assert sum("Spearman" in str(w.message) for w in seen) == 1
    plain = path.read_text(encoding="utf-8").replace(
        "[growth_early, launch_flag]", "[growth_early, margin_target]"
    )
    path.write_text(plain, encoding="utf-8")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model.load_thesis(path)
    assert not [w for w in seen if "Spearman" in str(w.message)]


def test_a_scenario_that_makes_a_correlated_assumption_discrete_says_so(tmp_path, capsys):
    # The base correlates two continuous assumptions; the bear case overrides one of them with
    # a Bernoulli and keeps the base's list, so only the bear case's draws tie.
    text = TEMPLATE.read_text(encoding="utf-8")
    correlation = (
        "correlations:\n  - between: [growth_early, margin_target]\n    rho: 0.9\n"
        '    source: {estimate: "Fast growth comes with scale"}\n\n'
    )
    text = text.replace("\nmodel:\n", "\n" + correlation + "model:\n", 1)
    override = (
        '    overrides:\n      margin_target:\n        unit: "%"\n        dist: discrete\n'
        "        values: [0.10, 0.25]\n        probs: [0.8, 0.2]\n"
        '        source: {estimate: "Scale comes or it does not"}\n'
    )
    bear = text.index("  bear:\n")
    at = text.index("    overrides:\n", bear)
    text = text[:at] + override + text[at + len("    overrides:\n") :]
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "rho: 0.9")
    assert main(["validate", str(path), "--all-scenarios"]) == 0
    said = [s for s in capsys.readouterr().err.splitlines() if "Spearman" in s]
    assert len(said) == 1, said
    expected = copula_spearman(
        from_params("lognormal", {"ci90": [0.15, 0.45]}),
        from_params("discrete", {"values": [0.10, 0.25], "probs": [0.8, 0.2]}),
        0.9,
    )
    assert f"thesis.yaml:{line}: correlations[0].rho: in scenario 'bear': " in said[0], said[0]
    assert f"of {expected:.3f}, not 0.9" in said[0], said[0]
