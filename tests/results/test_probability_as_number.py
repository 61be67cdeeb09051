"""A probability compares and rounds as its number (``p > 0.5``, ``round(p, 2)``, sorting),
against numbers of any real type and other probabilities; other types are refused."""

from __future__ import annotations

import numpy as np
import pytest

from model.results.values import Probability

P = Probability("a > 1", 0.6534, 0.0048, 10_000)
Q = Probability("b > 1", 0.2, 0.004, 10_000)


def test_it_compares_with_numbers_as_its_estimate():
    assert P > 0.5 and P >= 0.6534 and not P < 0.6534 and P <= 0.6534
    assert P > np.float64(0.6) and P < np.int64(1) and 0.7 > P
    assert not P > 0.66


def test_it_compares_and_sorts_with_other_probabilities():
    assert Q < P and P >= Q
    assert [x.statement for x in sorted([P, Q])] == ["b > 1", "a > 1"]
    assert max([Q, P]) is P


def test_it_rounds_as_its_number():
    assert round(P, 2) == 0.65 and round(P, 3) == 0.653
    assert round(P) == 1 and isinstance(round(P), int)


@pytest.mark.parametrize("other", ["0.5", None, True, [0.5]])
def test_other_types_are_refused(other):
    with pytest.raises(TypeError):
        _ = P < other


def test_equality_stays_field_by_field():
    # Equal results hash alike; the number is compared through .p.
    assert P == Probability("a > 1", 0.6534, 0.0048, 10_000)
    assert P != 0.6534 and P.p == 0.6534
    assert len({P, Probability("a > 1", 0.6534, 0.0048, 10_000)}) == 1
