"""The re-rating phase-in: a fraction scales the re-rating, the years set its pace."""

from __future__ import annotations

import numpy as np

from model.valuation.legs.multiples import rerating_phase


def _grid(x: float, n: int = 1, years: int = 6) -> np.ndarray:
    return np.full((n, years), x)


def test_a_certain_rerating_phases_in_over_its_years_then_holds() -> None:
    phase = rerating_phase(_grid(1.0), _grid(1.0), _grid(3.0))
    np.testing.assert_allclose(phase[0], [0, 1 / 3, 2 / 3, 1, 1, 1])


def test_a_fractional_rerating_is_smaller_not_slower() -> None:
    # The central path carries the probability (0.5) as the re-rating: half the size, complete
    # by the same year, flat after it (summing the fractions used to ramp on past the years).
    phase = rerating_phase(_grid(0.5), _grid(1.0), _grid(3.0))
    np.testing.assert_allclose(phase[0], [0, 1 / 6, 1 / 3, 0.5, 0.5, 0.5])


def test_a_rerating_switched_on_by_an_event_phases_in_from_that_year() -> None:
    on = np.array([[0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0]], dtype=float)
    phase = rerating_phase(on, _grid(1.0, 2), _grid(2.0, 2))
    np.testing.assert_allclose(phase[0], [0, 0, 0, 0.5, 1, 1])
    np.testing.assert_allclose(phase[1], 0.0)
