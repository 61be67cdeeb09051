"""A tornado bar of an event whose "happens" year is not the year the central case puts it in
says so on the console: the central value then lies outside the bar."""

from __future__ import annotations

import io

from model.export.console import print_tornado
from model.sensitivities.results import TornadoBar, TornadoResult


def _line(bar: TornadoBar, year_end: str | None = None) -> str:
    out = io.StringIO()
    print_tornado(TornadoResult("y", 2031, 11.0, (bar,), output_unit="EUR/share"), out, top=5,
                  year_end=year_end)  # fmt: skip
    return next(line for line in out.getvalue().splitlines() if "recession" in line)


def test_an_event_the_central_case_puts_later_says_when():
    bar = TornadoBar("recession", "", "", 0.0, 1.0, 14.03, 13.11, "event", 2029, 2031)
    assert _line(bar).endswith("happens from 2029 vs not (the central case has it from 2031)")


def test_a_fiscal_year_is_named_as_the_bar_names_its_own():
    bar = TornadoBar("recession", "", "", 0.0, 1.0, 14.03, 13.11, "event", 2029, 2031)
    assert _line(bar, "03-31").endswith("(the central case has it from FY2031)")


def test_an_event_the_central_case_has_the_same_year_or_never_says_nothing_more():
    same = TornadoBar("recession", "", "", 0.0, 1.0, 14.03, 13.11, "event", 2029, 2029)
    never = TornadoBar("recession", "", "", 0.0, 1.0, 14.03, 13.11, "event", 2029, None)
    assert _line(same).endswith("happens from 2029 vs not")
    assert _line(never).endswith("happens from 2029 vs not")
