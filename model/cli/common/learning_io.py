"""What ``thesis update``, ``attribute``, ``watch`` and ``backtest`` share: their PATH and run
options, the thesis read as every command reads one, the ``--out`` folder (tables, chart and
manifest) and ``--json`` document they write, and their tables as printed.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from model.cli.commands import EXIT_OK
from model.cli.inputs import add_input_options, out_folder
from model.cli.parsers import PATH_HELP, _paths, _positive_int, add_seed


def _run_options(
    p: argparse.ArgumentParser, paths: int, least: tuple[int, str] | None = None
) -> None:
    """PATH and the run options; ``least``: the fewest paths the command can use, and why."""
    p.add_argument("path", metavar="PATH", help=PATH_HELP)
    p.add_argument(
        "--paths",
        type=_positive_int if least is None else _paths(*least),
        default=paths,
        metavar="N",
        help=f"paths (default {paths:,}"
        + ("" if least is None else f"; at least {least[0]}")
        + ")",
    )
    add_seed(p)
    p.add_argument(
        "--out",
        type=out_folder,
        metavar="FOLDER",
        help="also write the tables (CSV), the chart (PNG) and manifest.json here",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace FOLDER if it holds an earlier output (atomically; a folder holding "
        "files thesis did not write is refused)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document on stdout: the run's settings and seed, then the tables "
        "(as --out writes them)",
    )
    add_input_options(p)


def _load(path: Any, args: argparse.Namespace) -> Any:
    """A thesis read as every command reads one: ``-`` from standard input, with the command's
    --allow-read and --repair-correlations, its slips of scale and dates warned about."""
    from model.cli.commands import load

    return load(path, note=not args.json, args=args)


def _write(
    args: argparse.Namespace,
    thesis: Any,
    tables: dict[str, Any],
    figure: Any,
    chart: str,
    read: Any = None,
    n_paths: int | None = None,
) -> Path | None:
    """Write ``--out``: the tables, the chart and the manifest, replacing an earlier output
    only with ``--force`` (see :func:`model._folders.export_folder`); return the folder.

    ``read`` holds what the command read besides the thesis: ``facts``, (path, role) pairs of
    files given on the command line, and ``theses``, (thesis, role) pairs of other theses it
    loaded, so the manifest lists every file behind the tables (see
    :func:`model.results.manifest.command_input_files`). ``n_paths``: the paths behind the
    tables, when not ``--paths`` (``update --resimulate`` draws more)."""
    if args.out is None:
        return None
    from model._files import atomic_write_text
    from model._folders import export_folder
    from model.charts.style import save_new_png
    from model.results.export import write_manifest
    from model.results.formats.csvtext import csv_text
    from model.results.manifest import command_input_files, thesis_info

    given = read or {}

    def write(root: Path) -> None:
        for name, table in tables.items():
            atomic_write_text(root / f"{name}.csv", csv_text(table, index=True))
        save_new_png(figure, root / f"{chart}.png")
        body = {
            "kind": args.command,
            "thesis": thesis_info(thesis),
            "input_files": command_input_files(
                thesis, facts=given.get("facts", ()), theses=given.get("theses", ())
            ),
            "n_paths": args.paths if n_paths is None else n_paths,
            "seed": args.seed,
            # As in every other manifest: text, since a JSON reader that holds numbers as
            # doubles (jq, JavaScript) rounds a drawn 128-bit seed and cannot repeat the run.
            "seed_entropy": str(args.seed),
            "seed_spawn_key": [],
            "tables": sorted(f"{name}.csv" for name in tables),
            "charts": [f"{chart}.png"],
        }
        write_manifest(root, body)

    folder = export_folder(args.out, write, overwrite=args.force, how_to_replace="use --force")
    # With --json, stdout holds the JSON document alone: the note goes with the others.
    print(f"wrote {folder}", file=sys.stderr if args.json else sys.stdout)
    return Path(folder)


def _finish(
    args: argparse.Namespace,
    thesis: Any,
    settings: Any,
    tables: dict[str, Any],
    figure: Any,
    chart: str,
    *,
    read: Any = None,
    **facts: Any,
) -> int:
    """Write ``--out``; with ``--json``, then print the document: the thesis, the run's
    settings and seed, the command's ``facts`` and its tables (see
    :func:`model.cli.json_out.learning_json`)."""
    if not args.json:  # in the JSON, settings hold it
        print(f"seed {args.seed} (repeat with --seed {args.seed})")
    # The settings' paths, as the JSON gives them: more than --paths after a resimulation.
    n_paths = settings["n_paths"] if isinstance(settings, Mapping) else settings.n_paths
    written = _write(args, thesis, tables, figure, chart, read, int(n_paths))
    if args.json:
        from model.cli.json_out import dump, learning_json

        kind = str(args.command)
        dump(learning_json(kind, thesis, settings, tables, written, **facts), sys.stdout)
    return EXIT_OK


#: Below this a printed figure is rounding noise (a weighted mean of equal values): zero.
_NOISE = 1e-12


def _print(table: Any) -> None:
    print(_shown(table).to_string())


def _shown(table: Any) -> Any:
    """The table as printed: fractions (unit ``%`` or ``share``) as percentages, as every other
    printed table shows them, other figures to four significant digits, noise as zero."""
    from model.inputs.units import format_value

    units = table["unit"] if "unit" in table.columns else None
    out = table.astype(object)
    for column in table.columns:
        if column == "year" and table[column].dtype == "Int64":  # NA: a one-value output
            out[column] = table[column].astype(object).where(table[column].notna(), "")
        if column == "unit" or table[column].dtype.kind != "f":
            continue
        for row, value in enumerate(table[column]):
            value = 0.0 if abs(value) < _NOISE else float(value)
            unit = str(units.iloc[row]).strip() if units is not None else ""
            # A percentile is a share of paths, whatever the quantity's unit.
            percent = (unit in ("%", "share") or column == "percentile") and math.isfinite(value)
            shown = f"{value * 100:.2f}%" if percent else format_value(value)
            if percent and column.startswith("change"):  # a difference of percentages
                shown = f"{value * 100:.2f} pp"
            out.iat[row, table.columns.get_loc(column)] = shown
    return out
