"""``thesis init``: each starter validates, runs and reports as written; nothing is replaced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.authoring import STARTERS, init_thesis, slug, starter_text
from model.cli.main import main
from model.errors import ExportError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("template", list(STARTERS))
def test_init_validate_run_report(template: str, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "theses"
    assert main(["init", "Acme Robotics", "--out", str(folder), "--template", template]) == 0
    path = folder / "acme-robotics.yaml"
    assert f"wrote {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A starter thesis")  # commented for the analyst
    thesis = model.load_thesis(path)
    assert thesis.name == "Acme Robotics" and thesis.company == "Acme Robotics"
    assert main(["validate", str(path), "--all-scenarios"]) == 0
    assert "OK: Acme Robotics" in capsys.readouterr().out
    assert main(["run", str(path), "--paths", "500", "--seed", "2", "--no-progress"]) == 0
    assert "Value per share" in capsys.readouterr().out
    out = tmp_path / "report"
    code = main(
        [
            "report",
            str(path),
            "--paths",
            "300",
            "--seed",
            "2",
            "--out",
            str(out),
            "--no-progress",
            "--no-charts",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert (out / "manifest.json").is_file() and (out / "scenarios.csv").is_file()


def test_segments_starter_quotes_the_placeholder_it_writes(tmp_path: Path) -> None:
    path = init_thesis("Two Parts", tmp_path, "segments")
    seed = tmp_path / "two-parts-seeds" / "placeholder-source.txt"
    assert seed.is_file()
    ledger = model.load_thesis(path).ledger()
    row = ledger[ledger["name"] == "services_market_2025"].iloc[0]
    assert row["document"] == "placeholder-source.txt"


@pytest.mark.parametrize(
    ("template", "example"), [("growth", "growth-company"), ("event", "binary-event")]
)
def test_starters_are_the_templates_in_assumptions(template: str, example: str) -> None:
    shipped = (ROOT / "assumptions" / "templates" / f"{example}.yaml").read_text(encoding="utf-8")
    assert starter_text(template) == shipped


def test_init_never_replaces_a_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "acme.yaml"
    target.write_text("mine\n")
    assert main(["init", "Acme", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert target.read_text() == "mine\n"
    # A seed document in the way: nothing at all is written.
    (tmp_path / "beta-seeds").mkdir()
    (tmp_path / "beta-seeds" / "placeholder-source.txt").write_text("theirs\n")
    with pytest.raises(ExportError, match="already exists"):
        init_thesis("Beta", tmp_path, "segments")
    assert not (tmp_path / "beta.yaml").exists()
    assert (tmp_path / "beta-seeds" / "placeholder-source.txt").read_text() == "theirs\n"


def test_names_and_bad_arguments(tmp_path: Path, capsys) -> None:
    assert slug("Acme Robotics AG!") == "acme-robotics-ag"
    assert slug("   ") == "thesis"
    path = init_thesis('He said "go"', tmp_path)
    assert model.load_thesis(path).name == 'He said "go"'
    with pytest.raises(SystemExit) as exit_:
        main(["init", "X", "--out", str(tmp_path), "--template", "nope"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    with pytest.raises(ExportError, match="one line"):
        init_thesis("a\nb", tmp_path)


#: How a starter's summary and first line name each valuation leg it uses.
LEG_WORDS = {"ev_sales": "EV/sales", "pe": "P/E", "dcf": "DCF", "sotp": "sum of the parts"}


@pytest.mark.parametrize("template", sorted(STARTERS))
def test_starter_descriptions_name_the_legs_they_value_by(template: str) -> None:
    # The growth starter said "valued on earnings" while its one leg is EV/sales.
    text = starter_text(template)
    legs = text.split("\n    legs:\n", 1)[1]
    used = [leg for leg in LEG_WORDS if re.search(rf"^      {leg}:", legs, re.MULTILINE)]
    assert used
    first_line = text.splitlines()[0]
    for leg in used:
        assert LEG_WORDS[leg] in STARTERS[template].summary, (template, leg)
        assert LEG_WORDS[leg] in first_line, (template, leg)
