"""A correlation with an assumption that takes a single value is warned about at its rho.

Every draw of a Bernoulli with ``p: 0`` or of a discrete whose other values have probability 0
is the same, so the pair gets no rank correlation whatever ``rho`` says; the check of tied
correlations skipped such a pair without a word, as if the entry did what it asks.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _thesis(tmp_path: Path, spec: str) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    flag = (
        '  launch_flag:\n    unit: "1"\n' + spec + "    source: {estimate: "
        '"A launch this year is a long shot"}\n'
    )
    text = text.replace("  shares_2025:\n", flag + "  shares_2025:\n", 1)
    text = text.replace(
        "    value: operating_profit * (1 - tax_rate)\n",
        "    value: operating_profit * (1 - tax_rate) * (1 + 0.1 * launch_flag)\n",
        1,
    )
    correlation = (
        "correlations:\n  - between: [growth_early, launch_flag]\n    rho: 0.9\n"
        '    source: {estimate: "A launch comes with fast growth"}\n\n'
    )
    text = text.replace("\nmodel:\n", "\n" + correlation + "model:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "rho: 0.9")
    return path, line


@pytest.mark.parametrize(
    "spec",
    [
        "    dist: bernoulli\n    p: 0\n",
        "    dist: bernoulli\n    p: 1\n",
        "    dist: discrete\n    values: [0.2, 0.3]\n    probs: [1, 0]\n",
    ],
)
def test_a_single_valued_partner_is_warned_about(tmp_path, capsys, spec):
    path, line = _thesis(tmp_path, spec)
    assert main(["validate", str(path)]) == 0
    said = [s for s in capsys.readouterr().err.splitlines() if "rank correlation" in s]
    assert len(said) == 1, said
    assert f"thesis.yaml:{line}: correlations[0].rho: 'launch_flag' takes only 1 value" in said[0]
    assert "gets no rank correlation, not 0.9" in said[0]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model.load_thesis(path)
    assert sum("no rank correlation" in str(w.message) for w in seen) == 1
