"""Theses that learn: condition on evidence, explain what changed, say what to watch.

- :func:`condition` (a thesis or a run, given evidence: a conditioned result),
- :func:`attribute` (the change between two vintages split by group, Shapley values),
- :func:`watch` (which coming facts would move the value most),
- :func:`backtest` (where realised values fall in an old vintage's distributions).
"""

from __future__ import annotations

from model.learning.backtests import Backtest, backtest
from model.learning.groups import Group, assumption_groups
from model.learning.update import condition
from model.learning.vintages import Attribution, attribute
from model.learning.watchlist import WatchList, watch

__all__ = [
    "Attribution",
    "Backtest",
    "Group",
    "WatchList",
    "assumption_groups",
    "attribute",
    "backtest",
    "condition",
    "watch",
]
