"""The runs of an attribution build each line model once and give what a build per run gives.

A mixture of two vintages is read from one file's model section; only the assumptions taken
from the other file differ. The line model built from that section serves every mixture that
would build the same one, and the checks of the numbers still run on each. Every output of
every run must be bit for bit what a model built for that run alone gives, with the same
warnings, and a thesis read elsewhere or with another section gets its own model.
"""

from __future__ import annotations

import copy
import dataclasses
import warnings
from pathlib import Path
from typing import Any

import pytest

import model
from model.inputs.assembly.thesis import load_thesis as inner_load
from model.inputs.assembly.vintages import mix_vintages
from model.learning import runs
from model.learning.vintages import attribute
from model.valuation.lines.model import LineModel

ROOT = Path(__file__).resolve().parents[2]
ASSUMPTIONS = ROOT / "assumptions"
MINIMAL = ROOT / "tests" / "inputs" / "data" / "minimal.yaml"


def _attribution(monkeypatch: pytest.MonkeyPatch, shared: bool) -> tuple[list[Any], list[Any]]:
    """Every run's outputs of the 2022-to-today attribution, and the warnings raised."""
    outcomes: list[Any] = []
    original = runs.SharedRuns._shared

    def record(self: runs.SharedRuns, thesis: Any, scenario: str) -> Any:
        out = original(self, thesis, scenario)
        outcomes.append(out)
        return out

    with monkeypatch.context() as patch:
        patch.setattr(runs.SharedRuns, "_shared", record)
        if not shared:
            patch.setattr(runs._LineModels, "get", lambda self, thesis: None)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            attribute(
                ASSUMPTIONS / "alibaba-2022.yaml", ASSUMPTIONS / "alibaba.yaml", n_paths=300, seed=8
            )
    said = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    return outcomes, said


def test_every_run_is_the_run_with_its_own_model(monkeypatch: pytest.MonkeyPatch) -> None:
    shared, shared_said = _attribution(monkeypatch, shared=True)
    alone, alone_said = _attribution(monkeypatch, shared=False)
    assert len(shared) == len(alone) > 2
    for a, b in zip(shared, alone, strict=True):
        assert a.years == b.years and dict(a.units) == dict(b.units)
        assert a.outputs.keys() == b.outputs.keys()
        for name in a.outputs:
            assert a.outputs[name].tobytes() == b.outputs[name].tobytes(), name
    assert shared_said == alone_said


def test_a_section_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    original = LineModel.from_config.__func__  # type: ignore[attr-defined]

    def counted(cls: type[LineModel], *args: Any, **kwargs: Any) -> LineModel:
        built.append(1)
        return original(cls, *args, **kwargs)

    outcomes, _ = _attribution(monkeypatch, shared=True)
    monkeypatch.setattr(LineModel, "from_config", classmethod(counted))
    _attribution(monkeypatch, shared=True)
    # One build per vintage's section, and those of the two plain runs that check the route.
    assert len(built) <= 6 < len(outcomes)


@pytest.fixture(scope="module")
def today() -> model.Thesis:
    return model.load_thesis(ASSUMPTIONS / "alibaba.yaml")


def test_the_same_section_and_file_take_the_kept_model(today: model.Thesis) -> None:
    models = runs._LineModels()
    first = models.get(today)
    assert isinstance(first, LineModel)
    assert models.get(dataclasses.replace(today)) is first
    # A mixture wraps the same section anew: the same objects, the same model.
    mixed = mix_vintages(today, today)
    assert mixed.model_section is not today.model_section
    assert models.get(mixed) is first


def test_another_file_section_or_options_build_anew(today: model.Thesis) -> None:
    models = runs._LineModels()
    first = models.get(today)
    assert models.get(model.load_thesis(ASSUMPTIONS / "alibaba.yaml")) is not first
    section = dict(today.model_section or {})
    key = next(k for k, v in section.items() if isinstance(v, dict | list))
    section[key] = copy.deepcopy(section[key])  # equal, but not the same object
    assert models.get(dataclasses.replace(today, model_section=section)) is not first
    cheaper = models.get(dataclasses.replace(today, price=today.price / 2))
    assert cheaper is not first and cheaper.price == today.price / 2
    assert models.get(today) is first


def test_not_a_line_model_is_left_to_build_model() -> None:
    # The input layer's fixture: its segments model is incomplete, which a load refuses.
    assert runs._LineModels().get(inner_load(MINIMAL)) is None
