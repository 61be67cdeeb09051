"""A leg input that a scenario's override takes out of its bounds is reported at that override
(its ``value:`` line, naming the leg's key it feeds), not at the base's leg key: the override is
what the analyst wrote for that scenario."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

EXAMPLE = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
FEEDS = "(read by model.valuation.legs.sotp.discount)"


def _conglomerate(tmp_path: Path, override: str) -> tuple[Path, int]:
    """The shipped conglomerate with a scenario 'premium' overriding its holding discount; the
    path and the line of the override's value (or distribution)."""
    text = (EXAMPLE / "japan-conglomerate.yaml").read_text(encoding="utf-8")
    old = "  holding_discount:\n    unit: share\n"
    assert text.count(old) == 1 and text.count("\nscenarios:\n") == 1
    text = text.replace(old, '  holding_discount:\n    unit: "%"\n')
    scenario = (
        "  premium:\n"
        '    label: "Premium"\n'
        '    rationale: {estimate: "Activists force a premium to the parts"}\n'
        "    overrides:\n"
        "      holding_discount:\n"
        '        unit: "%"\n'
        f"{override}"
        '        source: {estimate: "A premium to the parts"}\n'
    )
    text = text.replace("\nscenarios:\n", "\nscenarios:\n" + scenario)
    path = tmp_path / "conglomerate.yaml"
    path.write_text(text, encoding="utf-8")
    # The override's value: line, or its key when it gives a distribution.
    start = text[: text.index(scenario)].count("\n") + 1
    mark = "value:" if "value:" in override else "holding_discount:"
    line = start + next(i for i, x in enumerate(scenario.splitlines()) if mark in x)
    return path, line


def test_a_central_path_out_of_bounds_is_said_at_the_override(tmp_path, capsys):
    path, line = _conglomerate(tmp_path, "        value: -0.1\n")
    assert main(["validate", str(path), "--scenario", "premium"]) == 2
    err = capsys.readouterr().err
    (said,) = [x for x in err.splitlines() if x.startswith("error: ")]
    field = "scenarios.premium.overrides.holding_discount.value"
    assert said.startswith(f"error: {path}:{line}: {field}: "), said
    assert FEEDS in said and "on the central path it is -0.1" in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)  # the base case is sound
        with pytest.raises(ThesisError) as caught:
            model.simulate(thesis, scenario="premium", n_paths=200, seed=1)
    assert f"{path}:{line}: {field}:" in str(caught.value)


def test_drawn_paths_out_of_bounds_are_warned_at_the_override(tmp_path, capsys):
    path, line = _conglomerate(tmp_path, "        dist: normal\n        ci90: [-0.05, 0.35]\n")
    assert main(["validate", str(path), "--scenario", "premium"]) == 0
    err = capsys.readouterr().err
    said = [x for x in err.splitlines() if "of drawn paths" in x]
    assert len(said) == 1, err
    assert said[0].startswith(f"warning: {path}:{line}: scenarios.premium.overrides."), said
    assert FEEDS in said[0], said


def test_the_base_case_is_still_said_at_the_leg(tmp_path, capsys):
    # No scenario overrides the discount: the leg's own key is the place.
    path, _ = _conglomerate(tmp_path, "        value: 0.2\n")
    text = path.read_text(encoding="utf-8")
    assert text.count("discount: holding_discount") == 1
    path.write_text(text.replace("discount: holding_discount", "discount: -0.1"), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    (said,) = [x for x in err.splitlines() if x.startswith("error: ")]
    assert ": model.valuation.legs.sotp.discount: " in said and "read by" not in said, said


def _example(tmp_path: Path, readme_example: str, *swaps: tuple[str, str]) -> Path:
    text = readme_example
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ADJ = (
    "  w_pe:\n",
    '  pe_adj:\n    unit: x\n    value: 1.0\n    source: {estimate: "No premium to peers"}\n'
    "  w_pe:\n",
)
BULL = (
    "\nscenarios:\n",
    '\nscenarios:\n  bull:\n    label: "Bull"\n    rationale: {estimate: "A premium rating"}\n'
    "    overrides:\n      pe_adj:\n        unit: x\n        value: 1.1\n"
    '        source: {estimate: "A tenth above peers"}\n',
)


def test_an_override_of_one_part_of_an_expression_leaves_the_place_at_the_leg(
    tmp_path, readme_example, capsys
):
    # pe_exit (a normal reaching below 0) is what breaks the bound, in every scenario; the
    # bull case's pe_adj only scales it.
    path = _example(
        tmp_path,
        readme_example,
        ("    dist: lognormal\n    ci90: [13, 24]\n", "    dist: normal\n    ci90: [2, 24]\n"),
        ADJ,
        ("multiple: pe_exit}", "multiple: pe_exit * pe_adj}"),
        BULL,
    )
    assert main(["validate", str(path), "--scenario", "bull"]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "must stay at or above 0" in x]
    assert len(said) == 1, said
    assert ": model.valuation.legs.pe.multiple: in scenario 'bull': " in said[0], said


@pytest.mark.parametrize(
    ("swap", "words"),
    [
        # A rate of exactly 0, which the assumption's own check (below zero) does not warn.
        (("    value: 0.085\n", "    value: 0.0\n"), "the discount rate 'wacc' must stay above 0"),
        # A number written into the leg, which no assumption's check sees.
        (("multiple: pe_exit}", "multiple: -3}"), "the multiple '-3' must stay at or above 0"),
    ],
    ids=["zero rate", "literal multiple"],
)
def test_a_central_path_out_of_bounds_is_warned_at_the_leg(
    tmp_path, readme_example, capsys, swap, words
):
    extra = [
        (
            '    value: 0.02\n    source: {estimate: "Long-run',
            '    value: -0.01\n    source: {estimate: "Long-run',
        )
    ]
    path = _example(tmp_path, readme_example, swap, *(extra if "0.085" in swap[0] else []))
    main(["validate", str(path)])
    said = [x for x in capsys.readouterr().err.splitlines() if words in x]
    assert len(said) == 1, said
    assert ": model.valuation.legs." in said[0], said
