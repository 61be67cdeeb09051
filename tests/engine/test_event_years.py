"""An event limited to some years (``years:``, e.g. a decision due in 2026) happens only then,
with its annual probability in each of those years, against the binomial law of its chances.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine import Effect, Event, ModelSpec, Variable, from_params, run
from model.engine.execution.events import median_counts
from model.errors import EngineError, ThesisError
from model.sensitivities.sobol import _map_sample
from model.sensitivities.timing import on_chances

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"
YEARS = tuple(range(2025, 2031))  # positions 0..5


def _spec(p: float, years: tuple[int, ...] = (), repeatable: bool = False) -> ModelSpec:
    x = Variable("x", from_params("normal", {"mean": 1.0, "sd": 0.1}))
    ev = Event("decision", p, repeatable, (Effect("x", "add", 1.0),), years)
    return ModelSpec(variables=(x,), events=(ev,), years=YEARS)


def test_occurrences_fall_in_the_event_years_only_with_the_binomial_law() -> None:
    n, p = 40_000, 0.3
    out = run(_spec(p, (2027, 2029), repeatable=True), None, n, seed=3, progress=False).outputs
    counts = out["decision"]  # (n, years): occurrences so far
    assert np.all(counts[:, :2] == 0)  # nothing in 2026, before its first chance
    assert np.array_equal(counts[:, 2], counts[:, 3])  # nothing added in 2028
    assert np.array_equal(counts[:, 4], counts[:, 5])  # nor in 2030
    # Two chances: count ~ Binomial(2, p); mean 2p, P(>= 1) = 1 - (1 - p)^2.
    se = math.sqrt(2 * p * (1 - p) / n)
    assert abs(counts[:, -1].mean() - 2 * p) < 4 * se
    q = 1 - (1 - p) ** 2
    assert abs(np.mean(counts[:, -1] > 0) - q) < 4 * math.sqrt(q * (1 - q) / n)


def test_limiting_an_event_moves_no_other_draw() -> None:
    free = run(_spec(0.3), None, 5_000, seed=8, progress=False).outputs
    held = run(_spec(0.3, (2028,)), None, 5_000, seed=8, progress=False).outputs
    # Same uniforms: an occurrence in 2028 with the window is one without it too.
    assert np.array_equal(free["decision"][:, 3] - free["decision"][:, 2] > 0,
                          held["decision"][:, 3] > 0)  # fmt: skip
    assert np.array_equal(free["x"][:, 0], held["x"][:, 0])


def test_the_central_case_counts_chances_in_the_event_years() -> None:
    # 60% once, in position 2: the median timing has it from there; 40% once: never.
    assert median_counts(0.6, 6, 1, False, (2,))[:, 0].tolist() == [0, 0, 1, 1, 1, 1]
    assert median_counts(0.4, 6, 1, False, (2,))[:, 0].tolist() == [0] * 6
    # Without years 40% a year is past 1/2 by year 2: the window is what changes it.
    assert median_counts(0.4, 6, 1, False)[:, 0].tolist() == [0, 0, 1, 1, 1, 1]
    # Repeatable, chances in 1 and 3 at 50%: Binomial(1) then Binomial(2), upper medians 1, 1.
    assert median_counts(0.5, 6, 1, True, (1, 3))[:, 0].tolist() == [0, 1, 1, 1, 1, 1]


def test_first_chances_map_to_the_event_years() -> None:
    first = np.array([1.0, 2.0, 3.0, np.inf])
    assert on_chances(first, (2, 4)).tolist() == [2.0, 4.0, np.inf, np.inf]
    assert on_chances(first, None).tolist() == first.tolist()


def test_sobol_samples_give_the_event_its_years_and_probability() -> None:
    from model.sensitivities.eval import Factor, FactorKind

    spec = _spec(0.25, (2027, 2028))
    ev = spec.events[0]
    factors = [Factor("decision", FactorKind.EVENT, ev, 1)]
    u = np.random.default_rng(4).random((20_000, 1))
    _, event_u, _ = _map_sample(spec, factors, u)
    from model.engine.execution.events import occurrence_counts

    counts = occurrence_counts(event_u["decision"], 0.25, ev.chances(spec.years))
    assert np.all(counts[:2] == 0)
    first = np.argmax(counts > 0, axis=0)[counts[-1] > 0]
    assert set(first.tolist()) <= {2, 3}
    q = 1 - 0.75**2
    assert abs(np.mean(counts[-1] > 0) - q) < 4 * math.sqrt(q * (1 - q) / 20_000)


def test_a_year_outside_the_horizon_is_refused() -> None:
    with pytest.raises(EngineError, match="event 'decision' can happen in 2025, outside"):
        _spec(0.3, (2025,))


def _thesis(tmp_path: Path, years: str) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    old = "    annual_prob: approval_prob\n"
    assert old in text
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(old, old + f"    years: {years}\n"), encoding="utf-8")
    return path


def test_a_thesis_decision_due_in_one_year_happens_with_its_probability_once(
    tmp_path: Path,
) -> None:
    th = model.load_thesis(_thesis(tmp_path, "2026"))
    assert th.to_spec().events[0].years == (2026,)
    n = 20_000
    res = model.simulate(th, n_paths=n, seed=2, progress=False, keep_inputs=True)
    licensed = res.array("licensed")  # (n, years): 0 before the licence, 1 from its year
    assert np.all(licensed[:, 0] == 0)
    assert np.array_equal(licensed[:, 1], licensed[:, -1])  # 2026 or never
    by_2027 = float(np.mean(licensed[:, 2] > 0))
    p = 0.45  # the template's approval_prob, once; without years it would be 1 - 0.55^2
    assert abs(by_2027 - p) < 4 * math.sqrt(p * (1 - p) / n)


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("[2025]", "2025 is not one of them"),
        ("[2026, 2040]", "2040 is not one of them"),
        ("[]", "list the years it can happen in"),
        ("soon", "expected a year such as 2025"),
    ],
)
def test_a_bad_years_entry_is_refused_at_its_line(tmp_path: Path, years: str, message: str) -> None:
    with pytest.raises(ThesisError, match=message) as info:
        model.load_thesis(_thesis(tmp_path, years))
    assert "events.licence_granted.years" in str(info.value)


@pytest.mark.parametrize(
    ("years", "expected"),
    [(2027, (2027,)), ((2028, 2027, 2028), (2027, 2028)), ([2027.0], (2027,)), ((), ())],
)
def test_the_engine_reads_one_year_or_several(years, expected) -> None:
    assert Event("e", 0.5, False, (), years).years == expected


@pytest.mark.parametrize("years", ["2026", (2026.9,), (True,), None, (2026, "x")])
def test_the_engine_refuses_years_that_are_not_whole_years(years) -> None:
    with pytest.raises(EngineError, match="event 'e': years must be"):
        Event("e", 0.5, False, (), years)


@pytest.mark.parametrize(
    ("horizon", "years", "message"),
    [
        (
            "{first: 2025, last: 2032}",
            "[2024, 2040]",
            "can happen only in 2026 to 2032, the model years after the first (2025, year 0, "
            "where the model starts: no event happens in it); 2024 and 2040 are not among them",
        ),
        (
            "{first: 2028, last: 2029}",
            "[2026, 2027, 2030]",
            "can happen only in 2029, the model year after the first (2028, year 0, where the "
            "model starts: no event happens in it); 2026, 2027 and 2030 are not among them",
        ),
        (
            "{first: 2028, last: 2032}",
            "[2028]",
            "can happen only in 2029 to 2032, the model years after the first (2028, year 0, "
            "where the model starts: no event happens in it); 2028 is not one of them",
        ),
    ],
    ids=["two_outside", "one_year_left", "year_zero"],
)
def test_years_outside_are_named_in_agreement_with_their_number(
    tmp_path: Path, horizon: str, years: str, message: str
) -> None:
    # A horizon that starts years after the valuation date: its first year is not known yet,
    # it is where the model starts.
    path = _thesis(tmp_path, years)
    text = path.read_text(encoding="utf-8").replace("{first: 2025, last: 2032}", horizon)
    text = text.replace("[2027]", "[2029]").replace("[2030]", "[2029]")  # the scorecard's
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        model.load_thesis(path)
    assert message in str(info.value), str(info.value)
    assert "is known" not in str(info.value)
