"""Events whose effects could change nothing: refused at the effect's line.

An event happens in year 1 or later (year 0 is today), so an effect changes its target from
year 1 on. A target the model reads only in year 0 (a line's ``start:``, a block's opening
revenue, market, share, cash or share count) is left as it was where it is read: the event
would run and silently change nothing. :func:`check_event_effects` finds such an effect by
evaluating the central path twice, once as it is and once with the target nudged from year 1
on; when no output moves, the effect is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np

from model.engine.spec import Effect, EffectOp, Event, ModelSpec

__all__ = ["check_event_effects"]

#: Relative nudge of a target from year 1 on: far above rounding, far below anything that could
#: push a sane model out of its ranges.
_NUDGE = 1e-3


def _outputs(spec: ModelSpec, model: Any) -> dict[str, np.ndarray] | None:
    """The model's outputs on the central path, or None when the model refuses them."""
    from model.engine.execution.deterministic import deterministic_inputs

    try:
        with np.errstate(all="ignore"):
            out = model(deterministic_inputs(spec, None, n_paths=1))
    except Exception:  # the run itself reports a model that fails; this check only refuses
        return None
    return {k: np.asarray(v, dtype=float) for k, v in out.items() if not k.startswith("_")}


def _moved(before: Mapping[str, np.ndarray], after: Mapping[str, np.ndarray]) -> bool:
    for name, value in before.items():
        other = after.get(name)
        if other is None or other.shape != value.shape:
            return True
        if not np.array_equal(value, other, equal_nan=True):
            return True
    return False


def _probe(spec: ModelSpec, target: str, scale: float) -> ModelSpec:
    """``spec`` with one more event, certain in year 1, adding a small amount to ``target``."""
    name = f"{target}_probe"
    while name in spec.names:
        name += "_"
    nudge = _NUDGE * max(abs(scale), 1.0)
    probe = Event(name, 1.0, False, (Effect(target, EffectOp.ADD, nudge),))
    return dataclasses.replace(spec, events=(*spec.events, probe))


def check_event_effects(thesis: Any, model: Any = None) -> None:
    """Refuse an event effect whose target the model reads only in year 0.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable, optional
        Its valuation model; built from the thesis when not given.

    Raises
    ------
    ThesisError
        At the effect's ``target:``, naming the event and what to target instead.
    """
    events = getattr(thesis, "events", None) or {}
    if not events:
        return
    from model.results.statements import scorecard_inputs

    if model is None:
        from model.valuation import build_model

        model = build_model(thesis)
    spec = thesis.to_spec()
    # A scorecard claim that names the target reads it in every year: the effect shows there.
    claimed = set(scorecard_inputs(thesis, getattr(model, "output_names", ())))
    before: dict[str, np.ndarray] | None = None
    checked: dict[str, bool] = {}
    for ev in events.values():
        for i, eff in enumerate(ev.effects):
            if eff.target in claimed:
                continue
            if eff.target not in checked:
                if before is None:
                    before = _outputs(spec, model)
                    if before is None:
                        return
                central = thesis.assumptions[eff.target].central()
                scale = 1.0 if central is None or not np.isfinite(central) else float(central)
                after = _outputs(_probe(spec, eff.target, scale), model)
                checked[eff.target] = after is None or _moved(before, after)
            if not checked[eff.target]:
                first = thesis.years[0]
                raise thesis.error(
                    (*ev.path, "effects", i, "target"),
                    f"event '{ev.name}' changes '{eff.target}' from the year it happens on "
                    f"(year 1, {first + 1}, at the earliest), but the model reads "
                    f"'{eff.target}' only in its first year ({first}, e.g. as a line's or "
                    "block's start), so this effect would change nothing; target what the "
                    "later years read (a growth rate, a margin, a drift), or add the change "
                    "through a line the model reads every year",
                )
