"""A thesis' own ``dividends_per_share`` that is not its dividends line per share is warned at.

An ADS of four ordinary shares, priced in dollars, of a company reporting in pounds: the
valuation makes ``dividends_per_share`` per ADS from the dividends line (``dividends *
fx_to_price / shares``, the ratio folded into the rate). A line of the thesis' own of that
name is used instead, as written; written per ordinary share (``dividends / shares *
usd_per_gbp``) it credited each ADS with a quarter of its dividend, silently lowering today's
value. ``validate`` and the load now warn at the line with both figures.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ThesisError, ThesisModelWarning

ADS = """\
format: 1
thesis:
  name: "An ADS of a UK company reporting in pounds"
  company: Example Engineering plc
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2026, last: 2028}
  price: {value: 30, unit: USD/share, date: 2025-12-31, source: {estimate: "An ADS price"}}
assumptions:
  ebitda_0: {unit: GBP m, value: 500, source: {estimate: "EBITDA flat at this level"}}
  fcf_0: {unit: GBP m, value: 200, source: {estimate: "Free cash flow flat at this level"}}
  div_0: {unit: GBP m, value: 100, source: {estimate: "Dividends paid each year"}}
  cash_0: {unit: GBP m, value: 0, source: {estimate: "No net cash at the FY2026 year end"}}
  shares_0: {unit: shares m, value: 400, source: {estimate: "Ordinary shares outstanding"}}
  evx: {unit: x, value: 6, source: {estimate: "Where engineering peers trade"}}
  usd_per_gbp: {unit: USD/GBP, value: 1.25, source: {estimate: "Dollars per pound, held flat"}}
  ads_ratio: {unit: "1", value: 4, source: {estimate: "One ADS stands for four ordinary shares"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity for an engineer"}}
model:
  kind: lines
  currency: GBP m
  fx_to_price: usd_per_gbp * ads_ratio
  blocks:
    count: {type: share_count, shares: shares_0}
    cash: {type: net_cash, start: cash_0, inflow: fcf, dividends: dividends, rate: ke}
  lines:
    ebitda: {value: ebitda_0, role: ebitda}
    fcf: {value: fcf_0, role: fcff}
    earnings: {value: fcf_0, role: earnings}
    dividends: {value: div_0, role: dividends}
DPS
  valuation:
    cost_of_equity: ke
    legs:
      ev_ebitda: {weight: 1, multiple: evx}
"""

PER_ORDINARY = "    dividends_per_share: {value: dividends / shares * usd_per_gbp, unit: USD/share}"
PER_ADS = (
    "    dividends_per_share: {value: dividends / shares * usd_per_gbp * ads_ratio, "
    "unit: USD/share}"
)


def _path(tmp_path: Path, dps: str) -> Path:
    path = tmp_path / "ads.yaml"
    path.write_text(ADS.replace("DPS", dps), encoding="utf-8")
    return path


def test_a_dividend_per_ordinary_share_against_a_price_per_ads_is_warned(tmp_path, capsys):
    path = _path(tmp_path, PER_ORDINARY)
    line = path.read_text().splitlines().index(PER_ORDINARY) + 1
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "own 'dividends_per_share'" in x]
    assert len(said) == 1, said
    (text,) = said
    assert text.startswith(f"warning: {path}:{line}: model.lines.dividends_per_share.value: ")
    # 100 GBP m x 1.25 / 400 m = 0.3125 a share; x 4 = 1.25 an ADS, which the line misses.
    assert "is 0.3125 a share in 2026 on the central path" in text, text
    assert "comes to 1.25 a share" in text and "0.25 times it" in text, text
    with pytest.warns(ThesisModelWarning, match="own 'dividends_per_share'"):
        model.load_thesis(path)


def test_the_dividend_per_ads_agrees_and_is_not_warned(tmp_path, capsys):
    path = _path(tmp_path, PER_ADS)
    assert main(["validate", str(path)]) == 0
    assert "own 'dividends_per_share'" not in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("error", ThesisModelWarning)
        thesis = model.load_thesis(path)
    # The ADS receives 1.25 a year; the balance (0 at FY2026, kept at ke) takes the rest.
    result = model.simulate(thesis, n_paths=2, seed=1)
    np.testing.assert_allclose(result.outputs["dividends_per_share"][0], 1.25)


def test_without_an_own_line_nothing_is_said(tmp_path, capsys):
    path = _path(tmp_path, "")
    assert main(["validate", str(path)]) == 0
    assert "own 'dividends_per_share'" not in capsys.readouterr().err


def test_a_count_that_is_an_assumption_is_read_as_the_valuation_reads_it(tmp_path, capsys):
    # No share_count block: the valuation's count is the assumption shares_0 itself, which
    # is no line of the model's outputs; the dividend per ordinary share is still warned.
    text = ADS.replace("    count: {type: share_count, shares: shares_0}\n", "")
    ke = "    cost_of_equity: ke\n"
    text = text.replace(ke, ke + "    shares: shares_0\n")
    own = PER_ORDINARY.replace("/ shares ", "/ shares_0 ")
    path = tmp_path / "count.yaml"
    path.write_text(text.replace("DPS", own), encoding="utf-8")
    line = path.read_text().splitlines().index(own) + 1
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "own 'dividends_per_share'" in x]
    assert len(said) == 1, said
    assert said[0].startswith(f"warning: {path}:{line}: model.lines.dividends_per_share.value: ")
    assert "is 0.3125 a share in 2026" in said[0] and "comes to 1.25 a share" in said[0], said
    # Per ADS it agrees, and nothing is said.
    path.write_text(text.replace("DPS", PER_ADS.replace("/ shares ", "/ shares_0 ")))
    assert main(["validate", str(path)]) == 0
    assert "own 'dividends_per_share'" not in capsys.readouterr().err


def test_an_assumption_of_that_name_is_refused_at_its_line(tmp_path, capsys):
    # An assumption named dividends_per_share kept the valuation from making the line, and no
    # output stated it: today's value and the returns credited the holders with no dividends.
    why = "The dividend per ADS the board declared"
    own = (
        f'  dividends_per_share: {{unit: USD/share, value: 1.25, source: {{estimate: "{why}"}}}}\n'
    )
    text = ADS.replace("DPS\n", "").replace("assumptions:\n", "assumptions:\n" + own)
    path = tmp_path / "assumed.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(own.rstrip("\n")) + 1
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{line}: assumptions.dividends_per_share: "), said
    assert "from the dividends line 'dividends'" in said, said
    assert "write the line 'dividends_per_share: dps'" in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisError, match=r"assumptions\.dividends_per_share: an assumption"):
            model.load_thesis(path)


def test_the_assumption_renamed_and_written_as_the_line_is_counted(tmp_path, capsys):
    # What the error asks for: the figure as an assumption of another name, and a line of that
    # name reading it, used as written. 100 GBP m over 400 m shares at 1.25 x 4 is 1.25 an ADS.
    why = "The dividend per ADS the board declared"
    own = f'  dps: {{unit: USD/share, value: 1.25, source: {{estimate: "{why}"}}}}\n'
    text = ADS.replace("assumptions:\n", "assumptions:\n" + own)
    path = tmp_path / "renamed.yaml"
    path.write_text(text.replace("DPS", "    dividends_per_share: {value: dps, unit: USD/share}"))
    assert main(["validate", str(path)]) == 0
    assert "own 'dividends_per_share'" not in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = model.central(model.load_thesis(path))
    np.testing.assert_allclose(out["dividends_per_share"], 100 / 400 * 1.25 * 4, rtol=1e-12)
