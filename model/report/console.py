"""Plain-text summaries of results for the terminal (used by the ``thesis`` subcommands).

Every function writes to the text stream it is given, so the same text can go to the terminal
or into a file of an export (``summary.txt`` of ``thesis report``). Numbers are rounded for
reading; the exports hold them in full.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TextIO

from model.report.analysis import VALUE

__all__ = [
    "num",
    "pct",
    "print_classic_view",
    "print_comparison",
    "print_result",
    "print_scenario_table",
    "print_scorecard",
    "print_tornado",
    "view_tag",
]

#: Scenario names longer than this are cut in the columns of the scorecard.
SCENARIO_COLUMN = 10


def pct(x: float) -> str:
    """A fraction as a percentage with one decimal (``"n/a"`` when not finite)."""
    return "n/a" if not math.isfinite(x) else f"{x:.1%}"


def num(x: float) -> str:
    """A number with four significant digits, or grouped thousands when large."""
    return "n/a" if not math.isfinite(x) else f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def _signed(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:+,.4g}"


def view_tag(thesis: Any, scenario: str) -> str:
    """The ``view:`` tag of a scenario (``""`` when it has none)."""
    info = (getattr(thesis, "scenarios", None) or {}).get(scenario)
    return str(getattr(info, "view", None) or "")


def _has_returns(result: Any) -> bool:
    return VALUE in result.outputs and result.price > 0 and len(result.years) > 1


# ---------------------------------------------------------------------- one result


def _header(result: Any, out: TextIO) -> None:
    thesis = result.thesis
    print(
        f"{getattr(thesis, 'name', 'thesis')} - {result.scenario}: {result.scenario_label}",
        file=out,
    )
    print(
        f"{result.n_paths:,} paths, {result.method}, seed {result.seed_entropy} "
        f"(repeat with --seed {result.seed_entropy})",
        file=out,
    )


def print_result(result: Any, out: TextIO) -> None:
    """The short summary of one result: value per share, returns and the scorecard."""
    _header(result, out)
    if invalid := {k: v for k, v in result.invalid.items() if v}:
        shown = ", ".join(f"{k} {v:,}" for k, v in invalid.items())
        print(f"paths flagged by the model's checks: {shown}", file=out)
    if _has_returns(result):
        row = result.returns_table([result.exit_year]).iloc[0]
        print("", file=out)
        print(
            f"Value per share in {result.exit_year} ({result.currency}): p5 {num(row.value_p5)}"
            f"   p50 {num(row.value_p50)}   p95 {num(row.value_p95)}   "
            f"(price today {num(result.price)})",
            file=out,
        )
        print(f"P(upside):                {pct(row.p_upside)} ± {pct(row.se_p_upside)}", file=out)
        print(
            f"Expected return (a year): {pct(row.expected_return)} ± {pct(row.se_expected_return)}",
            file=out,
        )
        print(f"P(loss worse than 30%):   {pct(row.p_loss_30)}", file=out)
        print(f"Expected shortfall (5%):  {pct(row.expected_shortfall_5)} total return", file=out)
    card = result.scorecard()
    if len(card):
        print("", file=out)
        print("Scorecard (probability ± se)", file=out)
        width = max(len(c) for c in card["claim"])
        for row in card.itertuples():
            print(f"  {row.claim:<{width}}  {pct(row.probability):>6} ± {pct(row.se)}", file=out)


# ---------------------------------------------------------------------- several scenarios


def print_scenario_table(
    comparison: Any,
    out: TextIO,
    *,
    blend: Any = None,
    weights: Mapping[str, float] | None = None,
) -> None:
    """Value per share at the exit year, P(upside) and expected return, one row per scenario.

    Parameters
    ----------
    comparison : ComparisonResult
        The scenarios.
    out : text stream
        Where to write.
    blend : SimulationResult, optional
        A probability-weighted blend, printed as a last row.
    weights : Mapping[str, float], optional
        Scenario weights, printed as a column when given.
    """
    first = comparison.first
    if not _has_returns(first):
        return
    table = comparison.returns_table()
    rows = list(table.iterrows())
    if blend is not None and _has_returns(blend):
        rows.append(("blend", blend.returns_table([blend.exit_year]).iloc[0]))
    width = max(len("scenario"), *(len(name) for name, _ in rows))
    tags = {name: view_tag(comparison.thesis, name) for name, _ in rows}
    view_head = f"  {'view':>4}" if any(tags.values()) else ""
    weight_head = f"  {'weight':>6}" if weights else ""
    print(
        f"Value per share in {first.exit_year} ({first.currency}; price today {num(first.price)})",
        file=out,
    )
    print(
        f"  {'scenario':<{width}}{view_head}  {'p5':>8} {'p50':>8} {'p95':>8}  "
        f"{'P(up)':>6}  {'E[r]/yr':>7}{weight_head}",
        file=out,
    )
    for name, row in rows:
        view = f"  {tags[name]:>4}" if view_head else ""
        weight = ""
        if weights:
            w = 1.0 if name == "blend" else weights.get(name)
            weight = f"  {'' if w is None else f'{w:.0%}':>6}"
        print(
            f"  {name:<{width}}{view}  {num(row.value_p5):>8} {num(row.value_p50):>8} "
            f"{num(row.value_p95):>8}  {pct(row.p_upside):>6}  "
            f"{pct(row.expected_return):>7}{weight}",
            file=out,
        )


def print_classic_view(comparison: Any, out: TextIO) -> None:
    """The classic bull/base/bear view in one line (nothing without those three scenarios)."""
    first = comparison.first
    if not (_has_returns(first) and {"bull", "base", "bear"} <= set(comparison.scenarios)):
        return
    view = comparison.classic_view()
    weights = "/".join(f"{w:.0%}" for w in view.table["weight"])
    print(
        f"Classic view (bull/base/bear medians weighted {weights}): "
        f"{num(view.expected_value)} {first.currency} "
        f"({pct(view.expected_return)} vs today), reward-to-risk "
        f"{view.reward_to_risk:.2f}",
        file=out,
    )


def print_scorecard(comparison: Any, out: TextIO) -> None:
    """Probability of each scorecard claim, one column per scenario."""
    card = comparison.scorecard()
    if not len(card):
        return
    print("Scorecard (probability per scenario)", file=out)
    width = max(len("claim"), *(len(c) for c in card.index))
    cells = SCENARIO_COLUMN
    head = "  ".join(f"{s[:cells]:>{cells}}" for s in comparison.scenarios)
    print(f"  {'claim':<{width}}  {head}", file=out)
    for claim, row in card.iterrows():
        values = "  ".join(f"{pct(row[s]):>{cells}}" for s in comparison.scenarios)
        print(f"  {claim:<{width}}  {values}", file=out)


def print_tornado(tornado: Any, out: TextIO, *, unit: str = "", top: int = 5) -> None:
    """The inputs with the largest one-at-a-time swing of the output, largest first.

    Parameters
    ----------
    tornado : TornadoResult
        From :func:`model.report.sensitivity.tornado`.
    out : text stream
        Where to write.
    unit : str
        Unit of the output, for the heading.
    top : int
        Number of inputs printed.
    """
    frame = tornado.to_frame().head(top)
    if not len(frame):
        return
    lo, hi = tornado.low_quantile, tornado.high_quantile
    unit_text = f" ({unit})" if unit else ""
    print(
        f"Top {len(frame)} drivers of {tornado.output} in {tornado.year}{unit_text}: output with "
        f"the input at its {lo:.0%} -> {hi:.0%} quantile, the others central "
        f"(base case {num(tornado.base)})",
        file=out,
    )
    width = max(len(name) for name in frame["input"])
    for rank, row in enumerate(frame.itertuples(index=False), start=1):
        print(
            f"  {rank}. {row.input:<{width}}  {num(row.output_at_low):>8} -> "
            f"{num(row.output_at_high):>8}   swing {_signed(row.swing)}",
            file=out,
        )


def print_comparison(comparison: Any, out: TextIO) -> None:
    """The short summary of a comparison: one row per scenario, then the scorecard."""
    first = comparison.first
    print(
        f"{getattr(comparison.thesis, 'name', 'thesis')} - {len(comparison)} scenarios, "
        "common random numbers",
        file=out,
    )
    print(
        f"{first.n_paths:,} paths each, {first.method}, seed {first.seed_entropy} "
        f"(repeat with --seed {first.seed_entropy})",
        file=out,
    )
    if _has_returns(first):
        print("", file=out)
        print_scenario_table(comparison, out)
        if {"bull", "base", "bear"} <= set(comparison.scenarios):
            print("", file=out)
            print_classic_view(comparison, out)
    if len(comparison.scorecard()):
        print("", file=out)
        print_scorecard(comparison, out)
