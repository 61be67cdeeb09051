"""`validate` finds what `run` would, without simulating: conflicting correlations (with the
lines of their entries), |rho| = 1 next to other correlations, scorecard statements without a
value on the central path; `--repair-correlations` maps to the engine's repair."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

import model.results.statements
import model.valuation.checks
from model.cli.main import main
from model.inputs import load_thesis
from model.inputs.assembly.correlations import CorrelationRepaired

from .conftest import ThesisCopy, fail_load, line_of

ROOT = Path(__file__).resolve().parents[2]
ONE_PAIR = """correlations:
  - between: [growth, margin]
    rho: 0.3
    source: {estimate: "Scale economics: faster growth, better margins"}
"""


def _three(rho_gm: float, rho_ma: float, rho_ga: float | None) -> str:
    rows = [("growth", "margin", rho_gm), ("margin", "ai_share", rho_ma)]
    if rho_ga is not None:
        rows.append(("growth", "ai_share", rho_ga))
    text = "correlations:\n"
    for a, b, r in rows:
        text += f'  - between: [{a}, {b}]\n    rho: {r}\n    source: {{estimate: "a b c d"}}\n'
    return text


def test_a_conflicting_matrix_is_found_at_its_lines(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(ONE_PAIR, _three(0.9, 0.9, -0.9))
    err = fail_load(thesis_copy)
    rho_lines = [line_of(text, "rho: ", k) for k in (1, 2, 3)]
    assert err.line == rho_lines[0] and err.field == "correlations[0].rho", str(err)
    msg = str(err)
    for line in rho_lines:
        assert f"line {line}" in msg
    assert "not a valid correlation matrix" in msg and "--repair-correlations" in msg
    assert "\n" not in msg


def test_rho_one_next_to_other_correlations(thesis_copy: ThesisCopy) -> None:
    # rho(growth, margin) = 1 forces rho(growth, ai_share) = rho(margin, ai_share) = 0.5.
    thesis_copy.edit(ONE_PAIR, _three(1.0, 0.5, None))
    msg = str(fail_load(thesis_copy))
    assert "ai_share ~ growth = 0 (not listed)" in msg
    assert "rho = +-1 makes growth ~ margin one draw" in msg


def test_rho_one_alone_is_what_the_engine_accepts(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("rho: 0.3", "rho: 1")
    thesis = load_thesis(thesis_copy.path)
    assert thesis.to_spec().correlation.matrix[0, 1] == 1.0


def test_repair_correlations(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(ONE_PAIR, _three(0.9, 0.9, -0.9))
    with pytest.warns(CorrelationRepaired, match="repaired: the run uses the nearest"):
        thesis = load_thesis(thesis_copy.path, repair_correlations=True)
    corr = thesis.to_spec().correlation
    assert corr.repair
    assert np.linalg.eigvalsh(corr.effective)[0] > -1e-10
    assert not np.allclose(corr.effective, corr.matrix)
    # Other scenarios keep the flag.
    with pytest.warns(CorrelationRepaired):
        assert thesis.with_scenario("bull").to_spec().correlation.repair


def test_cli_validate_offers_the_repair(
    thesis_copy: ThesisCopy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The test thesis' model section is a stub: the model check is not what is tested here.
    monkeypatch.setattr(model.results.statements, "check_scorecard", lambda *a, **k: None)
    monkeypatch.setattr(model.valuation.checks, "check_central_path", lambda *a, **k: None)
    thesis_copy.edit(ONE_PAIR, _three(0.9, 0.9, -0.9))
    assert main(["validate", str(thesis_copy.path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "minimal.yaml:" in err and "--repair-correlations" in err
    assert main(["validate", str(thesis_copy.path), "--repair-correlations"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: ") and "warning: the correlations among" in captured.err


@pytest.mark.parametrize("command", ["run", "compare", "report", "sensitivity", "sources"])
def test_every_command_that_reads_a_thesis_takes_the_input_options(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "--repair-correlations" in out and "--allow-read" in out


def _alibaba(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "assumptions" / "alibaba.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "log(share_ai_cloud_alibaba[2030] - 2) > 0.30",
        "share_ai_cloud_alibaba[2030] / (share_ai_cloud_alibaba[2030] - "
        "share_ai_cloud_alibaba[2030]) > 0.30",
    ],
)
def test_a_statement_without_value_on_the_central_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], statement: str
) -> None:
    old = 'statement: "share_ai_cloud_alibaba[2030] > 0.30"'
    path = _alibaba(tmp_path, old, f'statement: "{statement}"')
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line = line_of(path.read_text(encoding="utf-8"), statement[:30])
    assert f"alibaba.yaml:{line}: scorecard." in err and "no value on the central path" in err
    # One error line, after the thesis' own warnings; no library warning of the check.
    *before, last = err.splitlines()
    assert "no value on the central path" in last and "encountered" not in err
    assert all(w.startswith("warning: ") for w in before)


def test_the_alibaba_statements_have_values_on_the_central_path() -> None:
    from model.results.statements import check_scorecard

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_scorecard(load_thesis(ROOT / "assumptions" / "alibaba.yaml"))
