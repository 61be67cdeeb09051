"""A price dated after the valuation date is refused at its ``date:``, as the README says.

The README's dates paragraph said only that a price dated more than 31 days "away" is warned
about, which read as either side of ``as_of``; a price dated after it is an error, and the
README now says so and what to do.
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
PRICE_LINES = "    value: 38.0\n    unit: EUR/share\n"


def _paragraph() -> str:
    start = README.index("**Dates.**")
    return " ".join(README[start : README.index("\n\n", start)].split())


def test_the_readme_says_a_later_price_is_refused() -> None:
    text = _paragraph()
    assert "a price dated after `as_of` is an error at its `date:`" in text, text
    assert "more than 31 days before is a warning" in text, text


def test_a_price_dated_after_as_of_is_an_error_at_its_date(tmp_path, readme_example, capsys):
    assert readme_example.count(PRICE_LINES) == 1
    text = readme_example.replace(PRICE_LINES, PRICE_LINES + "    date: 2025-07-15\n")
    path = tmp_path / "later.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    date: 2025-07-15") + 1
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{line}: thesis.price.date: "), said
    assert "after the thesis date as_of 2025-06-30" in said, said
