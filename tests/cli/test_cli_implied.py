"""``thesis implied``: the answer, the chart and the exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")


def test_implied_prints_the_value_the_price_implies(capsys):
    assert main(["implied", THESIS, "--solve-for", "wacc", "--bounds", "0.05", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "value_today equals the price (129.5) when wacc = " in out
    assert "range searched" in out and "of the thesis' distribution lies below" in out


def test_no_root_is_bad_input_naming_both_ends(capsys):
    assert main(["implied", THESIS, "--solve-for", "wacc", "--equals", "1000"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("error: no value of 'wacc'")
    assert "value_today is" in err
    assert err.count(" at ") >= 2


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--solve-for", "wac"], "did you mean wacc"),
        (["--solve-for", "wacc", "--scenario", "bul"], "did you mean bull"),
        (["--solve-for", "wacc", "--equals", "lots"], "--equals: expected 'price' or a"),
        (["--solve-for", "wacc", "--target", "value_todya"], "did you mean value_today"),
    ],
)
def test_bad_input_exits_2(args, phrase, capsys):
    assert main(["implied", THESIS, *args]) == 2
    assert phrase in capsys.readouterr().err


def test_chart_is_written_and_an_existing_file_is_never_overwritten(tmp_path, capsys):
    keep = tmp_path / "mine.png"
    keep.write_bytes(b"not ours")
    assert main(["implied", THESIS, "--solve-for", "wacc", "--chart", str(keep)]) == 2
    assert keep.read_bytes() == b"not ours"
    new = tmp_path / "implied.png"
    args = ["--bounds", "0.05", "0.3", "--chart", str(new)]
    assert main(["implied", THESIS, "--solve-for", "wacc", *args]) == 0
    assert new.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "chart:" in capsys.readouterr().out
