"""Events that change nothing: an event effect whose target the model reads only in year 0.

An event happens in year 1 or later (year 0 is today), so an effect changes its target from year 1
on. A target the model reads only in year 0 (a line's ``start:``, a ``net_cash`` block's opening
balance) is left as it was where it is read: the event would run and silently change nothing. A
level a block reads in every year (a ``growth_segment``'s start, a ``share_count``'s count, where a
change is a share issue) moves from the event's year on. :func:`check_event_effects` finds such an
effect by evaluating the model twice, once as it is and once with the target nudged from year 1 on
(at the centre and at the 10th and 90th percentiles of every assumption, with the events at their
median timing and all certain); when no output moves, the effect is refused.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from model.engine.spec import Effect, EffectOp, Event, ModelSpec
from model.errors import ThesisModelError

__all__ = ["check_event_effects"]


#: Relative nudge of a target from year 1 on: far above rounding, far below anything that could
#: push a sane model out of its ranges.
_NUDGE = 1e-3


def _claimed_names(thesis: Any) -> set[str]:
    """Every name the scorecard's statements read (a statement that does not compile reads
    nothing here: the scorecard check reports it)."""
    from model.inputs.expressions.expr import compile_expression

    names: set[str] = set()
    for entry in (getattr(thesis, "scorecard", None) or {}).values():
        text = entry if isinstance(entry, str) else getattr(entry, "statement", None)
        try:
            names.update(compile_expression(str(text)).names)
        except ThesisModelError:
            continue
    return names


def _rows(spec: ModelSpec) -> dict[str, np.ndarray]:
    """Three rows of the static variables: the centre, every 10th and every 90th percentile.

    The outer rows switch on what the centre leaves off (a Bernoulli re-rating, a threshold
    crossed), so a target read only on such paths is seen to matter.
    """
    rows = {}
    for v in spec.variables:
        # The exact inverse: two values do not repay building a tabulated one (beta, PERT).
        ends = np.asarray(v.dist.ppf(np.array([0.1, 0.9]), exact=True), dtype=float)
        rows[v.name] = np.array([float(v.dist.central()), *ends])
    return rows


def _variants(spec: ModelSpec) -> tuple[ModelSpec, ModelSpec]:
    """``spec`` as it is and with every event certain from year 1."""
    certain = tuple(dataclasses.replace(ev, annual_prob=1.0) for ev in spec.events)
    return spec, dataclasses.replace(spec, events=certain)


def _outputs_of(
    specs: list[ModelSpec], model: Any, rows: dict[str, np.ndarray], stack: bool = True
) -> list[np.ndarray | None]:
    """:func:`_outputs` of each spec, from one call of the model on all their rows
    (:func:`~model.engine.execution.deterministic.stacked_outputs`).

    ``stack=False`` (a model not known to map each path on its own, such as a custom
    function), inputs or outputs with no path axis, or a stacked call that fails: each spec is
    evaluated on its own, and none after the first when the model refuses it.
    """
    from model.engine.execution.deterministic import stacked_outputs

    try:
        variants = [v for spec in specs for v in _variants(spec)]
        with np.errstate(all="ignore"):
            outs = stacked_outputs(variants, model, rows) if stack else None
        if outs is not None:
            flat = [[np.ravel(o[k]) for k in sorted(o)] for o in outs]
            return [np.concatenate(flat[2 * i] + flat[2 * i + 1]) for i in range(len(specs))]
    except Exception:  # each spec on its own says whether the model refuses it
        pass
    before = _outputs(specs[0], model, rows)
    if before is None:  # the check is off: no probe is worth a call
        return [None] * len(specs)
    return [before, *(_outputs(s, model, rows) for s in specs[1:])]


def _outputs(spec: ModelSpec, model: Any, rows: dict[str, np.ndarray]) -> np.ndarray | None:
    """The model's outputs on ``rows`` with events at their median timing and with every event
    certain from year 1, flattened; None when the model refuses them."""
    from model.engine.execution.deterministic import deterministic_inputs

    parts = []
    for variant in _variants(spec):
        try:
            with np.errstate(all="ignore"):
                out = model(deterministic_inputs(variant, rows, n_paths=3))
        except Exception:  # the run itself reports a model that fails; this check only refuses
            return None
        parts += [np.ravel(np.asarray(out[k], dtype=float)) for k in sorted(out) if k[0] != "_"]
    return np.concatenate(parts)


def _probe(spec: ModelSpec, target: str, scale: float) -> ModelSpec:
    """``spec`` with one more event, certain in year 1, adding a small amount to ``target``."""
    name = f"{target}_probe"
    while name in spec.names:
        name += "_"
    nudge = _NUDGE * max(abs(scale), 1.0)
    probe = Event(name, 1.0, False, (Effect(target, EffectOp.ADD, nudge),))
    return dataclasses.replace(spec, events=(*spec.events, probe))


def check_event_effects(thesis: Any, model: Any = None, *, stack: bool | None = None) -> None:
    """Refuse an event effect whose target the model reads only in year 0.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable, optional
        Its valuation model; built from the thesis when not given.
    stack : bool, optional
        Evaluate every probe in one call of the model (see :func:`_outputs_of`). By default
        only the toolkit's own models are, whose paths never mix; a custom function (which
        may, say, scale by a mean over the paths) is called once per probe.

    Raises
    ------
    ThesisError
        At the effect's ``target:``, naming the event and what to target instead.
    """
    events = getattr(thesis, "events", None) or {}
    if not events:
        return
    if model is None:
        from model.valuation import build_model

        model = build_model(thesis)
    spec = thesis.to_spec()
    # A scorecard claim that names the target reads it in every year: the effect shows there.
    claimed = _claimed_names(thesis)
    targets = list(
        dict.fromkeys(
            eff.target for ev in events.values() for eff in ev.effects if eff.target not in claimed
        )
    )
    if not targets:
        return
    probes = []
    for target in targets:
        central = thesis.assumptions[target].central()
        scale = 1.0 if central is None or not np.isfinite(central) else float(central)
        probes.append(_probe(spec, target, scale))
    from model.valuation.custom import CustomModel

    custom = isinstance(getattr(model, "model", model), CustomModel)
    if stack is None:
        stack = not custom
    before, *afters = _outputs_of([spec, *probes], model, _rows(spec), stack)
    if before is None:
        return
    checked = {
        target: after is None
        or after.shape != before.shape
        or not np.array_equal(before, after, equal_nan=True)
        for target, after in zip(targets, afters, strict=True)
    }
    for ev in events.values():
        for i, eff in enumerate(ev.effects):
            if eff.target in claimed:
                continue
            if not checked[eff.target]:
                first = thesis.years[0]
                # A function of the analyst's own may not read the name at all: say both.
                reads = (
                    f"the model function reads '{eff.target}' only in its first year "
                    f"({first}) or not at all"
                    if custom
                    else f"the model reads '{eff.target}' only in its first year ({first}, "
                    "e.g. as a line's or block's start)"
                )
                raise thesis.error(
                    (*ev.path, "effects", i, "target"),
                    f"event '{ev.name}' changes '{eff.target}' from the year it happens on "
                    f"(year 1, {first + 1}, at the earliest), but {reads}, so this effect "
                    "would change nothing; target what the later years read (a growth rate, "
                    "a margin, a drift), or add the change through a line the model reads "
                    "every year",
                )
