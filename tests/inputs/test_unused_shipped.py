"""No shipped thesis draws a false alarm about unused assumptions.

Every thesis the project ships (the theses, examples, templates, the README's example, the
starters of ``thesis init`` and the theses the tests run) is checked against the model builder
itself: nothing the built model reads, nor an event, a scorecard claim, nor what a derived value
or a process among those reads, is ever reported as unused. All of them but the two Alibaba
vintages use every assumption they have; those record the articles' figures and cross-checks
beside the ones the model reads (``shares_implied_feb_2025``, "a check, not used"), which the
warning rightly lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.expressions.usage import unused_assumptions
from model.valuation import build_model

ROOT = Path(__file__).resolve().parents[2]
#: Theses that keep figures of their articles the model does not read (see the module notes).
RECORDS_FIGURES = {"alibaba.yaml", "alibaba-2022.yaml"}
ALL_LEGS = (
    "pe: {weight: 0.2, multiple: pe_exit}\n"
    "      ev_ebitda: {weight: 0.2, multiple: ev_ebitda_exit}\n"
    "      ev_sales: {weight: 0.2, multiple: ev_sales_exit}\n"
    "      dcf: {weight: 0.2, discount_rate: wacc, terminal_growth: long_growth}\n"
    "      parts: {type: sotp, weight: 0.2, parts: {ebit: ev_ebit_exit}}"
)


def shipped() -> list[Path]:
    files = [
        *sorted((ROOT / "assumptions").glob("*.yaml")),
        *sorted((ROOT / "assumptions" / "examples").glob("*.yaml")),
        *sorted((ROOT / "assumptions" / "templates").glob("*.yaml")),
        ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml",
        ROOT / "tests" / "regression" / "data" / "alibaba_issue9" / "alibaba.yaml",
    ]
    return files


def model_reads(thesis: model.Thesis) -> set[str]:
    """What the built model, the events and the scorecard read, and what that reads in turn."""
    reads = set(build_model(thesis).input_names)
    for event in thesis.events.values():
        reads |= {
            r for r in (event.annual_prob, *(e.by for e in event.effects)) if isinstance(r, str)
        }
    for claim in thesis.scorecard.values():
        reads |= set(claim.expression.names)
    pending = list(reads)
    while pending:
        found = thesis.assumptions.get(pending.pop())
        if found is None:
            continue
        more = list(found.expression.names) if found.expression is not None else []
        more += list(found.process.names()) if found.process is not None else []
        pending += [n for n in more if n not in reads]
        reads |= set(more)
    return reads


def check(path: Path, expect_none: bool) -> None:
    thesis = model.load_thesis(path)
    unused = unused_assumptions(thesis)
    assert not set(unused) & model_reads(thesis), path
    if expect_none:
        assert unused == [], path


@pytest.mark.parametrize("path", shipped(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_thesis(path: Path) -> None:
    check(path, expect_none=path.name not in RECORDS_FIGURES)


def test_the_alibaba_thesis_lists_only_figures_the_model_does_not_read() -> None:
    unused = unused_assumptions(model.load_thesis(ROOT / "assumptions" / "alibaba.yaml"))
    # The tolerance of the legs' consistency is read by its name, not by an expression.
    assert "leg_tolerance" not in unused
    assert "shares_implied_feb_2025" in unused


def test_the_readme_example(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    check(path, expect_none=True)


def test_the_leg_combinations_thesis(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "valuation" / "data" / "multi_legs.yaml").read_text(encoding="utf-8")
    path = tmp_path / "legs.yaml"
    path.write_text(text.replace("LEGS", ALL_LEGS), encoding="utf-8")
    check(path, expect_none=True)


@pytest.mark.parametrize("template", ["growth", "event", "segments"])
def test_the_starters(template: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "Acme Robotics", "--template", template, "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    check(tmp_path / "acme-robotics.yaml", expect_none=True)
