"""A JSON Schema (draft 2020-12) of the thesis file format, for editors that check YAML as you type.

Generated, never written by hand, so it cannot drift from the loader:

* the structure of every section except ``model:`` comes from the pydantic models the loader
  validates with (:mod:`model.inputs.schema`), through pydantic's own schema generation, tidied
  for editors (no ``null`` alternatives, no titles, short labels that YAML reads as numbers
  allowed, the distribution families listed);
* the ``model:`` section (kind ``lines``) is built here from the registries the model builder
  reads: every block type of :data:`~model.valuation.blocks.BLOCKS` with its parameters, options
  and outputs, every valuation leg of :data:`~model.valuation.lines.legs.LEGS` with its
  parameters, and the :class:`~model.valuation.roles.Role` vocabulary. A block or leg registered
  later appears in the schema without a change here.

The schema checks structure (keys, types, closed vocabularies); ``thesis validate`` still checks
meaning (units, quotes, names, the model). :func:`thesis_schema` returns the schema of a thesis
file, :func:`scenario_file_schema` that of a file of scenario overlays.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from model.valuation.blocks.base import BlockType, Kind
from model.valuation.lines.build_base import _BLOCK_KEYS, _LINE_KEYS
from model.valuation.lines.legs import LEGS, Leg
from model.valuation.roles import Role

__all__ = ["SCHEMA_DIALECT", "scenario_file_schema", "schema_text", "thesis_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NAME_PATTERN = "^[a-z][a-z0-9_]*$"
_KEY_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$"

#: Hover texts for the fields of the pydantic models: (model, field) -> description.
_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("ThesisFileSpec", "format"): "Version of the thesis file format: 1.",
    ("ThesisFileSpec", "thesis"): "Who and what: the company, the date, currency, years, price.",
    ("ThesisFileSpec", "seeds_dir"): "Folder of the quoted articles, relative to this file "
    "(default: the nearest seeds/ folder above it).",
    ("ThesisFileSpec", "assumptions"): "Every input number: name -> unit, value or "
    "distribution, and source.",
    ("ThesisFileSpec", "correlations"): "Spearman rank correlations between two assumptions.",
    ("ThesisFileSpec", "events"): "Discrete events with an annual probability and effects on "
    "assumptions from the year they happen.",
    ("ThesisFileSpec", "model"): "The company's model: lines, blocks and valuation legs.",
    ("ThesisFileSpec", "scorecard"): "The thesis' claims, as statements over the outputs.",
    ("ThesisFileSpec", "scenarios"): "Overlays on the base case.",
    ("ThesisFileSpec", "scenario_files"): "Files of scenario overlays, relative to this file.",
    ("ThesisFileSpec", "weights"): "Each scenario's probability for the blend (base included).",
    ("ThesisMeta", "as_of"): "The date of the thesis, YYYY-MM-DD.",
    ("ThesisMeta", "currency"): "Currency of the price and the value per share (ISO 4217).",
    ("ThesisMeta", "horizon"): "First and last model year; year 0 is the first.",
    ("ThesisMeta", "price"): "The share price returns are measured from.",
    ("AssumptionSpec", "unit"): "E.g. 'EUR m', 'USD bn', '%', 'share', 'x', 'years', "
    "'shares m', 'HKD/USD'.",
    ("AssumptionSpec", "value"): "A fixed value (fractions for % and share: 35.8% is 0.358).",
    ("AssumptionSpec", "dist"): "A distribution family; its parameters sit beside it.",
    ("AssumptionSpec", "derived"): "An expression over other assumptions (its own source).",
    ("AssumptionSpec", "process"): "A per-year path: x[t] = x[t-1] + reversion * (mean - "
    "x[t-1]) + shock_sd * eps.",
    ("AssumptionSpec", "ci90"): "The 90% interval [low, high]: 5% below low, 5% above high.",
    ("AssumptionSpec", "bounds"): "Truncation [low, high] of a continuous distribution.",
    ("SourceSpec", "doc"): "A file in the seeds folder.",
    ("SourceSpec", "quote"): "The article's words, containing the number used.",
    ("SourceSpec", "spread"): "Why a quoted distribution's spread is what it is.",
    ("SourceSpec", "estimate"): "The analyst's rationale for an estimate, in a few words.",
    ("EventSpec", "annual_prob"): "Probability it happens in a year (a number or an "
    "assumption's name).",
    ("EventSpec", "repeatable"): "false: a one-off; true: each occurrence applies again.",
    ("EventSpec", "years"): "The only years it can happen in, e.g. [2026] for a decision due "
    "then (default: every model year after the first).",
    ("EffectSpec", "target"): "The assumption the event changes.",
    ("EffectSpec", "op"): "multiply or add.",
    ("ScoreSpec", "statement"): "A claim over outputs and assumptions, e.g. "
    "'revenue[2030] > 2 * revenue[2025]'.",
    ("ScenarioSpec", "extends"): "Another scenario this one starts from.",
    ("ScenarioSpec", "view"): "A tag grouping scenarios into views (e.g. 2022, 2025).",
    ("ScenarioSpec", "overrides"): "Assumptions replaced in this scenario, each whole, with "
    "its own source.",
}

_KIND_TEXT = {
    Kind.MONEY: "an amount of the model currency",
    Kind.FRACTION: "a fraction (%, share)",
    Kind.MULTIPLE: "a multiple (x)",
    Kind.YEARS: "a number of years",
    Kind.SHARES: "a share count",
    Kind.FX: "an exchange rate, price currency per model currency",
    Kind.NUMBER: "a pure number",
}


def _expression(description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": ["string", "number"]}
    if description:
        out["description"] = description
    return out


def _tidy(node: Any) -> Any:
    """Drop pydantic's titles, null alternatives and null defaults (editors show them as noise)."""
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _tidy(v) for k, v in node.items() if k != "title"}
    if out.get("default", 0) is None:
        del out["default"]
    for key in ("anyOf", "oneOf"):
        if key in out:
            options = [o for o in out[key] if o != {"type": "null"}]
            if len(options) == 1:
                del out[key]
                out.update(options[0])
            else:
                out[key] = options
    return out


def _pydantic_defs() -> tuple[dict[str, Any], dict[str, Any]]:
    """The schemas of a thesis file and a scenario file from the loader's pydantic models."""
    from model.engine.draws.distributions import families
    from model.inputs.schema import ScenarioFileSpec, ThesisFileSpec

    thesis = _tidy(ThesisFileSpec.model_json_schema(by_alias=True))
    scenario = _tidy(ScenarioFileSpec.model_json_schema(by_alias=True))
    for root, schema in (("ThesisFileSpec", thesis), ("ScenarioFileSpec", scenario)):
        defs = schema.setdefault("$defs", {})
        for (model_name, field), text in _DESCRIPTIONS.items():
            where = schema if model_name == root else defs.get(model_name)
            if where is not None and field in where.get("properties", {}):
                where["properties"][field]["description"] = text
        if "AssumptionSpec" in defs:
            defs["AssumptionSpec"]["properties"]["dist"]["enum"] = list(families())
            # Exactly one of value / dist / derived / process.
            defs["AssumptionSpec"]["oneOf"] = [
                {"required": [k]} for k in ("value", "dist", "derived", "process")
            ]
        if "EffectSpec" in defs:
            defs["EffectSpec"]["properties"]["op"]["enum"] = ["multiply", "add"]
        for name, field in (("ScenarioSpec", "view"), ("ThesisMeta", "ticker")):
            # Short labels such as `view: 2025` are read as text.
            if name in defs and field in defs[name]["properties"]:
                defs[name]["properties"][field]["type"] = ["string", "integer"]
    return thesis, scenario


# -- the model section -----------------------------------------------------------------------


def _block_schema(block: BlockType) -> dict[str, Any]:
    props: dict[str, Any] = {
        "type": {"const": block.name, "description": _first_line(block.doc)},
        "label": {"type": "string", "description": "Label of the block's lines in charts."},
        "outputs": {
            "type": "object",
            "description": "Rename the block's lines: output -> line name.",
            "additionalProperties": {"type": "string", "pattern": _NAME_PATTERN},
        },
    }
    required = ["type"]
    for p in block.params:
        text = f"{p.doc} ({_KIND_TEXT[p.kind]})" if p.doc else _KIND_TEXT[p.kind]
        if p.mapping:
            props[p.key] = {
                "type": "object",
                "description": text,
                "propertyNames": {"pattern": _NAME_PATTERN},
                "additionalProperties": _expression(),
            }
        else:
            props[p.key] = _expression(text)
        if p.required:
            required.append(p.key)
    for key, text in block.options.items():
        props[key] = {"type": "string", "description": text}
    if block.name == "market_segment":
        required.append("company")
    assert set(props) >= set(_BLOCK_KEYS)
    return {
        "type": "object",
        "description": block.doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def _leg_schema(leg: Leg, *, typed: bool) -> dict[str, Any]:
    props: dict[str, Any] = {
        "type": {"const": leg.name, "description": "The valuation method."},
        "weight": _expression("The leg's weight in the blend (the weights sum to 1)."),
    }
    required = ["weight"]
    if typed:
        required.append("type")
    for p in leg.params:
        default = f"; default: the line with role '{p.role.value}'" if p.role else ""
        text = f"{p.doc} ({_KIND_TEXT[p.kind]}){default}"
        if p.mapping:
            props[p.key] = {
                "type": "object",
                "description": text,
                "minProperties": 1,
                "additionalProperties": _expression(),
            }
        else:
            props[p.key] = _expression(text)
        if p.required and p.role is None:
            required.append(p.key)
    return {
        "type": "object",
        "description": leg.doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def model_section_schema() -> dict[str, Any]:
    """The schema of a ``model:`` section of kind ``lines`` (as a ``$defs`` fragment)."""
    from model.valuation.blocks import BLOCKS

    roles = [r.value for r in Role]
    line_mapping: dict[str, Any] = {
        "type": "object",
        "properties": {
            "value": _expression("The line's expression, for every model year."),
            "start": _expression("Its value in year 0; 'value' then gives years 1 on."),
            "prior": _expression("Its value the year before year 0 (for name[t-1] in year 0)."),
            "unit": {"type": "string", "description": "The unit to keep the line in."},
            "role": {"enum": roles, "description": "What the line is, for charts and legs."},
            "label": {"type": "string", "description": "Text shown in charts and tables."},
            "group": {"type": "string", "description": "The segment or method it belongs to."},
        },
        "required": ["value"],
        "additionalProperties": False,
    }
    assert set(line_mapping["properties"]) == set(_LINE_KEYS)
    typed_legs = [_leg_schema(leg, typed=True) for leg in LEGS.values()]
    legs: dict[str, Any] = {
        "type": "object",
        "minProperties": 1,
        "description": "Valuation legs: name -> {type (default: the name), weight, parameters}.",
        "propertyNames": {"pattern": _NAME_PATTERN},
        "properties": {name: _leg_schema(leg, typed=False) for name, leg in LEGS.items()},
        "additionalProperties": {"oneOf": typed_legs},
    }
    blocks = {
        "type": "object",
        "description": "Building blocks: name -> {type, parameters}; each adds lines.",
        "propertyNames": {"pattern": _NAME_PATTERN},
        "additionalProperties": {"oneOf": [_block_schema(b) for b in BLOCKS.values()]},
    }
    lines_model = {
        "type": "object",
        "properties": {
            "kind": {"const": "lines", "description": "The model is the thesis' own lines."},
            "currency": {
                "type": "string",
                "description": "The model currency with its scale, e.g. 'EUR m', 'USD bn'.",
            },
            "fx_to_price": _expression(
                "Exchange rate, price currency per model currency (when they differ)."
            ),
            "blocks": blocks,
            "lines": {
                "type": "object",
                "description": "The model's lines: name -> expression, or a mapping with value.",
                "propertyNames": {"pattern": _NAME_PATTERN},
                "additionalProperties": {"anyOf": [_expression(), line_mapping]},
            },
            "valuation": {
                "type": "object",
                "properties": {
                    "legs": legs,
                    "shares": {
                        "type": "string",
                        "description": "The share count (default: the line with role shares).",
                    },
                    "cost_of_equity": {
                        "anyOf": [{"type": "string"}, {"type": "number"}],
                        "description": "The rate today's value discounts at: an assumption or "
                        "a number (default: the rate of a dcf_fcfe or ddm leg, else the DCF's "
                        "WACC).",
                    },
                },
                "required": ["legs"],
                "additionalProperties": False,
            },
        },
        "required": ["currency"],
        "anyOf": [{"required": ["lines"]}, {"required": ["blocks"]}],
        "additionalProperties": False,
    }
    segments = {"properties": {"kind": {"const": "segments"}}, "required": ["kind"]}
    return {
        "type": "object",
        "description": "The company's model: kind lines (lines, blocks, valuation legs).",
        # The older kind 'segments' has a grammar of its own, checked by the loader only.
        "if": segments,
        "then": {"type": "object"},
        "else": lines_model,
    }


def thesis_schema() -> dict[str, Any]:
    """The JSON Schema of a thesis file (draft 2020-12), ``model:`` section included.

    Returns
    -------
    dict
        A JSON-serialisable schema.
    """
    thesis, _ = _pydantic_defs()
    thesis["$defs"]["ModelSection"] = model_section_schema()
    thesis["properties"]["model"] = {
        "$ref": "#/$defs/ModelSection",
        "description": _DESCRIPTIONS[("ThesisFileSpec", "model")],
    }
    return _head(thesis, "thesis-model: a thesis file")


def scenario_file_schema() -> dict[str, Any]:
    """The JSON Schema of a file of scenario overlays (listed in ``scenario_files:``)."""
    _, scenario = _pydantic_defs()
    return _head(scenario, "thesis-model: a file of scenario overlays")


def _head(schema: dict[str, Any], title: str) -> dict[str, Any]:
    out = {"$schema": SCHEMA_DIALECT, "title": title}
    out.update(copy.deepcopy(schema))
    return out


def schema_text(which: str = "thesis") -> str:
    """The schema as JSON text (sorted keys, two-space indent, a final newline)."""
    schema = thesis_schema() if which == "thesis" else scenario_file_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
