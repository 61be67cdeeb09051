"""Every warning the toolkit gives a caller is a ``ThesisModelWarning`` (README: "Warnings are
one line of class model.errors.ThesisModelWarning"), so one filter silences or raises them all;
the specific classes stay ``UserWarning`` subclasses, as before."""

from __future__ import annotations

import pytest

from model.errors import ThesisModelWarning
from model.inputs.assembly.correlations import CorrelationRepaired
from model.results.condition import LowEffectiveSampleWarning


@pytest.mark.parametrize("cls", [CorrelationRepaired, LowEffectiveSampleWarning])
def test_specific_warnings_are_toolkit_warnings(cls: type[Warning]) -> None:
    assert issubclass(cls, ThesisModelWarning)
    assert issubclass(cls, UserWarning)
