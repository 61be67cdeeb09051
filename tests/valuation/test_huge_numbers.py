"""A number far beyond any figure of a company is refused at its line, before any run.

``value: 1e200`` (a scale slip) passed ``validate``; ``run`` then failed (exit 1, no file or
line) saying the output was "NaN or infinite", and ``1e308`` was blamed on the model section
("values per share must be finite").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _copy(tmp_path: Path, number: str) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    found = re.search(r"^  sales_\d{4}:\n(?:    .*\n)*?    value: (\S+)\n", text, re.M)
    assert found is not None
    start, stop = found.span(1)
    text = text[:start] + number + text[stop:]
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text[:start].count("\n") + 1


@pytest.mark.parametrize("number", ["1e200", "1.0e+308", "-1e150"])
@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_huge_value_is_bad_input_at_its_line(tmp_path, capsys, number, command):
    path, line = _copy(tmp_path, number)
    extra = ["--paths", "1000", "--seed", "1", "--no-progress"] if command == "run" else []
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(rf"thesis\.yaml:{line}: assumptions\.sales_\d{{4}}\.value: ", err), err
    assert "beyond ±1e+100" in err


def test_a_large_but_real_figure_still_runs(tmp_path):
    path, _ = _copy(tmp_path, "4.5e13")  # a large company's sales in whole yen
    assert main(["validate", str(path), "-q"]) == 0
