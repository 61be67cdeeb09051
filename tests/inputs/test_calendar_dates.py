"""A date written as YYYY-MM-DD that the calendar does not have is named as such.

``as_of: 2025-02-30`` was refused as "expected a date written as YYYY-MM-DD, got the string
'2025-02-30'", though it is written exactly so: the message sent the user looking at the format.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("day", ["2025-02-30", "2025-02-29", "2025-04-31", "2025-13-01"])
def test_an_impossible_day_is_called_one(tmp_path, capsys, day):
    text = TEMPLATE.read_text(encoding="utf-8")
    written = re.search(r"^  as_of: (\S+)$", text, re.M)
    assert written is not None
    text = text.replace(written.group(0), f"  as_of: {day}", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(f"as_of: {day}")].count("\n") + 1
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert f"thesis.yaml:{line}: thesis.as_of: {day} is not a day of the calendar" in err, err


def test_a_date_in_another_shape_still_asks_for_the_format(tmp_path, capsys):
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"^  as_of: \S+$", "  as_of: 30.06.2025", text, count=1, flags=re.M)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "expected a date written as YYYY-MM-DD" in capsys.readouterr().err
