"""``thesis sensitivity --json`` keeps what the method ran with in a ``settings`` block, as
``run --json`` and the learning commands do: for ``--method rank``, the Monte Carlo run's
settings key for key, then the method's own sizes; nothing of them left at the top level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.json_out import FORMAT
from model.cli.main import main

SAAS = str(
    Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
)

#: Keys that describe the run, not its figures: they belong in ``settings`` only.
SETTINGS = ("n_paths", "n_base", "n_evaluations", "conf_level", "low_quantile", "high_quantile",
            "seed_entropy", "seed_spawn_key")  # fmt: skip


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_rank_settings_are_the_runs(capsys) -> None:
    doc = _json(capsys, ["sensitivity", SAAS, "--method", "rank", "--paths", "600", "--seed", "3"])
    run = _json(capsys, ["run", SAAS, "--paths", "600", "--seed", "3"])
    assert doc["format"] == run["format"] == FORMAT >= 3
    assert {k: doc["settings"][k] for k in run["settings"]} == run["settings"]
    assert doc["settings"]["conf_level"] == pytest.approx(0.95)
    assert not set(SETTINGS) & set(doc), sorted(doc)


@pytest.mark.parametrize(
    ("method", "extra", "own"),
    [("tornado", [], {"low_quantile": 0.1, "high_quantile": 0.9}),
     ("sobol", ["--n-base", "16", "--seed", "5"], {"n_base": 16, "seed_entropy": 5})],
)  # fmt: skip
def test_other_methods_keep_their_sizes_in_settings(capsys, method, extra, own) -> None:
    doc = _json(capsys, ["sensitivity", SAAS, "--method", method, *extra])
    run = _json(capsys, ["run", SAAS, "--paths", "2", "--seed", "1"])
    settings = doc["settings"]
    for key in ("years", "price", "currency", "as_of", "price_date", "fiscal_year_end"):
        assert settings[key] == run["settings"][key], key
    for key, value in own.items():
        assert settings[key] == pytest.approx(value), key
    assert not set(SETTINGS) & set(doc), sorted(doc)
    if method == "tornado":
        assert isinstance(doc["central_value"], float)  # a figure: stays at the top level
