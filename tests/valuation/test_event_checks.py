"""Events whose target the model reads only in its first year are refused at the effect."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

SHOCK = """
  shock:
    label: "Shock: {what}"
    rationale: {{estimate: "A scenario whose event changes {target} from its year on"}}
    events:
      shock_event:
        label: "The shock"
        annual_prob: 1.0
        effects:
          - {{target: {target}, op: multiply, by: 0.5}}
        source: {{estimate: "A test of an event that changes {target} from its year on"}}
"""


def _thesis(tmp_path: Path, target: str) -> Path:
    """The growth starter with a scenario ``shock`` whose certain event halves ``target``."""
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    scenario = SHOCK.format(what=target, target=target)
    path.write_text(text.replace("\nweights:", scenario + "\nweights:"), encoding="utf-8")
    return path


def test_an_event_on_a_first_year_value_is_refused_at_its_target(tmp_path, capsys):
    path = _thesis(tmp_path, "sales_2025")  # read only as the sales line's start:
    capsys.readouterr()
    assert main(["validate", str(path), "--scenario", "shock", "-q"]) == 2
    err = capsys.readouterr().err
    assert "acme.yaml:" in err and "scenarios.shock.events.shock_event.effects[0].target" in err
    assert "only in its first year (2025" in err and "would change nothing" in err
    assert "Traceback" not in err
    # a run refuses it as well, instead of results identical to the base's
    with pytest.raises(ThesisError, match="would change nothing"):
        model.simulate(model.load_thesis(path), scenario="shock", n_paths=64, seed=1)


def test_an_event_on_a_value_read_every_year_still_runs(tmp_path, capsys):
    path = _thesis(tmp_path, "growth_early")
    assert main(["validate", str(path), "--scenario", "shock", "-q"]) == 0
    thesis = model.load_thesis(path)
    base = model.simulate(thesis, n_paths=64, seed=1).paths("sales")
    shock = model.simulate(thesis, scenario="shock", n_paths=64, seed=1).paths("sales")
    assert (shock.iloc[:, 1:] < base.iloc[:, 1:]).all().all()


CONDITIONAL = """
  licensed:
    unit: "1"
    value: 0
    source: {estimate: "No licence yet: one from the year it is granted"}
  royalty:
    unit: "%"
    value: 0.1
    source: {estimate: "The royalty on sales the licence would earn"}
"""
LICENCE_EVENTS = """
events:
  licence:
    annual_prob: 0.01
    effects:
      - {target: licensed, op: add, by: 1}
    source: {estimate: "A licence is unlikely: one in a hundred a year"}
  royalty_cut:
    annual_prob: 0.3
    effects:
      - {target: royalty, op: multiply, by: 0.5}
    source: {estimate: "The licensor may halve the royalty in any year"}
"""


def test_a_target_read_only_once_a_rare_event_happened_is_not_refused(tmp_path, capsys):
    # At the centre the licence never comes (one in a hundred a year), so the royalty is
    # multiplied by zero there; with the events certain it is read, and the cut matters.
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nmodel:", CONDITIONAL + "\nmodel:")
    text = text.replace(
        "      value: sales * margin\n",
        "      value: sales * margin + sales * royalty * licensed\n",
    )
    path.write_text(text.replace("\nweights:", LICENCE_EVENTS + "\nweights:"), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 0, capsys.readouterr().err


def test_probes_on_stacked_paths_match_one_call_per_probe():
    """The check evaluates every probe in one model call; each must equal its own call."""
    from model.valuation import build_model
    from model.valuation.checks import _outputs, _outputs_of, _probe, _rows

    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    spec = thesis.to_spec()
    fn = build_model(thesis)
    targets = sorted({e.target for ev in thesis.events.values() for e in ev.effects})
    assert targets  # the example thesis has events to probe
    specs = [spec, *(_probe(spec, t, 1.0) for t in targets)]
    rows = _rows(spec)
    stacked = _outputs_of(specs, fn, rows)
    alone = [_outputs(s, fn, rows) for s in specs]
    for a, b in zip(stacked, alone, strict=True):
        assert a is not None and b is not None
        assert np.array_equal(a, b, equal_nan=True)
    # a probe that moves its target moves some output
    assert not np.array_equal(stacked[0], stacked[1], equal_nan=True)


def test_probes_fall_back_to_one_call_each_when_outputs_do_not_stack():
    from model.valuation.checks import _outputs_of, _probe, _rows

    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    spec = thesis.to_spec()
    calls = []
    first = spec.variables[0].name

    def one_value(inputs):  # no path axis: cannot be split by path
        calls.append(inputs.n_paths)
        return {"total": np.asarray(float(np.sum(inputs[first])))}

    target = next(e.target for ev in thesis.events.values() for e in ev.effects)
    out = _outputs_of([spec, _probe(spec, target, 1.0)], one_value, _rows(spec))
    assert calls[0] == 12 and calls[1:] == [3, 3, 3, 3]  # stacked once, then one call each
    assert all(o is not None and o.shape == (2,) for o in out)


def test_the_check_rows_use_the_exact_inverse():
    from scipy import special

    from model.valuation.checks import _rows

    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    spec = thesis.to_spec()
    betas = [v for v in spec.variables if v.dist.family == "beta"]
    assert betas
    rows = _rows(spec)
    for v in betas:
        d = v.dist
        exact = d.min_ + (d.max_ - d.min_) * special.betaincinv(d.a, d.b, np.array([0.1, 0.9]))
        assert np.array_equal(rows[v.name][1:], exact)


def test_a_custom_model_is_probed_one_spec_at_a_time():
    """A custom function may mix paths (a mean over them): stacking could hide an effect."""
    from model.valuation import build_model
    from model.valuation.checks import check_event_effects
    from model.valuation.custom import CustomModel

    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    own = build_model(thesis)
    calls = []

    def fn(inputs):
        calls.append(inputs.n_paths)
        out = own(inputs)
        # one value for every path: the largest over the paths of this call
        top = np.max(np.asarray(out["value_per_share"]), axis=0)
        return {"value_per_share": np.broadcast_to(top, out["value_per_share"].shape).copy()}

    custom = CustomModel.from_thesis(thesis, fn)
    calls.clear()
    check_event_effects(thesis, custom)  # accepted: every probe is seen on its own rows
    assert calls and set(calls) == {3}


def test_when_the_model_refuses_the_base_rows_no_probe_is_evaluated():
    from model.valuation.checks import _outputs_of, _probe, _rows

    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    spec = thesis.to_spec()
    calls = []

    def refuses(inputs):
        calls.append(inputs.n_paths)
        raise ValueError("no")

    targets = sorted({e.target for ev in thesis.events.values() for e in ev.effects})
    specs = [spec, *(_probe(spec, t, 1.0) for t in targets)]
    assert _outputs_of(specs, refuses, _rows(spec)) == [None] * len(specs)
    assert calls == [3 * 2 * len(specs), 3]  # the stacked call, then the base rows alone


def test_a_single_string_of_scenarios_is_refused_not_read_letter_by_letter():
    from model.errors import SettingsError
    from model.export.job import ReportSettings

    with pytest.raises(SettingsError, match="not one string"):
        ReportSettings(scenarios="bull")
