"""Shared helpers of the input-layer tests: a copy of the small thesis to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs import load_thesis

DATA = Path(__file__).parent / "data"


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the ``nth`` line containing ``needle``."""
    seen = 0
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(f"{needle!r} not in the text")


class ThesisCopy:
    """A writable copy of ``tests/inputs/data`` with helpers to edit its files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "minimal.yaml"

    def text(self, name: str = "minimal.yaml") -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def edit(self, old: str, new: str, name: str = "minimal.yaml", count: int = 1) -> str:
        """Replace ``old`` (which must occur) by ``new``; return the new text."""
        text = self.text(name)
        assert old in text, f"fixture text {old!r} not found in {name}"
        text = text.replace(old, new, count)
        (self.root / name).write_text(text, encoding="utf-8")
        return text

    def write(self, text: str, name: str = "minimal.yaml") -> Path:
        target = self.root / name
        target.write_text(text, encoding="utf-8")
        return target


@pytest.fixture
def thesis_copy(tmp_path: Path) -> ThesisCopy:
    root = tmp_path / "thesis"
    shutil.copytree(DATA, root)
    return ThesisCopy(root)


def fail_load(copy: ThesisCopy, scenario: str | None = None) -> ThesisError:
    with pytest.raises(ThesisError) as info:
        load_thesis(copy.path, scenario=scenario)
    return info.value


def assert_at(err: ThesisError, file: str, line: int, field: str | None, *words: str) -> None:
    text = str(err)
    assert err.file is not None and err.file.endswith(file), text
    assert err.line == line, text
    if field is not None:
        assert err.field == field, text
    assert f"{file}:{line}: " in text, text
    for w in words:
        assert w in text, text
    assert "\n" not in text  # one line
