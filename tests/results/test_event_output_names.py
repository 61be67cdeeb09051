"""An event named like a model output is refused at the event's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

TEMPLATE = Path(__file__).parents[2] / "assumptions" / "templates" / "binary-event.yaml"


@pytest.mark.parametrize("name", ["product_sales", "value_per_share"])
def test_event_with_an_output_name_is_refused_at_its_line(tmp_path, capsys, name):
    text = TEMPLATE.read_text()
    assert "\n  licence_granted:\n" in text
    text = text.replace("\n  licence_granted:\n", f"\n  {name}:\n")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    line = text.splitlines().index(f"  {name}:") + 1
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}:{line}: events.{name}"), err
    assert f"event '{name}' has the name of a model output" in err, err
    assert main(["run", str(path), "--paths", "1000", "-q"]) == 2


def test_the_template_with_its_own_event_name_validates(tmp_path, capsys):
    path = tmp_path / "thesis.yaml"
    path.write_text(TEMPLATE.read_text())
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
