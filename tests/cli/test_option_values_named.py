"""Every command refuses a bad number for an option in the option's own words.

``thesis watch --paths 0`` answered "n_paths must be a positive integer", ``update --seed -1``
"seed must be >= 0", ``watch --observe abc`` "invalid int value: 'abc'" and ``implied --paths
-1`` "--paths: --paths must be >= 0": Python names, argparse's wording, or the option twice,
where ``thesis run`` says "argument --paths: must be at least 1, got 0".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAAS = str(ROOT / "assumptions" / "examples" / "saas-subscription.yaml")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["watch", SAAS, "--paths", "0"], "argument --paths: must be at least 1, got 0"),
        (["attribute", SAAS, "--from", "bear", "--paths", "-3"],
         "argument --paths: must be at least 1"),
        (["update", SAAS, "--seed", "-1"], "argument --seed: must be >= 0, got -1"),
        (["backtest", SAAS, "--seed", "x"], "argument --seed: expected a non-negative integer"),
        (["watch", SAAS, "--observe", "abc"],
         "argument --observe: expected a year such as 2030, got 'abc'"),
        (["update", SAAS, "--year", "20x"], "argument --year: expected a year such as 2030"),
        (["attribute", SAAS, "--from", "bear", "--year", "x"], "argument --year: expected a year"),
        (["implied", SAAS, "--solve-for", "market_growth", "--paths", "-1"],
         "argument --paths: must be >= 0, got -1"),
        (["implied", SAAS, "--solve-for", "market_growth", "--seed", "-4"],
         "argument --seed: must be >= 0, got -4"),
        (["implied", SAAS, "--solve-for", "market_growth", "--year", "abc"],
         "argument --year: expected a year such as 2030"),
        (["sensitivity", SAAS, "--year", "abc"], "argument --year: expected a year such as 2030"),
        (["update", SAAS, "--min-ess", "-5"],
         "argument --min-ess: must be a number of effective paths, at least 1 (such as 1000), "
         "got -5"),
        (["update", SAAS, "--min-ess", "0"],
         "argument --min-ess: must be a number of effective paths, at least 1 (such as 1000), "
         "got 0"),
        (["update", SAAS, "--min-ess", "0.5"], "argument --min-ess: must be a number of effective"),
        (["update", SAAS, "--min-ess", "nan"], "argument --min-ess: must be a number of effective"),
    ],
)  # fmt: skip
def test_bad_option_values_name_the_option(capsys, argv, expected) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err, err
    for python in ("n_paths", "min_ess", "invalid int value", "invalid float value"):
        assert python not in err, err
