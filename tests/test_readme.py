"""The README's thesis example validates and runs, and its model reference names every block,
leg, line key and role the code knows (so the documentation cannot fall behind the code)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.valuation.blocks import BLOCKS
from model.valuation.lines.build_base import _LINE_KEYS
from model.valuation.lines.legs import LEGS
from model.valuation.roles import Role
from tests.valuation.test_money_from_outside import THESIS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_MARK = re.compile(r"<!-- readme-example: (?P<name>[\w.-]+) -->\n```yaml\n(?P<body>.*?)\n```", re.S)


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    found = _MARK.findall(README)
    assert len(found) == 1, "the README has one complete example thesis"
    name, body = found[0]
    path = tmp_path_factory.mktemp("readme") / name
    path.write_text(body + "\n", encoding="utf-8")
    return path


def test_first_two_commands_stay_on_top() -> None:
    head = README.split("---", 1)[0]
    assert (
        'python3.11 -m venv .venv && .venv/bin/pip install -e ".[parquet]" && .venv/bin/thesis '
        "report assumptions/alibaba.yaml --seed 2025 --out output/alibaba --force" in head
    )
    assert (
        'python3.11 -m venv .venv && .venv/bin/pip install -e ".[dev]" && .venv/bin/python -m '
        "pytest" in head
    )


def test_example_validates_and_runs(example: Path, capsys) -> None:
    assert main(["validate", str(example), "--all-scenarios"]) == 0
    assert main(["outputs", str(example)]) == 0
    out = capsys.readouterr().out
    for line in ("sales", "ebit", "earnings", "free_cash_flow", "cash", "margin", "shares"):
        assert re.search(rf"^\s*{line}\s", out, re.M), line
    thesis = model.load_thesis(example)
    result = model.simulate(thesis, n_paths=2000, seed=4, progress=False)
    sales = result.array("sales")
    g = result.array("sales_growth")
    # What the README says the lines mean: a start value, then last year's grown ...
    np.testing.assert_allclose(sales[:, 0], 820.0)
    np.testing.assert_allclose(sales[:, 1:] / sales[:, :-1] - 1, np.repeat(g[:, None], 5, 1))
    # ... a prior for sales[t-1] in the first year, and a recursion from a start value.
    fcf = result.array("free_cash_flow")
    prior = 820.0 / (1 + g)
    np.testing.assert_allclose(
        fcf[:, 0], result.array("earnings")[:, 0] - 0.04 * (820.0 - prior), rtol=1e-12
    )
    cash = result.array("cash")
    np.testing.assert_allclose(cash[:, 0], 120.0)
    # Last year's cash earns the deposit rate after tax, then the year's free cash flow adds.
    kept = cash[:, :-1] * (1 + 0.02 * (1 - 0.27))
    np.testing.assert_allclose(cash[:, 1:], kept + fcf[:, 1:], rtol=1e-12)
    # The blend of the two legs, per share in EUR (EUR m over shares m).
    equity = 0.6 * result.array("value_pe") + 0.4 * result.array("value_dcf")
    np.testing.assert_allclose(result.array("equity_value"), equity, rtol=1e-12)
    np.testing.assert_allclose(
        result.array("value_per_share"), np.maximum(equity / 60.0, 0), rtol=1e-12
    )
    comparison = model.compare(thesis, n_paths=1000, seed=4, progress=False)
    assert set(comparison.results) == {"base", "bear"}
    assert 0.0 < result.prob("ebit[2028] / sales[2028] > 0.17").p < 1.0


def _named(key: str, text: str) -> bool:
    """``key`` appears as code: `key` or `key: ...`."""
    return f"`{key}`" in text or f"`{key}:" in text


def test_model_reference_names_everything_the_code_knows() -> None:
    text = _section("The model")
    for word in BLOCKS:
        assert f"| `{word}` |" in text, f"block type {word} is not documented"
        for param in BLOCKS[word].params:
            assert _named(param.key, text), f"{word}.{param.key} is not documented"
    for word, leg in LEGS.items():
        assert f"| `{word}` |" in text, f"valuation leg {word} is not documented"
        for param in leg.params:
            assert _named(param.key, text), f"{word}.{param.key} is not documented"
    for key in _LINE_KEYS:
        assert f"| `{key}` |" in text, f"line key {key} is not documented"
    for role in Role:
        assert f"`{role.value}`" in text, f"role {role.value} is not documented"


def test_editor_hookup_is_documented() -> None:
    text = _section("The thesis file")
    assert "# yaml-language-server: $schema=thesis.schema.json" in text
    assert "thesis schema --out thesis.schema.json" in text


def _command_rows(text: str) -> list[str]:
    table = text.split("\n### Command line\n", 1)[1].lstrip("\n").split("\n\n", 1)[0]
    return [row for row in table.splitlines() if row.startswith("| `thesis ")]


def test_command_table_describes_any_thesis() -> None:
    # The flagship's view tags (2022, 2025) may appear as an example, never as what a command
    # does for every thesis.
    rows = _command_rows(README)
    assert any(row.startswith("| `thesis report ") for row in rows)
    for row in rows:
        general = re.sub(r"\(e\.g\.[^)]*\)|e\.g\. [^;)|]*", "", row)
        assert not re.search(r"\b20(22|25)\b", general), row


def test_chart_table_says_what_value_distribution_draws(example: Path) -> None:
    # The row said "today's value (or value per share) ... with P(value > price)", while the
    # chart draws the undiscounted year-end value per share unless told otherwise, with no
    # P(value > price) when the thesis has a cost of equity (as the README example has).
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from model.charts import value_distribution

    row = next(r for r in README.splitlines() if r.startswith("| `value_distribution("))
    assert "value per share at the exit year (by default)" in row and '`"value_today"`' in row
    result = model.simulate(model.load_thesis(example), n_paths=2000, seed=4, progress=False)
    for output, upside in ((None, False), ("value_today", True)):
        fig = value_distribution(result, output)
        title = " ".join(t.get_text() for t in fig.texts) + fig.axes[0].get_title()
        assert ("paths above the price" in title) is upside, title
        assert ("year-end and undiscounted" in title) is not upside, title
        plt.close(fig)


def test_cash_put_into_a_stake_is_taken_from_the_balance_alone(tmp_path: Path) -> None:
    # The roll takes `invested:` out of the balance and adds it to no stake: the README says
    # the stake's own line must rise by it.
    assert "`invested:` only takes the cash from the balance, so the stake's own line" in README
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", "0.0")
    text = text.replace("other: outside,", "other: outside, invested: 0.3 * fcf_each_year,")
    text = text.replace("terminal_growth: g}", "terminal_growth: g, investments: 0.0}")
    path = tmp_path / "spent.yaml"
    path.write_text(text, encoding="utf-8")
    out = model.central(model.load_thesis(path))
    cash = np.asarray(out["net_cash"], dtype=float).reshape(-1)
    assert cash[1] == pytest.approx(50.0 * 1.1 + 100.0 - 30.0, rel=1e-12)
    assert not any(k.startswith("stake") for k in out)


def test_value_per_share_and_its_floor_are_stated_as_computed(tmp_path: Path) -> None:
    # The floor and the flag apply to the holders' value H, scaled by k; the equity value is
    # reported as it is, so it can be negative where the value per share is not.
    assert "`value_per_share = max(H · fx · k / shares, 0)`" in README
    assert "negative equity value floored" not in README
    assert "(the `negative_value` flag; `equity_value` is reported as it is" in README
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", "20.0")
    text = text.replace(
        "cash_now: {unit: EUR m, value: 50,", "cash_now: {unit: EUR m, value: -1500,"
    )
    path = tmp_path / "indebted.yaml"
    path.write_text(text, encoding="utf-8")
    out = model.central(model.load_thesis(path))
    equity = np.asarray(out["equity_value"], dtype=float).reshape(-1)
    per_share = np.asarray(out["value_per_share"], dtype=float).reshape(-1)
    assert equity[0] < 0.0 < per_share[0]
