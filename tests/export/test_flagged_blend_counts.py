"""The blend's flagged paths are said to be counted in each scenario's own run.

The blend holds a share of each scenario's paths (a quarter of them from a bear case weighted
25%), but its flags are the counts of each scenario's full run: "blend: ... bear:invalid_dcf on
1,397 ... of 3,000 paths" read as 1,397 of the blend's 3,000 paths, more than the 750 the bear
case gives it.
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main


def test_blend_flags_name_each_scenarios_run(tmp_path: Path, capsys) -> None:
    assert main(["init", "Helix Bio", "--template", "event", "--out", str(tmp_path)]) == 0
    path = tmp_path / "helix-bio.yaml"
    capsys.readouterr()
    argv = ["run", str(path), "--blend", "--paths", "3000", "--seed", "1", "--no-progress"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    heading = "Paths flagged by the model's checks in any model year (included in the figures):"
    i = lines.index(heading)
    flagged = lines[i + 1]
    assert flagged.startswith("  blend: counted in each scenario's own run of 3,000 paths: "), out
    assert "bear: invalid_dcf on " in flagged and "bear:invalid_dcf" not in flagged, flagged
    assert not flagged.endswith("of 3,000 paths"), flagged
