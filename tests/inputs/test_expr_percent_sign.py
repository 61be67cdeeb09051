"""An expression that writes a percentage with its sign (``share[2030] > 30%``) is refused
saying how to write it (``0.3``), not only "invalid syntax"; the operator ``%`` between two
numbers keeps its own message, and other syntax errors theirs."""

from __future__ import annotations

import pytest

from model.errors import ExpressionError
from model.inputs.expressions.expr import compile_expression


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("share[2030] > 30%", "(30% is 0.3)"),
        ("margin[2028] >= 17.5 % and sales[2028] > 1", "(17.5% is 0.175)"),
    ],
)
def test_a_percent_sign_is_explained(text, hint):
    with pytest.raises(ExpressionError) as info:
        compile_expression(text)
    message = str(info.value)
    assert message.startswith(f"invalid expression {text!r}: ")
    assert f"write percentages as fractions {hint}" in message


def test_other_syntax_errors_get_no_such_hint():
    with pytest.raises(ExpressionError) as info:
        compile_expression("share[2030] >")
    assert "percentages" not in str(info.value)
