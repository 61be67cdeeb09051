"""The thesis-ref-v1 workload, twice: on the engine and as hand-written numpy.

Years ``y = 0..5`` are 2025..2030. Every random quantity is drawn once per path and reused
(``cagr`` in every year's growth, ``margin0`` in the margin glide); the only per-year draws are
the market-growth shocks and the yearly regulatory-shock occurrences.

* market_y = market0 * prod_{k=1..y} (1 + g_k), g_k = cagr + normal(0, 0.04)
* share_y = clip(share0 + drift * y, 0.05, 0.9); core_y = core0 * (1 + core_growth)**y
* cloud_rev_y = market_y * share_y + core_y
* margin_y = margin0 + (margin_target - margin0) * y / 5
* earnings_y = other * 1.03**y + 0.8 * cloud_rev_y * margin_y
* multiple *= uniform(0.6, 0.85) if a shock (p = 0.08 a year, years 1..5) happened
* price_2030 = earnings_5 * multiple / (2.3 * (1 - buyback_rate)**5)
* irr = (price_2030 / 120)**(1/5) - 1
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
from scipy import special

from model.engine import (
    Effect,
    Event,
    ModelSpec,
    Process,
    Variable,
    from_params,
)

YAML = Path(__file__).with_name("thesis-ref-v1.yaml")
PRICE_NOW = 120.0
SHARES0 = 2.3
HORIZON = 5
OUTPUTS = ("price_2030", "irr")


def spec_from_yaml() -> ModelSpec:
    """The workload's spec, read from ``thesis-ref-v1.yaml`` by the thesis loader."""
    from model.inputs.assembly.thesis import load_thesis

    return load_thesis(YAML).to_spec()


def spec_in_python() -> ModelSpec:
    """The same spec built directly (used when the thesis loader is unavailable)."""

    def v(name: str, family: str, **params: Any) -> Variable:
        return Variable(name, from_params(family, params))

    return ModelSpec(
        variables=(
            v("market0", "lognormal", ci90=[6.5, 8.2]),
            v("cagr", "normal", mean=0.268, sd=0.05),
            v("share0", "beta", mean=0.358, sd=0.02),
            v("share_drift", "normal", mean=-0.01, sd=0.008),
            v("core0", "normal", mean=12, sd=1),
            v("core_growth", "normal", mean=0.10, sd=0.03),
            v("margin0", "normal", mean=0.09, sd=0.01),
            v("margin_target", "triangular", min=0.08, mode=0.15, max=0.22),
            v("other_earnings", "normal", mean=18, sd=2.5),
            v("multiple", "triangular", min=18, mode=23.5, max=32.1),
            v("shock_haircut", "uniform", min=0.6, max=0.85),
            v("buyback_rate", "uniform", min=0.01, max=0.03),
        ),
        processes=(Process("market_growth", "cagr", 0.04, 1.0, "cagr"),),
        events=(
            Event(
                "regulatory_shock", 0.08, False, (Effect("multiple", "multiply", "shock_haircut"),)
            ),
        ),
        years=tuple(range(2025, 2031)),
    )


def load_spec() -> tuple[ModelSpec, str]:
    """The YAML spec when the loader works, else the Python one; and which was used."""
    try:
        return spec_from_yaml(), "thesis-ref-v1.yaml via load_thesis().to_spec()"
    except ImportError:
        return spec_in_python(), "spec built in Python (thesis loader unavailable)"


def engine_model(x: Any) -> dict[str, np.ndarray]:
    """The valuation as an engine model function (computes year 5 only).

    Parameters
    ----------
    x : Inputs
        Static inputs ``(n,)``; ``market_growth`` and ``multiple`` ``(n, 6)``.
    """
    g = x["market_growth"]
    growth = 1.0 + g[:, 1]
    for k in range(2, HORIZON + 1):
        growth *= 1.0 + g[:, k]
    market = x["market0"] * growth
    share = np.clip(x["share0"] + x["share_drift"] * HORIZON, 0.05, 0.9)
    core = x["core0"] * (1.0 + x["core_growth"]) ** HORIZON
    margin0 = x["margin0"]
    margin = margin0 + (x["margin_target"] - margin0) * (HORIZON / 5)
    earnings = x["other_earnings"] * 1.03**HORIZON + 0.8 * (market * share + core) * margin
    shares = SHARES0 * (1.0 - x["buyback_rate"]) ** HORIZON
    price = earnings * x["multiple"][:, HORIZON] / shares
    irr = (price / PRICE_NOW) ** (1.0 / HORIZON) - 1.0
    return {"price_2030": price, "irr": irr}


def numpy_draws(n: int, seed: int) -> dict[str, np.ndarray]:
    """Every random number of the workload with numpy's native samplers."""
    rng = np.random.default_rng(seed)
    z95 = float(special.ndtri(0.95))
    mu = (math.log(6.5) + math.log(8.2)) / 2
    sigma = (math.log(8.2) - math.log(6.5)) / (2 * z95)
    m, s = 0.358, 0.02
    k = m * (1 - m) / s**2 - 1
    return {
        "market0": rng.lognormal(mu, sigma, n),
        "cagr": rng.normal(0.268, 0.05, n),
        "shocks": rng.normal(0.0, 0.04, (n, HORIZON)),
        "share0": rng.beta(m * k, (1 - m) * k, n),
        "share_drift": rng.normal(-0.01, 0.008, n),
        "core0": rng.normal(12.0, 1.0, n),
        "core_growth": rng.normal(0.10, 0.03, n),
        "margin0": rng.normal(0.09, 0.01, n),
        "margin_target": rng.triangular(0.08, 0.15, 0.22, n),
        "other_earnings": rng.normal(18.0, 2.5, n),
        "multiple": rng.triangular(18.0, 23.5, 32.1, n),
        "event": rng.random((n, HORIZON)),
        "shock_haircut": rng.uniform(0.6, 0.85, n),
        "buyback_rate": rng.uniform(0.01, 0.03, n),
    }


def numpy_model(n: int, seed: int) -> dict[str, np.ndarray]:
    """The workload hand-vectorised in numpy (year 5 only), native samplers."""
    d = numpy_draws(n, seed)
    g = d["cagr"][:, None] + d["shocks"]
    market = d["market0"] * np.prod(1.0 + g, axis=1)
    share = np.clip(d["share0"] + d["share_drift"] * HORIZON, 0.05, 0.9)
    core = d["core0"] * (1.0 + d["core_growth"]) ** HORIZON
    margin = d["margin0"] + (d["margin_target"] - d["margin0"]) * (HORIZON / 5)
    earnings = d["other_earnings"] * 1.03**HORIZON + 0.8 * (market * share + core) * margin
    shocked = (d["event"] < 0.08).any(axis=1)
    multiple = np.where(shocked, d["multiple"] * d["shock_haircut"], d["multiple"])
    shares = SHARES0 * (1.0 - d["buyback_rate"]) ** HORIZON
    price = earnings * multiple / shares
    irr = (price / PRICE_NOW) ** (1.0 / HORIZON) - 1.0
    return {"price_2030": price, "irr": irr}


def numpy_plain(n: int, seed: int) -> dict[str, np.ndarray]:
    """The best plain numpy version: year 5 only, each draw consumed as soon as it is made.

    Unlike :func:`numpy_model` it never holds every draw at once: the yearly growth shocks and
    event draws are drawn one year at a time and folded into running products, and arithmetic
    is done in place. This is the baseline the engine is measured against.
    """
    rng = np.random.default_rng(seed)
    z95 = float(special.ndtri(0.95))
    mu = (math.log(6.5) + math.log(8.2)) / 2
    sigma = (math.log(8.2) - math.log(6.5)) / (2 * z95)
    m, s = 0.358, 0.02
    k = m * (1 - m) / s**2 - 1
    cagr = rng.normal(0.268, 0.05, n)
    growth = np.ones(n)
    shocked = np.zeros(n, dtype=bool)
    for _ in range(HORIZON):
        step = rng.normal(0.0, 0.04, n)
        step += cagr
        step += 1.0
        growth *= step
        shocked |= rng.random(n) < 0.08
    market = rng.lognormal(mu, sigma, n)
    market *= growth
    share = rng.beta(m * k, (1 - m) * k, n)
    share += rng.normal(-0.01, 0.008, n) * HORIZON
    np.clip(share, 0.05, 0.9, out=share)
    core = rng.normal(12.0, 1.0, n)
    core *= (1.0 + rng.normal(0.10, 0.03, n)) ** HORIZON
    margin0 = rng.normal(0.09, 0.01, n)
    margin = rng.triangular(0.08, 0.15, 0.22, n)  # the target; the glide reaches it in year 5
    margin -= margin0
    margin *= HORIZON / 5
    margin += margin0
    market *= share
    market += core
    market *= margin
    market *= 0.8
    earnings = rng.normal(18.0, 2.5, n)
    earnings *= 1.03**HORIZON
    earnings += market
    multiple = rng.triangular(18.0, 23.5, 32.1, n)
    haircut = rng.uniform(0.6, 0.85, n)
    np.multiply(multiple, haircut, out=multiple, where=shocked)
    shares = 1.0 - rng.uniform(0.01, 0.03, n)
    shares **= HORIZON
    shares *= SHARES0
    price = earnings
    price *= multiple
    price /= shares
    irr = price / PRICE_NOW
    irr **= 1.0 / HORIZON
    irr -= 1.0
    return {"price_2030": price, "irr": irr}
