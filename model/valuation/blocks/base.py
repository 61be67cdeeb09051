"""What a building block is: its parameters, the lines it produces, and how it computes them.

A block is a piece of a financial model that a thesis names instead of writing its lines by
hand: ``type: market_segment`` turns a market, its growth and the players' shares into the
market, share and revenue lines of one segment. Each block type declares

* its **parameters** (:class:`Param`): each is an expression of model lines (an assumption's
  name is the simplest one: ``market: china_cloud_market_2025``; ``capex: "0.05 * revenue"``
  works too), with the kind of quantity it must be (money, fraction, years, ...), checked with
  the unit checker; some are mappings (``players: {alibaba: alibaba_share, ...}``);
* its **options** (plain words such as ``company: alibaba`` or ``net_of: ai_cloud``);
* its **outputs** (:class:`Output`): the lines it adds, named from the block's name (the user's
  prefix) unless the thesis renames them (``outputs: {revenue: aws_sales}``), each with its unit
  kind and :class:`~model.valuation.roles.Role`;
* its **compute** function: vectorised numpy on ``(n, K)`` arrays, returning every output,
  optionally its value in the year before the first (a *prior*) and invariant masks.

Block types register themselves in :data:`BLOCKS` with :func:`register`; the model looks types up
there by the ``type:`` word, so adding a block is adding a module.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation.roles import Role

__all__ = [
    "BLOCKS",
    "SEGMENT_REVENUE",
    "BlockContext",
    "BlockResult",
    "BlockType",
    "Kind",
    "Output",
    "Param",
    "block_type",
    "fixed_outputs",
    "register",
]


class Kind(StrEnum):
    """The kind of quantity a parameter or output is (checked against its unit)."""

    MONEY = "money"  # an amount of the model currency (any scale; converted)
    FRACTION = "fraction"  # a pure number: rate, share, margin (%, share, 1)
    MULTIPLE = "multiple"  # a pure number used as a multiple (x)
    YEARS = "years"  # a pure number of years
    SHARES = "shares"  # a share count
    FX = "fx"  # price currency per unit of model currency
    NUMBER = "number"  # any pure number


@dataclass(frozen=True)
class Param:
    """One parameter of a block type.

    Attributes
    ----------
    key : str
        The key in the thesis file.
    kind : Kind
        What the expression must be.
    required : bool
        Whether the block needs it.
    mapping : bool
        A mapping of names (players) to expressions rather than one expression.
    doc : str
        One line for the documentation and error messages.
    """

    key: str
    kind: Kind
    required: bool = True
    mapping: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Output:
    """One line a block produces (its default name is ``pattern.format(name=<block name>)``).

    Attributes
    ----------
    slot : str
        The key of the output (``revenue``), also the key to rename it by.
    pattern : str
        Default line name, e.g. ``"revenue_{name}"``.
    kind : Kind or str
        :class:`Kind` for money and share counts (unit decided by the model), or a unit text
        (``"%"``, ``"share"``, ``"x"``).
    role : Role or None
        Role of the line.
    label : str
        Label pattern, e.g. ``"{label} revenue"``.
    """

    slot: str
    pattern: str
    kind: Kind | str
    role: Role | None = None
    label: str = ""
    prior: bool = False


#: The revenue line of a segment block (``revenue_<block>``), with the year before the first.
SEGMENT_REVENUE = Output(
    "revenue", "revenue_{name}", Kind.MONEY, Role.SEGMENT_REVENUE, "{label} revenue", prior=True
)


@dataclass(frozen=True)
class BlockResult:
    """What a block's compute function returns.

    Attributes
    ----------
    values : dict[str, ndarray]
        Output slot -> ``(n, K)`` array.
    priors : dict[str, ndarray]
        Output slot -> ``(n,)`` value in the year before the first (optional).
    flags : dict[str, ndarray]
        Invariant name -> bool ``(n,)`` mask of paths that broke it.
    """

    values: dict[str, np.ndarray]
    priors: dict[str, np.ndarray] = field(default_factory=dict)
    flags: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockContext:
    """Everything a compute function gets besides its parameter arrays.

    Attributes
    ----------
    n, K : int
        Paths and years computed (``K`` may be less than the model's years in a recursion).
    options : Mapping[str, Any]
        The block's options as parsed.
    priors : Mapping[str, ndarray or None]
        Parameter key -> its value in the year before the first, where it has one.
    extra : Mapping[str, ndarray]
        Arrays the block asked for besides its parameters (e.g. the market it is netted from,
        with its prior as column 0).
    years : tuple of int
        The calendar years of the ``K`` columns, for messages (empty when not known).
    """

    n: int
    K: int
    options: Mapping[str, Any]
    priors: Mapping[str, np.ndarray | None] = field(default_factory=dict)
    extra: Mapping[str, np.ndarray] = field(default_factory=dict)
    years: tuple[int, ...] = ()


Compute = Callable[[Mapping[str, Any], BlockContext], BlockResult]
#: ``(block name, options, parameter specs) -> output slots that exist`` for blocks whose
#: outputs depend on their settings (a segment's players).
Slots = Callable[[str, Mapping[str, Any], Mapping[str, Any]], list[Output]]


def fixed_outputs(*outputs: Output) -> Slots:
    """``outputs=`` of a block whose lines do not depend on its settings."""
    return lambda _name, _options, _params: list(outputs)


@dataclass(frozen=True)
class BlockType:
    """A registered block type.

    Attributes
    ----------
    name : str
        The ``type:`` word.
    doc : str
        What it models, with its equations (shown by the documentation and ``thesis outputs``).
    params : tuple of Param
    options : dict[str, str]
        Option key -> what it means.
    outputs : callable
        ``(block name, options, raw parameters) -> list of Output``.
    compute : callable
        ``(parameter arrays, BlockContext) -> BlockResult``.
    check : callable, optional
        ``(block name, options, raw parameters, other block specs) -> error message or ""``.
    needs : callable, optional
        ``options -> {extra key: (block name, output slot)}``: lines of other blocks read with
        their prior, given to compute in ``BlockContext.extra`` as ``(n, K + 1)`` arrays.
    """

    name: str
    doc: str
    params: tuple[Param, ...]
    options: dict[str, str]
    outputs: Slots
    compute: Compute
    check: Callable[..., str] | None = None
    needs: Callable[..., dict[str, tuple[str, str]]] | None = None

    def param(self, key: str) -> Param | None:
        """The parameter called ``key``, if any."""
        return next((p for p in self.params if p.key == key), None)


#: Every block type by its ``type:`` word.
BLOCKS: dict[str, BlockType] = {}


def register(block: BlockType) -> BlockType:
    """Add a block type to :data:`BLOCKS` (its ``type:`` word must be new)."""
    if block.name in BLOCKS:
        raise ValueError(f"block type {block.name!r} is registered twice")
    BLOCKS[block.name] = block
    return block


def block_type(word: str) -> BlockType:
    """The block type called ``word``.

    Raises
    ------
    KeyError
        With the known types and the closest match in the message.
    """
    from model.valuation import blocks  # noqa: F401 - importing registers every block type

    found = BLOCKS.get(word)
    if found is None:
        close = difflib.get_close_matches(str(word), list(BLOCKS), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise KeyError(f"unknown block type {word!r}; {hint}known types: {', '.join(BLOCKS)}")
    return found


def years_not_below_zero(p: Mapping[str, Any], field: str, expected: str) -> np.ndarray:
    """``p[field]``, a number of years (or one a path), as floats; empty when not given.

    Below zero is no length of time (a stray minus): refused at the field's line rather than
    read as 0, which every block's arithmetic would otherwise do without a word.
    """
    if p.get(field) is None:
        return np.empty(0)
    years = np.asarray(p[field], dtype=float)
    if np.any(years < 0.0):
        low = float(np.min(years))
        raise ParameterError(f"{low:g} years is below zero", field=field, expected=expected)
    return years
