"""A leg input that leaves its bounds only through an event or an expression (a discount below
0, a multiple below 0, a terminal growth reaching the rate) is said by ``validate``: an error at
the leg's key when the central path leaves them, a warning with the share of drawn paths when
only those do (an error for the terminal growth, where a run stops)."""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

import pytest

from model.cli.main import main
from model.valuation.checking.leg_bounds import DRAWN_PATHS

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Holding check
      company: Holding AG
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 40, unit: EUR/share, source: {estimate: "A price for the check"}}
    assumptions:
      ebit_a0: {unit: EUR m, value: 100, source: {estimate: "EBIT of one division"}}
      ebit_b0: {unit: EUR m, value: 50, source: {estimate: "EBIT of the other"}}
      mult_a: {unit: x, value: 10, source: {estimate: "A multiple for the first"}}
      mult_b: {unit: x, value: 8, source: {estimate: "A multiple for the second"}}
      disc: {unit: share, value: 0.15, source: {estimate: "A holding discount"}}
      wacc: {unit: "%", value: 0.09, source: {estimate: "A WACC for the check"}}
      tg: {unit: "%", value: 0.02, source: {estimate: "Growth after the horizon"}}
      shares0: {unit: shares m, value: 50, source: {estimate: "Fifty million shares"}}
    EVENTS
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares0}
      lines:
        ebit_a: {value: ebit_a0}
        ebit_b: {value: ebit_b0}
        fcff: {value: 0.5 * (ebit_a + ebit_b), role: fcff}
      valuation:
        legs:
          sotp:
            weight: 0.5
            parts: {ebit_a: mult_a, ebit_b: mult_b}
            discount: DISCOUNT
          dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: tg}
    """
)


def _events(target: str, by: float, prob: float) -> str:
    return textwrap.dedent(
        f"""\
        events:
          shock:
            label: "A change of {target}"
            annual_prob: {prob}
            repeatable: false
            effects:
              - {{target: {target}, op: add, by: {by}}}
            source: {{estimate: "A test of an event on {target}"}}
        """
    )


def _write(tmp_path: Path, events: str = "", discount: str = "disc") -> tuple[Path, str]:
    text = THESIS.replace("EVENTS\n", events).replace("DISCOUNT", discount)
    path = tmp_path / "holding.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, start: str) -> int:
    return 1 + next(i for i, s in enumerate(text.splitlines()) if s.strip().startswith(start))


def test_a_discount_an_event_takes_below_zero_on_the_central_path_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = _write(tmp_path, _events("disc", -0.2, 0.9))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{_line(text, 'discount:')}: model.valuation.legs.sotp.discount: " in err, err
    assert "the discount 'disc' must stay within [0, 1]" in err, err
    assert "on the central path it is -0.05 in 2027" in err, err
    assert "event 'shock' adds -0.2 to 'disc'" in err, err
    assert "clips it into [0, 1]" in err and "invalid_sotp" in err, err


def test_a_written_discount_below_zero_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _write(tmp_path, discount="-0.1")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "legs.sotp.discount: the discount '-0.1' must stay within [0, 1]" in err, err
    assert "write a discount within [0, 1]" in err, err


def test_a_discount_below_zero_on_drawn_paths_only_is_a_warning_with_their_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = 0.05
    path, text = _write(tmp_path, _events("disc", -0.2, p))
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:{_line(text, 'discount:')}: model.valuation.legs.sotp.discount: " in err, err
    found = re.search(r"leaves \[0, 1\] on about ([0-9.]+)% of drawn paths", err)
    assert found, err
    # Four chances (2027-2030) at 5% a year: 1 - 0.95^4 of paths, within four standard errors.
    share, expected = float(found.group(1)) / 100, 1 - (1 - p) ** 4
    assert abs(share - expected) < 4 * math.sqrt(expected * (1 - expected) / DRAWN_PATHS), err
    assert "not on the central path" in err and "down to -0.05" in err, err


def test_a_terminal_growth_an_event_lifts_to_the_rate_on_drawn_paths_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text = _write(tmp_path, _events("tg", 0.08, 0.05))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    where = f"{path}:{_line(text, 'dcf:')}: model.valuation.legs.dcf.terminal_growth: "
    assert where in err, err
    assert "reaches the rate on about" in err and "a run stops with an error there" in err, err


def test_a_multiple_an_event_takes_below_zero_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _write(tmp_path, _events("mult_b", -10, 0.9))
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "legs.sotp.parts.ebit_b: the multiple 'mult_b' must stay at or above 0" in err, err
    assert "values what it multiplies as a liability" in err, err


def test_inputs_within_their_bounds_say_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _write(tmp_path, _events("disc", -0.1, 0.5))
    assert main(["validate", str(path)]) == 0
    assert "legs." not in capsys.readouterr().err


def test_a_discount_rate_an_event_takes_below_zero_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A terminal growth of -5% stays below the rate, so only the rate's own bound is left.
    path, text = _write(tmp_path, _events("wacc", -0.1, 0.9))
    text = text.replace('tg: {unit: "%", value: 0.02,', 'tg: {unit: "%", value: -0.05,')
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "legs.dcf.discount_rate: the discount rate 'wacc' must stay above 0" in err, err
    assert "on the central path it is -0.01 in 2027" in err, err
    assert "a later cash flow is worth as much as a nearer one" in err, err


def test_the_load_checks_the_central_path_and_validate_the_drawn_paths_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    import model

    path, _ = _write(tmp_path, _events("disc", -0.2, 0.05))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.load_thesis(path)
    # The central path keeps the discount within [0, 1]: the load says nothing of it ...
    assert not [w for w in caught if "drawn paths" in str(w.message)], [
        str(w.message) for w in caught
    ]
    # ... and validate, which also draws paths, warns with their share.
    assert main(["validate", str(path)]) == 0
    assert "of drawn paths" in capsys.readouterr().err
