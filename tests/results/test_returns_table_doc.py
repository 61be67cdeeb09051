"""The returns table's documentation says what its loss measures read on each basis.

On the year-end basis ``p_loss_30`` and ``expected_shortfall_5`` read the total return, the
dividends received counted (the README, the console and the notebook say so), while the
table's docstring called them the value against the price on every basis.
"""

from __future__ import annotations

import re

from model.results.analysis import ReturnsView


def test_the_table_names_the_total_return_on_the_year_end_basis() -> None:
    doc = re.sub(r"\s+", " ", ReturnsView.table.__doc__ or "")
    assert "on the year-end basis a total return, the dividends received counted" in doc
    assert "(value below 70 % of the price)" not in doc
