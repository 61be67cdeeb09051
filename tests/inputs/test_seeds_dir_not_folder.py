"""``seeds_dir:`` naming a file or a pipe says it is not a folder, not that it is missing."""

from __future__ import annotations

import os

import pytest

from .conftest import ThesisCopy, fail_load


@pytest.mark.parametrize("kind", ["file", "pipe", "missing"])
def test_seeds_dir_that_is_no_folder(thesis_copy: ThesisCopy, kind: str) -> None:
    target = thesis_copy.root / "odd"
    if kind == "file":
        target.write_text("not a folder\n", encoding="utf-8")
    elif kind == "pipe":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(target)
    thesis_copy.edit("seeds_dir: seeds", "seeds_dir: odd")
    err = fail_load(thesis_copy)
    text = str(err)
    assert err.line == 3 and err.field == "seeds_dir", text
    if kind == "missing":
        assert "folder not found" in text and "odd" in text, text
    else:
        assert "odd is not a folder" in text and "not found" not in text, text
