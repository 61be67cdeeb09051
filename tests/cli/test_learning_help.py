"""The help of update, attribute, watch and backtest says what --json prints (a document with
the run's settings and seed, not a bare table), and gives every option a meaning and default."""

from __future__ import annotations

import pytest

from model.cli.main import main


def _help(capsys: pytest.CaptureFixture[str], command: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", ["update", "attribute", "watch", "backtest"])
def test_json_help_names_the_settings_and_the_tables(capsys, command):
    text = _help(capsys, command)
    assert "print the table as JSON" not in text
    assert "--json print one JSON document on stdout: the run's settings and seed" in text


def test_update_and_attribute_options_say_their_defaults(capsys):
    text = _help(capsys, "update")
    assert "--min-ess MIN_ESS effective paths wanted, at least 1 (default 1,000)" in text
    text = _help(capsys, "attribute")
    assert "--to SCENARIO the newer vintage: a scenario of PATH (default base)" in text
