"""``thesis attribute NEW --from -``: the older vintage is read from standard input, as ``-``
is for PATH; standard input is read once, so ``-`` for both is refused, and ``--from -`` with
nothing piped in says so rather than waiting or naming an unknown scenario."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "assumptions" / "alibaba.yaml"
OLD = ROOT / "assumptions" / "alibaba-2022.yaml"
FAST = ["--paths", "200", "--seed", "1", "--json"]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _rows(doc: object) -> list[dict]:
    # The table, whether the document is the list of rows or holds them by their CSV's name.
    return doc["attribution"] if isinstance(doc, dict) else doc  # type: ignore[return-value]


def test_from_dash_reads_the_older_vintage_from_stdin(monkeypatch, capsys):
    monkeypatch.chdir(OLD.parent)  # the piped thesis' relative paths resolve from here
    assert main(["attribute", str(NEW), "--from", str(OLD), *FAST]) == 0
    from_file = _rows(json.loads(capsys.readouterr().out))
    _stdin(monkeypatch, OLD.read_bytes())
    assert main(["attribute", str(NEW), "--from", "-", *FAST]) == 0
    captured = capsys.readouterr()
    from_stdin = _rows(json.loads(captured.out))
    # The same vintage, the same seed: the same split, group by group (the first step names
    # the vintage by its file, which standard input does not have).
    assert [r["step"] for r in from_stdin][1:] == [r["step"] for r in from_file][1:]
    for a, b in zip(from_stdin, from_file, strict=True):
        for key in ("median_change", "level_median"):
            assert (a[key] is None) == (b[key] is None)
            if a[key] is not None:
                assert a[key] == pytest.approx(b[key], rel=1e-12, abs=1e-12)
    assert "<stdin>" in from_stdin[0]["step"]
    assert "unknown scenario" not in captured.err


def test_dash_for_both_vintages_is_refused(monkeypatch, capsys):
    _stdin(monkeypatch, NEW.read_bytes())
    assert main(["attribute", "-", "--from", "-", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read once" in err and "--from" in err


def test_from_dash_with_nothing_piped_says_so(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    assert main(["attribute", str(NEW), "--from", "-", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --from is - but nothing is piped in") and err.count("\n") == 1
