"""Plain-text summaries of results for the terminal (used by the ``thesis`` subcommands).

Every function writes to the text stream it is given, so the same text can go to the terminal
or into a file of an export (``summary.txt`` of ``thesis report``). Numbers are rounded for
reading, consistently: values per share with one decimal, probabilities and returns as
percentages with one decimal, standard errors with enough decimals to show their size; the
exports hold every number in full. The sensitivity tables are printed by
:mod:`model.export.text.sensitivity` and re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

import numpy as np

from model.export.text.sensitivity import (  # noqa: F401 (re-exported)
    print_ranks,
    print_sensitivity,
    print_sobol,
    print_tornado,
)
from model.inputs.figures import large_text
from model.inputs.units import plural
from model.results.analysis import (
    UNANNUALISED,
    UPSIDE_WITHOUT_DIVIDENDS,
    dated_basis,
    fiscal_year_text,
    has_returns,
    is_unannualised,
    today_basis,
    upside_leaves_out_dividends,
    year_end_of,
)
from model.results.display import fmt_probability
from model.results.statements import view_tag
from model.results.summary import se_method_note
from model.results.values import bound_text, pct, pct_se, se_pct
from model.valuation.returns import reward_to_risk_text

if TYPE_CHECKING:
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult

__all__ = [
    "money",
    "pct",
    "pct_se",
    "price_text",
    "print_classic_view",
    "print_comparison",
    "print_flagged",
    "print_result",
    "print_scenario_table",
    "print_scorecard",
    "print_tornado",
    "seed_line",
    "view_tag",
    "year_end_text",
]

#: Widest a printed table may grow before the scorecard's scenario columns wrap into blocks.
LINE_WIDTH = 100
#: A share priced at this or more (yen, won, rupiah) is shown in whole units: a decimal on
#: 265,000 JPY is precision no analyst claims, and widens the table's columns.
LARGE_PRICE = 1000.0
#: Shown for a missing value (a scenario without a view tag or a weight).
NONE = "—"
CASES = ("bull", "base", "bear")


def money(x: float, *, price: float | None = None) -> str:
    """A value per share (or price) with grouped thousands: one decimal, or, for a share
    priced below 10 (``price``), enough for three significant digits of the price (``4.20``,
    ``0.0421``): one decimal would print a share at 0.38 as ``0.4`` and its values as ``0.0``;
    for a share priced at 1,000 or more (yen, won), none: ``265,000``, not ``265,000.0``."""
    if not math.isfinite(x):
        return "n/a"
    big = large_text(x)
    if big is not None:
        return big
    decimals = 1
    if price is not None and math.isfinite(price) and 0 < abs(price) < 10:
        decimals = min(8, max(1, 2 - math.floor(math.log10(abs(price)))))
    elif price is not None and math.isfinite(price) and abs(price) >= LARGE_PRICE:
        decimals = 0
    return f"{x:,.{decimals}f}"


def _prob_se(p: float, se: float, n: float | None = None, width: int = 0) -> str:
    """A probability and its error: ``"57.3% ± 1.1%"``, ``">99.9% ± 0.01%"`` (never a
    ``"100.0%"`` that some paths contradict); counted at 0 or 1 of ``n`` paths, its 95% bound
    (``"0.0% (< 0.015%, 95% bound)"``), as a zero error would claim a certainty. The
    probability is right-aligned in ``width`` characters."""
    bound = bound_text(p, n) if math.isfinite(p) else None
    if bound is None:
        return f"{fmt_probability(p):>{width}} ± {se_pct(se)}"
    return f"{pct(p):>{width}} ({bound})"


def seed_line(result: SimulationResult | ComparisonResult) -> str:
    """The seed of a run and how to repeat it."""
    entropy, key = result.seed_entropy, tuple(result.seed_spawn_key)
    if isinstance(entropy, int) and not key:
        return f"seed {entropy} (repeat with --seed {entropy})"
    return f"seed entropy {entropy}, spawn key {key} (repeat with seed=result.seed())"


def price_text(result: SimulationResult) -> str:
    """``price 129.5 HKD on 2025-02-17``: the price returns run from, with its date if given."""
    info = getattr(getattr(result, "thesis", None), "price_info", None)
    date = getattr(info, "date", None)
    when = f" on {date.isoformat()}" if date is not None else ""
    return f"price {_as_written(result.price)} {result.currency}{when}"


def _as_written(price: float) -> str:
    """The price with the decimals it was quoted with (up to four), never fewer than
    :func:`money` gives: a price of 38.85 is not "38.9", the value it is compared with."""
    shown = money(price, price=price)
    if not math.isfinite(price) or large_text(price) is not None:
        return shown
    decimals = len(shown.partition(".")[2])
    while decimals < 4 and round(price, decimals) != price:
        decimals += 1
    return f"{price:,.{decimals}f}"


def _price_date(result: SimulationResult) -> str:
    """The price's date, or the valuation date if the price is undated."""
    thesis = result.thesis
    date = getattr(getattr(thesis, "price_info", None), "date", None) or thesis.as_of
    return date.isoformat()


def year_end_text(result: SimulationResult, year: int, *, fiscal: bool = False) -> str:
    """``2030``; with a fiscal year that does not end on 31 December, its end date
    (``2031-06-30``, or ``FY2031 (2031-06-30)`` with ``fiscal``): a bare year reads as the
    calendar year's end."""
    end = year_end_of(result)
    if fiscal or end == "12-31":
        return fiscal_year_text(year, end, date=True)
    from model.valuation.finance import fiscal_year_end

    return fiscal_year_end(year, end).isoformat()


def _value_heading(result: SimulationResult, year: int | None = None) -> str:
    """What the headline value is: today's value (to the exit year) or the year-end value."""
    year = result.exit_year if year is None else year
    if today_basis(result):
        return (
            f"Value today ({result.thesis.as_of.isoformat()}) of holding to "
            f"{year_end_text(result, year)} "
            f"({result.currency}, at the cost of equity)"
        )
    end = year_end_text(result, year, fiscal=True)
    if end != str(year):  # FY2030 (2030-03-31): the values are at that year's end
        return f"Value per share at the end of {end} ({result.currency})"
    return f"Value per share in {year} ({result.currency})"


def _whole_years(result: SimulationResult) -> str:
    """The span of the returns over whole model years (a run without a thesis): ``2025-2030``, or
    ``FY2026 (2026-03-31) to FY2030 (2030-03-31)`` for a year not ending in December."""
    first, last = result.years[0], result.exit_year
    if year_end_text(result, last) == str(last):
        return f"{first}-{last}"
    start, end = (year_end_text(result, y, fiscal=True) for y in (first, last))
    return f"{start} to {end}"


def scenarios_text(n: int) -> str:
    """``"4 scenarios"``, and ``"1 scenario"`` for a thesis with the base case alone."""
    return f"{n} scenario" if n == 1 else f"{n} scenarios"


def _print_legs(result: SimulationResult, out: TextIO) -> None:
    """The valuation legs' implied exit P/E, and a flag when they disagree beyond tolerance."""
    from model.valuation.legs.consistency import leg_consistency

    check = leg_consistency(result)
    if check is None or "pe" not in check.multiples:
        return
    shown = "   ".join(f"{leg} {x:.1f}x" for leg, x in check.multiples["pe"].dropna().items())
    if not shown:
        # A P/E divides by earnings: none is implied where they are never above zero.
        shown = f"n/a (earnings are not positive in {result.exit_year} on any path)"
    elif (share := check.share_defined.get("pe", 1.0)) < 1.0:
        # The medians leave out the paths with losses: say over how many they are taken.
        shown += f"   (medians over the {fmt_probability(share)} of paths with positive earnings)"
    print(f"Implied exit P/E by leg:  {shown}", file=out)
    for line in check.messages():
        print(f"FLAG: {line}", file=out)


def _print_year_end(result: SimulationResult, out: TextIO) -> None:
    """The undiscounted year-end value per share at the exit year, labelled as such."""
    v = result.final("value_per_share")
    v = v[np.isfinite(v)]
    if v.size:
        p5, p50, p95 = np.quantile(v, [0.05, 0.5, 0.95])
        price = result.price
        print(
            f"Value per share at the end of {year_end_text(result, result.exit_year, fiscal=True)} "
            "(not discounted): "
            f"p5 {money(p5, price=price)}   p50 {money(p50, price=price)}   "
            f"p95 {money(p95, price=price)}",
            file=out,
        )


# ---------------------------------------------------------------------- one result


def _header(result: SimulationResult, out: TextIO) -> None:
    print(getattr(result.thesis, "name", "thesis"), file=out)
    print(f"Scenario: {result.scenario} ({result.scenario_label})", file=out)
    print(f"{plural(result.n_paths, 'path')}, {result.method.value}, {seed_line(result)}", file=out)
    note = se_method_note(result.n_paths, result.method)
    if note is not None:
        print(f"({note})", file=out)


def print_flagged(results: Mapping[str, SimulationResult], out: TextIO) -> None:
    """Paths the model's checks flagged, per scenario (nothing when none was flagged).

    The flagged paths stay in every statistic; the counts say how far to trust them (for
    example ``pe_on_losses``: a P/E multiple applied to a loss).
    """
    from model.valuation.checking.flag_words import flag_words

    lines = []
    # What each check flagged means, once per check (a count alone names no input nor bounds).
    words: dict[str, str] = {}
    for name, result in results.items():
        flagged = {k: v for k, v in result.invalid.items() if v}
        if not flagged:
            continue
        for key in flagged:
            check = key.rpartition(":")[2]
            said = words.get(check) or flag_words(result.thesis, key)
            if said:
                words[check] = said
        if all(":" in k for k in flagged):
            # A blend's counts are its scenarios' ("bear:invalid_dcf"), each over that
            # scenario's full run, not over the share of its paths the blend holds.
            by_scenario: dict[str, list[str]] = {}
            for key, v in flagged.items():
                scenario, _, check = key.partition(":")
                by_scenario.setdefault(scenario, []).append(f"{check} on {v:,}")
            shown = "; ".join(f"{s}: {', '.join(c)}" for s, c in by_scenario.items())
            lines.append(
                f"  {name}: counted in each scenario's own run of "
                f"{plural(result.n_paths, 'path')}: {shown}"
            )
            continue
        shown = ", ".join(f"{k} on {v:,}" for k, v in flagged.items())
        lines.append(f"  {name}: {shown} of {plural(result.n_paths, 'path')}")
    if lines:
        # Each check flags a path once, whichever years broke it (a loss in year 0 alone
        # counts): say so, or a count reads as the share of exit values that broke it.
        print(
            "Paths flagged by the model's checks in any model year (included in the figures):",
            file=out,
        )
        for line in lines:
            print(line, file=out)
        if words:
            print("  what each check found:", file=out)
        for check, said in words.items():
            print(f"    {check}: {said}", file=out)


def print_result(result: SimulationResult, out: TextIO) -> None:
    """The short summary of one result: value per share, returns, flagged paths, scorecard."""
    _header(result, out)
    if has_returns(result):
        row = result.returns().table([result.exit_year], least=1).iloc[0]
        today = today_basis(result)
        print("", file=out)
        print(
            f"{_value_heading(result)}: "
            f"p5 {money(row.value_p5, price=result.price)}   "
            f"p50 {money(row.value_p50, price=result.price)}   "
            f"p95 {money(row.value_p95, price=result.price)}   ({price_text(result)})",
            file=out,
        )
        if today:
            _print_year_end(result, out)
        # Said what it compares: on today's basis a gain below the cost of equity is no
        # upside, which a bare "P(upside)" over a positive median return did not say; on the
        # year-end basis the value alone, while the returns below count the dividends.
        up = "value today > price, at the cost of equity" if today else "value > price"
        up += f"; {UPSIDE_WITHOUT_DIVIDENDS}" if upside_leaves_out_dividends(result) else ""
        upside = _prob_se(row.p_upside, row.p_upside_se, row.n)
        print(f"P(upside):                {upside}  ({up})", file=out)
        mean = pct_se(row.expected_return, row.expected_return_se)
        span = (
            f"from {_price_date(result)} to {year_end_text(result, result.exit_year)}"
            if dated_basis(result)
            else _whole_years(result)
        )
        # Under a year the return is the period's own (not annualised): "annual" would misread.
        short = is_unannualised(row.years_ahead)
        what = f"Return {span} ({UNANNUALISED})" if short else f"Annual return {span}"
        # The mean is the expected total return annualised, not the paths' annual returns
        # averaged (a binary outcome averages a loss a year on an expected gain): said so.
        # Under a year it is the expected total return itself.
        mean_is = "the mean total return" if short else "the mean total return, annualised"
        print(f"{what}: median {pct(row.return_p50)}, mean {mean} ({mean_is})", file=out)
        # On today's basis the loss measures compare today's value with the price (a loss
        # after the cost of equity), not the total return, which the dated return gives.
        loss, basis = ("P(value < 70% of price):", "value today vs the price") if today else (
            "P(loss worse than 30%):", "total return")  # fmt: skip
        print(f"{loss:<26}{_prob_se(row.p_loss_30, row.p_loss_30_se, row.n)}", file=out)
        # Signed: the mean of the worst 5% is a gain on a thesis far above the price, and an
        # unsigned "4.5%" under the word shortfall reads as a loss of 4.5%.
        worst = row.expected_shortfall_5
        shown = pct(worst, sign=True)
        print(f"Expected shortfall (5%):  {shown} {basis}", file=out)
        _print_legs(result, out)
    if any(result.invalid.values()):
        print("", file=out)
        print_flagged({result.scenario: result}, out)
    card = result.scorecard()
    if len(card):
        print("", file=out)
        print("Scorecard (probability ± se)", file=out)
        width = max(len(c) for c in card["claim"])
        for row in card.itertuples():
            n = result.n_paths - row.n_undefined
            shown = _prob_se(row.probability, row.probability_se, n, width=6)
            if row.n_undefined:  # left out of the probability, so say how many
                shown += f"  ({plural(row.n_undefined, 'path')} undefined, left out)"
            print(f"  {row.claim:<{width}}  {shown}", file=out)


# ---------------------------------------------------------------------- several scenarios


def print_scenario_table(
    comparison: ComparisonResult,
    out: TextIO,
    *,
    blend: SimulationResult | None = None,
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
    if not has_returns(first):
        return
    table = comparison.returns_table()
    rows = list(table.iterrows())
    if blend is not None and has_returns(blend):
        rows.append(("blend", blend.returns_table([blend.exit_year]).iloc[0]))
    width = max(len("scenario"), *(len(name) for name, _ in rows))
    tags = {name: view_tag(comparison.thesis, name) or NONE for name, _ in rows}
    tag_width = max(4, *(len(t) for t in tags.values()))
    # A column of dashes says nothing: shown only when some scenario has a view.
    shown = any(t != NONE for t in tags.values())
    view_head = f"  {'view':>{tag_width}}" if shown else ""
    weight_head = f"  {'weight':>6}" if weights else ""
    heading = f"{_value_heading(first)}; {price_text(first)}"
    print(heading, file=out)
    # Every scenario shares the horizon, so the first row's period stands for all.
    short = is_unannualised(float(rows[0][1].years_ahead))
    r = "r" if short else "r/yr"
    print(
        f"  {'scenario':<{width}}{view_head}  {'p5':>8} {'p50':>8} {'p95':>8}  "
        f"{'P(up)':>6}  {r + ' p50':>8}  {r + ' mean':>9}{weight_head}",
        file=out,
    )
    price = first.price
    for name, row in rows:
        weight = ""
        if weights:
            w = 1.0 if name == "blend" else weights.get(name)
            weight = f"  {NONE if w is None else f'{w:.0%}':>6}"
        print(
            f"  {name:<{width}}{f'  {tags[name]:>{tag_width}}' if shown else ''}  "
            f"{money(row.value_p5, price=price):>8} "
            f"{money(row.value_p50, price=price):>8} {money(row.value_p95, price=price):>8}  "
            f"{fmt_probability(row.p_upside):>6}  "
            f"{pct(row.return_p50):>8}  {pct(row.expected_return):>9}{weight}",
            file=out,
        )
    span = (
        f"from {_price_date(first)} to {year_end_text(first, first.exit_year)}"
        if dated_basis(first)
        else _whole_years(first)
    )
    what = f"r: return {span} ({UNANNUALISED})" if short else f"r/yr: annual return {span}"
    mean_is = "the mean total return" if short else "the mean total return annualised"
    print(f"  {what} against the price: p50 the median path's, mean {mean_is}", file=out)
    # Next to a positive median return, a small P(up) reads as a contradiction unless it says
    # that it weighs today's value, discounted at the cost of equity, against the price, or
    # the year-end value alone while r/yr counts the dividends.
    up = (
        "value today is above the price (discounted at the cost of equity: "
        "not the chance of a positive return)"
        if today_basis(first)
        else f"value per share at the end of {year_end_text(first, first.exit_year, fiscal=True)} "
        "is above the price"
        + (f" ({UPSIDE_WITHOUT_DIVIDENDS})" if upside_leaves_out_dividends(first) else "")
    )
    print(f"  P(up): share of paths whose {up}", file=out)


def print_classic_view(comparison: ComparisonResult, out: TextIO) -> None:
    """The classic bull/base/bear view (nothing without those three scenarios)."""
    first = comparison.first
    if not (has_returns(first) and set(CASES) <= set(comparison.scenarios)):
        return
    view = comparison.classic_view()
    weights = "/".join(f"{w:.0%}" for w in view.table["weight"])
    print(f"Classic view: bull/base/bear {view.statistic.value}s weighted {weights}", file=out)
    print(f"  ({view.weights_basis})", file=out)
    print(
        f"  weighted value {money(view.expected_value, price=first.price)} {first.currency}, "
        f"{pct(view.expected_return, sign=True)} vs the {price_text(first)}",
        file=out,
    )
    ratio = reward_to_risk_text(view.reward_to_risk)
    print(
        f"  reward-to-risk {ratio} = (probability-weighted upside) / (probability-weighted "
        "downside) vs the price",
        file=out,
    )


def _column_blocks(names: Sequence[str], first_width: int) -> list[list[str]]:
    """Scenario columns in blocks that fit :data:`LINE_WIDTH` (whole names, never cut)."""
    blocks: list[list[str]] = [[]]
    used = first_width
    for name in names:
        cell = max(len(name), 6) + 2
        if blocks[-1] and used + cell > LINE_WIDTH:
            blocks.append([])
            used = first_width
        blocks[-1].append(name)
        used += cell
    return blocks


def print_scorecard(comparison: ComparisonResult, out: TextIO) -> None:
    """Probability of each scorecard claim (rows) under each scenario (columns).

    Scenario names are printed in full; when the columns would not fit :data:`LINE_WIDTH`, the
    table continues in further blocks of columns, each repeating the claims.
    """
    card = comparison.scorecard()
    if not len(card):
        return
    print("Scorecard (probability per scenario)", file=out)
    width = max(len("claim"), *(len(c) for c in card.index))
    for i, block in enumerate(_column_blocks(comparison.scenarios, width + 2)):
        if i:
            print("", file=out)
        head = "  ".join(f"{s:>{max(len(s), 6)}}" for s in block)
        print(f"  {'claim':<{width}}  {head}", file=out)
        for claim, row in card.iterrows():
            cells = "  ".join(f"{fmt_probability(row[s]):>{max(len(s), 6)}}" for s in block)
            print(f"  {claim:<{width}}  {cells}", file=out)


def print_comparison(comparison: ComparisonResult, out: TextIO) -> None:
    """The short summary of a comparison: one row per scenario, flagged paths, the scorecard."""
    first = comparison.first
    print(getattr(comparison.thesis, "name", "thesis"), file=out)
    print(
        f"{scenarios_text(len(comparison))}, common random numbers: "
        f"{plural(first.n_paths, 'path')} each, {first.method.value}, {seed_line(first)}",
        file=out,
    )
    note = se_method_note(first.n_paths, first.method)
    if note is not None:
        print(f"({note})", file=out)
    if has_returns(first):
        print("", file=out)
        print_scenario_table(comparison, out)
        if set(CASES) <= set(comparison.scenarios):
            print("", file=out)
            print_classic_view(comparison, out)
    if any(any(r.invalid.values()) for r in comparison.results.values()):
        print("", file=out)
        print_flagged(comparison.results, out)
    if len(comparison.scorecard()):
        print("", file=out)
        print_scorecard(comparison, out)
