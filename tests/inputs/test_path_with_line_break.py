"""A thesis path with a line break in it is called that, not taken for YAML text; YAML text
passed where a path belongs is still called YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ThesisModelError
from model.inputs import load_thesis

DATA = Path(__file__).resolve().parent / "data"


def test_an_existing_file_named_with_a_line_break(tmp_path: Path) -> None:
    odd = tmp_path / "mini\nmal.yaml"
    odd.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ThesisModelError) as caught:
        load_thesis(str(odd))
    text = str(caught.value)
    assert "contains a line break" in text and "mini\\nmal.yaml" in text, text
    assert "YAML itself" not in text and "\n" not in text, text


def test_a_missing_yaml_path_with_a_line_break() -> None:
    with pytest.raises(ThesisModelError, match="contains a line break"):
        load_thesis("assumptions/ali\nbaba.yaml")


def test_yaml_text_is_still_called_yaml() -> None:
    with pytest.raises(ThesisModelError, match="YAML itself"):
        load_thesis("thesis:\n  company: Acme\n")
