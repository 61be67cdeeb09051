"""Where the searched value has no value, ``implied`` says why, not only how often.

Solving for one valuation weight moves it away from the others' sum to 1 at every point but
one: the answer was "has no value at 40 of 41 points searched; narrow the range to where it
has a value", which no range could satisfy and which named no cause.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_reason_the_target_has_no_value_is_given(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    assert main(["implied", str(path), "--solve-for", "w_pe", "--bounds", "0", "1"]) == 2
    # Warnings may come first: the error is one line.
    err = "\n".join(
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("warning:")
    )
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "has no value at 40 of 41 points searched" in err
    assert "(at 0.00%: " in err and "must sum to 1" in err, err  # w_pe is a share
