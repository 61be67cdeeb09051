"""``thesis implied``: what the price implies for one assumption (a reverse DCF / goal seek).

Solves the thesis' central case for the value of one assumption at which today's value per share
(or another output) equals the price, prints it with where it sits in the thesis' own
distribution of that assumption, and optionally where the price sits among simulated values and
a chart of both. No root in the assumption's range is bad input (exit 2), with the target's
values at both ends of the range; so is a central path that only jumps over the price (an event's
median timing moving), with the values either side of the jump and the mean basis offered.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from model.cli.commands import EXIT_OK, load
from model.cli.inputs import add_input_options
from model.cli.parsers import PATH_HELP, _paths_or_none, _year, add_seed, fix_seed

__all__ = ["add_implied", "implied_command"]


def add_implied(subparsers: Any) -> None:
    """Register ``thesis implied``."""
    p = subparsers.add_parser(
        "implied",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="the value of an assumption that the price implies",
        description="Solve the central case (every assumption at its central value) for the "
        "value of one assumption at which today's value per share equals the price, and say "
        "where that value sits in the thesis' own distribution of it. With --basis mean, the "
        "mean of today's value over simulated paths must equal the price instead: what a "
        "price pays for a thesis whose central path takes one branch of a binary event; the "
        "other assumptions are drawn given the value searched, so an assumption the thesis "
        "correlates with others carries them with it.",
        epilog="examples:\n"
        "  thesis implied assumptions/alibaba.yaml --solve-for wacc\n"
        "  thesis implied assumptions/alibaba.yaml --solve-for rest_earnings_growth "
        "--scenario bear --paths 20000 --chart implied.png\n"
        "  thesis implied assumptions/templates/binary-event.yaml --solve-for peak_sales "
        "--basis mean --seed 1",
    )
    p.add_argument("path", type=Path, metavar="PATH", help=PATH_HELP)
    p.add_argument("--solve-for", required=True, metavar="NAME", help="the assumption to solve for")
    p.add_argument("--scenario", default=None, metavar="NAME", help="scenario (default: base)")
    p.add_argument(
        "--target", default="value_today", metavar="OUTPUT",
        help="output set equal to the price (default: value_today)",
    )  # fmt: skip
    p.add_argument(
        "--equals", default="price", metavar="X",
        help="'price' (default) or a number in the target's unit",
    )  # fmt: skip
    p.add_argument(
        "--year", type=_year, default=None, help="year of a per-year target (default last)"
    )
    p.add_argument(
        "--bounds", type=float, nargs=2, metavar=("LOW", "HIGH"), default=None,
        help="range to search (default: the assumption's 0.1%%..99.9%% quantiles)",
    )  # fmt: skip
    p.add_argument(
        "--cost-of-equity", default=None, metavar="NAME_OR_RATE",
        help="discount rate of today's value (default: the model's)",
    )  # fmt: skip
    p.add_argument(
        "--paths", type=_paths_or_none, default=0, metavar="N",
        help="also simulate N paths and place the price in the target's distribution (with "
        "--basis mean: the paths of each mean, default 4,000)",
    )  # fmt: skip
    p.add_argument(
        "--basis", choices=("central", "mean"), default="central",
        help="set the central path's target (default) or its mean over paths equal to the price",
    )  # fmt: skip
    add_seed(p, "; with --paths or --basis mean")
    p.add_argument("--chart", type=Path, default=None, metavar="FILE.png", help="save the chart")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --chart file that thesis wrote (never one it did not write)",
    )
    add_input_options(p)
    p.set_defaults(func=implied_command)


def _rate(text: str | None) -> str | float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def implied_command(args: argparse.Namespace) -> int:
    """Run ``thesis implied``; print the answer (and save the chart when asked)."""
    from model.errors import ParameterError
    from model.valuation.finance.implied import implied, percentile_text

    if args.paths < 0:
        raise ParameterError(f"--paths must be >= 0 (got {args.paths})", field="--paths")
    chart = args.chart
    if chart is not None and not chart.absolute().parent.is_dir():
        # As every single-file output: a missing folder is a mistyped path, refused before
        # the work and never created.
        from model._folders import file_in_the_way

        blocker = file_in_the_way(chart.absolute())
        reason = (
            f"{blocker} is a file, not a folder"
            if blocker is not None
            else f"there is no folder {chart.absolute().parent}; make it first"
        )
        raise ParameterError(f"cannot write {chart}: {reason}", field="--chart")
    if chart is not None and chart.suffix.lower() != ".png":
        # The field names the option; the message starts with the file, not the option again.
        raise ParameterError(f"{chart} must end in .png", field="--chart")
    if chart is not None and chart.is_dir():
        raise ParameterError(
            f"{chart} is a folder; name a chart file, e.g. {chart / 'implied.png'}",
            field="--chart",
        )
    if chart is not None and chart.exists():
        from model._folders import is_owned_file

        # Refused before the work, not after it; --force is offered only where it would help.
        if not is_owned_file(chart):
            raise ParameterError(
                f"refusing to overwrite {chart}: thesis did not write it, or it changed since; "
                "move it away or choose another name",
                field="--chart",
            )
        if not args.force:
            raise ParameterError(
                f"{chart} already exists; choose a new file, or add --force to replace it",
                field="--chart",
            )
    equals: str | float = args.equals if args.equals == "price" else _number(args.equals)
    _check_numbers(args, equals)
    # Read as every command reads a thesis: '-' from standard input, with --allow-read and
    # --repair-correlations.
    thesis = load(args.path, args=args)
    if args.paths or args.basis == "mean":  # drawn here, so it can be printed to repeat the run
        fix_seed(args)
    elif args.seed is not None:
        print(
            f"note: --seed {args.seed} does not apply without --paths or --basis mean (the "
            "central case draws nothing); it is ignored",
            file=sys.stderr,
        )
    try:
        result = implied(
            thesis,
            args.solve_for,
            target=args.target,
            equals=equals,
            scenario=args.scenario,
            year=args.year,
            bounds=tuple(args.bounds) if args.bounds else None,
            cost_of_equity=_rate(args.cost_of_equity),
            n_paths=args.paths,
            seed=args.seed,
            basis=args.basis,
        )
    except ParameterError as exc:
        if exc.field != "cost_of_equity" or args.cost_of_equity is not None:
            raise
        # A thesis on multiples alone states no rate for today's value: name this command's
        # options, not the Python argument the message gives.
        raise ParameterError(
            "today's value needs a cost of equity, and the thesis states none: give "
            "--cost-of-equity NAME_OR_RATE, or solve for the year-end value with "
            "--target value_per_share",
            field="--cost-of-equity",
        ) from None
    from model.inputs.units import format_value

    print(result.describe())
    lo, hi = result.bounds
    y_lo, y_hi = result.target_at_bounds
    what = result.target if result.se is None else f"mean {result.target}"
    lines = [
        ("scenario", result.scenario),
        (f"{what} at the central value", format_value(result.target_at_central)),
        ("range searched", f"{result.fmt(lo)} .. {result.fmt(hi)}" + _clipped(args.bounds, lo, hi)),
        (f"{what} at its ends", f"{format_value(y_lo)} .. {format_value(y_hi)}"),
    ]
    others = [result.fmt(r) for r in result.roots if r != result.value]
    if others:
        lines.append(("other values that also fit", ", ".join(others)))
    if result.price_percentile is not None:
        lines.append(
            (
                f"price in the simulated {result.target}",
                f"{percentile_text(result.price_percentile)} ({result.price_percentile:.1%} of "
                "paths below it)",
            )
        )
        lines.append(("seed", f"{args.seed} (repeat with --seed {args.seed})"))
    width = max(len(k) for k, _ in lines)
    for key, value in lines:
        print(f"  {key:<{width}}  {value}")
    if chart is not None:
        from model.charts import save_png
        from model.charts.implied import implied_value

        print(f"chart: {save_png(implied_value(result), chart)}")
    return EXIT_OK


def _check_numbers(args: argparse.Namespace, equals: str | float) -> None:
    """Refuse non-finite or out-of-order numbers under the options' own names (the library
    would name its Python arguments, which the command line does not have)."""
    import math

    from model.errors import ParameterError
    from model.valuation.finance.implied_checks import rate_problem

    if isinstance(equals, float) and not math.isfinite(equals):
        raise ParameterError(
            f"expected 'price' or a finite number (got {args.equals})", field="--equals"
        )
    if args.bounds is not None:
        low, high = args.bounds
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ParameterError(
                f"expected two finite numbers, LOW below HIGH (got {low:g} {high:g})",
                field="--bounds",
            )
    rate = _rate(args.cost_of_equity)
    problem = rate_problem(rate, args.cost_of_equity) if isinstance(rate, float) else None
    if problem is not None:
        # As the thesis format refuses valuation.cost_of_equity: a fraction between 0 and 1.
        raise ParameterError(
            f"expected an assumption's name or {problem}",
            field="--cost-of-equity",
        )


def _number(text: str) -> float:
    from model.errors import ParameterError

    try:
        return float(text)
    except ValueError:
        # The field names the option: the message says only what it expects.
        raise ParameterError(
            f"expected 'price' or a finite number (got {text!r})", field="--equals"
        ) from None


def _clipped(asked: list[float] | None, lo: float, hi: float) -> str:
    """A note when ``--bounds`` reached past the values the assumption can take.

    The search keeps inside the assumption's support; without the note a user who asked for
    5%..30% would read a narrower range with no reason given.
    """
    if not asked or (min(asked) >= lo and max(asked) <= hi):
        return ""
    return " (--bounds kept inside the values the assumption can take)"
