"""The prior/posterior table gives an output with one value per path (today's value, the exit
P/E) no year, as the sensitivity labels do; it used to head such a row with the exit year."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.cli.main import main
from model.export.learning import Learning, learning_html
from model.learning import condition

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")


@pytest.fixture(scope="module")
def cond():
    return condition(THESIS, EVIDENCE, n_paths=1_000, seed=1, min_ess=10)


def _shapes(cond) -> tuple[set[str], set[str]]:
    outputs = cond.prior.outputs
    one = {n for n, a in outputs.items() if np.ndim(a) == 1}
    per_year = {n for n, a in outputs.items() if np.ndim(a) == 2}
    assert {"value_today", "exit_pe"} <= one and "value_per_share" in per_year
    return one, per_year


def test_the_table_has_no_year_for_a_one_value_output(cond):
    one, per_year = _shapes(cond)
    table = cond.compare()
    assert table.loc[sorted(one), "year"].isna().all()
    assert (table.loc[sorted(per_year), "year"] == cond.prior.exit_year).all()
    at = cond.compare(["value_per_share", "value_today"], year=2027)["year"]
    assert at["value_per_share"] == 2027 and pd.isna(at["value_today"])


def test_the_report_page_leaves_the_year_cell_empty(cond):
    page = learning_html(SimpleNamespace(learning=Learning(conditioned=cond)), {})
    table = page[page.index('id="prior_posterior"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", table[: table.index("</table>")], flags=re.S)
    cells = {(c := re.findall(r"<td[^>]*>(.*?)</td>", r))[0]: c[2] for r in rows if "<td" in r}
    assert cells["value_today"] == ""
    assert cells["value_per_share"] == str(cond.prior.exit_year)


def test_update_writes_and_prints_no_year_for_a_one_value_output(tmp_path, capsys):
    out = tmp_path / "upd"
    argv = ["update", THESIS, "--evidence", EVIDENCE, "--paths", "1000", "--seed", "1"]
    assert main([*argv, "--min-ess", "10", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    csv = pd.read_csv(out / "prior_posterior.csv", keep_default_na=False, dtype=str)
    years = dict(zip(csv["output"], csv["year"], strict=True))
    assert years["value_today"] == years["exit_pe"] == ""
    assert years["value_per_share"] == "2030"
    line = next(x for x in text.splitlines() if x.startswith("value_today "))
    assert "2030" not in line
    line = next(x for x in text.splitlines() if x.startswith("value_per_share "))
    assert "2030" in line
    assert main([*argv, "--min-ess", "10", "--json"]) == 0
    rows = {r["output"]: r for r in json.loads(capsys.readouterr().out)["prior_posterior"]}
    assert rows["value_today"]["year"] is None and rows["value_per_share"]["year"] == 2030
