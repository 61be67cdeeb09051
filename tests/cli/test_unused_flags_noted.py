"""``--force`` and ``--no-charts`` shape what ``--out`` (``implied``: ``--chart``) writes;
given without it they do nothing, and a note on stderr says so instead of ignoring them
without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

SAAS = str(
    Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
)
FAST = ["--paths", "300", "--seed", "1"]


@pytest.mark.parametrize(
    ("argv", "flag", "target"),
    [
        (["run", SAAS, *FAST, "--force"], "--force", "--out"),
        (["run", SAAS, *FAST, "--no-charts"], "--no-charts", "--out"),
        (["sensitivity", SAAS, "--no-charts"], "--no-charts", "--out"),
        (["watch", SAAS, *FAST, "--force"], "--force", "--out"),
        (["schema", "--force"], "--force", "--out"),
        (["implied", SAAS, "--solve-for", "market_growth", "--force"], "--force", "--chart"),
    ],
)
def test_a_flag_without_its_target_is_noted(capsys, argv, flag, target) -> None:
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"note: {flag} does not apply without {target}" in err, err


@pytest.mark.parametrize(
    "argv",
    [
        ["run", SAAS, *FAST, "--force", "--no-charts", "--out", "{tmp}/run"],
        ["schema", "--force", "--out", "{tmp}/schema.json"],
        ["implied", SAAS, "--solve-for", "market_growth", "--force", "--chart", "{tmp}/i.png"],
    ],
)
def test_no_note_when_something_is_written(capsys, tmp_path, argv) -> None:
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 0
    assert "does not apply" not in capsys.readouterr().err
