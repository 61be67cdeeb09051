"""A file given by mistake (a copy of a binary, a passwd-like text) is named, with what was
expected, but nothing of its content is printed: for the thesis itself and for the files that
update, backtest and attribute read beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

MARK = "zq7secretmark"


def _passwd_like(folder: Path) -> Path:
    path = folder / "accounts.txt"
    lines = [f"{MARK}{i}:x:{i}:{i}:{MARK}:/home/{MARK}:/bin/sh" for i in range(3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "program.bin"
    path.write_bytes(b"\x7fELF" + MARK.encode() + b"\xff\xfe\x00" + MARK.encode())
    return path


def _list(folder: Path) -> Path:
    path = folder / "items.yaml"
    path.write_text(f"- {MARK}\n- {MARK}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_passwd_like, _binary, _list])
@pytest.mark.parametrize(
    ("command", "flag", "expected"),
    [
        ("update", "--evidence", "evidence file"),
        ("backtest", "--realised", "realised values"),
        ("attribute", "--from", "thesis file"),
        ("validate", None, "thesis file"),
    ],
)
def test_wrong_file_is_named_not_echoed(
    vintage_pair, capsys, make, command, flag, expected
) -> None:
    _, new = vintage_pair
    wrong = make(new.parent)
    args = [command, str(new), flag, str(wrong)] if flag else [command, str(wrong)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert MARK not in err
    assert wrong.name in err
    assert "expected" in err
    if make is not _binary:  # a binary says it is not text whatever was asked for
        assert expected in err
