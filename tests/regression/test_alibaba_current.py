"""The Alibaba theses (2025 view and 2022 vintage) reproduce their recorded numbers.

The tables are written by ``tests/regression/make_alibaba_current.py``; a change of a thesis or
an equation that moves them is deliberate and regenerates them (the commit says why). A change
meant to leave results alone (speed, layout) must pass unchanged: central paths to 1e-9
relative, the seeded percentiles and means too.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


def _load_maker():
    # By path: the repository root need not be importable when pytest runs.
    path = Path(__file__).resolve().parent / "make_alibaba_current.py"
    spec = importlib.util.spec_from_file_location("make_alibaba_current", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_maker()
CENTRAL, MC = maker.CENTRAL, maker.MC
cases, central_rows, mc_rows = maker.cases, maker.central_rows, maker.mc_rows

RTOL = 1e-9
ATOL = 1e-12

pytestmark = pytest.mark.skipif(not (CENTRAL.exists() and MC.exists()), reason="no recorded tables")

CASES = {(key, name): applied for key, name, applied in cases()}


def _ids() -> list[str]:
    return [f"{k}:{n}" for k, n in CASES]


def _compare(got: pd.DataFrame, want: pd.DataFrame, keys: list[str], what: str) -> None:
    merged = want.merge(got, on=keys, how="left", suffixes=("_want", "_got"))
    missing = merged[merged["value_got"].isna() & merged["value_want"].notna()]
    assert missing.empty, f"{what}: missing {missing[keys].head().to_dict('records')}"
    np.testing.assert_allclose(
        merged["value_got"].to_numpy(dtype=float),
        merged["value_want"].to_numpy(dtype=float),
        rtol=RTOL,
        atol=ATOL,
        err_msg=what,
    )


@pytest.mark.parametrize("case", list(CASES), ids=_ids())
def test_central_path_as_recorded(case) -> None:
    key, name = case
    want = pd.read_csv(CENTRAL)
    want = want[(want["thesis"] == key) & (want["scenario"] == name)]
    assert not want.empty, f"{key}:{name} is not recorded: regenerate the tables"
    got = pd.DataFrame(
        central_rows(key, name, CASES[case]),
        columns=["thesis", "scenario", "output", "year", "value"],
    )
    _compare(got, want, ["thesis", "scenario", "output", "year"], f"{key}:{name} central")


@pytest.mark.parametrize("case", [("alibaba", "base"), ("alibaba-2022", "base")], ids=str)
def test_seeded_percentiles_as_recorded(case) -> None:
    key, name = case
    want = pd.read_csv(MC)
    want = want[(want["thesis"] == key) & (want["scenario"] == name)]
    got = pd.DataFrame(
        mc_rows(key, name, CASES[case]), columns=["thesis", "scenario", "output", "stat", "value"]
    )
    _compare(got, want, ["thesis", "scenario", "output", "stat"], f"{key}:{name} seeded")


def test_every_case_is_recorded() -> None:
    recorded = set(map(tuple, pd.read_csv(CENTRAL)[["thesis", "scenario"]].to_numpy()))
    assert recorded == set(CASES), "thesis scenarios and the recorded tables differ: regenerate"
    assert Path(MC).stat().st_size > 0
