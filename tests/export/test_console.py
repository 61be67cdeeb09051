"""Console summaries: every printed line says something, also when a measure is undefined."""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_implied_pe_line_says_why_it_is_empty_when_earnings_are_losses(
    tmp_path: Path, capsys
) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    old = "value: ebit * (1 - tax_rate)"
    assert old in body
    path = tmp_path / "losses.yaml"
    # Losses on every path: no leg implies a P/E, and the line used to end blank.
    path.write_text(body.replace(old, "value: -ebit * (1 - tax_rate)"), encoding="utf-8")
    assert main(["run", str(path), "--paths", "2000", "--seed", "1"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "Implied exit P/E" in ln]
    assert lines == [
        "Implied exit P/E by leg:  n/a (earnings are not positive in 2030 on any path)"
    ]


def test_one_scenario_is_not_plural(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "base-only.yaml"
    path.write_text(found.group(1).partition("\nscenarios:\n")[0] + "\n", encoding="utf-8")
    assert main(["compare", str(path), "--paths", "2000", "--seed", "1"]) == 0
    assert "\n1 scenario, common random numbers: 2,000 paths each" in capsys.readouterr().out
    out = tmp_path / "report"
    assert main(["report", str(path), "--paths", "2000", "--seed", "1", "--out", str(out)]) == 0
    assert "1 scenario x 2,000 paths" in (out / "summary.txt").read_text(encoding="utf-8")
    assert "1 scenario x 2,000 paths" in (out / "index.html").read_text(encoding="utf-8")


def test_implied_pe_line_says_over_which_paths_its_medians_are(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    old = "value: ebit * (1 - tax_rate)"
    path = tmp_path / "some-losses.yaml"
    # Earnings above zero only where the margin beats 17%: some paths make losses, and the
    # P/E medians are over the others, which the line now says.
    new = "value: (ebit - 0.17 * sales) * (1 - tax_rate)"
    path.write_text(found.group(1).replace(old, new), encoding="utf-8")
    assert main(["run", str(path), "--paths", "2000", "--seed", "1"]) == 0
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "Implied exit P/E" in ln]
    share = re.search(r"\(medians over the ([\d.]+)% of paths with positive earnings\)$", line)
    assert share is not None, line
    assert 0.0 < float(share.group(1)) < 100.0
