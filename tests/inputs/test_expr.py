"""The expression language: parsing, whitelist, evaluation on arrays, units and years."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ExpressionError
from model.inputs.expressions.expr import BOOLEAN, compile_expression
from model.inputs.units import UnitError, parse_unit

U = parse_unit
YEARS = (2025, 2026, 2027, 2028, 2029, 2030)


def test_cagr_on_arrays() -> None:
    e = compile_expression("(market_2026 / market_2021) ** (1/5) - 1")
    assert e.names == ("market_2026", "market_2021")
    out = e.evaluate({"market_2026": np.array([85.0, 90.0]), "market_2021": np.array([27.4, 27.4])})
    assert out == pytest.approx([(85 / 27.4) ** 0.2 - 1, (90 / 27.4) ** 0.2 - 1])
    assert e.unit({"market_2026": U("USD bn"), "market_2021": U("USD bn")}).dimensionless


def test_statement_with_years_and_chained_logic() -> None:
    e = compile_expression("ai_cloud_share[2030] > 0.30 and exit_pe >= 27.8")
    assert e.is_statement and e.per_year_names == ("ai_cloud_share",)
    share = np.tile(np.array([[0.35], [0.25], [0.4]]), (1, 6))
    out = e.evaluate({"ai_cloud_share": share, "exit_pe": np.array([30.0, 30.0, 20.0])}, YEARS)
    assert out.dtype == bool and out.tolist() == [True, False, False]
    units = {"ai_cloud_share": U("share"), "exit_pe": U("x")}
    assert e.unit(units) is BOOLEAN


def test_chained_comparison_not_and_conditional() -> None:
    x = np.array([0.1, 0.3, 0.4, 0.5])
    assert compile_expression("0.2 < x <= 0.4").evaluate({"x": x}).tolist() == [
        False,
        True,
        True,
        False,
    ]
    assert compile_expression("not x > 0.2").evaluate({"x": x}).tolist() == [
        True,
        False,
        False,
        False,
    ]
    out = compile_expression("x * 2 if x > 0.35 else -x").evaluate({"x": x})
    assert out.tolist() == pytest.approx([-0.1, -0.3, 0.8, 1.0])
    flag = np.array([1.0, 0.0, 1.0, 0.0])
    assert compile_expression("flag or x > 0.45").evaluate({"flag": flag, "x": x}).tolist() == [
        True,
        False,
        True,
        True,
    ]


def test_functions() -> None:
    a, b = np.array([0.5, 5.0]), np.array([4.0, 1.0])
    vals = {"a": a, "b": b}
    assert compile_expression("max(a, b, 3)").evaluate(vals).tolist() == [4.0, 5.0]
    assert compile_expression("min(a, b)").evaluate(vals).tolist() == [0.5, 1.0]
    assert compile_expression("clip(a, 1, 2)").evaluate(vals).tolist() == [1.0, 2.0]
    assert compile_expression("abs(-a) + sqrt(b)").evaluate(vals).tolist() == [2.5, 6.0]
    assert compile_expression("exp(log(b))").evaluate(vals) == pytest.approx(b)


def test_static_and_per_year_inputs_broadcast() -> None:
    rev = np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 4.0]])
    g = np.array([10.0, 20.0])
    e = compile_expression("rev - rev[2025] + g")
    out = e.evaluate({"rev": rev, "g": g}, years=(2025, 2026, 2027))
    assert out.tolist() == [[10.0, 11.0, 12.0], [20.0, 21.0, 22.0]]
    out = compile_expression("rev[2027] > g / 5").evaluate({"rev": rev, "g": g}, (2025, 2026, 2027))
    assert out.tolist() == [True, False]


def test_scales_are_converted_when_units_are_given() -> None:
    e = compile_expression("a + b")
    units = {"a": U("USD bn"), "b": U("USD m")}
    assert e.evaluate({"a": np.array([1.0]), "b": np.array([500.0])}, units=units) == [1.5]
    assert e.unit(units) == U("USD bn")
    f = compile_expression("a > b")
    assert f.evaluate({"a": np.array([1.0]), "b": np.array([900.0])}, units=units).tolist() == [
        True
    ]
    # a bare number takes the unit of what it is compared with
    assert compile_expression("a > 200").unit({"a": U("USD bn")}) is BOOLEAN
    # a dimensionless ratio at a non-unit scale is converted before a fractional power
    g = compile_expression("(a / b) ** 0.5")
    out = g.evaluate({"a": np.array([1.0]), "b": np.array([4.0])}, units=units)
    assert out == pytest.approx([np.sqrt(250.0)])
    fx = compile_expression("usd * rate")
    assert fx.unit({"usd": U("USD bn"), "rate": U("RMB/USD")}) == U("RMB bn")


@pytest.mark.parametrize(
    ("text", "units", "words"),
    [
        (
            "a + b",
            {"a": "USD bn", "b": "RMB bn"},
            "cannot add USD bn to RMB bn: convert through an FX assumption: RMB into USD is "
            "multiplying by a USD/RMB rate",
        ),
        ("a < b", {"a": "USD bn", "b": "%"}, "cannot compare USD bn with %"),
        ("a ** g", {"a": "USD bn", "g": "%"}, "whole-number power"),
        ("a ** b", {"a": "%", "b": "USD bn"}, "exponent must be a pure number"),
        ("log(a)", {"a": "USD bn"}, "log() needs a pure number"),
        ("a and b", {"a": "USD bn", "b": "%"}, "need true/false values"),
        ("max(a, b)", {"a": "HKD", "b": "USD"}, "cannot mix HKD and USD"),
    ],
)
def test_unit_errors(text: str, units: dict[str, str], words: str) -> None:
    e = compile_expression(text)
    with pytest.raises(UnitError) as info:
        e.unit({k: U(v) for k, v in units.items()})
    assert words in str(info.value)
    assert repr(text) in str(info.value)
    assert isinstance(info.value, ExpressionError)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a +* b", "invalid syntax at column"),
        ("a.b", "attribute access ('.') is not allowed"),
        ("__import__('os').system('x')", "not allowed"),
        ("a % 3", "the operator '%' is not allowed"),
        ("a // 3", "'//'"),
        ("a & b", "use 'and'"),
        ("mx(a, b)", "did you mean 'max'?"),
        ("max(a, key=b)", "keyword arguments"),
        ("abs(a, b)", "abs() takes 1 argument(s), got 2"),
        ("'text'", "a string is not allowed"),
        ("[a, b]", "a list is not allowed"),
        ("lambda: 1", "'lambda' is not allowed"),
        ("a[b]", "an index other than a year"),
        ("(a for a in b)", "a comprehension is not allowed"),
        ("a is b", "comparison"),
        ("", "an expression is required"),
        ("(" * 300 + "a" + ")" * 300, "nested"),
    ],
)
def test_disallowed_and_malformed(text: str, words: str) -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression(text)
    assert words in str(info.value)


def test_syntax_error_reports_column() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression("a + * b")
    assert "column 5" in str(info.value)


def test_unknown_name_suggests() -> None:
    e = compile_expression("ai_clod_share * 2")
    with pytest.raises(ExpressionError) as info:
        e.unit({"ai_cloud_share": U("%")})
    assert "unknown name 'ai_clod_share'" in str(info.value)
    assert "did you mean 'ai_cloud_share'?" in str(info.value)
    with pytest.raises(ExpressionError, match="did you mean 'ai_cloud_share'"):
        e.evaluate({"ai_cloud_share": np.array([1.0])})


def test_years_outside_horizon_and_static_indexing() -> None:
    e = compile_expression("x[2035] > 1")
    with pytest.raises(ExpressionError, match=r"year 2035 .* outside the horizon 2025-2030"):
        e.check_years(YEARS)
    with pytest.raises(ExpressionError, match="not a per-year quantity"):
        compile_expression("x[2030]").evaluate({"x": np.ones(3)}, YEARS)
    with pytest.raises(ExpressionError, match="needs the model years"):
        compile_expression("x[2030]").evaluate({"x": np.ones((3, 6))})


def test_compile_bakes_in_a_factor() -> None:
    e = compile_expression("a * b")
    fn = e.compile({"a": U("USD bn"), "b": U("share")}, factor=1000.0)
    assert fn({"a": np.array([85.0]), "b": np.array([0.5])}) == pytest.approx([42500.0])


def test_no_eval_is_reachable() -> None:
    # Names are data, never Python objects: a name like __builtins__ is just an unknown input.
    e = compile_expression("__builtins__ + 1")
    with pytest.raises(ExpressionError, match="unknown name"):
        e.evaluate({})


# -- undefined paths -----------------------------------------------------------------------------

A = np.array([1.0, 1.0, 0.0, 2.0])
B = np.array([0.0, 1.0, 0.0, 2.0])


def test_division_by_zero_is_nan_and_counted() -> None:
    e = compile_expression("a / b")
    out = e.evaluate({"a": A, "b": B})
    assert np.isnan(out[[0, 2]]).all() and out[[1, 3]].tolist() == [1.0, 1.0]
    result = e.evaluate_checked({"a": A, "b": B})
    assert result.undefined.tolist() == [True, False, True, False]
    assert result.n_undefined == 2 and result.n_paths == 4


def test_statement_on_a_division_by_zero_is_unknown_not_false() -> None:
    result = compile_expression("a / b > 0.5").evaluate_checked({"a": A, "b": B})
    assert result.values.dtype == bool
    assert result.values.tolist() == [False, True, False, True]
    assert result.undefined.tolist() == [True, False, True, False]
    # evaluate() keeps its signature and result type; unknown paths read False
    assert compile_expression("a / b > 0.5").evaluate({"a": A, "b": B}, None, None).tolist() == [
        False,
        True,
        False,
        True,
    ]


@pytest.mark.parametrize(
    ("text", "values", "unknown"),
    [
        # a known false operand decides 'and', a known true one decides 'or'
        ("a / b > 0.5 and a > 1.5", [False, False, False, True], [False, False, False, False]),
        ("a / b > 0.5 or a > 0.5", [True, True, False, True], [False, False, True, False]),
        ("not a / b > 0.5", [False, False, False, False], [True, False, True, False]),
        # only the branch taken counts
        ("a / b if b != 0 else 0", [0.0, 1.0, 0.0, 1.0], [False, False, False, False]),
        ("a / b > 0 if b != 0 else false", [False, True, False, True], [False] * 4),
        ("0.2 < a / b <= 1", [False, True, False, True], [True, False, True, False]),
    ],
)
def test_three_valued_logic(text: str, values: list, unknown: list[bool]) -> None:
    result = compile_expression(text).evaluate_checked({"a": A, "b": B})
    assert result.values.tolist() == values
    assert result.undefined.tolist() == unknown


@pytest.mark.parametrize(
    ("text", "undefined"),
    [
        ("log(a)", [False, False, True, False]),
        ("sqrt(a - 1.5)", [True, True, True, False]),
        ("(a - 1.5) ** 0.5", [True, True, True, False]),
        ("max(a / b, 1)", [True, False, True, False]),
        ("abs(a - b)", [False] * 4),
    ],
)
def test_functions_outside_their_domain_are_undefined(text: str, undefined: list[bool]) -> None:
    result = compile_expression(text).evaluate_checked({"a": A, "b": B})
    assert result.undefined.tolist() == undefined
    assert np.isnan(result.values[result.undefined]).all()
    assert np.isfinite(result.values[~result.undefined]).all()


def test_per_year_undefined_paths() -> None:
    x = np.array([[1.0, 0.0, 2.0], [1.0, 1.0, 1.0]])
    result = compile_expression("s / x").evaluate_checked({"s": np.array([1.0, 2.0]), "x": x})
    assert result.undefined.shape == (2, 3)
    assert result.undefined_paths.tolist() == [True, False] and result.n_undefined == 1


def test_compiled_expression_raises_naming_the_assumption() -> None:
    import pickle

    fn = compile_expression("a / b").compile({"a": U("USD bn"), "b": U("1")}, name="ratio")
    assert fn({"a": A[1:2], "b": B[1:2]}).tolist() == [1.0]
    for f in (fn, pickle.loads(pickle.dumps(fn))):
        with pytest.raises(ExpressionError) as info:
            f({"a": A, "b": B})
        assert str(info.value).startswith(
            "derived 'ratio': 'a / b' is undefined on 2 of 4 paths (first on path 0: a = 1, b = 0)"
        )


def test_expressions_are_parsed_one_at_a_time_across_threads(monkeypatch):
    # CPython 3.11 tracks the depth of the tree being converted in state shared by every
    # thread: two parses at once can fail with a SystemError, so they must not overlap.
    import ast
    import threading
    import time

    from model.inputs.expressions import expr as expr_module

    inside, overlaps = [0], []
    real_parse = ast.parse

    def slow_parse(*args, **kwargs):
        inside[0] += 1
        overlaps.append(inside[0])
        time.sleep(0.01)
        inside[0] -= 1
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(expr_module.ast, "parse", slow_parse)

    def compile_five(k):
        for i in range(5):  # texts of their own: a text compiled before is not parsed again
            compile_expression(f"a * b + {10 * k + i}")

    threads = [threading.Thread(target=compile_five, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(overlaps) == 15 and max(overlaps) == 1


def test_one_text_is_compiled_once_and_its_unit_checks_follow_the_units(monkeypatch):
    from model.inputs.expressions import expr as expr_module

    first = compile_expression("cloud_rev   +  other_rev")
    assert compile_expression("cloud_rev + other_rev") is first  # the same text, the same object
    assert compile_expression("cloud_rev + other_rev", lines=True) is not first
    vals = {"cloud_rev": np.array([2.0]), "other_rev": np.array([500.0])}
    bn_m = {"cloud_rev": parse_unit("USD bn"), "other_rev": parse_unit("USD m")}
    m_m = {"cloud_rev": parse_unit("USD m"), "other_rev": parse_unit("USD m")}
    checks = []
    real = expr_module.UnitChecker

    def counted(*args):
        checks.append(args)
        return real(*args)

    monkeypatch.setattr(expr_module, "UnitChecker", counted)
    # the scale of each name is applied whichever plan was made first
    assert first.evaluate(vals, units=bn_m).tolist() == [2.5]
    assert first.evaluate(vals, units=m_m).tolist() == [502.0]
    assert first.evaluate(vals, units=bn_m).tolist() == [2.5]
    assert first.unit(m_m) == parse_unit("USD m")
    assert len(checks) == 2  # once per set of units, not once per use
    with pytest.raises(UnitError):
        first.unit({"cloud_rev": parse_unit("USD m"), "other_rev": parse_unit("RMB m")})
    with pytest.raises(ExpressionError, match="unknown name 'other_rev'"):
        first.unit({"cloud_rev": parse_unit("USD m")})
