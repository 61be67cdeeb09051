"""The cash warnings find the lines an expression reads with the one function the line model
gives for it, not each with a copy of its own under another name."""

from __future__ import annotations

import ast
import inspect
from types import ModuleType

import pytest

from model.valuation.finance import idle_cash
from model.valuation.legs import central_warnings


@pytest.mark.parametrize("module", [idle_cash, central_warnings])
def test_the_warnings_call_lines_read_itself(module: ModuleType) -> None:
    tree = ast.parse(inspect.getsource(module))
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "lines_read" in called
    assert not {"_reads", "lines_read"} & defined
