"""Thesis files: safe loading, validation, provenance checks and the :class:`Thesis` object.

The main entry point is :func:`load_thesis`; :meth:`Thesis.ledger` lists every number with its
source and central value (:func:`format_ledger` prints it for a terminal), and
:meth:`Thesis.to_spec` hands the thesis to the Monte Carlo engine.
"""

from model.inputs.assembly.assemble import ScenarioInfo
from model.inputs.assembly.items import (
    Assumption,
    CorrelationDef,
    EffectDef,
    EffectOp,
    EventDef,
    Kind,
    Price,
    ProcessDef,
    ScoreItem,
    Weight,
)
from model.inputs.assembly.ledger import central_values, format_ledger
from model.inputs.assembly.thesis import LEDGER_COLUMNS, Thesis, load_thesis
from model.inputs.expressions.expr import Evaluation, Expression, compile_expression
from model.inputs.sources.provenance import Source, SourceKind
from model.inputs.units import Unit, UnitError, convert, parse_unit

__all__ = [
    "LEDGER_COLUMNS",
    "Assumption",
    "CorrelationDef",
    "EffectDef",
    "EffectOp",
    "Evaluation",
    "EventDef",
    "Expression",
    "Kind",
    "Price",
    "ProcessDef",
    "ScenarioInfo",
    "ScoreItem",
    "Source",
    "SourceKind",
    "Thesis",
    "Unit",
    "UnitError",
    "Weight",
    "central_values",
    "compile_expression",
    "convert",
    "format_ledger",
    "load_thesis",
    "parse_unit",
]
