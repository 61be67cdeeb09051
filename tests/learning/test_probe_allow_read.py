"""--allow-read covers every file a thesis names, read when loading or later (previous:)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.errors import ThesisError
from model.inputs.assembly.evidence import previous_vintage
from model.inputs.assembly.thesis import load_thesis

OLD = {"as_of": "2022-06-30", "first": 2022, "last": 2026, "price": 100}


@pytest.fixture
def outside_previous(tmp_path: Path, write_vintage) -> tuple[Path, Path]:
    """A thesis in its own folder whose previous: vintage lies in a sibling folder."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    write_vintage(tmp_path / "old" / "example-2022.yaml", **OLD)
    new = write_vintage(
        tmp_path / "new" / "example.yaml", extra_top="previous: ../old/example-2022.yaml"
    )
    return new, tmp_path / "old"


def test_previous_outside_the_tree_is_refused(outside_previous, capsys) -> None:
    new, _ = outside_previous
    assert main(["validate", str(new)]) == 2
    assert "outside the thesis folder tree" in capsys.readouterr().err


def test_allow_read_lets_validate_read_the_previous_vintage(outside_previous, capsys) -> None:
    new, old = outside_previous
    assert main(["validate", str(new), "--allow-read", str(old), "-q"]) == 0, (
        capsys.readouterr().err
    )


def test_the_loaded_thesis_keeps_its_allowed_folders(outside_previous) -> None:
    new, old = outside_previous
    thesis = load_thesis(new, allow_read=[old])
    found = previous_vintage(thesis)
    assert found is not None and found.resolve() == (old / "example-2022.yaml").resolve()
    with pytest.raises(ThesisError, match="outside the thesis folder tree"):
        load_thesis(new)
