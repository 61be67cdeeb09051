"""The README defines an assumption's central value, family by family, and says the tornado's
centre is the central path, which a skewed assumption can put well below the median over paths.

The tornado and ``model.central()`` both stand on these values, so each rule the README states
is checked against the thesis as loaded, and its worked triangular against the distribution.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.draws.distributions import from_params

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
OLD_MARGIN = "    dist: triangular\n    min: 0.15\n    mode: 0.18\n    max: 0.21\n"

#: name -> (the README's words for the rule, the assumption's YAML body, its central value).
RULES = {
    "normal_ci90": (
        "`normal` and `uniform` take their mean",
        "dist: normal, ci90: [0.02, 0.10]",
        0.06,
    ),
    "uniform": ("`normal` and `uniform` take their mean", "dist: uniform, min: 0.0, max: 0.4", 0.2),
    "lognormal_ci90": ("`√(low · high)` for a `ci90`", "dist: lognormal, ci90: [4, 25]", 10.0),
    "lognormal_mean": (
        "below the mean when given `mean, sd`",
        "dist: lognormal, mean: 10, sd: 5",
        10 / math.sqrt(1.25),
    ),
    "triangular": (
        "`triangular` and `pert` their `mode`",
        "dist: triangular, min: 0.1, mode: 0.12, max: 0.3",
        0.12,
    ),
    "pert": (
        "`triangular` and `pert` their `mode`",
        "dist: pert, min: 0.1, mode: 0.12, max: 0.3",
        0.12,
    ),
    "beta_mean": ("`beta` its mean", "dist: beta, mean: 0.3, sd: 0.1", 0.3),
    "beta_scaled": (
        "on `min`..`max` when scaled",
        "dist: beta, a: 2, b: 6, min: 0.1, max: 0.5",
        0.2,
    ),
    "truncnormal": (
        "parent's `mean`, clipped into `[min, max]`",
        "dist: truncnormal, mean: 0.05, sd: 0.02, min: 0.06, max: 0.2",
        0.06,
    ),
    "discrete": (
        "the smallest of equally likely ones",
        "dist: discrete, values: [0.3, 0.1, 0.2], probs: [0.4, 0.4, 0.2]",
        0.1,
    ),
    "bernoulli": ("`bernoulli` its `p` (neither 0 nor 1)", "dist: bernoulli, p: 0.3", 0.3),
    "bounded": (
        "`bounds:` clip any of them",
        "dist: normal, mean: 0.0, sd: 0.1, bounds: [0.02, 0.5]",
        0.02,
    ),
}


def _paragraph() -> str:
    start = README.index("**Central values.**")
    return " ".join(README[start : README.index("\n\n", start)].split())


def _example() -> str:
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", README, re.S)
    assert found is not None
    return found.group(1)


def _thesis(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_every_family_has_the_central_value_the_readme_gives(tmp_path: Path) -> None:
    text = _paragraph()
    # Each rule's keys written one a line under its assumption.
    added = "".join(
        f"  c_{name}:\n    unit: x\n"
        + "".join(f"    {item.strip()}\n" for item in re.split(r",\s*(?![^\[]*\])", body))
        + '    source: {estimate: "A spread to check the central value against"}\n'
        for name, (_, body, _) in RULES.items()
    )
    path = _thesis(tmp_path, _example().replace("assumptions:\n", "assumptions:\n" + added, 1))
    spec = model.load_thesis(path).to_spec()
    for name, (words, _, central) in RULES.items():
        assert words in text, (name, words)
        got = spec.variable(f"c_{name}").dist.central()
        assert got == pytest.approx(central, rel=1e-12), name


def test_the_worked_triangular_is_right() -> None:
    found = re.search(
        r"`triangular` with `min: ([\d.]+), mode: ([\d.]+), max: ([\d.]+)` is ([\d.]+) at its "
        r"centre, its median ([\d.]+) and its mean ([\d.]+)",
        _paragraph(),
    )
    assert found is not None
    low, mode, high, centre, median, mean = map(float, found.groups())
    dist = from_params("triangular", {"min": low, "mode": mode, "max": high})
    assert dist.central() == centre
    assert dist.quantile_value(0.5) == pytest.approx(median, abs=5e-4)
    assert (low + mode + high) / 3 == pytest.approx(mean, abs=5e-4)


def test_the_tornado_centre_is_the_central_path_below_the_median(tmp_path: Path) -> None:
    flat = " ".join(README.split())
    assert "central case (every other input at its [central value](#assumptions))" in flat
    # The README's example with its target margin skewed as in the worked triangular.
    body = _example()
    assert OLD_MARGIN in body
    skewed = "    dist: triangular\n    min: 0.10\n    mode: 0.12\n    max: 0.30\n"
    thesis = model.load_thesis(_thesis(tmp_path, body.replace(OLD_MARGIN, skewed)))
    tornado = model.sensitivity(thesis, method="tornado")
    central = float(model.central(thesis)["value_per_share"][-1])
    assert tornado.central_value == pytest.approx(central, rel=1e-12)
    values = model.simulate(thesis, n_paths=20_000, seed=7, progress=False)
    last = values.array("value_per_share")[:, -1]
    # The median's standard error, from the density at the median (a normal approximation).
    se = np.std(last) * math.sqrt(math.pi / 2) / math.sqrt(last.size)
    assert np.median(last) - central > 20 * se
