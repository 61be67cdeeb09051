"""The thesis file's ``model:`` section: parsing and validation.

Every value in the section is the *name* of an assumption (fixed, distribution, derived or
process), never a literal number, so that every number the model uses has a source. Parsing
checks the structure (unknown keys, missing roles, names that look like names, segments and
players that fit together, output names that stay unique). Every role is listed with the kind
of quantity it needs (:meth:`ModelConfig.roles`), so that :mod:`model.valuation.unitplan` can
check names and units against a thesis and :mod:`model.valuation.checks` its numbers. Every
error is a :class:`~model.errors.ThesisError` pointing at the file and line of the field.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from model.errors import ParameterError, ThesisError
from model.inputs.units import Unit, UnitError, parse_unit
from model.valuation.revenue import REST, segment_order

#: An assumption name as the file format allows it.
Name = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]

#: ``field path -> (file, line)``, as :meth:`Thesis.locate` provides; may raise if unknown.
Locator = Callable[[tuple[str, ...]], tuple[str | None, int | None]]


class ModelKind(StrEnum):
    """Which valuation model a thesis uses."""

    SEGMENTS = "segments"


class RoleKind(StrEnum):
    """What kind of quantity a role of the ``model:`` section needs."""

    MONEY = "money"  # an amount of the model currency, any scale
    FRACTION = "fraction"  # a pure number: rate, share, probability (%, share, 1)
    MULTIPLE = "multiple"  # a pure number used as a multiple (x)
    YEARS = "years"  # a pure number of years
    SHARES = "shares"  # a share count
    FX = "fx"  # price currency per unit of model currency


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SegmentConfig(_Section):
    """One revenue segment: market size times the company's share, plus other revenue."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "market": RoleKind.MONEY,
        "market_growth": RoleKind.FRACTION,
        "other_revenue": RoleKind.MONEY,
        "other_revenue_growth": RoleKind.FRACTION,
        "margin_start": RoleKind.FRACTION,
        "margin_target": RoleKind.FRACTION,
        "margin_years": RoleKind.YEARS,
    }

    label: str | None = None
    market: Name
    market_growth: Name
    net_of: Name | None = None
    players: dict[Name, Name] = Field(min_length=1)
    company: Name
    share_drift: dict[Name, Name] = Field(default_factory=dict)
    other_revenue: Name | None = None
    other_revenue_growth: Name | None = None
    margin_start: Name
    margin_target: Name
    margin_years: Name


class RestConfig(_Section):
    """The rest of the group, valued on its after-tax earnings."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "earnings": RoleKind.MONEY,
        "growth": RoleKind.FRACTION,
    }

    earnings: Name
    growth: Name | None = None


class PEConfig(_Section):
    """Earnings multiple with a possible re-rating toward a peer."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "multiple_now": RoleKind.MULTIPLE,
        "multiple_peer": RoleKind.MULTIPLE,
        "rerating": RoleKind.FRACTION,
        "rerating_fraction": RoleKind.FRACTION,
    }

    multiple_now: Name
    multiple_peer: Name
    rerating: Name
    rerating_fraction: Name


class DCFConfig(_Section):
    """Discounted cash flow with a Gordon terminal value."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "wacc": RoleKind.FRACTION,
        "terminal_growth": RoleKind.FRACTION,
    }

    wacc: Name
    terminal_growth: Name


class SOTPConfig(_Section):
    """Sum of the parts."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "cloud_multiple": RoleKind.MULTIPLE,
        "rest_multiple": RoleKind.MULTIPLE,
        "regulatory_discount": RoleKind.FRACTION,
    }

    cloud_multiple: Name
    rest_multiple: Name
    regulatory_discount: Name


class WeightsConfig(_Section):
    """Weights of the three methods in the headline value (must sum to 1)."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "pe": RoleKind.FRACTION,
        "dcf": RoleKind.FRACTION,
        "sotp": RoleKind.FRACTION,
    }

    pe: Name
    dcf: Name
    sotp: Name


class ValuationConfig(_Section):
    """The three valuation methods and their weights."""

    pe: PEConfig
    dcf: DCFConfig
    sotp: SOTPConfig
    weights: WeightsConfig


class ModelConfig(_Section):
    """The whole ``model:`` section (kind ``segments``)."""

    ROLE_KINDS: ClassVar[dict[str, RoleKind]] = {
        "tax_rate": RoleKind.FRACTION,
        "capex": RoleKind.MONEY,
        "capex_years": RoleKind.YEARS,
        "maintenance_capex": RoleKind.MONEY,
        "depreciation_life": RoleKind.YEARS,
        "net_cash": RoleKind.MONEY,
        "shares": RoleKind.SHARES,
        "buyback": RoleKind.MONEY,
        "buyback_years": RoleKind.YEARS,
        "fx_to_price": RoleKind.FX,
    }

    kind: ModelKind
    currency: str
    segments: dict[Name, SegmentConfig] = Field(min_length=1)
    rest: RestConfig | None = None
    tax_rate: Name
    capex: Name | None = None
    capex_years: Name | None = None
    maintenance_capex: Name | None = None
    depreciation_life: Name | None = None
    net_cash: Name
    shares: Name
    buyback: Name | None = None
    buyback_years: Name | None = None
    fx_to_price: Name | None = None
    valuation: ValuationConfig

    @property
    def currency_unit(self) -> Unit:
        """The model currency as a unit (e.g. ``USD bn``)."""
        return parse_unit(self.currency)

    def net_of(self) -> dict[str, str | None]:
        """Segment -> the segment whose market it excludes (or None)."""
        return {name: seg.net_of for name, seg in self.segments.items()}

    def roles(self) -> Iterator[Role]:
        """Every assumption the model reads, with its field path and the kind it needs."""
        for seg_name, seg in self.segments.items():
            base = ("segments", seg_name)
            yield from _roles(seg, base)
            for group in ("players", "share_drift"):
                for player, name in getattr(seg, group).items():
                    yield Role((*base, group, player), name, RoleKind.FRACTION)
        if self.rest is not None:
            yield from _roles(self.rest, ("rest",))
        yield from _roles(self, ())
        for method in ("pe", "dcf", "sotp", "weights"):
            yield from _roles(getattr(self.valuation, method), ("valuation", method))

    def input_names(self) -> tuple[str, ...]:
        """Distinct assumption names the model reads, in first-use order."""
        return tuple(dict.fromkeys(role.name for role in self.roles()))


@dataclass(frozen=True)
class Role:
    """One use of an assumption by the model.

    Attributes
    ----------
    path : tuple of str
        Field path inside the ``model:`` section, e.g. ``("segments", "cloud", "market")``.
    name : str
        The assumption it names.
    kind : RoleKind
        What the value must be.
    """

    path: tuple[str, ...]
    name: str
    kind: RoleKind


def _roles(section: BaseModel, base: tuple[str, ...]) -> Iterator[Role]:
    """Roles of the plain (single-name) fields of one section, from its ``ROLE_KINDS``."""
    for key, kind in cast(Any, type(section)).ROLE_KINDS.items():
        name = getattr(section, key)
        if name is not None:
            yield Role((*base, key), name, kind)


# -- parsing -----------------------------------------------------------------------------------


def no_locator(path: tuple[str, ...]) -> tuple[str | None, int | None]:
    """A locator that knows no files (for a ``model:`` section built in code).

    Parameters
    ----------
    path : tuple of str
        A field path (ignored).

    Returns
    -------
    (None, None)
    """
    return None, None


def field_location(locate: Locator, path: tuple[str, ...]) -> tuple[str | None, int | None]:
    """File and line of a field, falling back to its closest located parent."""
    for cut in range(len(path), 0, -1):
        try:
            file, line = locate(path[:cut])
        except (KeyError, LookupError, ValueError, TypeError):
            continue
        if file is not None or line is not None:
            return file, line
    return None, None


def located_error(
    locate: Locator, path: tuple[str, ...], message: str, expected: str | None = None
) -> ThesisError:
    """A :class:`ThesisError` for a field of the ``model:`` section, with file and line.

    Parameters
    ----------
    locate : callable
        ``field path -> (file, line)``; fields it cannot find fall back to their parents.
    path : tuple of str
        The field inside the ``model:`` section, e.g. ``("valuation", "dcf", "wacc")``.
    message : str
        What is wrong.
    expected : str, optional
        What would be accepted, when the message does not already say it.

    Returns
    -------
    ThesisError
    """
    file, line = field_location(locate, ("model", *path))
    try:  # in a block scalar (``>-``), the line holding the name the message is about
        file, line = locate(("model", *path), about=message)  # type: ignore[call-arg]
    except (KeyError, LookupError, ValueError, TypeError):
        pass  # a locator without ``about``, or a field it cannot find: its parent's line
    return ThesisError(
        message, file=file, line=line, field=".".join(("model", *path)), expected=expected
    )


def _fields_at(loc: tuple[str | int, ...]) -> list[str]:
    """Allowed keys of the section at ``loc`` (for did-you-mean hints)."""
    cls: Any = ModelConfig
    for key in loc:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return []
        info = cls.model_fields.get(str(key))
        if info is None:
            # a key of a dict-valued field (segment name): step into the value type
            continue
        cls = info.annotation
        for _ in range(3):  # unwrap Optional[...] and dict[str, X]
            args = [a for a in typing.get_args(cls) if a is not type(None)]
            if (isinstance(cls, type) and issubclass(cls, BaseModel)) or not args:
                break
            cls = args[-1]
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return list(cls.model_fields)
    return []


def _explain(err: Mapping[str, Any]) -> tuple[tuple[str, ...], str, str | None]:
    loc = tuple(str(part) for part in err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(err["loc"][:-1])
        close = difflib.get_close_matches(loc[-1], allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        for section in ((), ("valuation",)):  # a key of another fixed section: say which
            if not close and section != loc[:-1] and loc[-1] in _fields_at(section):
                where = ".".join(("model", *section))
                hint = f"; {loc[-1]!r} is a key of '{where}:', not of this section: move it there"
        return loc, f"unknown key {loc[-1]!r}{hint}", ", ".join(allowed) or None
    if kind == "missing":
        return loc, "required key is missing", None
    if kind in ("string_type", "string_pattern_mismatch") and loc[-1:] != ("currency",):
        got = err.get("input")
        return (
            loc,
            f"must name an assumption such as 'tax_rate', not {got!r}: every number the model "
            "uses is an assumption with a source",
            None,
        )
    return loc, str(err["msg"]), None


def parse_model_section(section: Any, locate: Locator | None = None) -> ModelConfig:
    """Parse and check the structure of a ``model:`` section.

    Parameters
    ----------
    section : Mapping
        The raw ``model:`` mapping from the thesis file.
    locate : callable, optional
        ``field path -> (file, line)`` for error messages (e.g. :meth:`Thesis.locate`).

    Returns
    -------
    ModelConfig

    Raises
    ------
    ThesisError
        On unknown or missing keys, literal numbers where a name belongs, an unknown ``kind``,
        a model currency that is not money, a player called ``rest``, a ``company`` that is not
        a player, drift for an unknown player, a bad ``net_of``, or a role given without its
        partner (``capex`` without ``capex_years``, ...).
    """
    locate = locate or no_locator
    if not isinstance(section, Mapping):
        raise located_error(locate, (), "must be a mapping", "the keys of the model section")
    try:
        config = ModelConfig.model_validate(dict(section))
    except ValidationError as exc:
        # A misspelt key also makes the intended key "missing"; report the misspelling first,
        # since it carries the did-you-mean hint.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc, message, expected = _explain(errors[0])
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problem(s) in the model section)"
        raise located_error(locate, loc, message, expected) from None
    _check_structure(config, locate)
    return config


def _check_structure(config: ModelConfig, locate: Locator) -> None:
    try:
        unit = config.currency_unit
    except UnitError as exc:
        raise located_error(locate, ("currency",), str(exc)) from None
    if not unit.is_money:
        raise located_error(
            locate,
            ("currency",),
            f"{config.currency!r} is not an amount of money",
            "a currency with an optional scale, e.g. 'USD bn'",
        )
    for name, seg in config.segments.items():
        base = ("segments", name)
        if REST in seg.players:
            raise located_error(
                locate,
                (*base, "players", REST),
                "'rest' is implied (1 minus the named players); do not list it",
            )
        if seg.company not in seg.players:
            raise located_error(
                locate,
                (*base, "company"),
                f"{seg.company!r} is not one of the segment's players",
                ", ".join(seg.players),
            )
        for player in seg.share_drift:
            if player not in seg.players and player != REST:
                close = difflib.get_close_matches(player, [*seg.players, REST], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise located_error(
                    locate,
                    (*base, "share_drift", player),
                    f"{player!r} is not a player of the segment{hint}",
                )
        if seg.other_revenue_growth is not None and seg.other_revenue is None:
            raise located_error(
                locate, (*base, "other_revenue_growth"), "other_revenue_growth needs other_revenue"
            )
        if seg.net_of is not None and seg.net_of not in config.segments:
            close = difflib.get_close_matches(seg.net_of, list(config.segments), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise located_error(
                locate, (*base, "net_of"), f"{seg.net_of!r} is not a segment of the model{hint}"
            )
        if seg.net_of == name:
            raise located_error(locate, (*base, "net_of"), "a segment cannot be net of itself")
    try:
        segment_order(config.net_of())
    except ParameterError as exc:
        raise located_error(locate, ("segments",), exc.message) from None
    output_kinds(config, locate)
    pairs = (("capex", "capex_years"), ("buyback", "buyback_years"))
    for first, second in pairs:
        a, b = getattr(config, first), getattr(config, second)
        if (a is None) != (b is None):
            missing = second if a is not None else first
            raise located_error(locate, (missing,), f"{first} and {second} must be given together")
    spends = config.capex is not None or config.maintenance_capex is not None
    if spends and config.depreciation_life is None:
        raise located_error(
            locate,
            ("depreciation_life",),
            "capital spending needs a depreciation_life to be depreciated",
        )


# -- output names -----------------------------------------------------------------------------

#: Placeholder units of :func:`output_kinds`, replaced by the real units by the model.
MONEY, PRICE, SHARE_COUNT = "<money>", "<price>", "<shares>"

#: Group-level outputs and their units (placeholders for money, price and share count).
GROUP_OUTPUTS: dict[str, str] = {
    "revenue_cloud_total": MONEY,
    "revenue_growth_cloud": "%",
    "operating_profit_cloud": MONEY,
    "earnings_rest": MONEY,
    "earnings": MONEY,
    "capex": MONEY,
    "depreciation": MONEY,
    "fcf": MONEY,
    "buyback_spend": MONEY,
    "shares": SHARE_COUNT,
    "eps": PRICE,
    "pe_multiple": "x",
    "exit_pe": "x",
    "value_pe": MONEY,
    "value_dcf": MONEY,
    "value_dcf_path": MONEY,
    "value_sotp": MONEY,
    "equity_value": MONEY,
    "value_per_share_pe": PRICE,
    "value_per_share_dcf": PRICE,
    "value_per_share_sotp": PRICE,
    "value_per_share": PRICE,
    "total_return": "%",
    "return_annual": "%",
}


def output_kinds(config: ModelConfig, locate: Locator | None = None) -> dict[str, str]:
    """Every output name of the model with its unit (placeholders for money, price, shares).

    Parameters
    ----------
    config : ModelConfig
    locate : callable, optional
        ``field path -> (file, line)`` for the error.

    Returns
    -------
    dict[str, str]
        Segment outputs first (in declaration order), then :data:`GROUP_OUTPUTS`.

    Raises
    ------
    ThesisError
        If two outputs would get the same name (e.g. a segment called ``cloud_total`` makes
        ``revenue_cloud_total`` ambiguous).
    """
    owners: dict[str, tuple[str, ...]] = {}
    kinds: dict[str, str] = {}

    def add(name: str, unit: str, path: tuple[str, ...]) -> None:
        if name in owners:
            raise located_error(
                locate or no_locator,
                path,
                f"output name {name!r} would be produced twice "
                f"(also by model.{'.'.join(owners[name]) or 'outputs'}); rename the segment "
                "or player",
            )
        owners[name] = path
        kinds[name] = unit

    for seg_name, seg in config.segments.items():
        base = ("segments", seg_name)
        add(f"market_{seg_name}", MONEY, base)
        if seg.net_of is not None:
            add(f"market_{seg_name}_gross", MONEY, (*base, "net_of"))
        for player in (*seg.players, REST):
            add(f"share_{seg_name}_{player}", "share", (*base, "players", player))
        add(f"revenue_{seg_name}", MONEY, base)
        add(f"margin_{seg_name}", "%", base)
        add(f"segment_profit_{seg_name}", MONEY, base)
    for name, unit in GROUP_OUTPUTS.items():
        add(name, unit, ())
    return kinds
