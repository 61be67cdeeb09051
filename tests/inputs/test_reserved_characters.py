"""A value starting with a character YAML reserves (``unit: %`` unquoted) is named with the
line written as it should be; a tab keeps its own words."""

from __future__ import annotations

import pytest

from .conftest import ThesisCopy, assert_at, fail_load, line_of


def test_an_unquoted_percent_unit_is_named_with_the_quoted_line(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('    unit: "%"', "    unit: %")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "unit: %"), None, "'%'", 'unit: "%"')
    assert "quote it" in str(err)
    assert "tab" not in str(err)


@pytest.mark.parametrize(
    ("line", "char", "meant"),
    [("k: [%, 1]", "%", 'k: ["%", 1]'), ("k: {a: @x, b: 1}", "@", 'k: {a: "@x", b: 1}'),
     ("k: `x` # why", "`", 'k: "`x`" # why'), ("  - @x", "@", '- "@x"'),
     ("  @key: 1", "@", '"@key": 1')],
)  # fmt: skip
def test_each_reserved_character_is_named_where_it_stands(
    thesis_copy: ThesisCopy, line: str, char: str, meant: str
) -> None:
    text = thesis_copy.text() + "extra:\n" + line + "\n"
    thesis_copy.write(text)
    err = fail_load(thesis_copy)
    assert f"'{char}' cannot start an unquoted value" in str(err)
    assert str(err).endswith(f"quote it: {meant}"), str(err)
    assert err.line == len(text.splitlines())


def test_a_tab_keeps_its_own_words(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.text()
    thesis_copy.write(text + "extra:\n\tk: 1\n")
    assert "indent with spaces" in str(fail_load(thesis_copy))
