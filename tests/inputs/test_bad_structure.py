"""Bad thesis files, YAML and structure: one clear message with file, line and field."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis

from .conftest import ThesisCopy, assert_at, fail_load, line_of

# -- YAML level --------------------------------------------------------------------------------


def test_malformed_yaml(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 27.4\n", "    value: [27.4\n")
    err = fail_load(thesis_copy)
    assert err.file.endswith("minimal.yaml") and "invalid YAML" in str(err)
    assert err.line is not None and err.line >= line_of(text, "value: [27.4")


def test_duplicate_key(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 85\n", "    value: 85\n    value: 86\n")
    first, second = line_of(text, "value: 85"), line_of(text, "value: 86")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        second,
        "assumptions.market_2026.value",
        f"duplicate key 'value' (first defined on line {first}, again on line {second})",
    )


def test_unsafe_tag(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('  ticker: "TEST"', "  ticker: !!python/object/apply:os.system [ls]")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "ticker:"),
        "thesis.ticker",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    )


def test_huge_file(thesis_copy: ThesisCopy) -> None:
    thesis_copy.write(thesis_copy.text() + "# " + "x" * (3 * 1024 * 1024) + "\n")
    err = fail_load(thesis_copy)
    assert "minimal.yaml" in str(err) and "file too large" in str(err)


def test_billion_laughs(thesis_copy: ThesisCopy) -> None:
    lines = ['lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    thesis_copy.write(thesis_copy.text() + "\n".join(lines) + "\n")
    err = fail_load(thesis_copy)
    assert "minimal.yaml:" in str(err) and "expands to more than" in str(err)


def test_leading_zero_number(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 2320\n", "    value: 02320\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "02320"),
        "assumptions.mcap_hkd.value",
        "ambiguous number '02320': write 2320",
    )


# -- structure and types -----------------------------------------------------------------------


def test_unknown_key_typo(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    mean: 0.05\n", "    meen: 0.05\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "meen"),
        "assumptions.growth.meen",
        "unknown key 'meen'; did you mean 'mean'?",
    )


def test_unknown_top_level_key(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("scenario_files:", "scenario_file:")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "scenario_file:"),
        "scenario_file",
        "did you mean 'scenario_files'?",
    )


def test_missing_key(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("  company: Test Co\n", "")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "thesis:"),
        "thesis",
        "missing required key 'company'",
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "    value: 27.4\n",
            '    value: "27.4"\n',
            "assumptions.market_2021.value",
            "expected a number, got the string '27.4'",
        ),
        (
            "    value: 27.4\n",
            "    value: 35.8%\n",
            "assumptions.market_2021.value",
            "write percentages as fractions (0.358)",
        ),
        (
            "    value: 2320\n",
            "    value: 2,320.5\n",
            "assumptions.mcap_hkd.value",
            "write the number without thousands separators (2320.5)",
        ),
        (
            "    value: 27.4\n",
            "    value: true\n",
            "assumptions.market_2021.value",
            "expected a number, got true",
        ),
        (
            "    value: 27.4\n",
            "    value: [1, 2]\n",
            "assumptions.market_2021.value",
            "expected a number, got a list",
        ),
        (
            "    value: 27.4\n",
            "    value: .inf\n",
            "assumptions.market_2021.value",
            "NaN and infinity are not valid inputs",
        ),
        (
            "    value: 27.4\n",
            "    value: .nan\n",
            "assumptions.market_2021.value",
            "NaN and infinity are not valid inputs",
        ),
        (
            '    label: "China cloud spending, 2021"\n',
            "    label: 2021\n",
            "assumptions.market_2021.label",
            "expected text, got the number 2021",
        ),
        (
            "  as_of: 2025-11-27\n",
            "  as_of: 27/11/2025\n",
            "thesis.as_of",
            "expected a date written as YYYY-MM-DD",
        ),
        (
            "horizon: {first: 2025, last: 2030}",
            "horizon: {first: 2025, last: soon}",
            "thesis.horizon.last",
            "expected a year such as 2025",
        ),
        (
            "    repeatable: false\n",
            "    repeatable: 0\n",
            "events.crackdown.repeatable",
            "expected true or false, got the number 0",
        ),
        (
            "    rho: 0.3\n",
            "    rho: {value: 0.3}\n",
            "correlations[0].rho",
            "expected a number, got a mapping",
        ),
    ],
)
def test_wrong_types(thesis_copy: ThesisCopy, old: str, new: str, field: str, words: str) -> None:
    text = thesis_copy.edit(old, new)
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, new.strip().split("\n")[0]),
        field,
        words,
    )


def test_yaml_11_boolean_no(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    repeatable: false\n", "    repeatable: NO\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "repeatable: NO"),
        "events.crackdown.repeatable",
        "got the string 'NO'; YAML 1.1 would read it as false; write true/false",
    )


def test_yaml_11_yes_where_number_expected(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 0.8\n", "    value: yes\n")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "value: yes"),
        "assumptions.pe_multiplier.value",
        "YAML 1.1 would read it as true",
    )


def test_yaml_12_exponent_is_a_number(thesis_copy: ThesisCopy) -> None:
    # `1e3` is a string in YAML 1.1 (PyYAML's default) but a float in YAML 1.2.
    thesis_copy.edit("    value: 180000\n", "    value: 1.8e5\n")
    assert load_thesis(thesis_copy.path).assumptions["models"].value == 180000.0


def test_several_problems_report_the_first_in_file_order(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("    value: 27.4\n", "    value: abc\n")
    thesis_copy.edit("    value: 85\n", "    value: xyz\n")
    err = fail_load(thesis_copy)
    assert err.line == line_of(text, "value: abc")
    assert "(and 1 more problem)" in str(err)
