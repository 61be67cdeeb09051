"""A key written in the wrong section of ``model:`` says where it belongs.

``fx_to_price`` under ``valuation:`` was reported as an unknown key with the valuation
section's keys listed, and ``cost_of_equity`` directly under ``model:`` likewise: accurate, but
it left the user to guess that the key exists one section up (or down).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model
from model.valuation.config import parse_model_section

README = Path(__file__).resolve().parents[2] / "README.md"


def _example(tmp_path: Path, *moves: tuple[str, str]) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    for old, new in moves:
        assert old in body, old
        body = body.replace(old, new, 1)
    path = tmp_path / "moved.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ThesisError) as info:
        build_model(load_thesis(path))
    return str(info.value)


def test_fx_to_price_under_valuation_belongs_under_model(tmp_path):
    path = _example(tmp_path, ("\n  valuation:\n", "\n  valuation:\n    fx_to_price: one\n"))
    message = _error(path)
    assert "model.valuation.fx_to_price" in message
    assert "'fx_to_price' is a key of 'model:'" in message
    assert "move it there" in message


def test_cost_of_equity_under_model_belongs_under_valuation(tmp_path):
    path = _example(tmp_path, ("\n  valuation:\n", "\n  cost_of_equity: one\n  valuation:\n"))
    message = _error(path)
    assert "'cost_of_equity' is a key of 'model.valuation:'" in message


def test_a_misspelling_keeps_its_suggestion(tmp_path):
    path = _example(tmp_path, ("\n  valuation:\n", "\n  valuation:\n    shars: one\n"))
    message = _error(path)
    assert "did you mean 'shares'?" in message
    assert "move it there" not in message


def test_an_unknown_key_of_no_section_gets_no_place(tmp_path):
    path = _example(tmp_path, ("\n  valuation:\n", "\n  valuation:\n    zebra_count: one\n"))
    assert "move it there" not in _error(path)


def test_segments_model_says_where_a_key_belongs():
    # The segments model (pydantic sections) gives the same hint.
    section = {"kind": "segments", "currency": "USD bn", "valuation": {"fx_to_price": "fx"}}
    with pytest.raises(ThesisError) as info:
        parse_model_section(section)
    assert "'fx_to_price' is a key of 'model:'" in str(info.value)
