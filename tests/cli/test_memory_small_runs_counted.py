"""Runs of one block of paths or fewer count toward memory when a command holds several.

``thesis compare`` of 6 scenarios at 65,537 paths was refused for lack of memory, but at
65,536 paths (one block each, the same memory) it was not checked at all.
"""

from __future__ import annotations

from pathlib import Path

THESIS = str(Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml")


def test_scenarios_of_one_block_each_are_counted_together(monkeypatch, capsys):
    import model.engine.execution.limits as limits
    import model.scenarios as scenarios
    from model.cli.main import main

    def started(*args, **kwargs):
        raise AssertionError("the comparison ran before memory was checked")

    monkeypatch.setattr(scenarios, "compare", started)
    # 1 GiB: one scenario of 65,536 paths fits, the six of the comparison do not.
    monkeypatch.setattr(limits, "available_memory", lambda: 2**30)
    for paths in ("65537", "65536"):
        argv = ["compare", THESIS, "--paths", paths, "--seed", "1", "-q", "--no-progress"]
        assert main(argv) == 2
        line = capsys.readouterr().err.strip().splitlines()[-1]
        assert f"{int(paths):,} paths in each of 6 runs need about" in line, line
        assert "paths a run fit" in line
