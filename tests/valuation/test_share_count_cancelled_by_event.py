"""An event that cancels as many shares as a ``share_count`` block's count holds, or more, is an
error at the block's ``shares:`` line, with the same message from ``validate`` (the central
path, or its drawn paths naming their share and the event), from ``model.load_thesis`` (the
central path) and from a run that draws such a path; not a floored count with an absurd value
per share, nor an effect said to change nothing, nor buybacks the thesis does not have."""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ParameterError, ThesisError
from model.valuation.blocks.base import BlockContext
from model.valuation.blocks.shares import SHARE_COUNT
from model.valuation.checking.leg_bounds import DRAWN_PATHS

SHARES = "      shares: shares_2025\n"


def _thesis(tmp_path: Path, readme_example: str, effect: str, prob: float) -> Path:
    """The README's example (60m shares in a ``share_count`` block, no buybacks) with a
    one-off event of ``effect`` on the count it reads."""
    text = readme_example
    assert text.count(SHARES) == 1 and text.count("\nscorecard:\n") == 1
    assert "buyback" not in text
    text = text.replace(
        "\nscorecard:\n",
        "\nevents:\n  recession:\n    label: A recession\n"
        f"    annual_prob: {prob}\n    repeatable: false\n    effects:\n"
        f"      - {{target: shares_2025, {effect}}}\n"
        '    source: {estimate: "One in ten years"}\n\nscorecard:\n',
    )
    path = tmp_path / "cancel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _where(path: Path) -> str:
    line = path.read_text(encoding="utf-8").splitlines().index(SHARES.rstrip("\n")) + 1
    return f"{path}:{line}: model.blocks.count.shares: block 'count': the count before any buyback"


def _error(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    assert main(["validate", "-q", str(path)]) == 2
    said = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert len(said) == 1, said
    return said[0].removeprefix("error: ")


EXPECTED = "(expected a count above zero in every year: a cancellation of fewer shares than are"


def test_a_rare_event_cancelling_every_share_is_refused_from_drawn_paths_and_by_a_run(
    tmp_path, readme_example, capsys
):
    path = _thesis(tmp_path, readme_example, "op: add, by: -100", prob=0.1)
    said = _error(capsys, path)
    assert said.startswith(f"{_where(path)} falls to -40 in 2026, and to zero or below on "), said
    assert "event 'recession' adds -100.0 to 'shares_2025'" in said, said
    assert EXPECTED in said, said
    found = re.search(r"on ([\d,]+) of ([\d,]+) paths", said)
    assert found is not None, said
    bad, n = (int(g.replace(",", "")) for g in found.groups())
    assert n == DRAWN_PATHS
    # A non-repeatable event with a yearly chance of 0.1 happens in one of the five years after
    # the first on 1 - 0.9^5 of the paths; each takes the 60m shares to -40m.
    p = 1 - 0.9**5
    assert abs(bad / n - p) <= 4 * math.sqrt(p * (1 - p) / n), (bad, n, p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)  # the central path keeps its shares: no draw here
        with pytest.raises(ThesisError) as caught:
            model.simulate(thesis, n_paths=2000, seed=1)
    ran = str(caught.value)
    assert ran.startswith(f"{_where(path)} falls to -40 in 2026, and to zero or below on "), ran
    assert "(on some paths of the run)" in ran and EXPECTED in ran, ran


@pytest.mark.parametrize(
    ("effect", "lowest"), [("op: add, by: -100", "-40"), ("op: multiply, by: 0", "0")]
)
def test_a_likely_event_cancelling_every_share_is_refused_on_the_central_path(
    tmp_path, readme_example, capsys, effect, lowest
):
    # Likely, so on the central path (median timing: 2026): not an effect that changes
    # nothing (the block reads its count every year), nor buybacks retiring every share.
    path = _thesis(tmp_path, readme_example, effect, prob=0.9)
    said = _error(capsys, path)
    assert said.startswith(f"{_where(path)} falls to {lowest} in 2026: "), said
    assert EXPECTED in said, said
    assert "only in its first year" not in said and "buybacks retire" not in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisError) as caught:
            model.load_thesis(path)
    assert str(caught.value) == said


def test_a_cancellation_of_part_of_the_shares_runs(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "op: add, by: -30", prob=0.9)
    assert main(["validate", "-q", str(path)]) == 0, capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        central = model.central(model.load_thesis(path))
    # 60m shares, 30m cancelled in 2026, no buybacks nor dilution: 30m from then on.
    np.testing.assert_allclose(np.ravel(central["shares"]), [60.0] + [30.0] * 5, rtol=1e-12)


def _block(shares: list[float], dilution: float) -> np.ndarray:
    """The block's count on one path, no buybacks, the count read ``shares`` in each year."""
    K = len(shares)
    years = tuple(range(2025, 2025 + K))
    ctx = BlockContext(1, K, {"_price": 10.0, "_per_share_scale": 1.0}, years=years)
    params = {
        "shares": np.array([shares], dtype=float),
        "dilution": np.full((1, K), dilution),
        "fx": np.ones((1, K)),
    }
    return SHARE_COUNT.compute(params, ctx).values["shares"][0]


def test_the_count_before_buybacks_counts_the_dilution():
    # 60m shares diluted 20% a year are 72m, then 86.4m; cancelling 70m in 2027 leaves 16.4m.
    np.testing.assert_allclose(_block([60, 60, -10], 0.2), [60, 72, 72 * 1.2 - 70], rtol=1e-12)
    # Without the dilution the same cancellation takes every share, and 10m more.
    with pytest.raises(ParameterError, match="falls to -10 in 2027"):
        _block([60, 60, -10], 0.0)
