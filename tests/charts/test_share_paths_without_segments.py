"""share_paths on a thesis without market segments says there are none, not a misspelling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model import charts
from model.errors import UnknownNameError

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> model.SimulationResult:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path_factory.mktemp("example") / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=1000, seed=1)


def test_default_segment_says_the_result_has_none(result: model.SimulationResult) -> None:
    # It said "unknown segment with market shares ''", as if a name were misspelt.
    with pytest.raises(UnknownNameError) as info:
        charts.share_paths(result)
    assert str(info.value).startswith("the result has no market-share lines to draw")
    assert "''" not in str(info.value)


def test_a_named_segment_is_named_too(result: model.SimulationResult) -> None:
    with pytest.raises(UnknownNameError, match="unknown segment with market shares 'retail': "):
        charts.share_paths(result, "retail")
