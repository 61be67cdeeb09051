"""A seed document that exists but is no regular file (a named pipe, a folder) is named as
such at its ``doc:`` field, not reported as an unknown seed file, and a pipe is never opened."""

from __future__ import annotations

import os

import pytest

from .conftest import ThesisCopy, fail_load


@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_seed_that_is_no_regular_file(thesis_copy: ThesisCopy, kind: str) -> None:
    target = thesis_copy.root / "seeds" / "odd.txt"
    if kind == "pipe":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(target)
    else:
        target.mkdir()
    thesis_copy.edit(
        'source: {doc: article.txt, quote: "the stock reached a peak of 129.5 HKD"}',
        'source: {doc: odd.txt, quote: "the stock reached a peak of 129.5 HKD"}',
    )
    err = fail_load(thesis_copy)
    text = str(err)
    assert err.line == 14, text
    assert err.field is not None and err.field.endswith("doc"), text
    assert "odd.txt is not a regular file" in text, text
    assert "unknown seed file" not in text, text
