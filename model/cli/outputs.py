"""``thesis outputs PATH``: every output of a thesis' model with its unit, role and label."""

from __future__ import annotations

import argparse

from model.cli.commands import EXIT_OK, load, write_csv
from model.cli.inputs import add_input_options
from model.cli.parsers import PATH_HELP


def add_outputs(sub: argparse._SubParsersAction) -> None:
    """Register the ``outputs`` subcommand."""
    p = sub.add_parser(
        "outputs",
        help="list every output of the model with its unit and role",
        description="Build the thesis' model (checking the model section) and list every "
        "output it produces: name, unit, role (what charts, reports and valuation legs read "
        "it as), group (segment or valuation leg) and label. These are the names a scorecard "
        "statement, 'thesis sensitivity --output' and result.paths() accept.",
    )
    p.add_argument("path", help=PATH_HELP)
    p.add_argument("--scenario", metavar="NAME", help="scenario to build (default: base)")
    p.add_argument(
        "--csv",
        metavar="FILE",
        help="also write the table to FILE as CSV ('-': only the CSV, to stdout); an existing "
        "FILE is replaced only if thesis wrote it and it was not changed since",
    )
    add_input_options(p)
    p.set_defaults(func=_outputs)


def _outputs(args: argparse.Namespace) -> int:
    import pandas as pd

    from model.inputs.units import plural
    from model.results.formats.csvtext import csv_text
    from model.valuation import build_model

    # Read as every command reads a thesis: '-' from standard input, with --allow-read and
    # --repair-correlations; with '--csv -' stdout holds the CSV alone, so no note.
    thesis = load(args.path, args.scenario, note=args.csv != "-", args=args)
    built = build_model(thesis)
    table = pd.DataFrame(built.roles.table())
    if args.csv and write_csv(args.csv, csv_text(table), args.path):
        return EXIT_OK
    print(f"{thesis.name}: {plural(len(table), 'output')}")
    shown = table.assign(years=table["per_year"].map({True: "per year", False: "one value"}))
    columns = ["output", "unit", "role", "group", "years", "label"]
    print(shown[columns].to_string(index=False))
    if args.csv:
        print(f"wrote {args.csv}")
    return EXIT_OK
