"""A statement about a dated output in a year nothing is held to is bad input, not a number.

With a June year end priced in November, model year 2025 ended before the price date: its
dated return is no return at all (the summary leaves it out), yet ``return_dated[2025] > -0.5``
was true on every path (the dated return reads 0 there), so ``validate`` said OK, the
scorecard showed 100% and ``prob`` agreed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelError

README = Path(__file__).resolve().parents[2] / "README.md"
OLD = 'statement: "ebit[2028] / sales[2028] > 0.17"'


def _thesis(tmp_path: Path, statement: str | None = None) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    june = 'as_of: 2025-11-14\n  fiscal_year_end: "06-30"'
    body = found.group(1).replace("as_of: 2025-06-30", june)
    assert OLD in body
    if statement is not None:
        body = body.replace(OLD, f'statement: "{statement}"')
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "return_dated[2025] > -0.5",
        "total_return_dated[2025] > -0.5",
        "value_today_by_year[2025] > 1",
        "ebit[2028] > 0 and return_dated[2025] > -0.5",
    ],
)
def test_validate_refuses_the_claim_at_its_line(tmp_path, capsys, statement):
    path = _thesis(tmp_path, statement)
    line = next(i for i, s in enumerate(path.read_text().splitlines(), 1) if statement in s)
    assert main(["validate", str(path)]) == 2
    # Warnings may come first: the error is one line.
    err = "\n".join(
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("warning:")
    )
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(rf"thesis\.yaml:{line}: scorecard\.margin_above_17pct\.statement: ", err), err
    assert "nothing is held to 2025" in err and "2025-06-30" in err and "2025-11-14" in err


def test_a_later_year_still_validates(tmp_path):
    path = _thesis(tmp_path, "return_dated[2026] > -0.5 and value_today_by_year[2026] > 1")
    assert main(["validate", str(path), "-q"]) == 0


def test_prob_refuses_a_year_nothing_is_held_to(tmp_path):
    result = model.simulate(model.load_thesis(_thesis(tmp_path)), n_paths=1000, seed=1)
    with pytest.raises(ThesisModelError, match="nothing is held to 2025"):
        result.prob("return_dated[2025] > -0.5")
    assert 0.0 <= result.prob("return_dated[2026] > -0.5").p <= 1.0
    # not a dated output: year 2025 is a year like any other
    assert result.prob("ebit[2025] > 0").p == 1.0


@pytest.mark.parametrize("method", ["tornado", "rank"])
def test_sensitivity_of_a_year_nothing_is_held_to_says_why(tmp_path, capsys, method):
    # It said the output "does not vary in 2025", as if no input moved it.
    path = _thesis(tmp_path)
    args = ["sensitivity", str(path), "--method", method, "--output", "return_dated"]
    if method == "rank":  # the tornado runs no paths (and notes a --paths given to it)
        args += ["--paths", "1000"]
    assert main([*args, "--year", "2025"]) == 2
    # Warnings may come first: the error is one line.
    err = "\n".join(
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("warning:")
    )
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "nothing is held to 2025" in err and "does not vary" not in err, err
    assert main([*args, "--year", "2026", "-q"]) == 0


def test_an_undated_price_is_named_as_the_valuation_date(tmp_path):
    """Without a price date the returns run from as_of: the message says so, not 'price date'."""
    result = model.simulate(model.load_thesis(_thesis(tmp_path)), n_paths=200, seed=1)
    assert getattr(result.thesis.price_info, "date", None) is None
    with pytest.raises(ThesisModelError) as err:
        result.prob("return_dated[2025] > -0.5")
    assert "the valuation date (as_of; the price gives no date), 2025-11-14" in str(err.value)
    assert "price date" not in str(err.value)


def test_a_dated_price_is_named_as_the_price_date(tmp_path):
    path = _thesis(tmp_path)
    text = path.read_text()
    path.write_text(text.replace("    value: 38.0\n", "    value: 38.0\n    date: 2025-11-03\n", 1))
    result = model.simulate(model.load_thesis(path), n_paths=200, seed=1)
    with pytest.raises(ThesisModelError, match=r"before the price date, 2025-11-03"):
        result.prob("return_dated[2025] > -0.5")


def test_rank_sensitivity_refuses_before_it_runs(tmp_path, monkeypatch):
    """The year is checked before the n_paths run the rank method makes, not after it."""
    import model.scenarios

    def no_run(*args, **kwargs):
        raise AssertionError("the run was made before the year was checked")

    monkeypatch.setattr(model.scenarios, "simulate", no_run)
    with pytest.raises(ThesisModelError, match="nothing is held to 2025"):
        model.sensitivity(_thesis(tmp_path), method="rank", output="return_dated", year=2025)
