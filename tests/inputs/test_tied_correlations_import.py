"""Loading a thesis leaves scipy.integrate unimported unless a correlation has a discrete side.

The rank correlation a discrete assumption gets (:mod:`model.engine.draws.ties`) needs one
numerical integral, and the check runs on every load; importing scipy.integrate with the module
added about half a second to each fresh process (every command line call) for theses that never
need it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import json, sys, warnings
import model
from model.engine import from_params
from model.engine.draws.ties import copula_spearman
seen = {"import": "scipy.integrate" in sys.modules}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    model.load_thesis("assumptions/alibaba.yaml")
seen["load"] = "scipy.integrate" in sys.modules
a = from_params("normal", {"mean": 0, "sd": 1})
seen["continuous"] = [copula_spearman(a, a, 0.5), "scipy.integrate" in sys.modules]
b = from_params("bernoulli", {"p": 0.05})
seen["tied"] = [copula_spearman(a, b, 1.0), "scipy.integrate" in sys.modules]
print(json.dumps(seen))
"""


def test_a_load_without_a_discrete_pair_leaves_scipy_integrate_unimported() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["import"] is False
    assert seen["load"] is False
    assert seen["continuous"] == [0.5, False]
    # A discrete side still gets its value, importing the integrator on first use: the
    # bound of a Bernoulli of p beside a continuous one is sqrt(3 p (1 - p)).
    value, imported = seen["tied"]
    assert abs(value - (3 * 0.05 * 0.95) ** 0.5) < 1e-6
    assert imported is True
