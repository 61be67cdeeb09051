"""Building blocks of a thesis model: each expands to named lines (see :mod:`.base`).

Importing this package registers every block type in :data:`BLOCKS`:

==================  ==============================================================================
``market_segment``  market x share on the simplex (named rivals and the rest) -> segment revenue
``growth_segment``  revenue from a starting level compounding at a growth rate
``margin_glide``    a margin gliding linearly from a start to a target
``capex_schedule``  capital spending and straight-line depreciation (existing assets kept)
``share_count``     shares outstanding after buybacks and dilution
``net_cash``        net-cash roll-forward: cash kept less dividends and buybacks, with interest
==================  ==============================================================================
"""

from model.valuation.blocks import capex, cash, growth, margin, segment, shares
from model.valuation.blocks.base import (
    BLOCKS,
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Output,
    Param,
    block_type,
    register,
)

__all__ = [
    "BLOCKS",
    "BlockContext",
    "BlockResult",
    "BlockType",
    "Kind",
    "Output",
    "Param",
    "block_type",
    "capex",
    "cash",
    "growth",
    "margin",
    "register",
    "segment",
    "shares",
]
