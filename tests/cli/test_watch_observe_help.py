"""``thesis watch --observe``'s help says which year it observes by default in the README's own
terms (year 0 is the horizon's first year): the year after it, not "year 2"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def test_the_default_year_is_described_as_the_one_observed(capsys):
    from model.inputs.assembly.thesis import load_thesis

    years = load_thesis(THESIS).years
    assert main(["watch", THESIS, "--paths", "2000", "--seed", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["watch"]
    observed = {int(str(r["quantity"]).rsplit("[", 1)[1].rstrip("]")) for r in rows}
    assert observed == {years[1]}  # year 1 when year 0 is the first
    with pytest.raises(SystemExit):
        main(["watch", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "default year 2" not in text
    assert "year 1" in text
