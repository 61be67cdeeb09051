"""Every command that draws paths has one ``--seed`` default: fresh entropy, printed so the run
can be repeated. The learning commands used a fixed 2025 instead, so two "independent" runs
were the same draw, unlike every other command's; sensitivity and implied drew fresh entropy
without printing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import build_parser, main
from model.cli.parsers import SEED_HELP

ROOT = Path(__file__).resolve().parents[2] / "assumptions"
SAAS = str(ROOT / "examples" / "saas-subscription.yaml")
ALIBABA = str(ROOT / "alibaba.yaml")
EVIDENCE = str(ROOT / "evidence" / "alibaba-2025q3.yaml")
SEED = re.compile(r"seed\s+(\d+) \(repeat with --seed \1\)")

COMMANDS = {
    "watch": ["watch", SAAS, "--paths", "300"],
    "backtest": ["backtest", ALIBABA, "--paths", "300"],
    "attribute": ["attribute", SAAS, "--from", "bear", "--paths", "200"],
    "update": ["update", ALIBABA, "--evidence", EVIDENCE, "--paths", "300", "--min-ess", "10"],
    "sensitivity": ["sensitivity", SAAS, "--method", "rank", "--paths", "300", "--no-progress"],
    "implied": ["implied", SAAS, "--solve-for", "market_growth", "--paths", "300"],
}


def test_every_seed_option_has_the_same_default() -> None:
    seeded = {
        name: action
        for name, command in build_parser().commands.items()
        for action in command._actions
        if "--seed" in action.option_strings
    }
    assert set(COMMANDS) | {"run", "compare", "report"} <= set(seeded)
    for name, action in seeded.items():
        assert action.default is None, name
        assert action.help is not None and action.help.startswith(SEED_HELP), name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_fresh_seed_is_printed_and_repeats_the_run(capsys, name) -> None:
    argv = COMMANDS[name]
    assert main(argv) == 0
    first = capsys.readouterr().out
    found = SEED.findall(first)
    assert len(found) == 1, first
    assert main([*argv, "--seed", found[0]]) == 0
    assert capsys.readouterr().out == first
    assert main(argv) == 0
    assert SEED.findall(capsys.readouterr().out) != found  # fresh: another draw
