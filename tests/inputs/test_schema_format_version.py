"""The JSON Schema refuses a format version the loader refuses, as the loader does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs import load_thesis
from model.valuation.lines.schema import scenario_file_schema, thesis_schema

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"
SCENARIOS = ROOT / "assumptions" / "scenarios" / "alibaba-scenarios.yaml"


def _as_json(path: Path) -> dict:
    from model.inputs.yamlsafe import load_yaml

    # An editor's JSON view of the YAML: dates are text.
    return json.loads(json.dumps(load_yaml(path).data, default=str))


@pytest.mark.parametrize(("version", "accepted"), [(1, True), (2, False), (0, False)])
def test_thesis_format_version(version: int, accepted: bool, tmp_path: Path) -> None:
    data = _as_json(GROWTH) | {"format": version}
    errors = list(jsonschema.Draft202012Validator(thesis_schema()).iter_errors(data))
    assert (not errors) is accepted
    text = GROWTH.read_text(encoding="utf-8").replace("format: 1\n", f"format: {version}\n", 1)
    path = tmp_path / "growth-company.yaml"
    path.write_text(text, encoding="utf-8")
    if accepted:
        load_thesis(path)
    else:
        with pytest.raises(ThesisError, match="unsupported format"):
            load_thesis(path)


@pytest.mark.parametrize(("version", "accepted"), [(1, True), (2, False)])
def test_scenario_file_format_version(version: int, accepted: bool) -> None:
    data = _as_json(SCENARIOS) | {"format": version}
    errors = list(jsonschema.Draft202012Validator(scenario_file_schema()).iter_errors(data))
    assert (not errors) is accepted
