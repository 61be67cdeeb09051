"""Every option of every ``thesis`` subcommand is in the README's row for that command.

The command table left out options the commands take (``report --sobol``, ``--n-base``,
``--scenarios`` and ``--no-charts``; ``sensitivity --top``, ``--inputs``, ``--paths``;
``implied --target``, ``--equals``, ``--cost-of-equity``; ``schema --scenarios``; the
``--scenario`` of ``validate``, ``sources`` and ``outputs``; the learning commands' ``--paths``,
``--seed`` and ``--json``), so a reader of the README could not learn they exist. Options that
every command reading a thesis shares are described once, below the table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
#: Described once for every command, in the paragraphs after the table.
SHARED = ("--help", "--allow-read", "--repair-correlations", "--no-progress", "--quiet")
#: Described with the resource checks ("--chunk-size is at least 1000").
ENGINE = ("--chunk-size",)


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return dict(sub.choices)


def _row(name: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(f"| `thesis {name} ")]
    assert len(rows) == 1, f"the README's command table has no single row for {name}"
    return rows[0].split(" | ")[0]  # the command's synopsis


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_option_is_in_the_commands_row(name):
    command = _subcommands()[name]
    options = {o for a in command._actions for o in a.option_strings if o.startswith("--")}
    synopsis = _row(name)
    listed = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", synopsis))
    missing = sorted(options - listed - set(SHARED) - set(ENGINE))
    assert not missing, f"thesis {name}: {missing} missing from its README row"
    unknown = sorted(listed - options)
    assert not unknown, f"thesis {name}: the README row names {unknown}, which it lacks"


def test_the_shared_options_are_described():
    for option in (*SHARED[1:], *ENGINE):
        assert f"`{option}" in README, option
    assert "`-q`/`--quiet`" in README
