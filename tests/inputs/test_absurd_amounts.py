"""A money amount absurd for the thesis' own scale is warned about at its line.

A market of ``1e23 USD bn`` passed ``validate`` without a word unless the model overflowed;
an amount beyond 1e20 units of its currency, or a million times the largest other amount of
the same currency the thesis states, now gets a warning at its ``value`` line. No shipped
thesis, example, template, README example or starter is warned about.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.assembly.thesis import load_thesis
from model.inputs.plausibility import absurd_amounts

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"
MARKET = "  market_2026:\n    unit: USD bn\n    value: 16\n"
SHIPPED = sorted(
    [
        *(ROOT / "assumptions").glob("*.yaml"),
        *(ROOT / "assumptions" / "examples").glob("*.yaml"),
        *(ROOT / "assumptions" / "templates").glob("*.yaml"),
    ]
)


def _market(tmp_path: Path, number: str) -> tuple[Path, int]:
    text = SAAS.read_text(encoding="utf-8")
    assert MARKET in text
    line = text[: text.index(MARKET)].count("\n") + 3
    path = tmp_path / "thesis.yaml"
    path.write_text(text.replace(MARKET, MARKET.replace("16", number)), encoding="utf-8")
    return path, line


def test_an_amount_past_any_company_is_warned_at_its_line(tmp_path, capsys):
    path, line = _market(tmp_path, "1e23")
    assert main(["validate", str(path)]) == 0  # the model stays finite: a warning, not an error
    err = capsys.readouterr().err
    assert f"{path}:{line}: assumptions.market_2026.value: the central value 1e+23 USD bn" in err
    assert "more than 1e+20 USD" in err


def test_an_amount_a_million_times_the_others_is_warned(tmp_path, capsys):
    path, line = _market(tmp_path, "1e11")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:{line}: assumptions.market_2026.value: " in err
    assert "times the largest other USD amount of the thesis (net_cash_2026 = 1,100 USD m)" in err


@pytest.mark.parametrize("number", ["16", "160", "16000"])
def test_sensible_amounts_are_not_warned(tmp_path, number):
    path, _ = _market(tmp_path, number)
    assert absurd_amounts(load_thesis(path)) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_no_shipped_thesis_is_warned(path):
    thesis = load_thesis(path)
    for name in thesis.scenarios:
        assert absurd_amounts(thesis.with_scenario(name)) == [], name


def test_the_readme_example_and_the_starters_are_not_warned(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    readme = tmp_path / "example.yaml"
    readme.write_text(found.group(1), encoding="utf-8")
    paths = [readme]
    for template in ("growth", "event", "segments"):
        out = tmp_path / template
        assert main(["init", f"Acme {template}", "--out", str(out), "--template", template]) == 0
        paths += sorted(out.glob("*.yaml"))
    assert len(paths) == 4
    for path in paths:
        assert absurd_amounts(load_thesis(path)) == [], path
