"""The error messages the README shows for two slips in the Alibaba thesis are the ones
``thesis validate`` prints, line numbers included."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Each slip: the field's text in the file as shipped, and as the README's example has it.
SLIPS = {
    "sd": ("    sd: 0.02\n", "    sd: -0.02\n"),
    "source.quote": ("    mean: 0.358\n", "    mean: 0.385\n"),
}


def _shown(field: str) -> str:
    """The README's error line for a field of alibaba_ai_cloud_share, on one line."""
    text = " ".join(README.split())  # the README wraps the second example over two lines
    where = r"error: assumptions/alibaba\.yaml:\d+: assumptions\.alibaba_ai_cloud_share\."
    pattern = rf"`({where}{re.escape(field)}: [^`]*)`"
    found = re.search(pattern, text)
    assert found is not None, field
    return found.group(1)


@pytest.mark.parametrize("field", sorted(SLIPS))
def test_readme_error_example_is_printed_as_shown(
    field: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    thesis = tmp_path / "assumptions" / "alibaba.yaml"
    text = thesis.read_text(encoding="utf-8")
    start = text.index("  alibaba_ai_cloud_share:\n")
    end = text.index("\n  ", text.index("    source:\n", start) + 40)  # past the quote
    before, after = SLIPS[field]
    assert text.count(before, start, end) == 1
    thesis.write_text(
        text[:start] + text[start:end].replace(before, after) + text[end:], encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "-q", "assumptions/alibaba.yaml"]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors == [_shown(field)]
