"""A block's output renamed to something that is not text (``.inf``, ``1e3``, ``true``) is
refused at its line as not a name, not turned into a line called ``inf``."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import ThesisError
from model.valuation import build_model

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"
BLOCK = "      type: share_count\n      shares: shares_2025\n"


@pytest.mark.parametrize(("written", "shown"), [(".inf", "inf"), ("1e3", "1000"), ("true", "True")])
def test_a_rename_that_is_not_text_is_refused_at_its_line(tmp_path, written, shown):
    text = TEMPLATE.read_text(encoding="utf-8")
    assert BLOCK in text
    rename = f"      outputs: {{shares: {written}}}\n"
    path = tmp_path / "thesis.yaml"
    path.write_text(text.replace(BLOCK, BLOCK + rename), encoding="utf-8")
    line = 1 + path.read_text(encoding="utf-8").splitlines().index(rename.rstrip("\n"))
    with pytest.raises(ThesisError, match=rf"thesis.yaml:{line}: .*outputs.shares: .*{shown}"):
        build_model(model.load_thesis(path))
    with pytest.raises(ThesisError, match="expected a line name"):
        build_model(model.load_thesis(path))
