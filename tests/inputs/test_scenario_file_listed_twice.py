"""A scenario file listed twice is named as such at its second entry, not reported as each of
its scenarios defined twice in the same file."""

from __future__ import annotations

from model.cli.main import main


def test_a_scenario_file_listed_twice(tmp_path, capsys):
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nscenarios:"), text.index("\nweights:")
    (tmp_path / "more.yaml").write_text(text[start:end].lstrip("\n"), encoding="utf-8")
    listed = "\nscenario_files: [more.yaml, ./more.yaml]"
    path.write_text(text[:start] + listed + text[end:], encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert "scenario_files[1]: ./more.yaml is listed twice (also scenario_files[0])" in err
    assert "defined twice" not in err
