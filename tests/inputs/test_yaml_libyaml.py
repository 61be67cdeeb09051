"""Reading YAML through libyaml's parser gives what the pure-Python parser gives, errors too."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs import yamlsafe

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "assumptions").rglob("*.yaml"))


def _pure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "_CParser", None)


@pytest.mark.skipif(yamlsafe._CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_values_and_lines(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yamlsafe.parse_yaml(text, path.name)
    _pure(monkeypatch)
    pure = yamlsafe.parse_yaml(text, path.name)
    assert fast.data == pure.data
    assert fast.lines == pure.lines


@pytest.mark.skipif(yamlsafe._CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # merge key (plain style)
        "a: 1\na: 2\n",  # duplicate key
        "a: b: c\n",  # syntax error
        "a: [1, 2\n",  # unclosed flow sequence
        "x: " + "[" * 80 + "]" * 80 + "\n",  # too deep
    ],
)
def test_same_errors(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ThesisError) as fast:
        yamlsafe.parse_yaml(text, "t.yaml")
    _pure(monkeypatch)
    with pytest.raises(ThesisError) as pure:
        yamlsafe.parse_yaml(text, "t.yaml")
    assert str(fast.value) == str(pure.value)
    assert fast.value.line == pure.value.line


def test_fast_parser_is_used() -> None:
    if yamlsafe._CParser is None:
        pytest.skip("PyYAML without libyaml")
    loader = yamlsafe._FastLoader("a: 1\n", yamlsafe.DEFAULT_LIMITS)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    assert node.value[0][0].style is None  # plain style as PyYAML reports it
