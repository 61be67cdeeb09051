"""A refused export target whose lock lies inside it lists the user's files, not the lock.

A root is its own parent, so the lock of ``--out /`` (``..lock``) is created inside it while
the target is checked; the refusal must not name it as something the user put there. The
test puts a folder in the root's place (its lock inside it, as for ``/``) rather than write
into the machine's own root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model._files as files
import model._folders as folders
from model.errors import ExportError


def _inside(target: Path) -> Path:
    """Where a root's lock lies: inside the target, named as ``target_lock`` names it."""
    return target / "..lock"


def test_a_lock_inside_the_target_is_not_listed_as_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(files, "lock_path", _inside)
    monkeypatch.setattr(folders, "lock_path", _inside)
    with files.target_lock(root, str(root)), pytest.raises(ExportError) as caught:
        assert (root / "..lock").exists()  # the lock really is inside the target
        folders.check_folder_target(str(root), True)
    message = str(caught.value)
    assert "refusing to replace" in message
    assert "notes.txt" in message
    assert "..lock" not in message
    assert not (root / "..lock").exists()  # and it is gone once released


def test_a_root_folder_s_lock_lies_inside_it() -> None:
    root = Path("/").resolve()
    assert files.lock_path(root) == root / "..lock"
