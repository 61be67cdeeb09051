"""The package type-checks: ``mypy`` (configured in ``pyproject.toml``) is clean on ``model/``.

The checker's verdict depends on the type information the libraries ship, so this runs with the
versions the dev extra installs; the run against the oldest supported versions leaves it out
(marker ``typecheck``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.typecheck


def test_mypy_is_clean_on_the_package() -> None:
    if subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.fail("mypy is not installed: install the project with its dev extra")
    done = subprocess.run(
        [sys.executable, "-m", "mypy"],  # files and options from [tool.mypy]
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_the_lazy_exports_are_spelled_out_for_type_checkers() -> None:
    # model/__init__.py resolves its public names lazily; the TYPE_CHECKING imports must name
    # the same objects from the same modules, or editors and mypy see a different API.
    import ast

    import model

    tree = ast.parse((ROOT / "model" / "__init__.py").read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in ast.walk(node):
                if isinstance(imp, ast.ImportFrom) and imp.module:
                    for alias in imp.names:
                        typed[alias.asname or alias.name] = imp.module
    assert set(typed) == set(model._EXPORTS)
    for name, module in typed.items():
        lazy = getattr(model, name)
        assert lazy is getattr(__import__(module, fromlist=[name]), name), name


def test_the_package_ships_its_type_marker() -> None:
    assert (ROOT / "model" / "py.typed").is_file()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    data = next(line for line in text.splitlines() if line.startswith("model = ["))
    assert '"py.typed"' in data
