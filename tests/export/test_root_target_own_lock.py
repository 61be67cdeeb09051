"""A refused export target that is a root folder lists the user's files, not the toolkit's lock.

A root is its own parent, so the lock of ``--out /`` (``..lock``) is created inside it while
the target is checked; the refusal must not name it as something the user put there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model._files import target_lock
from model._folders import check_folder_target
from model.errors import ExportError

ROOT = Path(os.path.abspath(os.sep))


@pytest.mark.skipif(not os.access(ROOT, os.W_OK), reason="the lock needs a writable root")
def test_root_refusal_leaves_out_own_lock() -> None:
    with target_lock(ROOT, str(ROOT)), pytest.raises(ExportError) as caught:
        check_folder_target(str(ROOT), True)
    message = str(caught.value)
    assert "refusing to replace" in message
    assert "..lock" not in message
