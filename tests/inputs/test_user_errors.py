"""Every user error exits 2 with one line naming file:line and field, whatever the bytes.

Reproductions of the hostile-input report (a binary or control-character file, an integer
too large for a float, overflow in unit scaling, a deep chain of derived values) and the
classes found next to them.
"""

from __future__ import annotations

import pytest

from model.cli.main import main
from model.errors import MAX_MESSAGE_CHARS, ThesisError, excerpt
from model.inputs import load_thesis

from .conftest import ThesisCopy, assert_at, fail_load, line_of

BUYBACK = (
    'unit: USD bn\n    value: 0.241\n    source: {doc: article.txt, quote: "after repurchasing '
    '$241 million in Q3 2025"}'
)


def _cli_error(copy: ThesisCopy, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", str(copy.path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("byte", [b"\x00", b"\x07", b"\x1b", b"\x7f"])
def test_control_characters(
    thesis_copy: ThesisCopy, capsys: pytest.CaptureFixture[str], byte: bytes
) -> None:
    raw = thesis_copy.path.read_bytes()
    at = raw.index(b"company")
    thesis_copy.path.write_bytes(raw[:at] + byte + raw[at:])
    line = raw[:at].count(b"\n") + 1
    err = _cli_error(thesis_copy, capsys)
    assert f"minimal.yaml:{line}: control character U+{byte[0]:04X}" in err


def test_a_binary_file(thesis_copy: ThesisCopy, capsys: pytest.CaptureFixture[str]) -> None:
    thesis_copy.path.write_bytes(bytes(range(256)) * 4)
    assert "not valid UTF-8" in _cli_error(thesis_copy, capsys)


@pytest.mark.parametrize("digits", [400, 401, 5000])
def test_integer_literals_too_large_for_a_float(thesis_copy: ThesisCopy, digits: int) -> None:
    text = thesis_copy.edit("value: 2320", "value: 9" + "9" * (digits - 1))
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "value: 999"), None, "too large")
    assert err.field and err.field.startswith("assumptions.mcap_hkd")


def test_hex_literal_too_large(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("value: 2320", "value: 0x" + "f" * 500)
    assert "too large" in str(fail_load(thesis_copy))


@pytest.mark.parametrize("literal", [".nan", ".inf", "-.inf", "nan", "1e999"])
def test_nan_and_inf_where_numbers_are_expected(thesis_copy: ThesisCopy, literal: str) -> None:
    text = thesis_copy.edit("value: 2320", f"value: {literal}")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, f"value: {literal}"), "assumptions.mcap_hkd.value")
    assert "finite" in str(err)


def test_integer_too_large_in_an_expression(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('derived: "buyback_q3"', 'derived: "buyback_q3 * 1' + "0" * 400 + '"')
    err = fail_load(thesis_copy)
    assert_at(
        err, "minimal.yaml", line_of(text, "buyback_q3 * 1"), "assumptions.buyback_usd_m.derived"
    )
    assert "too large for a float" in str(err) and len(str(err)) < 700


def test_overflow_in_unit_scaling(thesis_copy: ThesisCopy) -> None:
    # 1e300 USD tn would be 1e312 USD, beyond any float; the number itself is far past any
    # figure of a company, so it is refused at its own line before any conversion.
    text = thesis_copy.edit(
        BUYBACK, 'unit: USD tn\n    value: 1e300\n    source: {estimate: "absurd on purpose"}'
    )
    thesis_copy.edit(
        'unit: USD m\n    derived: "buyback_q3"', 'unit: USD\n    derived: "buyback_q3"'
    )
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "value: 1e300"), None)
    assert "beyond ±1e+100" in str(err) and "1e+300" in str(err)


def test_overflow_of_a_derived_value_is_at_its_line(thesis_copy: ThesisCopy) -> None:
    # A derived value of finite inputs beyond the largest float: at the derived line.
    text = thesis_copy.edit(
        'unit: USD m\n    derived: "buyback_q3"',
        'unit: USD m\n    derived: "buyback_q3 * 1e90 * 1e90 * 1e90 * 1e90"',
    )
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, 'derived: "buyback_q3 * 1e90'), None)
    assert "beyond the largest number a float holds" in str(err)


def test_overflow_at_the_centre_of_a_distribution(thesis_copy: ThesisCopy) -> None:
    dist = "unit: USD tn\n    dist: normal\n    mean: 1e300\n    sd: 1e299\n"
    thesis_copy.edit(BUYBACK, dist + '    source: {estimate: "an absurd size on purpose"}')
    thesis_copy.edit(
        'unit: USD m\n    derived: "buyback_q3"', 'unit: USD\n    derived: "buyback_q3"'
    )
    message = str(fail_load(thesis_copy))
    assert "assumptions.buyback_q3: the central value 1e+300 USD tn is beyond ±1e+100" in message


def _chain(n: int, reverse: bool) -> str:
    rows = [f'  c{i}:\n    unit: "1"\n    derived: "c{i - 1} + 1"\n' for i in range(1, n)]
    if reverse:
        rows.reverse()
    return (
        "".join(rows)
        + '  c0:\n    unit: "1"\n    value: 1\n    source: {estimate: "a start value"}\n'
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_a_deep_chain_of_derived_values(thesis_copy: ThesisCopy, reverse: bool) -> None:
    n = 1500  # deeper than Python's recursion limit (1000)
    thesis_copy.edit("\nassumptions:\n", "\nassumptions:\n" + _chain(n, reverse))
    thesis = load_thesis(thesis_copy.path)
    assert thesis.central_values()[f"c{n - 1}"] == n
    order = thesis.derived_order
    assert order.index("c1") < order.index(f"c{n - 1}")


def test_a_long_cycle_is_named_briefly(thesis_copy: ThesisCopy) -> None:
    rows = "".join(f'  k{i}:\n    unit: "1"\n    derived: "k{(i + 1) % 500}"\n' for i in range(500))
    thesis_copy.edit("\nassumptions:\n", "\nassumptions:\n" + rows)
    msg = str(fail_load(thesis_copy))
    assert "circular derived definitions: k0 -> k1" in msg and "more)" in msg
    assert len(msg) < 300


def test_messages_stay_one_short_line(thesis_copy: ThesisCopy) -> None:
    # A key of 100,000 characters, a unit of 12,000: the message quotes an excerpt.
    name = "a" * 100_000
    thesis_copy.edit(
        "\nassumptions:\n", f'\nassumptions:\n  {name}:\n    unit: "1"\n    value: 1\n'
    )
    msg = str(fail_load(thesis_copy))
    assert len(msg) <= MAX_MESSAGE_CHARS + 500 and "\n" not in msg
    thesis_copy.edit(f"  {name}:\n", "  ok_name:\n")
    thesis_copy.edit('ok_name:\n    unit: "1"', 'ok_name:\n    unit: "' + "USD/" * 3000 + 'USD"')
    msg = str(fail_load(thesis_copy))
    assert "unknown unit" in msg and len(msg) < 400


def test_excerpt() -> None:
    assert excerpt("short") == "short"
    assert excerpt("x" * 100, 20) == "x" * 17 + "..."
    assert excerpt("a\x00b\nc") == "a?b c"
    err = ThesisError("m" * 5000, file="f.yaml", line=3, field="f" * 500)
    assert len(str(err)) < MAX_MESSAGE_CHARS + 200 and str(err).startswith("f.yaml:3: fff")


@pytest.mark.parametrize("escape", ["\\ud800", "\\0", "\\x1b"])
def test_escapes_that_make_non_text(thesis_copy: ThesisCopy, escape: str) -> None:
    # Printing a lone surrogate would fail later, in the middle of the output.
    text = thesis_copy.edit('name: "Test thesis"', f'name: "Test {escape} thesis"')
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "name: "), "thesis.name", "not text")


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ("dist: normal\n    mean: 0.05\n    sd: 1e308", "beyond the largest float"),
        ("dist: lognormal\n    median: 1\n    sigma: 1e300", "beyond the largest float"),
        ("dist: discrete\n    values: [1, 2]\n    probs: [1e308, 1e308]", "too large to compute"),
    ],
)
def test_distributions_whose_numbers_overflow(
    thesis_copy: ThesisCopy, params: str, words: str
) -> None:
    text = thesis_copy.edit(
        "dist: normal\n    mean: 0.05\n    sd: 0.04", params.replace("0.05", "0.05", 1)
    )
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "  growth:"), "assumptions.growth", words)
