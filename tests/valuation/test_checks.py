"""Checks of the wiring against a thesis' numbers (shares, terminal growth, weights)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest
from conftest import CENTRAL, SECTION

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
