"""Write the Alibaba reference numbers that the thesis-model rewrite must reproduce.

Run once, from the repository root, on the code *before* the model section was rewritten in the
line/block form (commit e3d0699, model kind ``segments``)::

    python -m tests.regression.make_alibaba_golden

It writes two tables under ``tests/regression/data/``:

``alibaba_golden_central.csv``
    The deterministic central path (every distribution at its central value, no shocks, events
    at their median timing) of every output, for every scenario of the thesis.
``alibaba_golden_summary.csv``
    ``model.simulate(thesis, scenario, n_paths=20000, seed=2025).summary()`` for every
    scenario: per output and year, the mean, sd, percentiles and their standard errors.

``tests/regression/test_alibaba_golden.py`` checks that today's model reproduces both (up to
floating-point rounding), mapping the old output names to the new ones where they changed.
The script refuses to overwrite existing tables unless given ``--force``: they are the record
of the old model and are not meant to be regenerated from the new one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"
DATA = Path(__file__).resolve().parent / "data"
CENTRAL = DATA / "alibaba_golden_central.csv"
SUMMARY = DATA / "alibaba_golden_summary.csv"
N_PATHS = 20_000
SEED = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing tables")
    args = parser.parse_args(argv)
    if not args.force and (CENTRAL.exists() or SUMMARY.exists()):
        print("the reference tables exist; pass --force to overwrite them", file=sys.stderr)
        return 2

    import model
    from model.engine.execution.runner import central
    from model.valuation import SegmentModel

    thesis = model.load_thesis(THESIS)
    names = ["base", *[n for n in thesis.scenarios if n != "base"]]
    central_rows = []
    summaries = []
    for name in names:
        applied = thesis if name == "base" else thesis.with_scenario(name)
        path = central(applied.to_spec(), SegmentModel.from_thesis(applied))
        years = applied.to_spec().years
        for output, value in sorted(path.items()):
            if output.startswith("_"):
                continue
            values = np.broadcast_to(np.asarray(value, dtype=float).reshape(-1), (len(years),))
            for year, v in zip(years, values, strict=True):
                central_rows.append((name, output, int(year), float(v)))
        table = model.simulate(thesis, name, n_paths=N_PATHS, seed=SEED).summary()
        summaries.append(table.reset_index().assign(scenario=name))
    DATA.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(central_rows, columns=["scenario", "output", "year", "value"]).to_csv(
        CENTRAL, index=False, float_format="%.17g"
    )
    summary = pd.concat(summaries, ignore_index=True)
    cols = [
        "scenario",
        "output",
        "year",
        *[c for c in summary.columns if c not in ("scenario", "output", "year", "unit")],
    ]
    summary[cols].to_csv(SUMMARY, index=False, float_format="%.17g")
    print(
        f"wrote {CENTRAL.name} ({len(central_rows)} rows) and {SUMMARY.name} ({len(summary)} rows)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
