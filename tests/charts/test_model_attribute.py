"""After a bare ``import model``, the sub-packages the README names are attributes of it."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("callable(model.charts.fan_chart)", "True"),
        ("model.errors.ThesisModelWarning.__name__", "ThesisModelWarning"),
        ("'charts' in dir(model)", "True"),
    ],
)
def test_subpackages_reachable_from_a_fresh_import(expression: str, expected: str) -> None:
    # A fresh interpreter: in the test process other tests have imported them already.
    code = f"import model; print({expression})"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


def test_unknown_attribute_is_still_an_attribute_error() -> None:
    import model

    with pytest.raises(AttributeError, match="no attribute 'chart'"):
        model.chart  # noqa: B018
