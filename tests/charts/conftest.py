"""Shared builders of the chart tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import model

GROWTH = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def exit_multiple_grid(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int, int], Any]:
    """``build(count, n_paths)``: a comparison of ``count`` scenarios of the growth template,
    one per exit EV/sales multiple from 3x in steps of 0.05x (a grid an analyst runs)."""

    def build(count: int, n_paths: int) -> Any:
        thesis = yaml.safe_load(GROWTH.read_text(encoding="utf-8"))
        thesis.pop("weights", None)
        thesis["scenarios"] = {
            f"multiple_{i:03d}": {
                "label": f"Exit EV/sales of {3 + 0.05 * i:.2f}x",
                "rationale": {"estimate": "A grid of exit multiples to see how the value moves"},
                "overrides": {
                    "ev_sales_exit": {
                        "unit": "x",
                        "value": 3 + 0.05 * i,
                        "source": {"estimate": "One step of a grid of exit multiples"},
                    }
                },
            }
            for i in range(count)
        }
        path = tmp_path_factory.mktemp("grid") / "grid.yaml"
        path.write_text(yaml.safe_dump(thesis, sort_keys=False), encoding="utf-8")
        return model.compare(path, n_paths=n_paths, seed=3)

    return build
