"""``thesis validate`` warns once about assumptions nothing uses, with -q too."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from tests.inputs.test_unused_assumptions import fixed, write


@pytest.mark.parametrize("options", [[], ["-q"], ["--all-scenarios"], ["--scenario", "bear", "-q"]])
def test_validate_warns_once_even_when_quiet(
    tmp_path: Path, options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, add=fixed("dps_2025", "EUR/share", 1.2))
    line = path.read_text(encoding="utf-8").splitlines().index("  dps_2025:") + 1
    assert main(["validate", str(path), *options]) == 0
    out, err = capsys.readouterr()
    assert f"warning: {path}:{line}: assumption 'dps_2025' is not used by the model" in err
    assert err.count("not used by the model") == 1
    assert ("OK: " in out) is ("-q" not in options)


def test_validate_says_nothing_when_all_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(write(tmp_path))]) == 0
    assert "not used" not in capsys.readouterr().err
