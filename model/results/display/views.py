"""What the result types show in a notebook (``_repr_html_``) and in a terminal (``__repr__``).

Each function takes one result and returns text; the classes call them, so the classes stay
small and the presentation lives in one place. The HTML is built with
:mod:`model.results.display`: headline tables with units and standard errors (numbers rounded
to what their error supports) and, for a simulation, a small inline histogram of value per
share with the price marked. Nothing here computes more than the result's own tables do, and
nothing changes the result.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import EmptySampleError, SettingsError
from model.inputs.units import plural
from model.results.analysis import (
    UNANNUALISED,
    UPSIDE_WITHOUT_DIVIDENDS,
    VALUE,
    dated_basis,
    fiscal_year_text,
    has_returns,
    is_unannualised,
    returns_start_year,
    today_basis,
    upside_leaves_out_dividends,
    value_output,
    year_end_of,
)
from model.results.display import (
    FRACTION_UNITS,
    HIST_TAIL,
    fmt_number,
    fmt_percent,
    fmt_probability,
    fmt_same,
    html_block,
    html_details,
    html_line,
    html_table,
    in_unit,
    pct_with_se,
    prob_text,
    svg_histogram,
    with_se,
    with_se_unit,
)
from model.results.values import bound_text, pct
from model.valuation.returns import reward_to_risk_text

if TYPE_CHECKING:
    from model.inputs.assembly.evidence import Observation
    from model.results.comparison import ClassicView, ComparisonResult, Difference
    from model.results.condition import ConditionedResult
    from model.results.results import SimulationResult
    from model.results.values import Probability

#: Width of the sparkline histograms in the comparison table.
SPARK_WIDTH = 140
#: The expected return's column: the mean total return annualised, not the paths' annual
#: returns averaged.
MEAN_RETURN = "return/yr mean (the mean total return annualised)"


def _seed_text(entropy: Any, key: tuple[int, ...]) -> str:
    if isinstance(entropy, int) and not key:
        return f"seed {entropy}"
    return f"seed entropy {entropy}, spawn key {tuple(key)}" if key else f"seed {entropy}"


def run_line(result: SimulationResult) -> str:
    """``"20,000 paths · mc · seed 2025 · 2025-2030 · price 129.5 HKD"`` (``FY2026-FY2030``
    for years ending in March)."""
    end = year_end_of(result)
    first, last = (fiscal_year_text(y, end) for y in (result.years[0], result.years[-1]))
    parts = [plural(result.n_paths, "path"), result.method.value,
             _seed_text(result.seed_entropy, result.seed_spawn_key),
             f"{first}-{last}"]  # fmt: skip
    if math.isfinite(result.price):
        parts.append(f"price {fmt_number(result.price)} {result.currency}".rstrip())
    return " · ".join(parts)


def _flagged(result: SimulationResult) -> str:
    flagged = {k: v for k, v in result.invalid.items() if v}
    if not flagged:
        return ""
    from model.valuation.checking.flag_words import flag_words

    shown = ", ".join(f"{k} on {v:,}" for k, v in flagged.items())
    thesis = getattr(result, "thesis", None)
    said = [f"{k}: {w}." for k in flagged if (w := flag_words(thesis, k))]
    found = f" {' '.join(said)}" if said else ""
    return (
        "Paths flagged by the model's checks in any model year (kept in every figure): "
        f"{shown}.{found}"
    )


# ---------------------------------------------------------------------- one simulation


def _returns_rows(result: SimulationResult) -> list[tuple[str, str]]:
    """The headline measures against the price at the exit year, as (measure, estimate)."""
    view = result.returns()
    row = view.table([result.exit_year]).iloc[0]
    unit = result.units.get(VALUE, result.currency)
    price = fmt_number(result.price)
    p5, p50, p95 = fmt_same([row.value_p5, row.value_p50, row.value_p95])
    # On today's basis the table holds today's value and the return over real dates (as the
    # command line says them), not the year-end value per share.
    value = "value today" if today_basis(result) else "value per share"
    span = (
        _dated_span(result)
        if dated_basis(result)
        else f"{returns_start_year(result)}-{result.exit_year}"
    )
    # Under a year the return is the period's own (not annualised): "annual" would misread.
    what = (
        f"return {span} ({UNANNUALISED})"
        if is_unannualised(row.years_ahead)
        else f"annual return {span}"
    )
    loss, shortfall = (
        ("P(value today < 70% of price)", "expected shortfall (worst 5%, value today vs price)")
        if today_basis(result)
        else ("P(loss worse than 30%)", "expected shortfall (worst 5%, total return)")
    )
    # The year-end value alone, while the returns below count the dividends: said so.
    upside = f"P(value > price {price})"
    if upside_leaves_out_dividends(result):
        upside = f"P(value > price {price}; {UPSIDE_WITHOUT_DIVIDENDS})"
    return [
        (f"{value}, median", f"{p50} {unit}"),
        (f"{value}, 90% range (p5 to p95)", f"{p5} to {p95} {unit}"),
        (f"{value}, mean", with_se_unit(row.value_mean, row.value_mean_se, unit)),
        # Counted at 0 or n of n paths the error is 0, no certainty: the 95% bound instead.
        (upside, prob_text(row.p_upside, row.p_upside_se, row.n)),
        (f"{what}, median", fmt_percent(row.return_p50)),
        (f"{what}, mean (the mean total return, annualised)",
         pct_with_se(row.expected_return, row.expected_return_se)),
        (loss, prob_text(row.p_loss_30, row.p_loss_30_se, row.n)),
        (shortfall, fmt_percent(row.expected_shortfall_5)),
    ]  # fmt: skip


def _dated_span(result: SimulationResult) -> str:
    """``"from 2025-09-30 to 2031-01-31"``: the price's date to the exit year's end."""
    from model.valuation.finance import fiscal_year_end

    thesis = result.thesis
    start = getattr(getattr(thesis, "price_info", None), "date", None) or thesis.as_of
    end = fiscal_year_end(result.exit_year, getattr(thesis, "fiscal_year_end", None) or "12-31")
    return f"from {start.isoformat()} to {end.isoformat()}"


def _outputs_rows(result: SimulationResult, year: int) -> list[tuple[str, ...]]:
    """One row per output in ``year`` (kept or streamed): name, unit, mean ± se, p5, p50, p95."""
    table = result.summary()
    rows: list[tuple[str, ...]] = []
    for (name, y), row in table.iterrows():
        if y != year:
            continue
        unit = str(row["unit"])
        rows.append((str(name), unit, with_se_unit(row["mean"], row["mean_se"], unit),
                     in_unit(row["p5"], unit), in_unit(row["p50"], unit),
                     in_unit(row["p95"], unit)))  # fmt: skip
    return rows


def outputs_table(result: SimulationResult, year: int | None = None) -> str:
    """Every output in one year: unit, mean ± se, p5, p50, p95 (fractions as percentages)."""
    rows = _outputs_rows(result, result.exit_year if year is None else year)
    return html_table(["output", "unit", "mean ± se", "p5", "p50", "p95"], rows)


def scorecard_table(card: Any, n_paths: int | None = None) -> str:
    """A scorecard (``SimulationResult.scorecard()``) as claim, label, probability ± se; a
    claim counted at 0 or 1 of the ``n_paths`` shows its 95% bound instead."""
    rows = []
    for row in card.itertuples():
        n = None if n_paths is None else n_paths - row.n_undefined
        p = prob_text(row.probability, row.probability_se, n)
        if row.n_undefined:
            p += f" ({row.n_undefined:,} undefined)"
        rows.append((row.claim, row.label, p))
    return html_table(["claim", "label", "probability ± se"], rows, align=["left", "left", "right"])


def _scorecard(result: Any, parts: list[str]) -> Any:
    """The scorecard of a result or comparison, or None with a line in ``parts`` saying why:
    a run with ``keep=`` may have streamed an output its claims read."""
    try:
        return result.scorecard()
    except SettingsError as exc:  # a view never raises: it says what is missing
        parts.append(html_line(f"No scorecard: {exc}."))
        return None


def simulation_html(result: SimulationResult) -> str:
    """A simulation: run line, headline against the price, histogram, scorecard, outputs."""
    name = getattr(result.thesis, "name", "")
    title = f"{name}: {result.scenario}" if name else f"scenario {result.scenario}"
    if result.scenario_label and result.scenario_label != result.scenario:
        title += f" ({result.scenario_label})"
    parts = [html_line(run_line(result))]
    year = result.exit_year
    # FY2030 for a year ending in March, as the report names it: a bare 2030 reads as December.
    named = fiscal_year_text(year, year_end_of(result))
    if has_returns(result):
        try:
            rows = _returns_rows(result)
        # A view never raises: it says what is missing (a path short, an output streamed).
        except (EmptySampleError, SettingsError) as exc:
            parts.append(html_line(f"No headline against the price: {exc}."))
        else:
            # Today's value is of holding to the exit year, not a value in it.
            head = f"held to {named}" if today_basis(result) else f"in {named}"
            parts.append(html_table([head, "estimate"], rows, align=["left", "right"]))
    # The value the headline measures against the price (today's, when the run states it).
    valued = [n for n in (value_output(result), VALUE) if n in result.outputs]
    chart_output = valued[0] if valued else (result.names[0] if result.names else "")
    if chart_output:
        unit = str(result.units.get(chart_output, ""))
        marker = result.price if valued and result.price > 0 else None
        svg = svg_histogram(result.final(chart_output), marker=marker,
                            marker_label=f"price {fmt_number(result.price)}" if marker else "",
                            unit=unit)  # fmt: skip
        today = bool(valued) and chart_output != VALUE
        what = f"value today (held to {named})" if today else f"{chart_output} in {named}"
        parts.append(html_line(what + (f" ({unit})" if unit else "")))
        parts.append(f"<div>{svg}</div>")
    card = _scorecard(result, parts)
    if card is not None and len(card):
        parts.append(html_line("Scorecard: the thesis' claims, as probabilities"))
        parts.append(scorecard_table(card, result.n_paths))
    # Counted from the table's rows: a run with keep= lists its streamed outputs there too.
    every = _outputs_rows(result, year)
    table = html_table(["output", "unit", "mean ± se", "p5", "p50", "p95"], every)
    parts.append(html_details(f"All {plural(len(every), 'output')} in {named}", table))
    return html_block(title, *parts, note=_flagged(result))


def simulation_repr(result: SimulationResult) -> str:
    """``SimulationResult(scenario='base', 20,000 paths, 2025..2030, 43 outputs, mc, seed 1)``."""
    return (
        f"SimulationResult(scenario={result.scenario!r}, {plural(result.n_paths, 'path')}, "
        f"{result.years[0]}..{result.years[-1]}, {plural(len(result.outputs), 'output')}, "
        f"method={result.method.value!r}, "
        f"{_seed_text(result.seed_entropy, result.seed_spawn_key)})"
    )


# ---------------------------------------------------------------------- comparisons


def comparison_repr(comparison: ComparisonResult) -> str:
    first = comparison.first
    return (
        f"ComparisonResult({plural(len(comparison), 'scenario')}: "
        f"{', '.join(comparison.scenarios)}; "
        f"{plural(first.n_paths, 'path')} each, method={first.method.value!r}, "
        f"{_seed_text(first.seed_entropy, first.seed_spawn_key)})"
    )


def comparison_html(comparison: ComparisonResult) -> str:
    """Value per share and returns per scenario with sparkline histograms on one axis."""
    from model.results.statements import view_tag

    first = comparison.first
    name = getattr(comparison.thesis, "name", "")
    title = f"{name}: {len(comparison)} scenarios" if name else f"{len(comparison)} scenarios"
    parts = [html_line(run_line(first) + " · common random numbers")]
    year = first.exit_year
    try:
        table = comparison.returns_table() if has_returns(first) else None
    except (EmptySampleError, SettingsError) as exc:  # a view never raises: it says why
        parts.append(html_line(f"No values against the price: {exc}."))
        table = None
    if table is not None:
        # The table's basis (today's value when the run states it): the sparklines draw it too.
        values = [r.final(value_output(r)) for r in comparison.results.values()]
        finite = np.concatenate([v[np.isfinite(v)] for v in values])
        limits: tuple[float, float] | None = None
        if finite.size:
            low, high = np.quantile(finite, [HIST_TAIL, 1.0 - HIST_TAIL])
            limits = (float(low), float(high))
        rows = []
        columns = ["value_p5", "value_p50", "value_p95"]
        quantiles = iter(fmt_same(table[columns].to_numpy().ravel().tolist()))
        for scenario, row in table.iterrows():
            p5, p50, p95 = next(quantiles), next(quantiles), next(quantiles)
            spark = svg_histogram(
                values[list(comparison.results).index(scenario)],
                marker=first.price,
                width=SPARK_WIDTH,
                height=22,
                limits=limits,
                labels=False,
            )
            rows.append(
                (
                    scenario,
                    view_tag(comparison.thesis, str(scenario)),
                    p50,
                    f"{p5} to {p95}",
                    with_se(row.value_mean, row.value_mean_se),
                    prob_text(row.p_upside, row.p_upside_se, row.n),
                    fmt_percent(row.return_p50),
                    pct_with_se(row.expected_return, row.expected_return_se),
                    spark,
                )
            )
        unit = first.units.get(VALUE, first.currency)
        header = ["scenario", "view", "median", "p5 to p95", "mean ± se", _upside_head(first),
                  "return/yr median", MEAN_RETURN, "distribution"]  # fmt: skip
        if not any(row[1] for row in rows):  # no scenario has a view: no empty column
            header.pop(1)
            cells: list[tuple[Any, ...]] = [(row[0], *row[2:]) for row in rows]
        else:
            cells = list(rows)
        named = fiscal_year_text(year, year_end_of(first))
        what = (
            f"Value today (held to {named})"
            if today_basis(first)
            else f"Value per share in {named}"
        )
        parts.append(html_line(f"{what} ({unit}; price {fmt_number(first.price)}, red line)"))
        parts.append(html_table(header, cells, raw=[False] * (len(header) - 1) + [True]))
        if {"bull", "base", "bear"} <= set(comparison.scenarios):
            view = comparison.classic_view()
            parts.append(html_line(classic_view_repr(view).removeprefix("ClassicView(")[:-1]))
    card = _scorecard(comparison, parts)
    if card is not None and len(card):
        rows = [(claim, *(fmt_probability(row[s]) for s in comparison.scenarios))
                for claim, row in card.iterrows()]  # fmt: skip
        parts.append(html_line("Scorecard: probability of each claim per scenario"))
        parts.append(html_table(["claim", *comparison.scenarios], rows))
    notes = [t for r in comparison.results.values() if (t := _flagged(r))]
    return html_block(title, *parts, note=" ".join(notes[:1]))


def difference_repr(d: Difference) -> str:
    # A difference of fractions in percent, as the notebook view writes it.
    frac = d.unit in FRACTION_UNITS
    mean = with_se_unit(d.mean, d.se, d.unit) if frac else f"{with_se(d.mean, d.se)} {d.unit}"
    scale, sign = (100.0, "%") if frac else (1.0, "")
    return (
        f"Difference({d.a} - {d.b}: {d.output} in {fiscal_year_text(d.year, d.year_end)}, "
        f"mean {mean.rstrip()}, "
        f"sd {fmt_number(d.sd * scale)}{sign}, n={d.n or d.values.size:,}; "
        f"se {fmt_number(d.se_unpaired * scale, digits=2)}{sign} if unpaired)"
    )


def difference_html(d: Difference) -> str:
    rows = [
        ("mean difference", with_se_unit(d.mean, d.se, d.unit)),
        ("sd of the paired differences", in_unit(d.sd, d.unit)),
        ("standard error had the runs been independent", in_unit(d.se_unpaired, d.unit)),
        ("paths", f"{d.n or d.values.size:,}"),
    ]
    svg = svg_histogram(d.values, marker=0.0, marker_label="0", unit=d.unit)
    named = fiscal_year_text(d.year, d.year_end)
    title = f"{d.a} - {d.b}: {d.output} in {named}, path by path (same random numbers)"
    return html_block(title, html_table(["", "estimate"], rows), f"<div>{svg}</div>")


def classic_view_repr(view: ClassicView) -> str:
    weights = "/".join(f"{w:.0%}" for w in view.table["weight"])
    ratio = reward_to_risk_text(view.reward_to_risk)
    named = fiscal_year_text(view.year, view.year_end)
    when = f"of today's value (held to {named})" if view.today else f"in {named}"
    return (
        f"ClassicView({'/'.join(view.table['scenario'])} {view.statistic.value}s {when} "
        f"weighted {weights}: {fmt_number(view.expected_value)}, "
        f"{pct(view.expected_return, sign=True)} vs price {fmt_number(view.price)}; "
        f"reward-to-risk {ratio})"
    )


def classic_view_html(view: ClassicView) -> str:
    rows = [(r.scenario, f"{r.weight:.0%}", fmt_number(r.value), pct(r.upside, sign=True))
            for r in view.table.itertuples()]  # fmt: skip
    total = f"{view.table['weight'].sum():.0%}"
    rows.append(("weighted", total, fmt_number(view.expected_value),
                 pct(view.expected_return, sign=True)))  # fmt: skip
    table = html_table(["case", "weight", f"value ({view.statistic.value})", "vs price"], rows)
    ratio = reward_to_risk_text(view.reward_to_risk)
    lines = html_line(
        f"Probability-weighted upside {pct(view.upside)} and downside {pct(view.downside)} of "
        f"the price {fmt_number(view.price)}: reward-to-risk {ratio}."
    )
    named = fiscal_year_text(view.year, view.year_end)
    title = (
        f"Classic view: today's value (held to {named})"
        if view.today
        else f"Classic view in {named}"
    )
    return html_block(title, table, lines, note=view.weights_basis)


# ---------------------------------------------------------------------- probabilities


def probability_repr(p: Probability) -> str:
    undefined = f", n_undefined={p.n_undefined}" if p.n_undefined else ""
    ess = "" if p.ess is None else f", ess={p.ess:.0f}"
    # Counted at 0 or 1 the error is 0, no certainty: the 95% bound says what the paths allow.
    bound = bound_text(p.p, p.n_effective)
    shown = with_se(p.p, p.se) if bound is None else f"{fmt_number(p.p)} ({bound})"
    return f"Probability(p={shown}, n={p.n}{ess}{undefined}, statement={p.statement!r})"


def probability_html(p: Probability) -> str:
    left_out = f"; {plural(p.n_undefined, 'path')} undefined, left out" if p.n_undefined else ""
    size = (
        f"n = {plural(p.n, 'path')}"
        if p.ess is None
        else f"{p.ess:,.0f} effective paths of {p.n:,} (weighted)"
    )
    return html_block(
        f"P({p.statement}) = {prob_text(p.p, p.se, p.n_effective)}",
        html_line(size + left_out),
    )


def returns_html(view: Any) -> str:
    result = view.result
    title = (f"Returns of {result.scenario} against the price {fmt_number(result.price)} "
             f"{result.currency}")  # fmt: skip
    try:
        table = view.table()
    except SettingsError as exc:  # a view never raises: it says what to keep
        return html_block(title, html_line(f"No returns: {exc}."))
    rows = []
    year_end = year_end_of(result)
    for year, row in table.iterrows():
        p5, p50, p95 = fmt_same([row.value_p5, row.value_p50, row.value_p95])
        rows.append((fiscal_year_text(int(year), year_end), p50, f"{p5} to {p95}",
                     prob_text(row.p_upside, row.p_upside_se, row.n), fmt_percent(row.return_p50),
                     pct_with_se(row.expected_return, row.expected_return_se),
                     prob_text(row.p_loss_30, row.p_loss_30_se, row.n)))  # fmt: skip
    # On today's basis the measure compares today's value with the price (after the cost of
    # equity), as the command line names it; a "loss" reads as the total return.
    loss = "P(value today < 70% of price)" if today_basis(result) else "P(loss > 30%)"
    header = ["year", "value p50", "p5 to p95", _upside_head(result), "return/yr median",
              MEAN_RETURN, loss]  # fmt: skip
    return html_block(title, html_table(header, rows))


def _upside_head(result: Any) -> str:
    """The P(upside) column's heading: on the year-end basis it says that the dividends the
    returns beside it count are not counted in it."""
    if upside_leaves_out_dividends(result):
        return "P(> price), dividends not counted"
    return "P(> price)"


# ---------------------------------------------------------------------- evidence


def _observed_unit(result: SimulationResult, obs: Observation) -> str:
    """The unit an observation and its prior and posterior figures are in: the one it is
    stated in, else its quantity's own ("" when the quantity has none to tell)."""
    if str(obs.unit).strip():
        return str(obs.unit).strip()
    from model.errors import ThesisModelError
    from model.inputs.expressions.expr import BOOLEAN, compile_expression
    from model.results.statements import _parse_units

    try:
        compiled = compile_expression(obs.quantity)
        own = compiled.unit(_parse_units(result.units, compiled.names, obs.quantity))
    except ThesisModelError:  # a view never raises: the figures are shown as numbers
        return ""
    return "" if own is BOOLEAN else str(own)


def _observed_text(result: SimulationResult, obs: Observation) -> str:
    """``growth[2026] = 40% ± 3%`` for a fraction (as every view shows one); the observation's
    own wording otherwise (tables keep it, in fractions)."""
    if _observed_unit(result, obs) in FRACTION_UNITS:
        return obs.describe(lambda x: f"{fmt_number(x * 100.0)}%")
    return obs.describe()


def conditioned_repr(cond: ConditionedResult) -> str:
    """``<ConditionedResult 'base': 1 observation (g[2026] = 40% ± 3%), ess 812 of 3,000>``."""
    obs = "; ".join(_observed_text(cond.prior, o) for o in cond.evidence)
    count = plural(len(cond.evidence), "observation")
    return (
        f"<ConditionedResult {cond.prior.scenario!r}: {count} "
        f"({obs}), ess {cond.ess:,.0f} of {cond.n_paths:,}>"
    )


def conditioned_html(cond: ConditionedResult) -> str:
    """The repr line, the low-sample advice if any, and the evidence table with each figure
    in its unit (fractions as percentages; :meth:`evidence_table` keeps fractions)."""
    import html

    from model.inputs.units import format_value

    head = html.escape(conditioned_repr(cond))
    table = cond.evidence_table().astype(object)
    by_name = {o.name: o for o in cond.evidence}
    figures = ["prior_p50", "posterior_p50", "prior_sd", "posterior_sd"]
    for name in table.index:
        obs = by_name.get(name)
        unit = "" if obs is None else _observed_unit(cond.prior, obs)
        frac = unit in FRACTION_UNITS
        if obs is not None:  # (the stated figure to four digits: it is quoted, not estimated)
            table.at[name, "observed"] = _observed_text(cond.prior, obs)
        for column in figures:
            x = float(table.at[name, column])
            table.at[name, column] = fmt_percent(x) if frac else format_value(x)
    note = f"<p><b>{html.escape(cond.advice())}</b></p>" if cond.low_ess else ""
    return f"<div><p>{head}</p>{note}{table.to_html()}</div>"
