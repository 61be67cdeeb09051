"""Fixtures every test folder may use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="session")
def readme_example() -> str:
    """The README's example thesis: the YAML block marked ``readme-example: example.yaml``."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None, "the README lost its example thesis"
    return found.group(1)
