"""Model kind ``lines``: the thesis' own P&L and cash-flow lines, blocks and valuation legs.

``graph`` orders lines (same-year reads, recursions through earlier years, cycles); ``env`` holds
one evaluation's state; ``nodes`` are expression lines and block instances; ``build`` checks a
``model:`` section and builds the pieces; ``legs`` wires the ``valuation:`` section to valuation
legs; ``model`` is :class:`LineModel`, the callable the engine runs.
"""

from model.valuation.lines.model import LineModel

__all__ = ["LineModel"]

# The finance library's legs (one equity bridge, phased re-rating, consistent terminal values)
# take the words pe, sotp and dcf; the first three stay as pe_v1, sotp_v1 and dcf_v1.
from model.valuation.legs.wiring import register_all as _register_finance_legs

_register_finance_legs()
