"""Checks of the wiring against a thesis' numbers (shares, terminal growth, weights)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest
from segment_data import CENTRAL, SECTION

from model.errors import ThesisError
from model.valuation.checks import check_thesis
from model.valuation.config import parse_model_section


@dataclass(frozen=True)
class FakeAssumption:
    centre: float | None
    low: float = -math.inf
    high: float = math.inf

    def central(self) -> float | None:
        return self.centre

    def support(self) -> tuple[float, float] | None:
        return None if self.centre is None else (self.low, self.high)


@dataclass(frozen=True)
class FakeEffect:
    target: str


@dataclass(frozen=True)
class FakeEvent:
    effects: tuple[FakeEffect, ...]


@dataclass
class FakeThesis:
    assumptions: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)

    def error(self, path, message, expected=None):
        return ThesisError(message, file="t.yaml", line=len(path), field=".".join(path),
                           expected=expected)  # fmt: skip


def fake(**changes: FakeAssumption) -> FakeThesis:
    assumptions = {k: FakeAssumption(v, v, v) for k, v in CENTRAL.items()}
    assumptions["wacc"] = FakeAssumption(0.10, 0.06, 0.16)
    assumptions["terminal_growth"] = FakeAssumption(0.03, 0.0, 0.05)
    assumptions.update(changes)
    return FakeThesis(assumptions)


CONFIG = parse_model_section(SECTION)


def test_consistent_thesis_passes() -> None:
    check_thesis(CONFIG, fake())


def test_shares_summing_above_one_are_an_error() -> None:
    with pytest.raises(ThesisError, match=r"sum to 1\.1") as info:
        check_thesis(CONFIG, fake(cloud_share_huawei=FakeAssumption(0.8, 0.8, 0.8)))
    assert info.value.field == "model.segments.cloud.players"


def test_terminal_growth_that_can_reach_wacc_is_an_error() -> None:
    with pytest.raises(ThesisError, match=r"can reach 0.07 .* can fall to 0.06") as info:
        check_thesis(CONFIG, fake(terminal_growth=FakeAssumption(0.03, 0.0, 0.07)))
    assert info.value.field == "model.valuation.dcf.terminal_growth"
    with pytest.raises(ThesisError, match="-infinity"):
        check_thesis(CONFIG, fake(wacc=FakeAssumption(0.10)))
    with pytest.raises(ThesisError, match="not below"):
        check_thesis(CONFIG, fake(terminal_growth=FakeAssumption(0.12, 0.12, 0.12)))


def test_terminal_growth_error_says_which_assumption_to_bound_and_how() -> None:
    # A fixed number has no range to bound: the message names only the drawn one, with the
    # limit its bounds must respect; the same name on both sides asks for another growth.
    fixed_g = fake(terminal_growth=FakeAssumption(0.03, 0.03, 0.03), wacc=_normal(0.10, 0.02))
    with pytest.raises(ThesisError) as info:
        check_thesis(CONFIG, fixed_g)
    assert "give wacc bounds: [low, high] with low above terminal_growth's 0.03" in str(info.value)
    assert "bound terminal_growth" not in str(info.value)
    fixed_r = fake(wacc=FakeAssumption(0.08, 0.08, 0.08), terminal_growth=_normal(0.03, 0.02))
    with pytest.raises(ThesisError, match=r"give terminal_growth bounds: \[low, high\] with high "
                       r"below wacc's 0\.08"):  # fmt: skip
        check_thesis(CONFIG, fixed_r)
    with pytest.raises(ThesisError, match="terminal_growth's high stays below wacc's low"):
        check_thesis(CONFIG, fake(terminal_growth=FakeAssumption(0.03, 0.0, 0.07)))
    with pytest.raises(ThesisError, match="write a terminal growth below the discount rate"):
        check_thesis(CONFIG, fake(terminal_growth=FakeAssumption(0.12, 0.12, 0.12)))


def test_unknown_ranges_are_left_to_the_per_path_check() -> None:
    # derived or event-changed: no range before sampling
    check_thesis(CONFIG, fake(wacc=FakeAssumption(None)))
    thesis = fake(wacc=FakeAssumption(0.10))
    thesis.events = {"shock": FakeEvent((FakeEffect("wacc"),))}
    check_thesis(CONFIG, thesis)


def test_weights_must_sum_to_one() -> None:
    with pytest.raises(ThesisError, match="sum to 1") as info:
        check_thesis(CONFIG, fake(w_pe=FakeAssumption(0.5, 0.5, 0.5)))
    assert info.value.field == "model.valuation.weights"


def _normal(mean: float, sd: float, bounds: list[float] | None = None):
    from model.engine import from_params
    from model.inputs.assembly.items import Assumption, Kind

    params = {"mean": mean, "sd": sd, **({"bounds": bounds} if bounds else {})}
    dist = from_params("normal", params)
    return Assumption("x", None, Kind.DIST, None, dist=dist)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("g", "r"),
    [((0.03, 0.005), (0.105, 0.01)), ((0.03, 0.03), (0.09, 0.01)), ((0.0, 0.02), (0.05, 0.02))],
)
def test_crossing_share_of_two_normals_matches_the_closed_form(g, r) -> None:
    from scipy import stats

    from model.valuation.checks import _crossing

    exact = stats.norm.cdf(-(r[0] - g[0]) / math.hypot(g[1], r[1]))
    assert _crossing(_normal(*g), _normal(*r)) == pytest.approx(exact, rel=1e-6, abs=1e-15)


def test_crossing_share_against_a_fixed_rate_is_the_growth_tail() -> None:
    from scipy import stats

    from model.valuation.checks import _crossing

    rate = FakeAssumption(0.08, 0.08, 0.08)
    exact = stats.norm.sf(0.08, 0.03, 0.02)
    assert _crossing(_normal(0.03, 0.02), rate) == pytest.approx(exact, rel=1e-9)


def test_correlated_growth_and_rate_must_be_kept_apart_by_their_ranges() -> None:
    thesis = fake(wacc=_normal(0.105, 0.01), terminal_growth=_normal(0.03, 0.005))
    check_thesis(CONFIG, thesis)  # independent: crossing on about 1e-11 of paths
    tied = type("Tie", (), {"between": ("terminal_growth", "wacc")})()
    thesis.correlations = (tied,)  # type: ignore[attr-defined]
    with pytest.raises(ThesisError, match="can fall to -infinity"):
        check_thesis(CONFIG, thesis)


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (FakeAssumption(0.0, 0.0, 0.0), "'shares' is 0;"),
        (FakeAssumption(-19.0, -19.0, -19.0), "'shares' is -19;"),
        (FakeAssumption(19.0, -1.0, 40.0), "'shares' can fall to -1;"),
    ],
)
def test_share_count_at_or_below_zero_is_refused_at_its_field(count, words) -> None:
    # Before, only the run-time check saw it, at the model: header.
    with pytest.raises(ThesisError, match="above zero on every path") as info:
        check_thesis(CONFIG, fake(shares=count))
    assert info.value.field == "model.shares"
    assert words in str(info.value)


@dataclass(frozen=True)
class Overridden(FakeAssumption):
    path: tuple[str, ...] = ("scenarios", "bull", "overrides", "name")


def test_a_value_a_scenario_overrides_is_said_at_the_override() -> None:
    # The base file's field reads the value, but the override is what to change.
    cases = [
        ("cloud_share_huawei", Overridden(0.8, 0.8, 0.8), "model.segments.cloud.players"),
        ("shares", Overridden(0.0, 0.0, 0.0), "model.shares"),
        ("wacc", Overridden(0.02, 0.02, 0.02), "model.valuation.dcf.terminal_growth"),
    ]
    for name, value, feeds in cases:
        with pytest.raises(ThesisError) as info:
            check_thesis(CONFIG, fake(**{name: value}))
        assert info.value.field == "scenarios.bull.overrides.name", name
        assert f"(read by {feeds})" in str(info.value), name
