"""``thesis schema``: a JSON Schema of the thesis format that every example satisfies and that
catches wrong files."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from model.cli.authoring import STARTERS, init_thesis
from model.cli.main import main
from model.valuation.blocks import BLOCKS
from model.valuation.lines.legs import LEGS
from model.valuation.lines.schema import scenario_file_schema, thesis_schema
from model.valuation.roles import Role

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "assumptions" / "scenarios").glob("*.yaml"))
#: Every thesis in assumptions/ (a file with a thesis: section; scenario overlay files have a
#: schema of their own, evidence files are not theses).
THESES = sorted(
    p
    for p in (ROOT / "assumptions").rglob("*.yaml")
    if "thesis" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
)
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"


def _json(value: Any) -> Any:
    """YAML as an editor's JSON view sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load(path: Path) -> Any:
    return _json(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = thesis_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_examples_are_found() -> None:
    names = {p.name for p in THESES}
    assert {"alibaba.yaml", "amazon.yaml", "growth-company.yaml", "binary-event.yaml"} <= names


@pytest.mark.parametrize("path", [*THESES, EUR], ids=lambda p: p.name)
def test_every_example_thesis_validates(path: Path, validator) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


@pytest.mark.parametrize("template", list(STARTERS))
def test_init_output_validates(template: str, tmp_path: Path, validator) -> None:
    path = init_thesis("Schema Check", tmp_path, template)
    assert list(validator.iter_errors(_load(path))) == []


def test_scenario_files_validate() -> None:
    schema = scenario_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator(schema)
    assert SCENARIO_FILES
    for path in SCENARIO_FILES:
        assert list(checker.iter_errors(_load(path))) == []


def _set(doc: dict, dotted: str, value: Any) -> None:
    *head, last = dotted.split(".")
    for key in head:
        doc = doc[key]
    if value is _DROP:
        del doc[last]
    else:
        doc[last] = value


_DROP = object()
WRONG = {
    "unknown top-level key": ("modle", {"kind": "lines"}),
    "unknown thesis key": ("thesis.curency", "EUR"),
    "missing horizon": ("thesis.horizon", _DROP),
    "text as a number": ("assumptions.tax.value", "25%"),
    "unknown family": ("assumptions.pe_now.dist", "gaussian"),
    "two kinds at once": ("assumptions.tax.dist", "normal"),
    "unknown event op": (
        "events",
        {
            "e": {
                "annual_prob": 0.1,
                "effects": [{"target": "tax", "op": "times", "by": 2}],
                "source": {"estimate": "a test case"},
            }
        },
    ),
    "unknown block type": ("model.blocks.margin.type", "margin_glider"),
    "block parameter missing": ("model.blocks.margin.target", _DROP),
    "unknown block parameter": ("model.blocks.margin.speed", 2),
    "segment without a company": ("model.blocks.services.company", _DROP),
    "unknown role": ("model.lines.revenue.role", "revenues"),
    "line without a value": ("model.lines.ebit", {"role": "ebit"}),
    "upper-case line name": ("model.lines.Ebit", "revenue"),
    "leg without a weight": ("model.valuation.legs.pe.weight", _DROP),
    "unknown leg key": ("model.valuation.legs.pe.multiplier", "pe_now"),
    "unknown leg type": ("model.valuation.legs.ev", {"weight": 0.5, "multiple": "pe_now"}),
    "model without currency": ("model.currency", _DROP),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_wrong_files_do_not_validate(case: str, validator) -> None:
    doc = copy.deepcopy(_load(EUR))
    assert list(validator.iter_errors(doc)) == []
    dotted, value = WRONG[case]
    _set(doc, dotted, value)
    assert list(validator.iter_errors(doc)), case


def test_schema_covers_every_block_leg_and_role() -> None:
    text = json.dumps(thesis_schema())
    model_defs = thesis_schema()["$defs"]["ModelSection"]["else"]["properties"]
    blocks = model_defs["blocks"]["additionalProperties"]["oneOf"]
    assert [b["properties"]["type"]["const"] for b in blocks] == list(BLOCKS)
    legs = model_defs["valuation"]["properties"]["legs"]
    assert set(legs["properties"]) == set(LEGS)
    for role in Role:
        assert f'"{role.value}"' in text


def test_cli_prints_writes_and_never_replaces(tmp_path: Path, capsys) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    out = tmp_path / "thesis.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == printed
    out.write_text("mine")
    assert main(["schema", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    # --force would not replace it either: the refusal says why, not "add --force".
    assert "changed since thesis wrote it" in err and "--force" not in err
    assert out.read_text() == "mine"
    # --force replaces only a schema file thesis wrote and nobody changed since.
    assert main(["schema", "--out", str(out), "--force"]) == 2
    assert "changed since thesis wrote it" in capsys.readouterr().err
    assert out.read_text() == "mine"
    out.unlink()
    assert main(["schema", "--out", str(out)]) == 0
    assert main(["schema", "--out", str(out), "--force"]) == 0
    assert json.loads(out.read_text()) == printed
    assert main(["schema", "--scenarios", "--out", str(tmp_path / "s.json")]) == 0
    assert "thesis" not in json.loads((tmp_path / "s.json").read_text())["properties"]


def test_the_schema_knows_every_key_of_the_valuation_section():
    # The JSON Schema and the model builder read the same keys: an editor must not flag a key
    # the toolkit accepts.
    from model.valuation.lines.build_base import _VALUATION_KEYS
    from model.valuation.lines.schema import model_section_schema

    lines = model_section_schema()["else"]
    assert set(lines["properties"]["valuation"]["properties"]) == set(_VALUATION_KEYS)
