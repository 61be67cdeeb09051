"""Write the reference numbers of the Alibaba theses as they stand (the 2025 view and its 2022
vintage), so that a change to their numbers is always a deliberate one.

Run from the repository root after changing a thesis or an equation on purpose::

    python -m tests.regression.make_alibaba_current --force

and say in the commit why the numbers moved. It writes ``data/alibaba_current_central.csv``: the
deterministic central path of every output, for every scenario of ``assumptions/alibaba.yaml``
and for ``assumptions/alibaba-2022.yaml``, and ``data/alibaba_current_mc.csv``: percentiles and
means of today's value, the exit-year value and the dated return over 4,000 paths, seed 2025.
``test_alibaba_current.py`` checks the code reproduces both. (``alibaba_golden_*`` is another
record: the model before the issue-9 rewrite, on a frozen copy of the thesis.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
CENTRAL = DATA / "alibaba_current_central.csv"
MC = DATA / "alibaba_current_mc.csv"
THESES = {"alibaba": ROOT / "assumptions" / "alibaba.yaml",
          "alibaba-2022": ROOT / "assumptions" / "alibaba-2022.yaml"}  # fmt: skip
N_PATHS = 4_000
SEED = 2025
#: Outputs summarised over the paths (exit year for per-year outputs).
MC_OUTPUTS = ("value_today", "value_per_share", "return_dated")
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def cases():
    """(thesis key, scenario, applied thesis) for every case recorded."""
    import model

    for key, path in THESES.items():
        thesis = model.load_thesis(path)
        for name in ["base", *[n for n in thesis.scenarios if n != "base"]]:
            yield key, name, thesis if name == "base" else thesis.with_scenario(name)


def central_rows(key: str, name: str, applied) -> list[tuple]:
    from model.engine.execution.runner import central
    from model.valuation import build_model

    path = central(applied.to_spec(), build_model(applied))
    years = applied.to_spec().years
    rows = []
    for output, value in sorted(path.items()):
        if output.startswith("_"):
            continue
        arr = np.asarray(value, dtype=float).reshape(-1)
        if arr.size not in (1, len(years)):
            continue
        values = np.broadcast_to(arr, (len(years),))
        rows.extend(
            (key, name, output, int(y), float(v)) for y, v in zip(years, values, strict=True)
        )
    return rows


def mc_rows(key: str, name: str, applied) -> list[tuple]:
    import model

    out = model.simulate(applied, n_paths=N_PATHS, seed=SEED, progress=False).outputs
    rows = []
    for output in MC_OUTPUTS:
        x = np.asarray(out[output], dtype=float)
        x = x[:, -1] if x.ndim == 2 else x
        rows.extend((key, name, output, f"q{q:g}", float(np.quantile(x, q))) for q in QUANTILES)
        rows.append((key, name, output, "mean", float(np.mean(x))))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing tables")
    args = parser.parse_args(argv)
    if not args.force and (CENTRAL.exists() or MC.exists()):
        print("the reference tables exist; pass --force to overwrite them", file=sys.stderr)
        return 2
    central_table, mc_table = [], []
    for key, name, applied in cases():
        central_table.extend(central_rows(key, name, applied))
        mc_table.extend(mc_rows(key, name, applied))
    DATA.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(central_table, columns=["thesis", "scenario", "output", "year", "value"]).to_csv(
        CENTRAL, index=False, float_format="%.17g"
    )
    pd.DataFrame(mc_table, columns=["thesis", "scenario", "output", "stat", "value"]).to_csv(
        MC, index=False, float_format="%.17g"
    )
    print(f"wrote {CENTRAL.name} ({len(central_table)} rows) and {MC.name} ({len(mc_table)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
