"""Safe YAML loading: syntax errors, duplicate keys, YAML 1.2 scalars, tags and limits."""

from __future__ import annotations

import math

import pytest

from model.errors import ThesisError
from model.inputs.yamlsafe import Limits, Locator, dotted, load_yaml, parse_dotted, parse_yaml


def _error(text: str, **kw) -> ThesisError:
    with pytest.raises(ThesisError) as info:
        parse_yaml(text, "t.yaml", **kw)
    return info.value


def test_plain_values_and_lines() -> None:
    doc = parse_yaml("a: 1\nb:\n  c: [x, 2.5]\n  d:\n    - e: true\n", "t.yaml")
    assert doc.data == {"a": 1, "b": {"c": ["x", 2.5], "d": [{"e": True}]}}
    assert doc.line(("a",)) == 1
    assert doc.line(("b", "c")) == 3
    assert doc.line(("b", "d", 0, "e")) == 5
    # unknown paths resolve to the nearest parent
    assert doc.line(("b", "c", 7, "zz")) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("true", True),
        ("FALSE", False),
        ("True", True),
        ("1e3", 1000.0),
        ("1.5e-2", 0.015),
        ("-2.5", -2.5),
        ("0o17", 15),
        ("0x1F", 31),
        ("0", 0),
        ("17", 17),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("2025-11-27", "2025-11-27"),
        ("~", None),
        ("null", None),
        ("'017'", "017"),
        ('"true"', "true"),
    ],
)
def test_yaml_12_core_scalars(text: str, expected: object) -> None:
    value = parse_yaml(f"v: {text}\n").data["v"]
    assert value == expected
    assert type(value) is type(expected)


def test_inf_and_nan_load_as_floats_for_the_schema_to_reject() -> None:
    data = parse_yaml("a: .inf\nb: -.inf\nc: .nan\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


@pytest.mark.parametrize("text", ["017", "-017", "00"])
def test_leading_zero_integer_is_ambiguous(text: str) -> None:
    err = _error(f"x: 1\nv: {text}\n")
    assert str(err).startswith("t.yaml:2: v: ambiguous number")
    assert f"'{text}'" in str(err)
    if text == "017":
        assert "write 17 (or 0o17 for octal, or quote it for text)" in str(err)


@pytest.mark.parametrize("text", ["0820", "-089"])
def test_leading_zero_with_no_octal_reading_offers_none(text: str) -> None:
    # 0o820 is no number at all: only the digits of an octal number get the octal spelling.
    err = _error(f"v: {text}\n")
    plain = text.replace("0", "", 1)
    assert str(err).endswith(f"ambiguous number '{text}': write {plain} (or quote it for text)")


def test_duplicate_key_names_both_lines() -> None:
    err = _error("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n")
    assert err.line == 5
    assert err.field == "b.c"
    assert "duplicate key 'c' (first defined on line 3, again on line 5)" in str(err)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: [1, 2\nb: 3\n", None, "unclosed '['"),
        ("a: b: c\n", 1, "unexpected ':'"),
        ("a:\n\tb: 1\n", 2, "indent with spaces"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("a:\n  b: 1\n c: 2\n", 3, "indentation"),
        ('a: "unclosed\n', None, "unclosed quote"),
    ],
)
def test_malformed_yaml_is_explained(text: str, line: int | None, words: str) -> None:
    err = _error(text)
    assert err.file == "t.yaml"
    assert err.line is not None
    if line is not None:
        assert err.line == line
    assert "invalid YAML" in str(err)
    assert words in str(err)


@pytest.mark.parametrize(
    "text",
    [
        "run: !!python/object/apply:os.system ['echo hacked']\n",
        "x: !!python/name:os.system\n",
        "x: !custom 3\n",
        "x: !!set {a, b}\n",
        "x: !!binary aGVsbG8=\n",
        "x: !!omap [a: 1]\n",
    ],
)
def test_unsafe_tags_are_refused(text: str) -> None:
    err = _error(text)
    assert err.line == 1
    assert "is not allowed in a thesis file" in str(err)


def test_python_tag_error_names_tag_and_line() -> None:
    err = _error("a: 1\nrun: !!python/object/apply:os.system ['echo hacked']\n")
    assert str(err).startswith("t.yaml:2: run: YAML tag '!!python/object/apply:os.system'")


def test_standard_explicit_tags_are_allowed() -> None:
    assert parse_yaml("a: !!str 017\nb: !!float 3\nc: !!int 4\n").data == {
        "a": "017",
        "b": 3.0,
        "c": 4,
    }
    err = _error("a: !!int abc\n")
    assert "not a valid int" in str(err)


def test_merge_keys_are_refused() -> None:
    err = _error("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert err.line == 3 and "merge keys" in str(err)


def test_billion_laughs_is_stopped_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    err = _error("\n".join(lines) + "\n")
    assert "expands to more than" in str(err)
    assert err.file == "t.yaml" and err.line is not None


def test_too_many_aliases() -> None:
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 20) + "]\n"
    err = _error(text, limits=Limits(max_aliases=10))
    assert "too many aliases" in str(err) and err.line == 2


def test_recursive_alias_and_deep_nesting() -> None:
    assert "nesting deeper" in str(_error("a: &x [*x]\n"))
    err = _error("a: " + "[" * 500 + "]" * 500 + "\n")
    assert "nesting deeper than 64 levels" in str(err)


def test_huge_file_is_refused_before_parsing(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    with pytest.raises(ThesisError) as info:
        load_yaml(big)
    assert "file too large" in str(info.value)
    assert "big.yaml" in str(info.value)


def test_missing_empty_and_binary_files(tmp_path) -> None:
    with pytest.raises(ThesisError, match="file not found"):
        load_yaml(tmp_path / "nope.yaml")
    (tmp_path / "empty.yaml").write_text("# nothing\n")
    with pytest.raises(ThesisError, match="empty"):
        load_yaml(tmp_path / "empty.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(ThesisError, match="UTF-8") as info:
        load_yaml(tmp_path / "bin.yaml")
    assert info.value.line == 2


def test_dotted_round_trip_and_locator(tmp_path) -> None:
    path = ("correlations", 0, "between", 1)
    assert dotted(path) == "correlations[0].between[1]"
    assert parse_dotted(dotted(path)) == path
    main = parse_yaml("scenarios:\n  bull: {}\nx: 1\n", "main.yaml")
    other = parse_yaml("scenarios:\n\n  bear:\n    label: b\n", "other.yaml")
    loc = Locator(main, {("scenarios", "bear"): other})
    assert loc.locate(("scenarios", "bear", "label")) == ("other.yaml", 4)
    assert loc.locate("x") == ("main.yaml", 3)
