"""An event's literal effect that looks mistyped is warned about at its ``by:`` line, as an
assumption's whole percentage is: points added to a fraction written as a whole percentage
(``by: -5`` to a margin, meaning 5 points; ``by: -1.5`` taking a growth rate below -100 %) and
a multiplier below zero, which flips the
target's sign (``by: -0.2`` for a 20 % fall). A plausible effect is left alone."""

from __future__ import annotations

import pytest

from model.cli.main import main

EVENT = """
events:
  shock:
    annual_prob: 0.1
    effects:
      - {{target: {target}, op: {op}, by: {by}}}
    source: {{estimate: "A test of the size of an event's effect"}}
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in the thesis' folder, so messages name it as ``acme.yaml``."""
    monkeypatch.chdir(tmp_path)


def _validate(tmp_path, capsys, target: str, op: str, by: str) -> tuple[int, str, int]:
    """Validate the growth starter with one event; (exit code, stderr, line of its ``by``)."""
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    event = EVENT.format(target=target, op=op, by=by)
    text = text.replace("\nweights:", event + "\nweights:")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"      - {{target: {target}, op: {op}, by: {by}}}") + 1
    capsys.readouterr()
    code = main(["validate", str(path), "-q"])
    return code, capsys.readouterr().err, line


@pytest.mark.parametrize(
    ("target", "by", "said"),
    [
        ("margin_target", "-5", "adds -500 percentage points, implausible for a bounded quantity"),
        ("growth_late", "-20", "adds -2,000 percentage points, implausible for any quantity"),
        # Within the level's own limit, but growth of 10.5% cut by 150 points is below -100%.
        ("growth_late", "-1.5", "takes it from 10% to -140% on the central path, below -100%"),
    ],
)
def test_whole_percentage_points_added_to_a_fraction(tmp_path, capsys, target, by, said):
    code, err, line = _validate(tmp_path, capsys, target, "add", by)
    assert code == 0
    (warning,) = [w for w in err.splitlines() if "events.shock" in w]
    assert warning.startswith(f"warning: acme.yaml:{line}: events.shock.effects[0].by: ")
    assert said in warning and warning.endswith(f"did you mean {float(by) / 100:g}?")


def test_a_negative_multiplier_flips_the_sign(tmp_path, capsys):
    code, err, line = _validate(tmp_path, capsys, "ev_sales_exit", "multiply", "-0.2")
    assert code == 0
    assert (
        f"warning: acme.yaml:{line}: events.shock.effects[0].by: multiplying 'ev_sales_exit' by "
        "-0.2 flips its sign; a fall of 20% is by: 0.8\n"
    ) in err


@pytest.mark.parametrize(
    ("target", "op", "by"),
    [
        ("margin_target", "add", "-0.05"),
        ("growth_late", "add", "2"),
        ("growth_late", "add", "-0.9"),  # 10.5% to -79.5%: a collapse, but something is left
        ("ev_sales_exit", "multiply", "0.8"),
    ],
)
def test_plausible_effects_are_left_alone(tmp_path, capsys, target, op, by):
    code, err, _ = _validate(tmp_path, capsys, target, op, by)
    assert code == 0 and "events.shock" not in err


@pytest.mark.parametrize(
    ("target", "by", "said"),
    [("margin_target", "50", "takes it from 24% to 1,200% on the central path, implausible for a "
      "bounded quantity; a cut to 50% is by: 0.5"),
     ("growth_late", "80", "implausible for any quantity; a cut to 80% is by: 0.8"),
     ("margin_target", "250", "takes it from 24% to 6,000% on the central path, implausible for "
      "a bounded quantity")],
)  # fmt: skip
def test_a_fraction_multiplied_past_its_kind_is_warned(tmp_path, capsys, target, by, said):
    # A cut to half written as 50: the margin would be 12 times 100%.
    code, err, line = _validate(tmp_path, capsys, target, "multiply", by)
    assert code == 0
    (warning,) = [w for w in err.splitlines() if "events.shock" in w]
    assert warning.startswith(f"warning: acme.yaml:{line}: events.shock.effects[0].by: ")
    assert said in warning, warning
    assert ("a cut to" in warning) is (float(by) <= 100)


@pytest.mark.parametrize(("target", "by"), [("margin_target", "1.5"), ("growth_late", "3"),
                                            ("ev_sales_exit", "50")])  # fmt: skip
def test_a_plausible_multiplier_is_left_alone(tmp_path, capsys, target, by):
    # A margin 1.5 times its level (36%), growth tripled (31.5%), a multiple (no fraction).
    code, err, _ = _validate(tmp_path, capsys, target, "multiply", by)
    assert code == 0 and "events.shock" not in err
