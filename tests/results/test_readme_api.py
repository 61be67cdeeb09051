"""The README's Python API example runs, and runs again into the same folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def api_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Python API") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_api_example_runs_twice(tmp_path, monkeypatch):
    pytest.importorskip("openpyxl")
    pytest.importorskip("xarray")
    code = api_example()
    assert 'export("output/base", overwrite=True)' in code
    # Fewer paths (the example asks for production sizes); everything else as written.
    code = code.replace("n_paths=100_000", "n_paths=400")
    code = re.sub(r"(model\.(compare|blend)\(thesis\b.*?)\)", r"\1, n_paths=400)", code)
    code = code.replace('"assumptions/alibaba.yaml"', repr(str(ROOT / "assumptions/alibaba.yaml")))
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second run replaces the first run's export and workbook
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md", "exec"), namespace)
    assert (tmp_path / "output" / "base" / "manifest.json").is_file()
    assert (tmp_path / "output" / "base.xlsx").is_file()
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["base", "base.xlsx"]
