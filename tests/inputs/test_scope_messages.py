"""What the read-scope error says: the path as it leads, and a link only when there is one.

``seeds_dir: ../..`` used to be reported as leaving the tree "through a symbolic link", and
with the ``..`` left in the path shown.
"""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import ThesisCopy, assert_at, fail_load, line_of


def test_a_dotdot_path_is_not_called_a_link(thesis_copy: ThesisCopy) -> None:
    outside = thesis_copy.root.parent
    text = thesis_copy.edit("seeds_dir: seeds", "seeds_dir: ../..")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "seeds_dir"), "seeds_dir", "outside")
    assert "symbolic link" not in str(err)
    assert f"seeds_dir {outside.parent} is outside" in str(err), str(err)


def test_a_link_out_of_the_tree_is_still_called_a_link(
    thesis_copy: ThesisCopy, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, thesis_copy.root / "docs")
    text = thesis_copy.edit("seeds_dir: seeds", "seeds_dir: ./sub/../docs")
    (thesis_copy.root / "sub").mkdir()
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "seeds_dir"), "seeds_dir", "outside")
    assert "through a symbolic link to" in str(err)
