"""An absurd magnitude that overflows in the model is bad input at its line, not a failed run.

A market size of ``1e23`` (or an expression that overflows) passed ``validate``, then ``run``
failed with exit 1 saying an output was "NaN or infinite in chunk 0", naming no file or line.
``validate`` now evaluates the central path with every line checked as it is computed and
refuses the first that is infinite, with the year and what it reads; a run whose tail draws
overflow fails with exit 2 at the line of the output.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import EngineError, ThesisError
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model
from model.valuation.finance.finite import check_finite_outputs

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"
MARKET = "  market_2026:\n    unit: USD bn\n    value: 16\n"
RUN = ["--paths", "2000", "--seed", "1", "--no-progress"]


def _thesis(tmp_path: Path, market: str = "16", lines: str = "") -> tuple[Path, str]:
    text = SAAS.read_text(encoding="utf-8")
    assert MARKET in text and "\n  lines:\n" in text
    text = text.replace(MARKET, MARKET.replace("16", market))
    text = text.replace("\n  lines:\n", "\n  lines:\n" + lines, 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, pattern: str) -> int:
    found = re.search(pattern, text, re.M)
    assert found is not None, pattern
    return text[: found.start()].count("\n") + 1


# The market, in USD m, times a number near 1e295 at the central growth of 12%: finite for a
# market of 16 bn, beyond floating point for 1e23 bn. ``gap`` is undefined only because
# ``reach`` is infinite: the message must name ``reach``, the cause.
REACH = (
    "    reach:\n      value: market_2026 * (1 + market_growth) ** 6000\n"
    "    gap:\n      value: reach - reach\n"
)


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_market_of_1e23_that_overflows_is_refused_at_the_line(tmp_path, capsys, command):
    path, text = _thesis(tmp_path, "1e23", REACH)
    extra = RUN if command == "run" else []
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    line = _line(text, r"^    reach:$")
    market = _line(text, r"^  market_2026:$")
    assert err.startswith(f"error: {path}:{line}: model.lines.reach: "), err
    assert "line 'reach' is infinite in 2026 on the central path" in err
    assert f"market_2026 = 1e+23 at assumptions.market_2026, line {market}" in err
    assert "market_growth = 0.12" in err
    assert "gap" not in err and "Traceback" not in err


def test_the_same_lines_with_a_sensible_market_pass(tmp_path, capsys):
    path, _ = _thesis(tmp_path, "16", REACH)
    assert main(["validate", str(path), "-q"]) == 0
    assert "infinite" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_market_of_1e308_is_refused_at_its_own_line(tmp_path, capsys, command):
    path, text = _thesis(tmp_path, "1e308")
    extra = RUN if command == "run" else []
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    line = _line(text, r"^    value: 1e308$")
    assert err.startswith(f"error: {path}:{line}: assumptions.market_2026.value: "), err
    assert "1e+308" in err


def test_a_product_that_overflows_names_what_it_reads(tmp_path, capsys):
    path, text = _thesis(tmp_path, lines="    huge:\n      value: market_2026 * 1e306\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"{path}:{_line(text, r'^    huge:$')}: model.lines.huge: " in err
    assert "line 'huge' is infinite in 2026" in err and "market_2026 = 16 at" in err


def test_the_shipped_example_is_unchanged(capsys):
    assert main(["validate", str(SAAS), "-q"]) == 0
    assert "infinite" not in capsys.readouterr().err


def test_an_output_after_the_lines_is_named_with_its_year():
    thesis = load_thesis(SAAS)
    model = build_model(thesis)
    out = {"revenue": np.array([[1.0] * 6]), "value_per_share": np.array([[1.0, np.inf, 2, 3]])}
    with pytest.raises(ThesisError) as caught:
        check_finite_outputs(thesis, model, out)
    text = str(caught.value)
    assert "output 'value_per_share' is infinite in 2027 on the central path" in text
    assert "model.valuation" in text


def test_a_tail_draw_that_overflows_fails_the_run_as_bad_input(tmp_path, capsys):
    # Finite at the central growth of 12% (about 1.5e307), beyond floating point for draws of
    # the growth above about 16%: some paths only, which validate cannot see.
    path, text = _thesis(
        tmp_path, lines="    boost:\n      value: market_2026 * 1e297 * exp(market_growth * 100)\n"
    )
    assert main(["validate", str(path), "-q"]) == 0
    capsys.readouterr()
    assert main(["run", str(path), *RUN]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    line = _line(text, r"^    boost:$")
    assert err.startswith(f"error: {path}:{line}: model.lines.boost: "), err
    assert "on some paths of the run, output 'boost' is infinite" in err
    assert "too large for a computer's floating point" in err
    assert "run failed" not in err


EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"


def _own_model(bad: float):
    """A function of the analyst's own whose value is ``bad`` on every path but the first."""

    def fn(inputs):
        share = np.asarray(inputs["share_us"]).reshape(-1, 1)
        revenue = np.ones((share.shape[0], 5)) * share * 100.0
        value = revenue / 100.0
        value[1:, -1] = bad
        return {"revenue_services": revenue, "revenue": revenue, "value_per_share": value}

    return fn


@pytest.mark.parametrize(
    ("bad", "said"), [(np.inf, "is infinite"), (np.nan, "is not a finite number")]
)
def test_a_custom_models_tail_is_not_blamed_on_the_thesis(bad, said):
    # The thesis has no say in what a Python model returns: the engine's error stands, naming
    # the output, not a `model:` section the thesis may not have or advice about its lines.
    thesis = load_thesis(EUR)
    with pytest.raises(EngineError) as caught:
        model.simulate(
            thesis, model=_own_model(bad), units={"revenue_services": "EUR m"}, n_paths=100
        )
    assert not isinstance(caught.value, ThesisError)
    text = str(caught.value)
    assert f"output 'value_per_share' {said}" in text
    assert "bounded with min, max or clip" not in text and "model:" not in text


def test_an_undefined_output_of_the_lines_is_not_said_to_be_too_large():
    from model.scenarios.run import _not_finite

    thesis = load_thesis(SAAS)
    exc = EngineError(
        "chunk 0 (paths 0..9) failed: output 'value_per_share' is not a finite number in "
        "chunk 0, first at path 3"
    )
    exc.output = "value_per_share"
    text = str(_not_finite(thesis, build_model(thesis), exc))
    assert "output 'value_per_share' is not a finite number" in text
    assert "too large" not in text and "undefined" in text


def test_a_custom_models_output_too_large_for_its_summaries_is_said_to_be_too_large():
    thesis = load_thesis(EUR)
    with pytest.raises(EngineError) as caught:
        model.simulate(
            thesis, model=_own_model(1.2e200), units={"revenue_services": "EUR m"}, n_paths=100
        )
    text = str(caught.value)
    assert "output 'value_per_share' reaches 1.2e+200" in text, text
    assert "too large" in text and "undefined" not in text


def test_an_output_too_large_for_its_summaries_is_not_said_to_be_undefined():
    from model.scenarios.run import _not_finite

    thesis = load_thesis(SAAS)
    exc = EngineError(
        "chunk 0 (paths 0..9) failed: output 'value_per_share' reaches 1.2e+200 in chunk 0, "
        "too large for its summaries (their squares overflow); check its scale"
    )
    exc.output = "value_per_share"
    text = str(_not_finite(thesis, build_model(thesis), exc))
    assert "output 'value_per_share' reaches 1.2e+200" in text
    assert "too large for a computer's floating point" in text and "undefined" not in text
