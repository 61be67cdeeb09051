"""A misspelt exchange rate in ``fx_to_price`` is reported at that key, not at a block.

The share count's buyback conversion reads the same rate, so the unknown name surfaced at the
``share_count`` block's line with the field ``model.blocks.count``, a line and key the user had
not touched.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path, fx: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    # A price in Swiss francs against a model in euros, converted by a rate in CHF/EUR.
    for old, new in (
        ("  currency: EUR    ", "  currency: CHF    "),
        ("unit: EUR/share", "unit: CHF/share"),
        (
            "\nassumptions:\n",
            "\nassumptions:\n  chf_per_eur:\n    unit: CHF/EUR\n    value: 0.94\n"
            '    source: {estimate: "The exchange rate on the valuation date"}\n',
        ),
        ("  currency: EUR m   ", f"  fx_to_price: {fx}\n  currency: EUR m   "),
    ):
        assert old in body, old
        body = body.replace(old, new, 1)
    path = tmp_path / "francs.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_rate_as_written_validates(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(_thesis(tmp_path, "chf_per_eur"))]) == 0, capsys.readouterr()


def test_a_misspelt_rate_is_reported_at_fx_to_price(tmp_path: Path, capsys) -> None:
    path = _thesis(tmp_path, "chf_per_euro")
    line = path.read_text(encoding="utf-8").splitlines().index("  fx_to_price: chf_per_euro") + 1
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path.name}:{line}: model.fx_to_price: 'chf_per_euro'" in err, err
    assert "did you mean 'chf_per_eur'" in err and "Traceback" not in err
